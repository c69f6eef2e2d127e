import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, type ConformanceReport, renderJson } from '../../reports/index.ts';
import { SAMPLE_OBSERVATIONS, SAMPLE_RUN, sampleInput } from '../../reports/testing/sample-report.ts';
import { runOcc } from '../testing/capture.ts';

function occ(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ status: number; stdout: string; stderr: string }> {
  return runOcc(args, env);
}

function shard(index: number, count: number, change: Partial<ConformanceReport> = {}): ConformanceReport {
  const report = buildReport({
    ...sampleInput(),
    observations: SAMPLE_OBSERVATIONS.filter((_, n) => n % count === index - 1),
    run: { ...SAMPLE_RUN, shard: { index, count } },
  });
  return { ...report, ...change };
}

/** Writes each report into its own folder, as CI artifacts arrive, and returns the folders. */
function artifacts(reports: readonly ConformanceReport[]): string[] {
  const root = mkdtempSync(join(tmpdir(), 'occ-merge-'));
  return reports.map((report, i) => {
    const dir = join(root, `shard-${i + 1}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'conformance.json'), renderJson(report));
    return dir;
  });
}

describe('occ merge', () => {
  it('writes the four formats of the merged report and says where', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'occ-merged-')), 'merged');
    const run = await occ({}, 'merge', ...artifacts([shard(1, 2), shard(2, 2)]), '--report-dir', out);
    expect(readdirSync(out).sort()).toEqual([
      'conformance.html',
      'conformance.json',
      'conformance.md',
      'conformance.xml',
    ]);
    expect(run.stdout).toContain(`occ: reports: ${out}/conformance.{json,xml,html,md}`);
    expect(run.stdout).toContain('occ: merged 2 reports of run run-20250301T101500Z-7f3a: FAILED');
    const merged = JSON.parse(readFileSync(join(out, 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(merged.shard).toBeUndefined();
    expect(merged.summary.failed).toBe(2);
    expect(run.status).toBe(1);
  });

  it('takes conformance.json paths as well as folders, and exits 0 when the merged run passed', async () => {
    const passed = (i: number) => {
      const report = shard(i, 2);
      const rules = report.rules.map((r) =>
        r.status === 'failed' ? { ...r, status: 'passed' as const, violations: [], violationsTotal: 0 } : r,
      );
      return { ...report, rules };
    };
    const [one, two] = artifacts([passed(1), passed(2)]) as [string, string];
    const out = join(mkdtempSync(join(tmpdir(), 'occ-merged-')), 'out');
    const run = await occ({}, 'merge', join(one, 'conformance.json'), two, '--report-dir', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('exits 3 when the merged run is inconclusive, naming the inconclusive rules in its counts', async () => {
    // Every exchange of every checked rule went unanswered: nothing failed, and nothing can be vouched for.
    const cut = (i: number) => {
      const report = shard(i, 2);
      const rules = report.rules.map((r) =>
        r.exchanges > 0
          ? {
              ...r,
              status: 'inconclusive' as const,
              violations: [],
              violationsTotal: 0,
              inconclusiveExchanges: r.exchanges,
              inconclusiveReasons: ['connection reset'],
            }
          : r,
      );
      return { ...report, rules };
    };
    const out = join(mkdtempSync(join(tmpdir(), 'occ-merged-')), 'out');
    const run = await occ({}, 'merge', ...artifacts([cut(1), cut(2)]), '--report-dir', out);
    expect(run.stdout).toMatch(
      /occ: merged 2 reports of run [^:]+: INCONCLUSIVE, 0 passed, 0 failed, 0 warned, 1 skipped, 12 inconclusive/,
    );
    expect(run.status).toBe(3);
    expect(readFileSync(join(out, 'conformance.xml'), 'utf8')).toContain('errors="1"');
  });

  it('appends the summary to $GITHUB_STEP_SUMMARY', async () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'occ-summary-')), 'summary.md');
    const out = join(mkdtempSync(join(tmpdir(), 'occ-merged-')), 'out');
    await occ(
      { GITHUB_STEP_SUMMARY: summary },
      'merge',
      ...artifacts([shard(1, 2), shard(2, 2)]),
      '--report-dir',
      out,
    );
    expect(readFileSync(summary, 'utf8')).toMatch(/^## Order contact API conformance: ❌ failed/);
  });

  it('exits 2 for reports of different runs, saying why', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'occ-merged-')), 'out');
    const run = await occ(
      {},
      'merge',
      ...artifacts([shard(1, 2), shard(2, 2, { runId: 'other', seed: 1 })]),
      '--report-dir',
      out,
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('occ: Failed to merge reports: they come from different runs');
  });

  it('exits 2 naming a folder without a conformance.json', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'occ-empty-'));
    const run = await occ({}, 'merge', empty, '--report-dir', join(empty, 'out'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `Failed to read the shard report "${join(empty, 'conformance.json')}": ENOENT`,
    );
  });
});
