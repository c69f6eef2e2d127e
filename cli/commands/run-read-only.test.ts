// `occ run --read-only` against a standalone `occ mock` that logs every request: the whole run, the Pact stage
// included, must send nothing but GET (read-only is enforced by the target's HTTP client, not by each suite).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../lib/http-client.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from '../../mock/index.ts';
import { spawnOcc } from '../testing/spawn-occ.ts';
import { type StandaloneMock, startStandaloneMock } from '../testing/standalone-mock.ts';

interface Report {
  verdict: string;
}

let mock: StandaloneMock;
let orderRef: string;

beforeAll(async () => {
  mock = await startStandaloneMock();
  // The order the run reads, created beforehand as a user would have one on their tenant.
  const http = new HttpClient({
    baseUrl: mock.url,
    credentials: { clientKey: DEFAULT_CLIENT_KEY, apiToken: DEFAULT_API_TOKEN },
  });
  const created = await http.send({
    method: 'POST',
    path: '/v2.1/orders',
    json: {
      referenceId: 'read-only-test',
      currencyCode: 'EUR',
      orderedAt: new Date().toISOString(),
      price: 1,
      pointOfSale: 'occ-test',
    },
    operation: 'createOrder',
  });
  await http.close();
  await mock.quiet();
  orderRef = String((created.json as { ref?: unknown } | undefined)?.ref);
  expect(created.response?.status).toBe(201);
}, 30_000);

afterAll(async () => {
  await mock?.close();
});

describe('occ run --read-only', () => {
  it('sends only GET to the target, Pact stage included', async () => {
    const before = mock.requests().length;
    const reportDir = mkdtempSync(join(tmpdir(), 'occ-read-only-report-'));
    const outcome = await spawnOcc([
      'run',
      '--base-url',
      mock.url,
      '--client-key',
      DEFAULT_CLIENT_KEY,
      '--api-token',
      DEFAULT_API_TOKEN,
      '--read-only',
      '--order-ref',
      orderRef,
      '--report-dir',
      reportDir,
      '--ledger-dir',
      mkdtempSync(join(tmpdir(), 'occ-read-only-ledger-')),
    ]);
    await mock.quiet();
    const sent = mock.requests().slice(before);
    const methods: Record<string, number> = {};
    for (const r of sent) methods[r.method] = (methods[r.method] ?? 0) + 1;
    expect({ code: outcome.code, stderr: outcome.stderr }).toMatchObject({ code: 0 });
    expect(Object.keys(methods)).toEqual(['GET']);
    expect(sent.length).toBeGreaterThanOrEqual(20);
    // The Pact stage ran: its read interactions were replayed, its writes skipped with the reason.
    expect(outcome.stdout).toMatch(/✓ pact v2\.1: /);
    expect(outcome.stdout).toContain('skipped, read-only run: the interaction sends DELETE');
    const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as Report;
    expect(report.verdict).toBe('passed');
  }, 240_000);
});
