// Every credential variant on every operation of both versions, counted at the wire: a logging front on 127.0.0.1
// before the reference mock tells each request's Authorization header apart (never printing it), so "every
// variant reached every operation and was refused" is a count, not a belief. Then the faults that serve one
// variant are found by OC-AUTH-401-WRONG, with the variant named in the finding (two here; occ selftest runs all).

import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_VARIANTS, type CredentialVariantName } from '../../lib/credential-variants.ts';
import {
  DEFAULT_API_TOKEN,
  DEFAULT_CLIENT_KEY,
  type RunningMock,
  startMockServer,
} from '../../mock/index.ts';
import type { ConformanceReport } from '../../reports/index.ts';
import { spawnOcc } from '../testing/spawn-occ.ts';

type Seen = CredentialVariantName | 'configured' | 'unknown';

function classify(header: string | undefined): Seen {
  if (header === undefined) return 'no-header';
  if (header === `Bearer ${DEFAULT_API_TOKEN}`) return 'other-scheme';
  if (header === 'Basic') return 'no-credentials';
  if (header === 'Basic ***not*base64***') return 'malformed-base64';
  const m = /^(Basic|basic) (.+)$/.exec(header);
  if (!m) return 'unknown';
  if (m[1] === 'basic')
    return Buffer.from(m[2] as string, 'base64').toString('utf8') ===
      `${DEFAULT_CLIENT_KEY}:${DEFAULT_API_TOKEN}`
      ? 'scheme-lower-case'
      : 'unknown';
  const decoded = Buffer.from(m[2] as string, 'base64').toString('utf8');
  const [user, password] = [decoded.slice(0, decoded.indexOf(':')), decoded.slice(decoded.indexOf(':') + 1)];
  if (user === DEFAULT_CLIENT_KEY && password === DEFAULT_API_TOKEN) return 'configured';
  if (user === DEFAULT_CLIENT_KEY && password.startsWith('occ-wrong-token-')) return 'wrong-token';
  if (user.startsWith('occ-wrong-key-') && password === DEFAULT_API_TOKEN) return 'wrong-key';
  if (user === DEFAULT_CLIENT_KEY && password === DEFAULT_API_TOKEN.toUpperCase()) return 'token-case';
  if (user === DEFAULT_CLIENT_KEY && password === '') return 'empty-token';
  if (user === '' && password === DEFAULT_API_TOKEN) return 'empty-key';
  if (user === DEFAULT_API_TOKEN && password === DEFAULT_CLIENT_KEY) return 'swapped';
  return 'unknown';
}

function operationOf(method: string, path: string): string {
  const version = path.startsWith('/v2.1/') ? 'v2.1' : 'v2';
  const onOrder = /\/orders\/[^/]+\/contacts/.test(path);
  const kind =
    method === 'GET'
      ? onOrder
        ? 'list'
        : 'retrieve'
      : method === 'POST'
        ? onOrder
          ? 'create'
          : 'update'
        : method.toLowerCase();
  return `${version} ${kind}`;
}

interface Logged {
  readonly variant: Seen;
  readonly operation: string;
  readonly status: number;
}

let mock: RunningMock;
let front: Server;
let frontUrl: string;
const logged: Logged[] = [];

beforeAll(async () => {
  mock = await startMockServer();
  const target = new URL(mock.url);
  front = createServer((req, res) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        logged.push({
          variant: classify(req.headers.authorization),
          operation: operationOf(req.method ?? '', (req.url ?? '').split('?')[0] ?? ''),
          status: answer.statusCode ?? 0,
        });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
}, 30_000);

afterAll(async () => {
  await new Promise((resolve) => front?.close(resolve));
  await mock?.close();
});

function runAgainst(baseUrl: string, extra: readonly string[] = []) {
  const reportDir = mkdtempSync(join(tmpdir(), 'occ-variants-report-'));
  return spawnOcc([
    'run',
    '--base-url',
    baseUrl,
    '--client-key',
    DEFAULT_CLIENT_KEY,
    '--api-token',
    DEFAULT_API_TOKEN,
    '--seed',
    '4',
    '--cases',
    '5',
    '--no-pact',
    '--only',
    'auth',
    '--report-dir',
    reportDir,
    '--ledger-dir',
    mkdtempSync(join(tmpdir(), 'occ-variants-ledger-')),
    ...extra,
  ]).then((outcome) => ({
    outcome,
    report: JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as ConformanceReport,
  }));
}

describe('occ run: every credential variant', () => {
  it('sends every variant to every operation of both versions, each refused with 401, and passes', async () => {
    const { outcome, report } = await runAgainst(frontUrl);
    expect(outcome.code, outcome.stdout + outcome.stderr).toBe(0);
    expect(report.verdict).toBe('passed');
    const operations = [
      'v2.1 list',
      'v2.1 retrieve',
      'v2.1 create',
      'v2.1 delete',
      'v2.1 put',
      'v2.1 patch',
      'v2 list',
      'v2 retrieve',
      'v2 create',
      'v2 delete',
      'v2 update',
    ];
    for (const { name: variant } of CREDENTIAL_VARIANTS)
      for (const operation of operations) {
        const sent = logged.filter((l) => l.variant === variant && l.operation === operation);
        expect(sent.length, `${variant} on ${operation}`).toBeGreaterThanOrEqual(1);
        expect(new Set(sent.map((l) => l.status)), `${variant} on ${operation}`).toEqual(new Set([401]));
      }
    // The right credentials under "basic" are served, on each version's list.
    for (const operation of ['v2.1 list', 'v2 list']) {
      const sent = logged.filter((l) => l.variant === 'scheme-lower-case' && l.operation === operation);
      expect(new Set(sent.map((l) => l.status)), operation).toEqual(new Set([200]));
    }
    // Every request the front could not tell apart would be a variant this test does not know.
    expect(logged.filter((l) => l.variant === 'unknown')).toEqual([]);
    // Secrets in none of the run's output.
    expect(outcome.stdout + outcome.stderr).not.toContain(DEFAULT_API_TOKEN.toUpperCase());
  }, 120_000);

  it.each([
    ['auth-token-case-insensitive', 'in swapped letter case'],
    ['auth-accepts-bearer-token', 'another scheme'],
  ])(
    'finds the fault %s by OC-AUTH-401-WRONG, naming the variant served',
    async (fault, words) => {
      const faulty = await startMockServer({ faults: [fault] });
      try {
        const { outcome, report } = await runAgainst(faulty.url);
        expect(outcome.code, outcome.stdout).toBe(1);
        const failed = report.rules
          .filter((r) => r.status === 'failed')
          .map((r) => `${r.apiVersion} ${r.id}`);
        expect(failed.sort()).toEqual(['v2 OC-AUTH-401-WRONG', 'v2.1 OC-AUTH-401-WRONG']);
        const finding = report.rules.find((r) => r.id === 'OC-AUTH-401-WRONG')?.violations[0];
        expect(finding?.message).toContain(words);
        expect(JSON.stringify(report)).not.toContain(DEFAULT_API_TOKEN.toUpperCase());
      } finally {
        await faulty.close();
      }
    },
    120_000,
  );
});
