import type { RuleObservation, Violation } from '../checks/violation.ts';
import { reportEvidence } from './evidence.ts';
import type { ApiVersion, Level, RuleResult, ViolationItems, ViolationRecord } from './model.ts';
import { sortedUnique } from './order.ts';
import { distinctReasons, ruleStatus } from './rule-status.ts';
import { keptViolations } from './summary.ts';

/** True when an inferred premise lowered the finding below its rule's level. */
export function isLowered(v: Pick<Violation, 'level' | 'ruleLevel'>): boolean {
  return v.ruleLevel !== undefined && v.ruleLevel !== v.level;
}

function itemsRecord(items: NonNullable<Violation['items']>): ViolationItems {
  return {
    ...(items.missing !== undefined ? { missing: [...items.missing] } : {}),
    ...(items.duplicated !== undefined ? { duplicated: [...items.duplicated] } : {}),
    ...(items.extra !== undefined ? { extra: [...items.extra] } : {}),
  };
}

function violationRecord(v: Violation): ViolationRecord {
  return {
    operation: v.operation,
    message: v.message,
    ...(isLowered(v) ? { level: v.level, ruleLevel: v.ruleLevel } : {}),
    ...(v.premise !== undefined ? { premise: v.premise } : {}),
    ...(v.premiseNote !== undefined ? { premiseNote: v.premiseNote } : {}),
    ...(v.items !== undefined ? { items: itemsRecord(v.items) } : {}),
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
  /** 'profile' when a tenant profile set the level. */
  readonly levelSource?: RuleResult['levelSource'];
  /** Used when no observation names an operation (a rule nothing checked). */
  readonly operations: readonly string[];
}

/** The counts a rule result carries beyond exchanges and violations, summed or maximised over its parts. */
export interface RuleTallies {
  readonly inconclusiveExchanges: number;
  readonly inconclusiveReasons: readonly string[];
  readonly settledExchanges: number;
  readonly settleMs?: number;
  readonly loweredViolations: number;
  readonly setupFailures: readonly string[];
}

/**
 * The optional fields of a rule result for its tallies, each written only when it says something, so a result
 * without unusable exchanges, settling or lowered findings looks as it did before they existed.
 */
export function tallyFields(
  tallies: RuleTallies,
  passedAfterSettling: boolean,
): Pick<
  RuleResult,
  | 'inconclusiveExchanges'
  | 'inconclusiveReasons'
  | 'settledExchanges'
  | 'settleMs'
  | 'passedAfterSettling'
  | 'setupFailures'
> {
  return {
    ...(tallies.inconclusiveExchanges > 0
      ? {
          inconclusiveExchanges: tallies.inconclusiveExchanges,
          inconclusiveReasons: distinctReasons(tallies.inconclusiveReasons),
        }
      : {}),
    ...(tallies.settledExchanges > 0
      ? {
          settledExchanges: tallies.settledExchanges,
          ...(tallies.settleMs !== undefined ? { settleMs: tallies.settleMs } : {}),
          passedAfterSettling,
        }
      : {}),
    ...(tallies.setupFailures.length > 0 ? { setupFailures: distinctReasons(tallies.setupFailures) } : {}),
  };
}

function maxOf(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
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
  const settleMs = maxOf(observations.map((o) => o.settleMs));
  const tallies: RuleTallies = {
    inconclusiveExchanges: observations.reduce((n, o) => n + (o.inconclusiveExchanges ?? 0), 0),
    inconclusiveReasons: observations.flatMap((o) => o.inconclusiveReasons ?? []),
    settledExchanges: observations.reduce((n, o) => n + (o.settledExchanges ?? 0), 0),
    ...(settleMs !== undefined ? { settleMs } : {}),
    loweredViolations: violations.filter(isLowered).length,
    setupFailures: observations.flatMap((o) => (o.setupFailed !== undefined ? [o.setupFailed] : [])),
  };
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
    ...tallies,
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
    ...(head.levelSource !== undefined ? { levelSource: head.levelSource } : {}),
    status: outcome.status,
    ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
    operations: observed.length > 0 ? observed : sortedUnique(head.operations),
    exchanges,
    retriedExchanges,
    passedAfterRetries: outcome.passedAfterRetries,
    ...tallyFields(tallies, outcome.passedAfterSettling === true),
    violations: keptViolations(violations.map(violationRecord)),
    violationsTotal: violations.length,
    ...(tallies.loweredViolations > 0 ? { loweredViolations: tallies.loweredViolations } : {}),
  };
}
