import {
  MAX_EVIDENCE,
  MAX_VIOLATIONS,
  type ReportSummary,
  type RuleResult,
  type Verdict,
  type ViolationRecord,
} from './model.ts';
import { compareViolations } from './order.ts';

/** Counts of rule results by status, and the exchanges summed over them. */
export function summarise(rules: readonly RuleResult[]): ReportSummary {
  const count = (status: RuleResult['status']) => rules.filter((r) => r.status === status).length;
  return {
    passed: count('passed'),
    failed: count('failed'),
    warned: count('warned'),
    skipped: count('skipped'),
    total: rules.length,
    exchanges: rules.reduce((n, r) => n + r.exchanges, 0),
    retriedExchanges: rules.reduce((n, r) => n + r.retriedExchanges, 0),
  };
}

/** The run's verdict: unreachable when the caller says so, else failed when any rule failed, else passed. */
export function verdictOf(rules: readonly RuleResult[], unreachable: boolean): Verdict {
  if (unreachable) return 'unreachable';
  return rules.some((r) => r.status === 'failed') ? 'failed' : 'passed';
}

/** The violations a rule result keeps: sorted, the first MAX_VIOLATIONS, evidence on the first MAX_EVIDENCE. */
export function keptViolations(violations: readonly ViolationRecord[]): ViolationRecord[] {
  return [...violations]
    .sort(compareViolations)
    .slice(0, MAX_VIOLATIONS)
    .map((v, index) => {
      if (index < MAX_EVIDENCE || v.evidence === undefined) return v;
      const { evidence: _dropped, ...rest } = v;
      return rest;
    });
}
