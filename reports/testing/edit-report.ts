// Small edits of a report for diff and merge tests: each returns a new report, leaving the original alone.
import type { ApiVersion, ConformanceReport, RuleResult } from '../model.ts';

/** The report with the result of one rule in one version changed. */
export function withRule(
  report: ConformanceReport,
  id: string,
  apiVersion: ApiVersion,
  change: Partial<RuleResult>,
): ConformanceReport {
  let found = false;
  const rules = report.rules.map((r) => {
    if (r.id !== id || r.apiVersion !== apiVersion) return r;
    found = true;
    return { ...r, ...change };
  });
  if (!found) throw new Error(`Failed to edit the test report: it has no ${id} (${apiVersion}).`);
  return { ...report, rules };
}
