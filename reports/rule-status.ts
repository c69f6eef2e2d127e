import type { Level, RuleStatus } from './model.ts';

/** The reason a rule is skipped when no observation gave one. */
export const NOT_CHECKED = 'no test checked this rule in this run';

/** What decides a rule's status: its level, the run's strictness, and what the exchanges found. */
export interface RuleStatusInput {
  readonly level: Level;
  readonly strict: boolean;
  /** How many violations were found (all of them, not only those kept). */
  readonly violations: number;
  readonly exchanges: number;
  readonly retriedExchanges: number;
  /** Why tests could not check the rule, when they said. */
  readonly skipReasons: readonly string[];
}

/** A rule's status, why, and whether it passed only with the help of retries. */
export interface RuleStatusOutcome {
  readonly status: RuleStatus;
  readonly reason?: string;
  readonly passedAfterRetries: boolean;
}

/**
 * The status of one rule in one API version. The one place this is decided: buildReport and mergeReports both
 * call it. A rule is never passed without an exchange that checked it.
 *
 * @example ruleStatus({ level: 'SHOULD', strict: false, violations: 2, exchanges: 5, retriedExchanges: 0, skipReasons: [] }) // { status: 'warned', … }
 */
export function ruleStatus(input: RuleStatusInput): RuleStatusOutcome {
  if (input.violations > 0) {
    return {
      status: input.level === 'MUST' || input.strict ? 'failed' : 'warned',
      passedAfterRetries: false,
    };
  }
  if (input.exchanges > 0) {
    if (input.retriedExchanges === 0) return { status: 'passed', passedAfterRetries: false };
    const reason =
      input.retriedExchanges >= input.exchanges
        ? `passed only after retries: all ${input.exchanges} exchanges that checked it needed a retry`
        : `passed, but ${input.retriedExchanges} of the ${input.exchanges} exchanges that checked it needed a retry`;
    return { status: 'passed', reason, passedAfterRetries: true };
  }
  const reasons = [...new Set(input.skipReasons.filter((r) => r.length > 0))];
  return {
    status: 'skipped',
    reason: reasons.length > 0 ? reasons.join('; ') : NOT_CHECKED,
    passedAfterRetries: false,
  };
}
