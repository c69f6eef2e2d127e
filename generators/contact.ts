import type { Faker } from '@faker-js/faker';
import type { ApiVersion } from '../contracts/index.ts';
import { type ContactBody, type ContactShape, drawContact, drawPerson } from './draw-contact.ts';
import { writeTarget } from './write-operations.ts';

/** What a contact is generated for, and when. */
export interface ContactOptions {
  readonly apiVersion: ApiVersion;
  /** The operationId the body is for (default createOrderContact); it must take a contact in this version. */
  readonly operation?: string;
  /** The reference time in epoch ms: dates of birth fall before it, expiry dates after it. */
  readonly now: number;
  /** Fields set after drawing; a field set to undefined is left out of the contact. */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

/** Checks a `now` option: the generators never read the clock themselves. */
export function checkNow(now: number): void {
  if (!Number.isFinite(now)) {
    throw new RangeError(
      `Failed to generate contacts: now "${now}" is not a time in epoch ms. Pass Date.parse(iso).`,
    );
  }
}

/** A plain JSON object of a contract-typed body, with the overrides applied. */
export function withOverrides(
  body: ContactBody | Readonly<Record<string, unknown>>,
  overrides: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** Draws a contact of a given shape for a version and operation (the strategies' builder). */
export function shapedContact(
  faker: Faker,
  options: ContactOptions,
  shape: ContactShape,
): Record<string, unknown> {
  const target = writeTarget(options.apiVersion, options.operation);
  checkNow(options.now);
  return withOverrides(drawContact(faker, target.apiVersion, options.now, shape), options.overrides);
}

/**
 * A full, realistic contact: every field the version's contract knows, valid for the operation.
 * @example validContact(createFaker(7), { apiVersion: 'v2.1', now: Date.parse('2026-01-01T00:00:00Z') })
 */
export function validContact(faker: Faker, options: ContactOptions): Record<string, unknown> {
  return shapedContact(faker, options, {});
}

/**
 * A contact with only firstName and lastName, the least every write accepts (OC-MINIMAL-ACCEPTED).
 * @example minimalContact(createFaker(7), { apiVersion: 'v2', now: Date.now() }) // { firstName, lastName }
 */
export function minimalContact(faker: Faker, options: ContactOptions): Record<string, unknown> {
  writeTarget(options.apiVersion, options.operation);
  checkNow(options.now);
  const { firstName, lastName } = drawPerson(faker);
  return withOverrides({ firstName, lastName }, options.overrides);
}
