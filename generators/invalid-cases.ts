import type { Faker } from '@faker-js/faker';
import { type ApiVersion, contactFieldNames, type Level, ruleNamed } from '../contracts/index.ts';
import type { TimeRelativeValue } from '../lib/time-relative.ts';
import { checkNow, validContact } from './contact.ts';
import { createFaker, seedForCase } from './faker.ts';
import { bodyPlans } from './invalid-bodies.ts';
import { datePlans } from './invalid-dates.ts';
import type { InvalidPlan } from './invalid-plan.ts';
import { invalidPremise } from './invalid-premise.ts';
import { typePlans } from './invalid-types.ts';
import { valuePlans } from './invalid-values.ts';
import type { Premise } from './premise.ts';
import type { RunOptions } from './run-options.ts';
import { type WriteTarget, writeTarget } from './write-operations.ts';

/** A valid contact broken in exactly one way, and what it breaks. */
export interface InvalidCase {
  readonly kind: 'invalid';
  /** Stable: 'dateOfBirth.future-1s', 'gender.enum-Male', 'json.trailing-comma'. */
  readonly id: string;
  /** The catalogue rule it breaks, e.g. OC-DOB-PAST. */
  readonly rule: string;
  /** The rule's level in this API version: a SHOULD case is reported as a warning. */
  readonly level: Level;
  /** Documented when the rule is MUST here and the value breaks a documented constraint; else inferred, saying why. */
  readonly premise: Premise;
  readonly apiVersion: ApiVersion;
  readonly operation: string;
  /** What is wrong, e.g. 'dateOfBirth 2031-04-02T10:00:01.000Z is in the future (now is ...)'. */
  readonly description: string;
  /** The statuses the rule accepts (its input.expectedStatus). */
  readonly expectedStatus: readonly number[];
  readonly seed: number;
  /** The reference time the case was built for (ISO 8601). */
  readonly now: string;
  /** The JSON body; absent when rawBody is set. */
  readonly payload?: unknown;
  /** The body text sent as-is, for what a JSON value cannot carry (malformed JSON, an oversized body). */
  readonly rawBody?: string;
  /** Payload values relative to the moment of sending: a sender computes them again when it sends. */
  readonly timeRelative?: readonly TimeRelativeValue[];
}

let allPlans: readonly InvalidPlan[] | undefined;

/** Every invalid plan, for any version and operation, in the order cases are returned. */
export function invalidPlans(): readonly InvalidPlan[] {
  allPlans ??= Object.freeze([...datePlans(), ...valuePlans(), ...typePlans(), ...bodyPlans()]);
  return allPlans;
}

/** True when a plan makes sense for a target: its rule applies there, the version has its field, its condition holds. */
export function planApplies(plan: InvalidPlan, target: WriteTarget): boolean {
  const rule = ruleNamed(plan.rule);
  if (rule.levels[target.apiVersion] === undefined || !rule.operations.includes(target.operation))
    return false;
  if (plan.field !== undefined && !contactFieldNames(target.apiVersion).includes(plan.field)) return false;
  return plan.when?.(target) ?? true;
}

/** The plans that apply to a version and operation. */
export function invalidPlansFor(target: WriteTarget): InvalidPlan[] {
  return invalidPlans().filter((plan) => planApplies(plan, target));
}

/** Builds one planned invalid case: a valid contact from the case's own seeded stream, broken by the plan. */
export function buildInvalidCase(
  faker: Faker,
  plan: InvalidPlan,
  target: WriteTarget,
  options: RunOptions,
): InvalidCase {
  const rule = ruleNamed(plan.rule);
  const level = rule.levels[target.apiVersion];
  if (level === undefined || rule.input === undefined) {
    throw new Error(
      `Failed to build invalid case "${plan.id}": rule ${plan.rule} has no input entry or no level in ${target.apiVersion} in contracts/rules.yaml. Fix the plan or the catalogue.`,
    );
  }
  seedForCase(faker, options.seed, plan.id);
  const base = validContact(faker, {
    apiVersion: target.apiVersion,
    operation: target.operation,
    now: options.now,
  });
  const broken = plan.build(base, { faker, now: options.now, target });
  return {
    kind: 'invalid',
    id: plan.id,
    rule: plan.rule,
    level,
    premise: invalidPremise(plan, level, target.apiVersion, broken.description),
    apiVersion: target.apiVersion,
    operation: target.operation,
    description: broken.description,
    expectedStatus: [...rule.input.expectedStatus],
    seed: options.seed,
    now: new Date(options.now).toISOString(),
    ...('rawBody' in broken
      ? { rawBody: broken.rawBody }
      : {
          payload: broken.payload,
          ...(broken.timeRelative !== undefined ? { timeRelative: broken.timeRelative } : {}),
        }),
  };
}

/**
 * Invalid contacts for a version and operation: one or more cases for every input rule of the catalogue that
 * applies there, each a valid contact broken in exactly one way. Given `plans` (of that version and operation),
 * only theirs, in that order: each case draws from a stream of its own, so it is the same case either way, and a
 * run that sends a few does not build the rest (the 2 MiB bodies among them).
 * @example invalidCases({ seed: 7, apiVersion: 'v2.1', operation: 'partiallyUpdateOrderContact', now: Date.now() })
 */
export function invalidCases(options: RunOptions, plans?: readonly InvalidPlan[]): InvalidCase[] {
  const target = writeTarget(options.apiVersion, options.operation);
  checkNow(options.now);
  const faker = createFaker(options.seed);
  return (plans ?? invalidPlansFor(target)).map((plan) => buildInvalidCase(faker, plan, target, options));
}
