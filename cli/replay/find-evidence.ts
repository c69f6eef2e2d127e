import { OccError } from '../../lib/errors.ts';
import type { ConformanceReport, ReportEvidence } from '../../reports/index.ts';

/** The evidence a report keeps for an exchange, with the rule it showed; a usage error naming the ids it has. */
export function findEvidence(
  report: ConformanceReport,
  exchangeId: string,
  origin: string,
): { readonly evidence: ReportEvidence; readonly rule: string } {
  const ids: string[] = [];
  for (const rule of report.rules) {
    for (const violation of rule.violations ?? []) {
      const evidence = violation.evidence;
      if (evidence === undefined) continue;
      if (evidence.exchangeId === exchangeId) return { evidence, rule: rule.id };
      if (!ids.includes(evidence.exchangeId)) ids.push(evidence.exchangeId);
    }
  }
  const shown =
    ids.length === 0
      ? 'none'
      : `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? `, … (${ids.length} in all)` : ''}`;
  throw new OccError(
    `Failed to replay "${exchangeId}": report "${origin}" keeps no evidence with that exchange id. Ids it has: ${shown}. Pass one of them (each finding's "replay:" line names it).`,
  );
}
