// What the smoke tier sends: every operation of every version and every MUST rule, with the fewest requests.
// Each MUST rule is checked on one case (the first whose premise the vendor documents, so a refusal is a finding
// and not our reading), each invalid-case rule on one write operation (spread so every operation gets some),
// and the tests whose rules are all SHOULD are left to the full tier (but the unknown-resource probes, where a
// server's 5xx shows: OC-NO-5XX is a MUST). The report says what the full tier adds.
import { type ApiVersion, type RuleId, ruleLevel, ruleNamed } from '../../contracts/index.ts';
import { type InvalidPlan, invalidPlansFor, isDocumentedPlan, writeTarget } from '../../generators/index.ts';
import type { RunContext } from '../../target-setup/run-context.ts';

/** True in the smoke tier. */
export function isSmoke(context: Pick<RunContext, 'tier'>): boolean {
  return context.tier === 'smoke';
}

/**
 * What the smoke tier sends of each valid-case strategy: every value of a short acceptance list (gender), the
 * first case where one case checks the strategy's MUST rules; the strategies that add breadth only (every
 * country, random, date boundaries, arrays) are the full tier's.
 */
export const SMOKE_VALID_CASES: Readonly<Record<string, number>> = {
  minimal: 1,
  'every-gender': Number.POSITIVE_INFINITY,
  'every-title': 1,
  'unicode-names': 1,
};

/**
 * Invalid-case rules the smoke tier sends one case of although they are SHOULD: a malformed or oversized body is
 * where a server's 5xx shows, and OC-NO-5XX is a MUST.
 */
const ERROR_PATH_PROBES: readonly RuleId[] = ['OC-MALFORMED-JSON', 'OC-BODY-TOO-LARGE'];

/** True when the rule is a MUST of this version. */
export function isMust(rule: RuleId | string, version: ApiVersion): boolean {
  return ruleLevel(ruleNamed(rule), version) === 'MUST';
}

/** The items in order, keeping the first of each key (items whose key is undefined are dropped). */
export function firstOfEach<T>(items: Iterable<T>, keyOf: (item: T) => string | undefined): T[] {
  const seen = new Set<string>();
  const kept: T[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    kept.push(item);
  }
  return kept;
}

/**
 * The smoke tier's invalid-case plans for one write operation of a version: one per MUST rule of the version
 * (and per error-path probe), each rule given to one operation (to the one with fewest rules so far, in the
 * operations' order, among those that have a plan for it), its first documented plan, else its first. Plans, not
 * cases: only the chosen are built (invalidCases with plans).
 */
export function smokeInvalidPlans(
  version: ApiVersion,
  operations: readonly string[],
  operation: string,
): InvalidPlan[] {
  const byOperation = new Map(
    operations.map((op) => [op, invalidPlansFor(writeTarget(version, op))] as const),
  );
  const rules = firstOfEach(
    operations.flatMap((op) => byOperation.get(op) ?? []),
    (p) => (isMust(p.rule, version) || ERROR_PATH_PROBES.includes(ruleNamed(p.rule).id) ? p.rule : undefined),
  ).map((p) => p.rule);
  const given = new Map(operations.map((op) => [op, [] as InvalidPlan[]] as const));
  for (const rule of rules) {
    const candidates = operations.filter((op) => byOperation.get(op)?.some((p) => p.rule === rule));
    const op = candidates.reduce((best, next) =>
      (given.get(next)?.length ?? 0) < (given.get(best)?.length ?? 0) ? next : best,
    );
    const plans = (byOperation.get(op) ?? []).filter((p) => p.rule === rule);
    const chosen = plans.find((p) => isDocumentedPlan(p, version)) ?? plans[0];
    if (chosen) given.get(op)?.push(chosen);
  }
  return given.get(operation) ?? [];
}
