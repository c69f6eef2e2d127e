import type { Level, RuleStatus } from './model.ts';
import { sortedUnique } from './order.ts';

/** The reason a rule is skipped when no observation gave one. */
export const NOT_CHECKED = 'no test checked this rule in this run';

/** Why a smoke run did not check a rule (a pact interaction, a SHOULD rule only the full tier's tests check). */
export const LEFT_TO_FULL_TIER = 'the smoke tier leaves this rule to the full tier (occ run --tier full)';

/** What decides a rule's status: its level, the run's strictness, and what the exchanges found. */
export interface RuleStatusInput {
  readonly level: Level;
  readonly strict: boolean;
  /** How many violations were found (all of them, not only those kept). */
  readonly violations: number;
  /** Of those, violations an inferred premise lowered to SHOULD: they count as SHOULD whatever the rule's level. */
  readonly loweredViolations?: number;
  readonly exchanges: number;
  readonly retriedExchanges: number;
  /** Of the exchanges, those without a usable answer (a reset, a timeout, 5xx once retries were spent). */
  readonly inconclusiveExchanges?: number;
  readonly inconclusiveReasons?: readonly string[];
  /** Reads that showed the write only after re-reading, and the longest wait for one, ms. */
  readonly settledExchanges?: number;
  readonly settleMs?: number;
  /** Why tests could not check the rule, when they said. */
  readonly skipReasons: readonly string[];
  /** Set-ups a test of the rule needed and could not do: the rule was not checked on what that test would send. */
  readonly setupFailures?: readonly string[];
}

/** A rule's status, why, and whether it passed only with the help of retries or settling. */
export interface RuleStatusOutcome {
  readonly status: RuleStatus;
  readonly reason?: string;
  readonly passedAfterRetries: boolean;
  /** Present (true) only when the rule passed and some of its reads had to settle. */
  readonly passedAfterSettling?: true;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The distinct non-empty reasons, sorted by code unit so two machines agree. */
export function distinctReasons(reasons: readonly string[]): string[] {
  return sortedUnique(reasons.filter((r) => r.length > 0));
}

function violatedStatus(input: RuleStatusInput): RuleStatusOutcome {
  const lowered = Math.min(input.loweredViolations ?? 0, input.violations);
  // A violation found on an inferred premise counts at SHOULD: only the others carry the rule's own level.
  const level: Level = lowered < input.violations ? input.level : 'SHOULD';
  const status = level === 'MUST' || input.strict ? 'failed' : 'warned';
  if (lowered === 0) return { status, passedAfterRetries: false };
  const reason =
    lowered === input.violations
      ? `every violation stands on an inferred premise, so it counts as SHOULD (the rule itself is ${input.level})`
      : `${lowered} of the ${input.violations} violations stand on an inferred premise and count as SHOULD`;
  return { status, reason, passedAfterRetries: false };
}

/**
 * The status of one rule in one API version. The one place this is decided: buildReport and mergeReports both
 * call it. A rule is never passed without a usable exchange that checked it; one whose every exchange had no
 * usable answer is inconclusive, never failed.
 *
 * @example ruleStatus({ level: 'SHOULD', strict: false, violations: 2, exchanges: 5, retriedExchanges: 0, skipReasons: [] }) // { status: 'warned', … }
 */
export function ruleStatus(input: RuleStatusInput): RuleStatusOutcome {
  if (input.violations > 0) return violatedStatus(input);
  const unusable = Math.min(input.inconclusiveExchanges ?? 0, input.exchanges);
  const reasons = distinctReasons(input.inconclusiveReasons ?? []);
  const why = reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
  const setupFailures = distinctReasons(input.setupFailures ?? []);
  if (setupFailures.length > 0) {
    const others =
      input.exchanges > 0
        ? `; the ${plural(input.exchanges, 'exchange')} that did check it found no violation, which is less than its evidence`
        : '';
    return {
      status: 'inconclusive',
      reason: `inconclusive: a set-up its test needed failed (${setupFailures.join('; ')})${others}`,
      passedAfterRetries: false,
    };
  }
  if (input.exchanges > 0 && unusable === input.exchanges) {
    return {
      status: 'inconclusive',
      reason: `inconclusive: none of the ${plural(input.exchanges, 'exchange')} that checked it got a usable answer${why}`,
      passedAfterRetries: false,
    };
  }
  if (input.exchanges > 0) {
    const remarks: string[] = [];
    const retried = input.retriedExchanges;
    if (retried > 0)
      remarks.push(
        retried >= input.exchanges
          ? `passed only after retries: all ${input.exchanges} exchanges that checked it needed a retry`
          : `passed, but ${retried} of the ${input.exchanges} exchanges that checked it needed a retry`,
      );
    const settled = input.settledExchanges ?? 0;
    if (settled > 0)
      remarks.push(
        `passed after settling: ${plural(settled, 'read')} showed the write only after re-reading${input.settleMs !== undefined ? ` (longest ${Math.round(input.settleMs)} ms)` : ''}`,
      );
    if (unusable > 0)
      remarks.push(
        `${unusable} of the ${input.exchanges} exchanges that checked it got no usable answer${why}`,
      );
    return {
      status: 'passed',
      ...(remarks.length > 0 ? { reason: remarks.join('; ') } : {}),
      passedAfterRetries: retried > 0,
      ...(settled > 0 ? { passedAfterSettling: true as const } : {}),
    };
  }
  const skipReasons = [...new Set(input.skipReasons.filter((r) => r.length > 0))];
  return {
    status: 'skipped',
    reason: skipReasons.length > 0 ? skipReasons.join('; ') : NOT_CHECKED,
    passedAfterRetries: false,
  };
}
