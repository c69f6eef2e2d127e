import { type ApiVersion, type Level, ruleNamed } from '../contracts/index.ts';
import type { InvalidPlan } from './invalid-plan.ts';
import type { Premise } from './premise.ts';

/**
 * The premise of an invalid case: documented when its rule is MUST in the version and the value breaks a
 * constraint the vendor documents; inferred when the rule is SHOULD (the catalogue's mark of our inference) or
 * the plan says the value's invalidity is our reading.
 */
export function invalidPremise(
  plan: InvalidPlan,
  level: Level,
  apiVersion: ApiVersion,
  description: string,
): Premise {
  if (level !== 'MUST') {
    return {
      level: 'inferred',
      because: `${description}; ${plan.rule} is ${level} in ${apiVersion}, so that it is refused is our inference`,
    };
  }
  if (plan.ourReading !== undefined)
    return { level: 'inferred', because: `${description}; ${plan.ourReading}` };
  return { level: 'documented' };
}

/** True when the cases of a plan have a documented premise in the version (see invalidPremise). */
export function isDocumentedPlan(plan: InvalidPlan, apiVersion: ApiVersion): boolean {
  return ruleNamed(plan.rule).levels[apiVersion] === 'MUST' && plan.ourReading === undefined;
}
