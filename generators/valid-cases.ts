import type { Faker } from '@faker-js/faker';
import type { ApiVersion } from '../contracts/index.ts';
import { checkNow } from './contact.ts';
import { createFaker, seedForCase } from './faker.ts';
import { type Premise, premiseOf } from './premise.ts';
import type { RunOptions } from './run-options.ts';
import { coveragePlans, randomPlan, type ValidPlan } from './valid-strategies.ts';
import { DEFAULT_OPERATION, writeTarget } from './write-operations.ts';

/** A valid contact with what it is for and how to rebuild it. */
export interface ValidCase {
  readonly kind: 'valid';
  /** Stable within a version: 'country.IE', 'title.Dr', 'unicode.rtl-arabic', 'random.3'. */
  readonly id: string;
  /** The coverage strategy it comes from: minimal, full, every-gender, every-title, every-country, ... */
  readonly strategy: string;
  /** Documented when every value has a form the vendor shows or states (premiseOf of the payload). */
  readonly premise: Premise;
  readonly apiVersion: ApiVersion;
  readonly operation: string;
  readonly seed: number;
  /** The reference time the case was built for (ISO 8601). */
  readonly now: string;
  readonly payload: Record<string, unknown>;
}

/**
 * The valid cases of a run of the default size: enough for every coverage case of either version (every
 * country code included), plus a few random full contacts.
 */
export const DEFAULT_VALID_CASES = 320;

const MAX_VALID_CASES = 1_000_000;

/** Builds one planned valid case from its own seeded stream. */
export function buildValidCase(faker: Faker, plan: ValidPlan, options: RunOptions): ValidCase {
  const operation = options.operation ?? DEFAULT_OPERATION;
  seedForCase(faker, options.seed, plan.id);
  const payload = plan.build(faker, { apiVersion: options.apiVersion, operation, now: options.now });
  return {
    kind: 'valid',
    id: plan.id,
    strategy: plan.strategy,
    premise: premiseOf(payload, options.apiVersion, { now: options.now }),
    apiVersion: options.apiVersion,
    operation,
    seed: options.seed,
    now: new Date(options.now).toISOString(),
    payload,
  };
}

/** The ids of the first `count` valid cases of a version, in order. */
export function validCaseIds(apiVersion: ApiVersion, count: number = DEFAULT_VALID_CASES): string[] {
  const coverage = coveragePlans(apiVersion);
  return Array.from({ length: count }, (_, i) => coverage[i]?.id ?? randomPlan(i - coverage.length + 1).id);
}

/**
 * Valid contacts for a version and operation: the coverage strategies first (minimal, full, every gender, every
 * title, Unicode names, boundary dates of birth, array sizes, every country), then random full contacts up to
 * `count`. A count below the coverage size keeps the first `count` cases.
 * @example validCases({ seed: 7, apiVersion: 'v2.1', now: Date.parse('2026-01-01T00:00:00Z') }).length // 320
 */
export function validCases(options: RunOptions & { readonly count?: number }): ValidCase[] {
  const faker = createFaker(options.seed);
  return plansOf(options).map((plan) => buildValidCase(faker, plan, options));
}

/** The plans of the first `count` valid cases, in order, after checking the options. */
function plansOf(options: RunOptions & { readonly count?: number }): ValidPlan[] {
  const count = options.count ?? DEFAULT_VALID_CASES;
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_VALID_CASES) {
    throw new RangeError(
      `Failed to generate valid cases: count "${count}" is not an integer from 0 to ${MAX_VALID_CASES}. Pass a smaller whole number.`,
    );
  }
  writeTarget(options.apiVersion, options.operation);
  checkNow(options.now);
  const coverage = coveragePlans(options.apiVersion);
  return Array.from({ length: count }, (_, i) => coverage[i] ?? randomPlan(i - coverage.length + 1));
}

/** The strategies of validCases' cases, in order of first appearance, with how many cases each has. */
export function validCaseGroups(
  options: RunOptions & { readonly count?: number },
): Array<{ readonly strategy: string; readonly size: number }> {
  const sizes = new Map<string, number>();
  for (const plan of plansOf(options)) sizes.set(plan.strategy, (sizes.get(plan.strategy) ?? 0) + 1);
  return [...sizes].map(([strategy, size]) => ({ strategy, size }));
}

/**
 * The cases of one strategy, built one at a time: the very cases validCases returns (each is seeded by its own
 * id), without holding a 10,000-case run's contacts in memory at once.
 */
export function* validCasesOf(
  options: RunOptions & { readonly count?: number; readonly strategy: string },
): Generator<ValidCase> {
  const faker = createFaker(options.seed);
  for (const plan of plansOf(options)) {
    if (plan.strategy === options.strategy) yield buildValidCase(faker, plan, options);
  }
}
