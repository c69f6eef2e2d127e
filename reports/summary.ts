import {
  DEFAULT_MAX_INCONCLUSIVE,
  MAX_EVIDENCE,
  MAX_VIOLATIONS,
  type ReportSummary,
  type RuleResult,
  type Verdict,
  type ViolationRecord,
} from './model.ts';
import { compareViolations } from './order.ts';

/** Counts of rule results by status, and the exchanges summed over them (with those that had no usable answer). */
export function summarise(rules: readonly RuleResult[]): ReportSummary {
  const count = (status: RuleResult['status']) => rules.filter((r) => r.status === status).length;
  const exchanges = rules.reduce((n, r) => n + r.exchanges, 0);
  const inconclusiveExchanges = rules.reduce((n, r) => n + (r.inconclusiveExchanges ?? 0), 0);
  return {
    passed: count('passed'),
    failed: count('failed'),
    warned: count('warned'),
    skipped: count('skipped'),
    inconclusive: count('inconclusive'),
    total: rules.length,
    exchanges,
    retriedExchanges: rules.reduce((n, r) => n + r.retriedExchanges, 0),
    inconclusiveExchanges,
    inconclusiveShare: exchanges > 0 ? inconclusiveExchanges / exchanges : 0,
  };
}

/**
 * The run's verdict: unreachable when the caller says so; else failed when any rule failed; else inconclusive
 * when more than maxInconclusive of the exchange checks had no usable answer, or when a set-up a test needed failed
 * (its rules were not checked: a pass would stand on less than its evidence), or when the run stopped before its
 * end; else passed. Inconclusive rules never
 * fail a run on their own.
 */
export function verdictOf(
  rules: readonly RuleResult[],
  unreachable: boolean,
  maxInconclusive = DEFAULT_MAX_INCONCLUSIVE,
  stoppedEarly = false,
): Verdict {
  if (unreachable) return 'unreachable';
  if (rules.some((r) => r.status === 'failed')) return 'failed';
  // What a stopped run did not reach was never checked: its silence is no pass.
  if (stoppedEarly) return 'inconclusive';
  if (rules.some((r) => r.status === 'inconclusive' && (r.setupFailures?.length ?? 0) > 0))
    return 'inconclusive';
  return (summarise(rules).inconclusiveShare ?? 0) > maxInconclusive ? 'inconclusive' : 'passed';
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
