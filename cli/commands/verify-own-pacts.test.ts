// `occ verify --pact-dir / --pact` with a consumer team's own pact files, written here into a temporary folder as a
// team's Pact library would write them: against the embedded mock, against a standalone `occ mock` with a fault,
// with an unknown provider state, with expectations the contract never promised, and with paths that are wrong.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from '../../mock/index.ts';
import { spawnOcc } from '../testing/spawn-occ.ts';
import { type StandaloneMock, startStandaloneMock } from '../testing/standalone-mock.ts';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const EXAMPLE_ORDER = '11111111-2222-4333-8444-555555555555';
const EXAMPLE_CONTACT = '66666666-7777-4888-9999-000000000000';
const AUTH = 'Basic Y2hlY2tvdXQ6c2VjcmV0';
const regex = (pattern: string) => ({ combine: 'AND', matchers: [{ match: 'regex', regex: pattern }] });
const byType = { combine: 'AND', matchers: [{ match: 'type' }] };
const json = (content: unknown) => ({ content, contentType: 'application/json', encoded: false });
const fromState = (expression: string) => ({ path: { type: 'ProviderState', expression } });
const ADA = { firstName: 'Ada', lastName: 'Lovelace', gender: 'female' };

/** A V4 HTTP interaction the way pact-js writes one. */
function v4(interaction: {
  description: string;
  states: Array<{ name: string; params?: Record<string, unknown> }>;
  method: string;
  path: string;
  pathFromState?: string;
  body?: unknown;
  status: number;
  statusMatcher?: unknown;
  responseBody?: unknown;
  responseRules?: Record<string, unknown>;
}) {
  return {
    type: 'Synchronous/HTTP',
    description: interaction.description,
    pending: false,
    providerStates: interaction.states,
    request: {
      method: interaction.method,
      path: interaction.path,
      headers: {
        Authorization: [AUTH],
        ...(interaction.body ? { 'Content-Type': ['application/json'] } : {}),
      },
      ...(interaction.body ? { body: json(interaction.body) } : {}),
      ...(interaction.pathFromState ? { generators: fromState(interaction.pathFromState) } : {}),
      matchingRules: { header: { Authorization: regex('^Basic .+$') } },
    },
    response: {
      status: interaction.status,
      headers: { 'Content-Type': ['application/json'] },
      ...(interaction.responseBody ? { body: json(interaction.responseBody) } : {}),
      matchingRules: {
        ...(interaction.responseRules ? { body: interaction.responseRules } : {}),
        ...(interaction.statusMatcher ? { status: { $: interaction.statusMatcher } } : {}),
      },
    },
  };
}

function pactV4(consumer: string, interactions: unknown[]) {
  return {
    consumer: { name: consumer },
    provider: { name: 'sitecore-cdp-order-contacts' },
    interactions,
    metadata: { pactSpecification: { version: '4.0' } },
  };
}

/** The checkout team's pact: create a contact on an order, retrieve it, list the order's contacts (V4). */
const checkoutPact = pactV4('checkout-web', [
  v4({
    description: 'create the buyer as a contact of the order',
    states: [{ name: 'an order exists' }],
    method: 'POST',
    path: `/v2.1/orders/${EXAMPLE_ORDER}/contacts`,
    pathFromState: `/v2.1/orders/\${orderRef}/contacts`,
    body: { ...ADA, emails: ['ada@example.com'] },
    status: 201,
    responseBody: { ref: EXAMPLE_CONTACT, firstName: 'Ada', emails: ['ada@example.com'] },
    responseRules: { '$.ref': regex(UUID) },
  }),
  v4({
    description: 'retrieve the buyer contact',
    states: [{ name: 'an order with a contact exists', params: ADA }],
    method: 'GET',
    path: `/v2.1/orderContacts/${EXAMPLE_CONTACT}`,
    pathFromState: `/v2.1/orderContacts/\${orderContactRef}`,
    status: 200,
    responseBody: { ref: EXAMPLE_CONTACT, firstName: 'Ada', lastName: 'Lovelace', gender: 'female' },
    responseRules: { '$.ref': regex(UUID) },
  }),
  v4({
    description: 'list the contacts of the order',
    states: [{ name: 'an order with a contact exists', params: ADA }],
    method: 'GET',
    path: `/v2.1/orders/${EXAMPLE_ORDER}/contacts`,
    pathFromState: `/v2.1/orders/\${orderRef}/contacts`,
    status: 200,
    responseBody: { items: [{ ref: EXAMPLE_CONTACT }] },
    responseRules: {
      '$.items': { combine: 'AND', matchers: [{ match: 'type', min: 1 }] },
      '$.items[*].ref': regex(UUID),
    },
  }),
]);

/** The same team's older V3 pact of the legacy version: a contact that does not exist. */
const legacyPact = {
  consumer: { name: 'checkout-web' },
  provider: { name: 'sitecore-cdp-order-contacts' },
  interactions: [
    {
      description: 'retrieve a contact that does not exist, legacy API',
      providerStates: [{ name: 'no order contact with ref orderContactRef exists' }],
      request: {
        method: 'GET',
        path: '/v2/orderContacts/00000000-0000-4000-8000-000000000000',
        headers: { Authorization: AUTH },
      },
      response: {
        status: 404,
        headers: { 'Content-Type': 'application/json' },
        body: { code: 404 },
        matchingRules: { body: { '$.code': { matchers: [{ match: 'integer' }] } } },
      },
    },
  ],
  metadata: { pactSpecification: { version: '3.0.0' } },
};

/** A pact that expects what the vendor never promised, though the mock (with extra-fields) agrees; and a typo'd state. */
const overreachingPact = pactV4('loyalty-app', [
  v4({
    description: 'create a contact and expect 200',
    states: [{ name: 'an order exists' }],
    method: 'POST',
    path: `/v2.1/orders/${EXAMPLE_ORDER}/contacts`,
    pathFromState: `/v2.1/orders/\${orderRef}/contacts`,
    body: ADA,
    status: 200,
    statusMatcher: { combine: 'AND', matchers: [{ match: 'statusCode', status: 'success' }] },
    responseBody: { firstName: 'Ada' },
  }),
  v4({
    description: 'retrieve a contact with its tenant',
    states: [{ name: 'an order with a contact exists', params: ADA }],
    method: 'GET',
    path: `/v2.1/orderContacts/${EXAMPLE_CONTACT}`,
    pathFromState: `/v2.1/orderContacts/\${orderContactRef}`,
    status: 200,
    responseBody: { firstName: 'Ada', tenantId: 'tenant-1' },
    responseRules: { '$.tenantId': byType },
  }),
  v4({
    description: 'retrieve a contact under a misspelt state',
    states: [{ name: 'an order with contact exists' }],
    method: 'GET',
    path: `/v2.1/orderContacts/${EXAMPLE_CONTACT}`,
    pathFromState: `/v2.1/orderContacts/\${orderContactRef}`,
    status: 200,
  }),
]);

let dir: string;
let teamDir: string;
let mock: StandaloneMock;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'occ-own-pacts-'));
  teamDir = join(dir, 'pacts');
  mkdirSync(teamDir);
  writeFileSync(join(teamDir, 'checkout-web-orders.json'), JSON.stringify(checkoutPact, null, 2));
  writeFileSync(join(teamDir, 'checkout-web-orders-v2.json'), JSON.stringify(legacyPact, null, 2));
  writeFileSync(join(dir, 'loyalty-app.json'), JSON.stringify(overreachingPact, null, 2));
  mock = await startStandaloneMock(['--fault', 'create-omits-ref']);
}, 30_000);

afterAll(async () => {
  await mock?.close();
});

/** The lines occ printed for one interaction: its mark and name, then what is indented under it. */
function block(stdout: string, name: string): string {
  const lines = stdout.split('\n').map((line) => line.replace(/^occ: /, ''));
  const start = lines.findIndex((line) => /^[✓✗?-] /.test(line) && line.includes(name));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith(' '));
  return start < 0 ? '' : lines.slice(start, end < 0 ? undefined : end).join('\n');
}

const ledger = () => ['--ledger-dir', mkdtempSync(join(tmpdir(), 'occ-own-pacts-ledger-'))];

describe('occ verify with a team’s own pacts', () => {
  it('verifies a folder of V4 and V3 pacts against the embedded mock, provider states and their values included', async () => {
    const outcome = await spawnOcc(['verify', '--pact-dir', teamDir, ...ledger()]);
    expect({ code: outcome.code, stdout: outcome.stdout, stderr: outcome.stderr }).toMatchObject({ code: 0 });
    expect(outcome.stdout).toMatch(/verifying 4 interactions of 2 pact files/);
    for (const name of [
      'create the buyer as a contact of the order (v2.1)',
      'retrieve the buyer contact (v2.1)',
      'list the contacts of the order (v2.1)',
      'retrieve a contact that does not exist, legacy API (v2)',
    ])
      expect(outcome.stdout).toContain(`✓ ${name}`);
    expect(outcome.stdout).toContain('4 passed, 0 failed, 0 inconclusive, 0 skipped');
    expect(outcome.stdout).not.toContain('contract');
  }, 90_000);

  it('fails the same pacts against a standalone mock whose create leaves out the ref', async () => {
    const outcome = await spawnOcc([
      'verify',
      '--base-url',
      mock.url,
      '--client-key',
      DEFAULT_CLIENT_KEY,
      '--api-token',
      DEFAULT_API_TOKEN,
      '--pact-dir',
      teamDir,
      ...ledger(),
    ]);
    expect({ code: outcome.code, stderr: outcome.stderr }).toMatchObject({ code: 1 });
    expect(outcome.stdout).toContain('✗ create the buyer as a contact of the order (v2.1)');
    expect(block(outcome.stdout, 'create the buyer')).toMatch(/missing the following keys: ref/);
    expect(outcome.stdout).toContain('✓ retrieve the buyer contact (v2.1)');
    expect(outcome.stdout).toContain('3 passed, 1 failed');
    expect(mock.requests().some((r) => r.method === 'POST' && /\/contacts$/.test(r.path))).toBe(true);
  }, 90_000);

  it('flags what the contract never promised where the Verifier passed, and names an unknown state', async () => {
    const outcome = await spawnOcc([
      'verify',
      '--pact',
      join(dir, 'loyalty-app.json'),
      '--mock-variant',
      'extra-fields',
      ...ledger(),
    ]);
    expect({ code: outcome.code, stderr: outcome.stderr }).toMatchObject({ code: 1 });
    const create = block(outcome.stdout, 'create a contact and expect 200');
    expect(create).toMatch(/^✗ /);
    expect(create).toContain('the Verifier: passed; the contract cross-check found 1:');
    expect(create).toMatch(
      /contract OC-CREATE-201 MUST: Received: status 200 expected from createOrderContact/,
    );
    const tenant = block(outcome.stdout, 'retrieve a contact with its tenant');
    expect(tenant).toContain('the Verifier: passed');
    expect(tenant).toMatch(/contract \(no rule: undocumented\) MUST: Received: [^\n]*"tenantId"/);
    const misspelt = block(outcome.stdout, 'retrieve a contact under a misspelt state');
    expect(misspelt).toContain("unknown provider state 'an order with contact exists'; known: ");
    expect(misspelt).toContain("nearest: 'an order with a contact exists'");
    expect(misspelt).not.toContain('the contract cross-check');
    expect(outcome.stdout).toContain('0 passed, 3 failed');
  }, 90_000);

  it('refuses missing, non-JSON, non-Pact and other APIs’ pacts before any request, all at once (exit 2)', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'notes.json'), '{ not json');
    writeFileSync(
      join(bad, 'payments.json'),
      JSON.stringify({
        ...pactV4('checkout-web', []),
        interactions: [
          {
            description: 'pay',
            request: { method: 'POST', path: '/v1/payments' },
            response: { status: 201 },
          },
        ],
      }),
    );
    writeFileSync(
      join(bad, 'v1.json'),
      JSON.stringify({ ...legacyPact, metadata: { pactSpecification: { version: '1.0.0' } } }),
    );
    await mock.quiet();
    const before = mock.requests().length;
    const outcome = await spawnOcc([
      'verify',
      '--base-url',
      mock.url,
      '--pact',
      join(dir, 'missing.json'),
      '--pact-dir',
      bad,
      '--pact-dir',
      join(dir, 'no-such-folder'),
      ...ledger(),
    ]);
    await mock.quiet();
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(
      `--pact: received "${join(dir, 'missing.json')}", a file occ cannot read (ENOENT)`,
    );
    expect(outcome.stderr).toContain(
      `--pact-dir: received "${join(dir, 'no-such-folder')}", a folder occ cannot read (ENOENT)`,
    );
    expect(outcome.stderr).toMatch(/notes\.json", which is not JSON/);
    expect(outcome.stderr).toMatch(
      /payments\.json", a pact of provider "sitecore-cdp-order-contacts" whose interactions hit neither \/v2\.1\/… nor \/v2\/… [^\n]*found POST \/v1\/payments/,
    );
    expect(outcome.stderr).toMatch(
      /v1\.json", a pact of specification "1\.0\.0"; occ verifies Pact V2, V3 and V4 files/,
    );
    expect(mock.requests().length - before).toBe(0);
  }, 30_000);
});
