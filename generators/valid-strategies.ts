// The coverage strategies behind validCases: each a list of named cases, so a run of the default size sends
// every listed title, every gender, every country code, names in many scripts, boundary dates of birth and
// arrays from empty to many.
import type { Faker } from '@faker-js/faker';
import type { ApiVersion } from '../contracts/index.ts';
import { type ContactOptions, minimalContact, shapedContact, validContact } from './contact.ts';
import { ALPHA2_CODES } from './country-codes.ts';
import type { ContactShape } from './draw-contact.ts';
import { isoAt } from './iso-format.ts';
import { GENDERS, LISTED_TITLES, UNICODE_NAMES } from './vocabulary.ts';

/** One planned valid case: its id, its strategy, and how to build its body. */
export interface ValidPlan {
  readonly id: string;
  readonly strategy: string;
  build(faker: Faker, options: ContactOptions): Record<string, unknown>;
}

function shaped(id: string, strategy: string, shape: (options: ContactOptions) => ContactShape): ValidPlan {
  return { id, strategy, build: (faker, options) => shapedContact(faker, options, shape(options)) };
}

const SECOND_MS = 1000;

// Dates of birth at the edges: just before now (with and without milliseconds, in an offset zone), a leap day,
// the start of 1900, and every ISO 8601 form the vendor's pages show ("1985-12-24T00:00Z", seed 003).
const BIRTH_DATES: readonly (readonly [string, (now: number) => string])[] = [
  ['second-ago', (now) => isoAt(now - SECOND_MS)],
  ['second-ago-no-millis', (now) => isoAt(now - SECOND_MS, { millis: false })],
  ['second-ago-offset+05:30', (now) => isoAt(now - SECOND_MS, { offsetMinutes: 330 })],
  ['leap-day', () => '2000-02-29T00:00:00.000Z'],
  ['1900-01-01', () => '1900-01-01T00:00:00.000Z'],
  ['1900-01-01-no-millis', () => '1900-01-01T00:00:00Z'],
  ['offset+05:30', () => '1985-12-24T10:30:00+05:30'],
  ['offset-08:00', () => '1985-12-23T16:00:00.000-08:00'],
  ['minutes-only', () => '1985-12-24T00:00Z'],
  ['date-only', () => '1985-12-24'],
];

const MANY = 25;

// A guest link as the vendor's v2 create example sends it (seed 004): "<baseURL>/v2/guests/<guestRef>".
function guestLinked(): ValidPlan {
  return {
    id: 'guest.link',
    strategy: 'guest-link',
    build: (faker, options) => {
      const contact = validContact(faker, options);
      const href = `https://api-engage-eu.sitecorecloud.io/v2/guests/${faker.string.uuid()}`;
      return { ...contact, guest: { href } };
    },
  };
}

/** The coverage cases of a version, in the order validCases returns them (every country last, the longest). */
export function coveragePlans(apiVersion: ApiVersion): readonly ValidPlan[] {
  return [
    ...[1, 2].map((n) => ({
      id: `minimal.${n}`,
      strategy: 'minimal',
      build: (faker: Faker, options: ContactOptions) => minimalContact(faker, options),
    })),
    ...[1, 2].map((n) => shaped(`full.${n}`, 'full', () => ({ arraySize: 2, everyExpiry: true }))),
    ...GENDERS.map((gender) => shaped(`gender.${gender}`, 'every-gender', () => ({ gender }))),
    ...LISTED_TITLES.map((title) => shaped(`title.${title}`, 'every-title', () => ({ title }))),
    ...UNICODE_NAMES.map(({ id, ...name }) => shaped(`unicode.${id}`, 'unicode-names', () => name)),
    ...BIRTH_DATES.map(([id, at]) =>
      shaped(`dateOfBirth.${id}`, 'date-of-birth-boundaries', (options) => ({
        dateOfBirth: at(options.now),
      })),
    ),
    shaped('arrays.empty', 'arrays', () => ({ arraySize: 0 })),
    shaped('arrays.single', 'arrays', () => ({ arraySize: 1 })),
    shaped('arrays.many', 'arrays', () => ({ arraySize: MANY, everyExpiry: true })),
    ...(apiVersion === 'v2' ? [guestLinked()] : []),
    ...ALPHA2_CODES.map((country) => shaped(`country.${country}`, 'every-country', () => ({ country }))),
  ];
}

/** The n-th random full contact (1-based): random.1, random.2, ... */
export function randomPlan(n: number): ValidPlan {
  return { id: `random.${n}`, strategy: 'random', build: (faker, options) => validContact(faker, options) };
}

/** The plan with this id for a version: a coverage case, or random.N for any N from 1. */
export function validPlanById(apiVersion: ApiVersion, id: string): ValidPlan | undefined {
  const random = /^random\.([1-9]\d{0,8})$/.exec(id);
  if (random) return randomPlan(Number(random[1]));
  return coveragePlans(apiVersion).find((plan) => plan.id === id);
}
