import type { ApiVersion, ObservedShape, RuleResult, ViolationRecord } from './model.ts';

// Every sort uses code-unit order, never the locale, so two machines write byte-identical reports.

/** Compares two strings by code unit. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const VERSION_RANK: Record<ApiVersion, number> = { 'v2.1': 0, v2: 1 };

/** Newest API version first: v2.1 before v2. */
export function compareVersions(a: ApiVersion, b: ApiVersion): number {
  return VERSION_RANK[a] - VERSION_RANK[b];
}

/** Rule results by id, then API version. */
export function compareRuleResults(a: RuleResult, b: RuleResult): number {
  return compareText(a.id, b.id) || compareVersions(a.apiVersion, b.apiVersion);
}

/** Observed shapes by API version, operation, then status. */
export function compareShapes(a: ObservedShape, b: ObservedShape): number {
  return (
    compareVersions(a.apiVersion, b.apiVersion) ||
    compareText(a.operation, b.operation) ||
    a.status - b.status
  );
}

/** Violations by operation, message, paths, then the exchange that shows them. */
export function compareViolations(a: ViolationRecord, b: ViolationRecord): number {
  return (
    compareText(a.operation, b.operation) ||
    compareText(a.message, b.message) ||
    compareText(a.instancePath ?? '', b.instancePath ?? '') ||
    compareText(a.schemaPath ?? '', b.schemaPath ?? '') ||
    compareText(a.evidence?.exchangeId ?? '', b.evidence?.exchangeId ?? '')
  );
}

/** The distinct strings of a list, sorted. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

/** The key of a rule result: one per rule id and API version. */
export function ruleKey(id: string, apiVersion: ApiVersion): string {
  return `${id}\u0000${apiVersion}`;
}
