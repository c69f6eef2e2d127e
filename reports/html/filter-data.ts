// What the page's filters read: the data-entries and data-search attributes, and the rows they stand for.
import type { ConformanceReport, RuleResult } from '../model.ts';
import { compareText } from '../order.ts';

/** The statuses, in the order the page shows them. */
export const STATUSES = ['failed', 'warned', 'inconclusive', 'skipped', 'passed'] as const;

/** data-entries of one element: one "version:status:ops" per result it stands for. */
export function entries(results: readonly RuleResult[]): string {
  return results.map((r) => `${r.apiVersion}:${r.status}:${r.operations.join(',')}`).join(' ');
}

/** data-search of one element: the rule's id, title and category, in lower case. */
export function searchText(results: readonly RuleResult[]): string {
  const first = results[0];
  return first ? `${first.id} ${first.title} ${first.category}`.toLowerCase() : '';
}

/** Results grouped by rule id, in report order. */
export function byRule(report: ConformanceReport): RuleResult[][] {
  const groups = new Map<string, RuleResult[]>();
  for (const r of report.rules) groups.set(r.id, [...(groups.get(r.id) ?? []), r]);
  return [...groups.values()];
}

/** Every operation any result names, sorted. */
export function operationsOf(report: ConformanceReport): string[] {
  return [...new Set(report.rules.flatMap((r) => r.operations))].sort(compareText);
}
