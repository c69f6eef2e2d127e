import { describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../reports/index.ts';
import { withRule } from '../reports/testing/edit-report.ts';
import { SAMPLE_RUN, sampleReport } from '../reports/testing/sample-report.ts';
import { printSummary } from './run-summary.ts';

function printed(report: ConformanceReport): string {
  let text = '';
  printSummary({ write: (chunk: string) => (text += chunk) }, report, 'reports/out');
  return text;
}

describe('printSummary', () => {
  const text = printed(sampleReport());

  it('prints the counts per version, with an inconclusive column when some result is', () => {
    expect(text).toContain(
      'occ: version  passed  failed  warned  inconclusive skipped\n' +
        'occ: v2.1     3       1       2       0            1\n' +
        'occ: v2       4       1       0       1            0\n',
    );
    const { rules } = sampleReport();
    const none = printed({ ...sampleReport(), rules: rules.filter((r) => r.status !== 'inconclusive') });
    expect(none).toContain('occ: version  passed  failed  warned  skipped\n');
  });

  it('lists inconclusive rules with why, apart from failed and warned ones', () => {
    expect(text).toContain(
      'occ: inconclusive (1):\n' +
        'occ:   SHOULD OC-DELETE-THEN-404 (v2) A deleted contact is not found: inconclusive: none of the 2 exchanges that checked it got a usable answer (503 after 4 attempts; timeout after 10000 ms)\n',
    );
  });

  it('names an inferred premise and the rule level a warned finding was lowered from', () => {
    expect(text).toMatch(
      /occ: {3}MUST OC-PAGING-LINKS-PRESENT \(v2\.1\) first and last links are present: retrieveOrderContacts: Received: .*… \[missing 40 \(first: c0ffee00-2222-4333-8444-000000000000, c0ffee00-2222-4333-8444-000000000001, c0ffee00-2222-4333-8444-000000000002\)\] \(SHOULD — the premise is inferred: .*; the rule itself is MUST\)\n/,
    );
  });

  it('says which rules passed after settling, with the longest settle time, and the unusable share', () => {
    expect(text).toContain('occ: passed after settling (1): OC-LIST-DEFAULTS (v2) 320 ms\n');
    expect(text).toContain('occ: passed, but needed retries (1): OC-LIST-DEFAULTS (v2.1)\n');
    expect(text).toContain(
      'occ: checked, but some exchanges got no usable answer (1): OC-AUTH-401-MISSING (v2.1) 1 of 2\n',
    );
    expect(text).toContain(
      'occ: FAILED: 7 passed, 2 failed, 2 warned, 1 inconclusive, 1 skipped · 40 exchange checks (3 retried; 3 unusable, 7.5%) in 48.3 s\n',
    );
    expect(text).toMatch(/occ: reports: reports\/out\/conformance\.\{json,xml,html,md\}\n$/);
  });

  it('prints a 300-ref list violation in under 1 KB', () => {
    const refs = Array.from(
      { length: 300 },
      (_, i) => `5f0c1a2e-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const report = withRule(sampleReport(), 'OC-CREATE-ECHO', 'v2.1', {
      violations: [
        {
          operation: 'retrieveOrderContacts',
          message: `Received: the pages left out ${refs.join(', ')} / Expected: every created contact once`,
          items: { missing: refs },
        },
      ],
      violationsTotal: 1,
    });
    const line = printed(report)
      .split('\n')
      .find((l) => l.includes('OC-CREATE-ECHO')) as string;
    expect(Buffer.byteLength(line)).toBeLessThan(1024);
    expect(line).toContain('[missing 300 (first: 5f0c1a2e-0000-4000-8000-000000000000,');
    expect(printed(report)).not.toContain(refs[299]);
  });

  it('never ends an unreachable or inconclusive run on a bare verdict: it says why', () => {
    const unreachable = printed(
      sampleReport({ observations: [], pactResults: [], run: { ...SAMPLE_RUN, unreachable: true } }),
    );
    expect(unreachable).toContain(
      'occ: not checked: the target could not be reached, so no rule could be checked. A run that checked nothing is not a pass.\n',
    );
    const inconclusive = printed({ ...sampleReport(), verdict: 'inconclusive' });
    expect(inconclusive).toContain(
      'occ: inconclusive: 3 of 40 exchange checks (7.5%) got no usable answer (503 after 4 attempts; connection reset; timeout after 10000 ms), more than the 10% a run may lose (maxInconclusive); nothing failed, but a pass would not be believed.\n',
    );
    expect(text).not.toContain('not checked:');
  });

  it('says NOT CHECKED, not PASSED, for a passing run in which no catalogue rule was checked', () => {
    const report = sampleReport();
    const nothing: ConformanceReport = {
      ...report,
      verdict: 'passed',
      rules: report.rules.map((r) => (r.origin === 'catalogue' ? { ...r, status: 'skipped' as const } : r)),
    };
    const summary = printed(nothing);
    expect(summary).toMatch(/occ: NOT CHECKED: \d+ passed/);
    expect(summary).toContain('occ: not checked: no test of this run checked any of the selected rules');
    expect(summary).not.toContain('PASSED');
    const checkedOne = nothing.rules.findIndex((r) => r.origin === 'catalogue');
    const passed = printed({
      ...nothing,
      rules: nothing.rules.map((r, i) => (i === checkedOne ? { ...r, status: 'passed' as const } : r)),
    });
    expect(passed).toMatch(/occ: PASSED: /);
    expect(passed).not.toContain('not checked');
  });

  it('says where no report was written when the writer failed', () => {
    let text = '';
    printSummary({ write: (chunk: string) => (text += chunk) }, sampleReport(), undefined);
    expect(text).toContain('occ: reports: none written (see above)\n');
  });
});
