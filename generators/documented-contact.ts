// The contact a test starts from (the lifecycle's contact, the contact updates are applied to, paging's
// contacts): every value in a form the vendor shows, so a server built from the vendor's pages cannot refuse
// it without contradicting them. Coverage of other forms is validContact's and the valid strategies' job.
import type { Faker } from '@faker-js/faker';
import type { OrderContactCreateRequestV2, OrderContactCreateRequestV21 } from '../contracts/index.ts';
import { type ContactOptions, checkNow } from './contact.ts';
import { drawPerson } from './draw-contact.ts';
import { isoAt, isoMidnight } from './iso-format.ts';
import { writeTarget } from './write-operations.ts';

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

/** What a documented contact is for, and when. */
export type DocumentedContactOptions = Pick<ContactOptions, 'apiVersion' | 'now' | 'operation'>;

// The vendor's own example pairs (seed 002: nationality "Irish", "British", "Spanish", "French"; country
// "IE", "GB", "ES", "FR"), so nationality and country agree and both are values the vendor shows.
const PLACES: readonly (readonly [country: string, nationality: string])[] = [
  ['IE', 'Irish'],
  ['GB', 'British'],
  ['ES', 'Spanish'],
  ['FR', 'French'],
];

// A plain ASCII address like the vendor's "john.doe@gmail.com": faker's own may carry what a name has.
function email(faker: Faker, firstName: string, lastName: string): string {
  const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z0-9.]/g, '') || 'contact';
  return `${local}.${faker.string.alphanumeric({ length: 6, casing: 'lower' })}@${faker.internet.domainName()}`;
}

// In the vendor's form "+353161123345": a country code and nine digits, no spaces.
function phoneNumber(faker: Faker): string {
  return `+3531${faker.string.numeric(8)}`;
}

/**
 * A full contact of the version using only forms the vendor documents (premiseOf says documented): one email,
 * one or two phone numbers, one identifier, dates as ISO 8601 date-times in UTC, a listed title, a country and
 * nationality from the vendor's examples; in v2.1 no postCode, passportExpiry or identifier expiryDate (the
 * v2.1 request lists none of them), in v2 no guest link (it would name a guest that may not exist).
 * @example documentedContact(createFaker(7), { apiVersion: 'v2.1', now: Date.parse('2026-01-01T00:00:00Z') })
 */
export function documentedContact(faker: Faker, options: DocumentedContactOptions): Record<string, unknown> {
  const target = writeTarget(options.apiVersion, options.operation);
  checkNow(options.now);
  const { now } = options;
  const person = drawPerson(faker);
  const [country, nationality] = faker.helpers.arrayElement(PLACES);
  const birth = faker.date.birthdate({ mode: 'age', min: 18, max: 90, refDate: now }).getTime();
  // A set: a server that de-duplicates would otherwise fail an echo check (two equal draws leave one number).
  const phones = new Set(
    Array.from({ length: faker.number.int({ min: 1, max: 2 }) }, () => phoneNumber(faker)),
  );
  const common = {
    title: person.title,
    firstName: person.firstName,
    lastName: person.lastName,
    gender: person.gender,
    dateOfBirth: isoMidnight(birth),
    emails: [email(faker, person.firstName, person.lastName)],
    phoneNumbers: [...phones],
    nationality,
    passportNumber: faker.helpers.fromRegExp(/[A-Z]{2}[0-9][A-Z][0-9]{4}/),
    country,
  };
  const identifier = { provider: 'ProfileSystem', id: faker.string.uuid().toUpperCase() };
  if (target.apiVersion === 'v2') {
    const expiry = faker.date.between({ from: now + 30 * DAY_MS, to: now + 10 * YEAR_MS }).getTime();
    return {
      ...common,
      passportExpiry: isoMidnight(expiry),
      identifiers: [{ ...identifier, expiryDate: isoAt(expiry, { millis: false }) }],
    } satisfies OrderContactCreateRequestV2;
  }
  const street = [faker.location.streetAddress()];
  if (faker.datatype.boolean()) street.push(faker.location.secondaryAddress());
  return {
    ...common,
    identifiers: [identifier],
    street,
    city: faker.location.city(),
    state: faker.location.state(),
  } satisfies OrderContactCreateRequestV21;
}
