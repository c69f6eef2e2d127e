// Cases are sent concurrently but checked in their order: the same seed gives the same report at concurrency 1
// and 8 and at the default 16 (apart from ids, timings and the refs a server hands out), faults found included.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnOcc } from '../testing/spawn-occ.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The report with what differs from run to run by nature (ids, clocks, ports, run markers) taken out. */
function normalised(file: string): string {
  const { runId, startedAt, durationMs, target, tool, ...report } = JSON.parse(readFileSync(file, 'utf8'));
  return (
    JSON.stringify(report, null, 1)
      .replace(UUID, '<uuid>')
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
      .replace(/127\.0\.0\.1:\d+/g, '<host>')
      .replace(/"exchangeId": "[^"]*"/g, '"exchangeId": "<id>"')
      .replace(/"date": "[^"]*"/g, '"date": "<date>"')
      .replace(/occ-run-[\w.-]+?-\d+(?=\\)/g, 'occ-run-<marker>')
      // A body's length follows its run marker's number of digits (which test tags first varies with the
      // interleaving): the bodies themselves are compared above.
      .replace(/"content-length": "\d+"/g, '"content-length": "<n>"')
  );
}

async function reportAt(
  concurrency: number,
  tier: 'smoke' | 'full' = 'full',
): Promise<{ code: number | null; report: string }> {
  const dir = mkdtempSync(join(tmpdir(), `occ-concurrency-${concurrency}-`));
  const { code } = await spawnOcc([
    'run',
    '--seed',
    '11',
    '--cases',
    '40',
    '--no-pact',
    '--tier',
    tier,
    '--concurrency',
    String(concurrency),
    // Faults whose findings depend on what was sent, not on when: each must be found the same way at both.
    '--mock-fault',
    'invalid-create-still-stored,accept-future-dob,create-drops-field-emails,invalid-update-still-applied',
    '--report-dir',
    dir,
  ]);
  return { code, report: normalised(join(dir, 'conformance.json')) };
}

describe('occ run --concurrency', () => {
  it('gives the same report for a seed at concurrency 1, 8 and 16 (the default)', async () => {
    const [one, eight, sixteen] = await Promise.all([reportAt(1), reportAt(8), reportAt(16)]);
    expect(one.code).toBe(1);
    expect(eight.code).toBe(1);
    expect(sixteen.code).toBe(1);
    expect(one.report).toContain('"status": "failed"');
    expect(eight.report).toBe(one.report);
    expect(sixteen.report).toBe(one.report);
  }, 240_000);

  it('gives the same smoke report for a seed at concurrency 1 and 8', async () => {
    const [one, eight] = await Promise.all([reportAt(1, 'smoke'), reportAt(8, 'smoke')]);
    expect(one.code).toBe(1);
    expect(one.report).toContain('"tier": "smoke"');
    expect(eight.report).toBe(one.report);
  }, 180_000);
});
