import { type LineSink, printLine } from '../lib/log.ts';
import {
  type CapabilityResult,
  type CapabilityStatus,
  type ConformanceReport,
  capabilityCountsText,
  capabilityEvidenceText,
} from '../reports/index.ts';

const LABEL: Partial<Record<CapabilityStatus, string>> = {
  lacking: 'lacks',
  partial: 'partial',
  inconclusive: 'inconclusive',
};

/** "State — 3 of 6 rules failed", or "State — 2 failed; 3 skipped (on the evidence of 2 of its 5 rules)". */
function describe(result: CapabilityResult): string {
  const evidence = capabilityEvidenceText(result);
  return `${result.title} — ${capabilityCountsText(result)}${evidence ? ` (${evidence})` : ''}`;
}

/**
 * Prints what the target lacks, per API version, as a compact block for the end of `occ run`:
 *
 *     occ: lacks (v2.1): State — 3 of 6 rules failed; Input validation — 5 of 17 rules failed
 *     occ: partial (v2.1): Paging and expand — 2 of 7 rules warned
 *
 * Lacking capabilities (a MUST rule of their own failed) first, then partial ones (only SHOULD rules violated); a
 * capability only some of whose rules were checked says on the evidence of how many. Then the capabilities no
 * usable answer could decide. Prints nothing when every capability is ok or unchecked, or the report has none.
 */
export function printCapabilities(out: LineSink, report: ConformanceReport): void {
  const results = report.capabilities ?? [];
  const versions = [...new Set(results.map((c) => c.apiVersion))];
  for (const version of versions) {
    for (const status of ['lacking', 'partial', 'inconclusive'] as const) {
      const matching = results.filter((c) => c.apiVersion === version && c.status === status);
      if (matching.length > 0)
        printLine(out, `${LABEL[status]} (${version}): ${matching.map(describe).join('; ')}`);
    }
  }
}
