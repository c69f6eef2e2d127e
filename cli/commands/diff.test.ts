import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ConformanceReport, renderJson } from '../../reports/index.ts';
import { withRule } from '../../reports/testing/edit-report.ts';
import { sampleReport } from '../../reports/testing/sample-report.ts';
import { runOcc } from '../testing/capture.ts';

function occ(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return runOcc(args);
}

const dir = mkdtempSync(join(tmpdir(), 'occ-diff-'));
function saved(name: string, report: ConformanceReport | string): string {
  const path = join(dir, name);
  writeFileSync(path, typeof report === 'string' ? report : renderJson(report));
  return path;
}

const baseline = saved('baseline.json', sampleReport());
const regressed = saved(
  'regressed.json',
  withRule(sampleReport(), 'OC-LIST-DEFAULTS', 'v2', { status: 'failed', violationsTotal: 1 }),
);
const fixed = saved(
  'fixed.json',
  withRule(sampleReport(), 'OC-CREATE-ECHO', 'v2.1', {
    status: 'passed',
    violations: [],
    violationsTotal: 0,
  }),
);

describe('occ diff', () => {
  it('exits 0 and says so when nothing changed', async () => {
    const run = await occ('diff', baseline, baseline);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('occ: 0 regressions, 0 fixes, 0 other changes, 0 drifted response shapes');
  });

  it('exits 1 on a regression and names it', async () => {
    const run = await occ('diff', baseline, regressed);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      'occ:   OC-LIST-DEFAULTS (v2) passed -> failed: List defaults to offset 0 and limit 10',
    );
  });

  it('exits 0 on a fix, and 1 with --fail-on any', async () => {
    expect((await occ('diff', baseline, fixed)).status).toBe(0);
    const strict = await occ('diff', baseline, fixed, '--fail-on', 'any');
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('fixes (1):');
  });

  it('writes Markdown and JSON', async () => {
    const md = await occ('diff', baseline, regressed, '--format', 'md');
    expect(md.stdout).toMatch(/^## Conformance against the baseline: ❌ 1 regression/);
    const json = await occ('diff', baseline, regressed, '--format', 'json');
    expect(JSON.parse(json.stdout).regressions).toEqual([
      expect.objectContaining({ id: 'OC-LIST-DEFAULTS', apiVersion: 'v2', from: 'passed', to: 'failed' }),
    ]);
  });

  it('exits 2 naming the file that cannot be read', async () => {
    const run = await occ('diff', baseline, join(dir, 'missing.json'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`Failed to read the new report "${join(dir, 'missing.json')}": ENOENT`);
  });

  it('exits 2 naming the file that breaks the schema, and where', async () => {
    const broken = saved(
      'broken.json',
      renderJson(sampleReport()).replace('"verdict": "failed"', '"verdict": "maybe"'),
    );
    const run = await occ('diff', broken, baseline);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `Failed to read the old report "${broken}": it does not match the conformance report schema: /verdict must be equal to one of the allowed values`,
    );
  });

  it('exits 2 for a file that is not JSON', async () => {
    const run = await occ('diff', saved('junk.json', 'not json'), baseline);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('it is not JSON');
  });

  it('exits 2 for a bad --fail-on or --format, or a missing argument', async () => {
    expect((await occ('diff', baseline, baseline, '--fail-on', 'everything')).stderr).toContain(
      'Failed to parse --fail-on: received "everything", expected regression or any.',
    );
    expect((await occ('diff', baseline, baseline, '--format', 'xml')).status).toBe(2);
    expect((await occ('diff', baseline)).status).toBe(2);
  });
});
