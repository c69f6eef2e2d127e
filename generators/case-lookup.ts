import { checkNow } from './contact.ts';
import { createFaker } from './faker.ts';
import { buildInvalidCase, type InvalidCase, invalidPlansFor } from './invalid-cases.ts';
import type { RunOptions } from './run-options.ts';
import { buildValidCase, DEFAULT_VALID_CASES, type ValidCase, validCaseIds } from './valid-cases.ts';
import { validPlanById } from './valid-strategies.ts';
import { writeTarget } from './write-operations.ts';

/**
 * The one case with this id, valid or invalid, rebuilt exactly as in a full run with the same seed and now
 * (each case draws from its own stream, so nothing else is built). random.N is found for any N.
 * @example caseById({ seed: 7, apiVersion: 'v2.1', now, id: 'dateOfBirth.future-1s' })?.kind // 'invalid'
 */
export function caseById(options: RunOptions & { readonly id: string }): ValidCase | InvalidCase | undefined {
  const target = writeTarget(options.apiVersion, options.operation);
  checkNow(options.now);
  const valid = validPlanById(target.apiVersion, options.id);
  if (valid) return buildValidCase(createFaker(options.seed), valid, options);
  const invalid = invalidPlansFor(target).find((plan) => plan.id === options.id);
  return invalid ? buildInvalidCase(createFaker(options.seed), invalid, target, options) : undefined;
}

/** Every case id of a run: the first `count` valid ones, then the invalid ones for the operation. */
export function caseIds(
  apiVersion: RunOptions['apiVersion'],
  operation?: string,
  count = DEFAULT_VALID_CASES,
): string[] {
  const target = writeTarget(apiVersion, operation);
  return [...validCaseIds(apiVersion, count), ...invalidPlansFor(target).map((plan) => plan.id)];
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known ids closest to a mistyped one (same prefix first, then by edit distance), at most `limit`. */
export function nearMatches(id: string, known: readonly string[], limit = 5): string[] {
  const wanted = id.toLowerCase();
  const prefix = wanted.split('.')[0] ?? '';
  return known
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const related = lower.includes(wanted) || wanted.includes(lower) ? 0 : 1;
      const samePrefix = lower.split('.')[0] === prefix ? 0 : 1;
      return { candidate, score: related * 1000 + samePrefix * 100 + distance(wanted, lower) };
    })
    .sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map((m) => m.candidate);
}
