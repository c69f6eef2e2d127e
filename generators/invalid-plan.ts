import type { Faker } from '@faker-js/faker';
import type { TimeRelativeValue } from '../lib/time-relative.ts';
import type { WriteTarget } from './write-operations.ts';

/**
 * What breaking a valid contact produced: a JSON body, or raw text for what a JSON value cannot carry; with the
 * body's values that hold only relative to the moment of sending (a dateOfBirth a second ahead).
 */
export type Breakage =
  | {
      readonly description: string;
      readonly payload: unknown;
      readonly timeRelative?: readonly TimeRelativeValue[];
    }
  | { readonly description: string; readonly rawBody: string };

/** What a plan may use to break its contact. */
export interface BreakContext {
  readonly faker: Faker;
  /** The run's reference time in epoch ms. */
  readonly now: number;
  readonly target: WriteTarget;
}

/** One planned invalid case: a stable id, the rule it breaks, and how to break a valid contact. */
export interface InvalidPlan {
  readonly id: string;
  readonly rule: string;
  /** The top-level contact field the case needs; left out for a version whose contract lacks the field. */
  readonly field?: string;
  /** A further condition on the operation, e.g. that its schema requires the field a case leaves out. */
  readonly when?: (target: WriteTarget) => boolean;
  /**
   * Why the value's invalidity is our reading rather than the vendor's, for a plan whose rule may be MUST
   * (a clause after the case's description, e.g. 'a server may read "" as no value').
   */
  readonly ourReading?: string;
  build(base: Readonly<Record<string, unknown>>, context: BreakContext): Breakage;
}

/** A JSON value short enough for a description. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A copy of the contact with one field set (in its place, so key order stays the contract's). */
export function withField(
  base: Readonly<Record<string, unknown>>,
  field: string,
  value: unknown,
): Record<string, unknown> {
  return { ...base, [field]: value };
}

/** A copy of the contact without one field. */
export function withoutField(
  base: Readonly<Record<string, unknown>>,
  field: string,
): Record<string, unknown> {
  const { [field]: _left, ...rest } = base;
  return rest;
}

/** The contact's identifiers as plain objects (a full contact always has at least one). */
export function identifiersOf(base: Readonly<Record<string, unknown>>): Record<string, unknown>[] {
  const list = Array.isArray(base.identifiers) ? (base.identifiers as Record<string, unknown>[]) : [];
  return list.length > 0 ? list : [{ provider: 'ProfileSystem', id: 'B7524AE6-CF1C-440F-B1A2-0C9D42F5CB41' }];
}

/** The contact with its first identifier replaced (the others kept). */
export function withFirstIdentifier(
  base: Readonly<Record<string, unknown>>,
  change: (first: Record<string, unknown>) => unknown,
): Record<string, unknown> {
  const [first = {}, ...rest] = identifiersOf(base);
  return withField(base, 'identifiers', [change({ ...first }), ...rest]);
}
