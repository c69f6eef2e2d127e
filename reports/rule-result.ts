import type { RuleObservation, Violation } from '../checks/violation.ts';
import { reportEvidence } from './evidence.ts';
import type { ApiVersion, Level, RuleResult, ViolationRecord } from './model.ts';
import { sortedUnique } from './order.ts';
import { ruleStatus } from './rule-status.ts';
import { keptViolations } from './summary.ts';

function violationRecord(v: Violation): ViolationRecord {
  return {
    operation: v.operation,
    message: v.message,
    ...(v.instancePath !== undefined ? { instancePath: v.instancePath } : {}),
    ...(v.schemaPath !== undefined ? { schemaPath: v.schemaPath } : {}),
    ...(v.evidence !== undefined ? { evidence: reportEvidence(v.evidence) } : {}),
  };
}

/** What a result says about its rule, before the observations are folded in. */
export interface RuleHead {
  readonly id: string;
  readonly apiVersion: ApiVersion;
  readonly title: string;
  readonly level: Level;
  readonly category: string;
  readonly source: string;
  readonly origin: RuleResult['origin'];
  /** Used when no observation names an operation (a rule nothing checked). */
  readonly operations: readonly string[];
}

/** Folds every observation of one rule in one version into its result. */
export function ruleResult(
  head: RuleHead,
  observations: readonly RuleObservation[],
  strict: boolean,
): RuleResult {
  const violations = observations.flatMap((o) => o.violations);
  const exchanges = observations.reduce((n, o) => n + o.exchanges, 0);
  const retriedExchanges = observations.reduce((n, o) => n + o.retriedExchanges, 0);
  const observed = sortedUnique([
    ...observations.flatMap((o) => o.operations),
    ...violations.map((v) => v.operation),
  ]);
  const outcome = ruleStatus({
    level: head.level,
    strict,
    violations: violations.length,
    exchanges,
    retriedExchanges,
    skipReasons: observations.flatMap((o) => (o.skipped !== undefined ? [o.skipped] : [])),
  });
  return {
    id: head.id,
    apiVersion: head.apiVersion,
    title: head.title,
    level: head.level,
    category: head.category,
    source: head.source,
    origin: head.origin,
    status: outcome.status,
    ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
    operations: observed.length > 0 ? observed : sortedUnique(head.operations),
    exchanges,
    retriedExchanges,
    passedAfterRetries: outcome.passedAfterRetries,
    violations: keptViolations(violations.map(violationRecord)),
    violationsTotal: violations.length,
  };
}
