import { describe, expect, it } from 'vitest';
import type { CapabilityResult, ConformanceReport } from '../reports/index.ts';
import { sampleReport } from '../reports/testing/sample-report.ts';
import { printCapabilities } from './capability-summary.ts';

function printed(report: ConformanceReport): string {
  let text = '';
  printCapabilities({ write: (chunk: string) => (text += chunk) }, report);
  return text;
}

function result(
  id: string,
  apiVersion: CapabilityResult['apiVersion'],
  status: CapabilityResult['status'],
  counts: Partial<CapabilityResult['counts']> = {},
): CapabilityResult {
  const full = { passed: 0, failed: 0, warned: 0, skipped: 0, inconclusive: 0, ...counts };
  return {
    id,
    apiVersion,
    title: id.replace(/-/g, ' '),
    status,
    lacking: `${id} is lacking.`,
    hint: 'fix it',
    rules: [],
    failedRules: [],
    warnedRules: [],
    counts: {
      ...full,
      total: full.passed + full.failed + full.warned + full.skipped + full.inconclusive,
    },
  };
}

describe('printCapabilities', () => {
  it('prints what the target lacks, then what it has in part, per API version', () => {
    const report: ConformanceReport = {
      ...sampleReport(),
      capabilities: [
        result('state', 'v2.1', 'lacking', { failed: 12, warned: 2, passed: 1 }),
        result('state', 'v2', 'lacking', { failed: 3, passed: 3 }),
        result('input-validation', 'v2.1', 'lacking', { failed: 20 }),
        result('input-validation', 'v2', 'ok', { passed: 17 }),
        result('paging', 'v2.1', 'partial', { warned: 2, passed: 5 }),
        result('auth', 'v2.1', 'ok', { passed: 4 }),
        result('auth', 'v2', 'unchecked', { skipped: 4 }),
      ],
    };
    expect(printed(report)).toBe(
      [
        'occ: lacks (v2.1): state — 12 of 15 rules failed, 2 warned; input validation — 20 of 20 rules failed',
        'occ: partial (v2.1): paging — 2 of 7 rules warned',
        'occ: lacks (v2): state — 3 of 6 rules failed',
        '',
      ].join('\n'),
    );
  });

  it('prints the sample report in one line per version and status', () => {
    expect(printed(sampleReport())).toBe(
      'occ: lacks (v2.1): Echo of the request — 1 of 1 rule failed\n' +
        'occ: partial (v2.1): Paging and expand — 1 of 2 rules warned; Response bodies — 1 of 1 rule warned\n' +
        'occ: inconclusive (v2): Deletes applied — 1 inconclusive\n',
    );
  });

  it('says on the evidence of how many rules a capability is lacking when only some were checked', () => {
    const report: ConformanceReport = {
      ...sampleReport(),
      capabilities: [
        result('state', 'v2.1', 'lacking', { failed: 2, skipped: 2, inconclusive: 1 }),
        result('paging', 'v2.1', 'partial', { warned: 1, passed: 1, skipped: 3 }),
      ],
    };
    expect(printed(report)).toBe(
      [
        'occ: lacks (v2.1): state — 2 failed; 1 inconclusive, 2 skipped (on the evidence of 2 of its 5 rules)',
        'occ: partial (v2.1): paging — 1 warned, 1 passed; 3 skipped (on the evidence of 2 of its 5 rules)',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing when every capability is in place or unchecked, or the report has none', () => {
    const ok: ConformanceReport = {
      ...sampleReport(),
      capabilities: [result('state', 'v2.1', 'ok', { passed: 6 }), result('auth', 'v2', 'unchecked')],
    };
    expect(printed(ok)).toBe('');
    const { capabilities: _none, ...old } = sampleReport();
    expect(printed(old)).toBe('');
  });
});
