import type { Faker } from '@faker-js/faker';
import type { ApiVersion } from '../contracts/index.ts';
import { checkNow } from './contact.ts';
import { createFaker, seedForCase } from './faker.ts';
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
  const count = options.count ?? DEFAULT_VALID_CASES;
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_VALID_CASES) {
    throw new RangeError(
      `Failed to generate valid cases: count "${count}" is not an integer from 0 to ${MAX_VALID_CASES}. Pass a smaller whole number.`,
    );
  }
  writeTarget(options.apiVersion, options.operation);
  checkNow(options.now);
  const faker = createFaker(options.seed);
  const coverage = coveragePlans(options.apiVersion);
  const cases: ValidCase[] = [];
  for (let i = 0; i < count; i += 1) {
    const plan = coverage[i] ?? randomPlan(i - coverage.length + 1);
    cases.push(buildValidCase(faker, plan, options));
  }
  return cases;
}
