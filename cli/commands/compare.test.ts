import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import compareSchema from '../../contracts/meta/compare-report.schema.json' with { type: 'json' };
import type { CompareReport } from '../../contracts/types.gen.ts';
import { lifecycle, type Tweaks } from '../../reports/testing/lifecycle-recording.ts';
import { createReportValidator } from '../../reports/validate-report.ts';
import { spawnOcc } from '../testing/spawn-occ.ts';

const validate = createReportValidator(compareSchema);

/** Two recordings of the same lifecycle, the candidate's with these tweaks, written as HAR files. */
function recordings(tweaks: Tweaks = {}): { dir: string; reference: string; candidate: string } {
  const dir = mkdtempSync(join(tmpdir(), 'occ-compare-cli-'));
  const reference = join(dir, 'ref.har');
  const candidate = join(dir, 'cand.har');
  writeFileSync(reference, JSON.stringify(lifecycle(4101)));
  writeFileSync(candidate, JSON.stringify(lifecycle(4102, tweaks, '2026-12-06T09:15:00.000Z')));
  return { dir, reference, candidate };
}

function compareJson(dir: string): CompareReport {
  const data: unknown = JSON.parse(readFileSync(join(dir, 'compare.json'), 'utf8'));
  expect(validate(data)).toEqual([]);
  return data as CompareReport;
}

describe('occ compare --reference-har --candidate-har', () => {
  it('finds two recordings of the same run equivalent: fidelity 1, exit 0, three reports', async () => {
    const { dir, reference, candidate } = recordings();
    const out = join(dir, 'out');
    const run = await spawnOcc([
      'compare',
      '--reference-har',
      reference,
      '--candidate-har',
      candidate,
      '--report-dir',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Fidelity 100%: 5 of 5 exchanges equivalent, at or above --min-fidelity 100%',
    );
    const report = compareJson(out);
    expect(report).toMatchObject({
      mode: 'recordings',
      fidelity: 1,
      passed: true,
      differences: [],
      unpaired: [],
    });
    expect(report.reference).toMatchObject({
      label: reference,
      har: reference,
      seed: 7,
      tier: 'smoke',
      exchanges: 5,
    });
    for (const file of ['compare.md', 'compare.html']) expect(existsSync(join(out, file)), file).toBe(true);
  });

  it('exits 1 below --min-fidelity, naming the strictness difference and its rule first', async () => {
    const { dir, reference, candidate } = recordings({ invalidStatus: 201 });
    const out = join(dir, 'out');
    const run = await spawnOcc([
      'compare',
      '--reference-har',
      reference,
      '--candidate-har',
      candidate,
      '--report-dir',
      out,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Fidelity 80%: 4 of 5 exchanges equivalent, below --min-fidelity 100%');
    expect(run.stdout).toContain(
      '✗ strictness createOrderContact (v2.1) · lifecycle.conformance.ts > v2.1 > creates, reads and refuses: the reference refused (400) what the candidate accepted (201) (rule OC-DOB-FORMAT MUST)',
    );
    const report = compareJson(out);
    expect(report.differences.map((d) => d.kind)).toEqual(['strictness']);
    expect(readFileSync(join(out, 'compare.md'), 'utf8')).toContain(
      '**strictness, refused by the reference**',
    );
  });

  it('exits 0 at or above a lower --min-fidelity (a share or a percentage)', async () => {
    const { dir, reference, candidate } = recordings({ encoding: 'gzip' });
    for (const gate of ['0.8', '80%']) {
      const run = await spawnOcc([
        'compare',
        '--reference-har',
        reference,
        '--candidate-har',
        candidate,
        '--report-dir',
        join(dir, gate),
        '--min-fidelity',
        gate,
      ]);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(compareJson(join(dir, gate)).summary.differences.header).toBe(1);
    }
  });

  it('refuses bad usage with exit 2, naming what was wrong, before reading or sending anything', async () => {
    const { dir, reference } = recordings();
    const cases: [string[], string][] = [
      [[], 'Nothing to compare: pass --reference and --candidate'],
      [['--reference-har', reference], '--candidate-har is missing: it goes with --reference-har.'],
      [['--reference', 'embedded', '--candidate-har', reference], 'not both'],
      [
        ['--reference', 'ftp://x', '--candidate', 'embedded'],
        '--reference: received "ftp://x", expected embedded, prism or an absolute http(s) URL',
      ],
      [
        ['--reference-har', reference, '--candidate-har', join(dir, 'none.har')],
        `Failed to read the candidate recording "${join(dir, 'none.har')}": no such file`,
      ],
      [['--reference-har', reference, '--candidate-har', reference, '--min-fidelity', '2'], '--min-fidelity'],
    ];
    for (const [args, message] of cases) {
      const run = await spawnOcc(['compare', ...args, '--report-dir', join(dir, 'out')]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(message);
    }
    writeFileSync(join(dir, 'not.har'), '{"log":{"entries":[{"request":{}}]}}');
    const foreign = await spawnOcc([
      'compare',
      '--reference-har',
      reference,
      '--candidate-har',
      join(dir, 'not.har'),
    ]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('/log/entries/0 must have a request and a response');
    expect(existsSync(join(dir, 'out', 'compare.json'))).toBe(false);
  });

  it('keeps its own settings to itself: occ run takes no --min-fidelity or --candidate-api-token', async () => {
    for (const flag of ['--min-fidelity', '--candidate-api-token']) {
      const run = await spawnOcc(['run', flag, '1']);
      expect(run.code, flag).toBe(2);
      expect(run.stderr, flag).toContain(`unknown option '${flag}'`);
    }
  });
});
