// `occ run --tier smoke` and `--max-requests` against a standalone `occ mock` that logs every request: the smoke
// tier's request count, operations and MUST rules are counted from the log and the report, not believed.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf, ruleCatalogue } from '../../contracts/index.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from '../../mock/index.ts';
import type { ConformanceReport } from '../../reports/index.ts';
import { spawnOcc } from '../testing/spawn-occ.ts';
import { type StandaloneMock, startStandaloneMock } from '../testing/standalone-mock.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

let mock: StandaloneMock;

beforeAll(async () => {
  mock = await startStandaloneMock();
}, 30_000);

afterAll(async () => {
  await mock?.close();
});

async function run(args: readonly string[]) {
  const reportDir = mkdtempSync(join(tmpdir(), 'occ-tier-report-'));
  await mock.quiet();
  const before = mock.requests().length;
  const outcome = await spawnOcc([
    'run',
    '--base-url',
    mock.url,
    '--client-key',
    DEFAULT_CLIENT_KEY,
    '--api-token',
    DEFAULT_API_TOKEN,
    '--seed',
    '3',
    '--report-dir',
    reportDir,
    '--ledger-dir',
    mkdtempSync(join(tmpdir(), 'occ-tier-ledger-')),
    ...args,
  ]);
  await mock.quiet();
  const sent = mock.requests().slice(before);
  const estimate = Number(/estimated requests: about (\d+)/.exec(outcome.stdout)?.[1]);
  const read = (): ConformanceReport =>
    JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as ConformanceReport;
  return { outcome, sent, estimate, read, reportDir };
}

describe('occ run --tier smoke', () => {
  it('checks every operation of both versions and every catalogue MUST rule in under 150 requests, and says what the full tier adds', async () => {
    const { outcome, sent, estimate, read, reportDir } = await run([
      '--tier',
      'smoke',
      '--max-requests',
      '150',
    ]);
    expect({ code: outcome.code, stderr: outcome.stderr }).toMatchObject({ code: 0 });
    expect(sent.length).toBeLessThan(150);
    expect(Math.abs(estimate - sent.length) / sent.length).toBeLessThanOrEqual(0.1);

    // Every order-contact operation of both versions was sent (as a template: refs replaced).
    const seen = new Set(sent.map((r) => `${r.method} ${r.path.split('?')[0]?.replace(UUID, '{}')}`));
    for (const version of ['v2.1', 'v2'] as const)
      for (const op of operationsOf(version).filter((o) => /OrderContact/.test(o.operationId)))
        expect(seen, `${op.operationId} (${version})`).toContain(
          `${op.method} ${op.path.replace(/\{\w+\}/g, '{}')}`,
        );

    const report = read();
    expect(report.tier).toBe('smoke');
    const result = (id: string, v: string) => report.rules.find((r) => r.id === id && r.apiVersion === v);
    for (const rule of ruleCatalogue())
      for (const [version, level] of Object.entries(rule.levels))
        if (level === 'MUST')
          expect(
            { rule: `${rule.id} (${version})`, status: result(rule.id, version)?.status },
            'a MUST rule the smoke tier claims',
          ).toEqual({ rule: `${rule.id} (${version})`, status: 'passed' });
    // What it left out is exactly what it lists as the full tier's: the Pact interactions and SHOULD rules.
    const skipped = report.rules.filter((r) => r.status === 'skipped');
    expect(report.fullTierAdds?.map((a) => `${a.id} ${a.apiVersion}`).sort()).toEqual(
      skipped.map((r) => `${r.id} ${r.apiVersion}`).sort(),
    );
    expect(skipped.every((r) => r.origin === 'pact' || r.level === 'SHOULD')).toBe(true);
    expect(skipped.filter((r) => r.origin === 'pact').length).toBeGreaterThan(10);
    expect(readFileSync(join(reportDir, 'conformance.md'), 'utf8')).toContain('### What the full tier adds');
  }, 120_000);

  it('is held to the faults that break a MUST rule: each is found by the smoke tier', async () => {
    // One fault per kind of MUST finding, each only visible on the cases the smoke tier keeps.
    const faults = ['refs-reused', 'malformed-json-500', 'unknown-order-returns-500', 'accept-future-dob'];
    for (const fault of faults) {
      const faulty = await startStandaloneMock(['--fault', fault, '--no-log']);
      try {
        const dir = mkdtempSync(join(tmpdir(), 'occ-tier-fault-'));
        const outcome = await spawnOcc([
          'run',
          '--base-url',
          faulty.url,
          '--client-key',
          DEFAULT_CLIENT_KEY,
          '--api-token',
          DEFAULT_API_TOKEN,
          '--tier',
          'smoke',
          '--seed',
          '3',
          '--report-dir',
          dir,
          '--ledger-dir',
          mkdtempSync(join(tmpdir(), 'occ-tier-ledger-')),
        ]);
        expect({ fault, code: outcome.code }).toEqual({ fault, code: 1 });
      } finally {
        await faulty.close();
      }
    }
  }, 240_000);
});

describe('occ run --max-requests', () => {
  it('refuses a run estimated above the cap before its first request', async () => {
    const { outcome, sent } = await run(['--max-requests', '500']);
    expect(outcome.code).toBe(2);
    expect(sent).toEqual([]);
    expect(outcome.stderr).toMatch(
      /--max-requests 500: this run is estimated at about \d+ requests \(v2\.1 \d+, v2 \d+\), above the cap, so nothing was sent\. Raise --max-requests, or send fewer: --tier smoke \(about \d+\)/,
    );
  }, 60_000);

  it('estimates a full run within 10% of the requests it sends', async () => {
    const { outcome, sent, estimate } = await run(['--cases', '30', '--max-requests', '5000']);
    expect(outcome.code).toBe(0);
    expect(Math.abs(estimate - sent.length) / sent.length).toBeLessThanOrEqual(0.1);
  }, 120_000);

  it('stops sending at the cap, cleans up, and says so (exit 3)', async () => {
    const flaky = await startStandaloneMock(['--fault', 'flaky-503']);
    try {
      const dir = mkdtempSync(join(tmpdir(), 'occ-tier-cap-'));
      const outcome = await spawnOcc([
        'run',
        '--base-url',
        flaky.url,
        '--client-key',
        DEFAULT_CLIENT_KEY,
        '--api-token',
        DEFAULT_API_TOKEN,
        '--tier',
        'smoke',
        '--max-requests',
        '146',
        '--report-dir',
        dir,
        '--ledger-dir',
        mkdtempSync(join(tmpdir(), 'occ-tier-ledger-')),
      ]);
      await flaky.quiet();
      const sent = flaky.requests();
      // The set-up's order, at most 146 requests of the suites (retries included), then the clean-up's deletes.
      let cleanup = 0;
      while (sent[sent.length - 1 - cleanup]?.method === 'DELETE') cleanup += 1;
      expect(sent.length - cleanup - 1).toBeLessThanOrEqual(146);
      expect(outcome.code).toBe(3);
      expect(outcome.stdout).toContain('the run reached --max-requests 146');
      // What the cap cut off was not checked: the summary and the report say inconclusive, never passed.
      expect(outcome.stdout).not.toMatch(/^occ: PASSED/m);
      expect(outcome.stdout).toMatch(/^occ: INCONCLUSIVE: /m);
      expect(outcome.stdout).toContain('the run stopped before its end');
      const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));
      expect([report.verdict, report.stoppedEarly]).toEqual(['inconclusive', true]);
      expect(outcome.stdout).toMatch(/\d+ deleted, \d+ already gone, 0 could not be deleted/);
    } finally {
      await flaky.close();
    }
  }, 120_000);
});
