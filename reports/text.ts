import type { ApiVersion, ConformanceReport, RuleResult, ViolationRecord } from './model.ts';
import { compareVersions } from './order.ts';

/** The API versions a report has results for, newest first: the covered ones, plus any a result names. */
export function reportVersions(report: ConformanceReport): ApiVersion[] {
  return [
    ...new Set<ApiVersion>([...report.target.apiVersions, ...report.rules.map((r) => r.apiVersion)]),
  ].sort(compareVersions);
}

/** "12.3 s", "850 ms", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** One violation as plain text lines: operation, message, paths, and the command that reproduces it. */
export function violationLines(violation: ViolationRecord): string[] {
  const lines = [`${violation.operation}: ${violation.message}`];
  if (violation.instancePath !== undefined || violation.schemaPath !== undefined) {
    lines.push(
      `  at ${violation.instancePath || '/'}${violation.schemaPath ? ` (schema ${violation.schemaPath})` : ''}`,
    );
  }
  if (violation.evidence) {
    lines.push('  reproduce:');
    for (const line of violation.evidence.curl.split('\n')) lines.push(`    ${line}`);
  }
  return lines;
}

/** How many violations a result found beyond those it kept, as a sentence, or '' when all were kept. */
export function moreViolations(rule: RuleResult): string {
  const more = rule.violationsTotal - rule.violations.length;
  return more > 0 ? `…and ${more} more violation${more === 1 ? '' : 's'} (not kept in the report)` : '';
}

/** The first violation's message, or the rule's reason, as one line. */
export function firstFinding(rule: RuleResult): string {
  const first = rule.violations[0];
  return first ? `${first.operation}: ${first.message}` : (rule.reason ?? '');
}
