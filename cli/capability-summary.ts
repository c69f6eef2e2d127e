import { type LineSink, printLine } from '../lib/log.ts';
import {
  type CapabilityResult,
  type CapabilityStatus,
  type ConformanceReport,
  capabilityCountsText,
} from '../reports/index.ts';

const LABEL: Partial<Record<CapabilityStatus, string>> = { lacking: 'lacks', partial: 'partial' };

function describe(result: CapabilityResult): string {
  return `${result.title} — ${capabilityCountsText(result)}`;
}

/**
 * Prints what the target lacks, per API version, as a compact block for the end of `occ run`:
 *
 *     occ: lacks (v2.1): State — 3 of 6 rules failed; Input validation — 5 of 17 rules failed
 *     occ: partial (v2.1): Paging and expand — 2 of 7 rules warned
 *
 * Lacking capabilities (a MUST rule failed) first, then partial ones (only SHOULD rules violated). Prints nothing
 * when no capability is lacking or partial, or when the report has no capabilities.
 */
export function printCapabilities(out: LineSink, report: ConformanceReport): void {
  const results = report.capabilities ?? [];
  const versions = [...new Set(results.map((c) => c.apiVersion))];
  for (const version of versions) {
    for (const status of ['lacking', 'partial'] as const) {
      const matching = results.filter((c) => c.apiVersion === version && c.status === status);
      if (matching.length > 0)
        printLine(out, `${LABEL[status]} (${version}): ${matching.map(describe).join('; ')}`);
    }
  }
}
