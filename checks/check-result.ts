import type { RuleId } from '../contracts/index.ts';
import type { Violation } from './violation.ts';

/**
 * What one check did: the rules it checked and the violations it found. The recorder counts the exchange for
 * every rule named here and for the rule of every violation (a check may find a related rule broken).
 */
export interface CheckResult {
  readonly rules: readonly RuleId[];
  readonly violations: readonly Violation[];
}

/** A check of `rules` with these violations (none: they held). */
export function checkResult(
  rules: RuleId | readonly RuleId[],
  violations: readonly Violation[] = [],
): CheckResult {
  return { rules: typeof rules === 'string' ? [rules] : rules, violations };
}

/**
 * Rules an exchange checked through another check's comparison, with no finding of their own here: echoesFields,
 * say, reports OC-DATE-INSTANT-ECHO only when an instant differs, and this counts the exchange when none did.
 */
export function checkedRules(...rules: RuleId[]): CheckResult {
  return { rules, violations: [] };
}
