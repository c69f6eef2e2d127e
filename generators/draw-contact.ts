import type { Faker } from '@faker-js/faker';
import type {
  ApiVersion,
  Identifier,
  OrderContactCreateRequestV2,
  OrderContactCreateRequestV21,
  OrderContactPatchRequestV21,
  OrderContactReplaceRequestV21,
  OrderContactUpdateRequestV2,
} from '../contracts/index.ts';
import { ALPHA2_CODES } from './country-codes.ts';
import { isoAt, isoMidnight } from './iso-format.ts';
import { type Gender, genderOfTitle, IDENTIFIER_PROVIDERS, NATIONALITIES, titlesFor } from './vocabulary.ts';

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

/** A contact write body of either version (create, PUT, PATCH, the v2 update), typed by the contract. */
export type ContactBody =
  | OrderContactCreateRequestV21
  | OrderContactReplaceRequestV21
  | OrderContactPatchRequestV21
  | OrderContactCreateRequestV2
  | OrderContactUpdateRequestV2;

/** What a drawn contact must be; everything left out is drawn at random. */
export interface ContactShape {
  readonly gender?: Gender;
  readonly title?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly country?: string;
  readonly nationality?: string;
  readonly dateOfBirth?: string;
  /** Elements in every array (emails, phoneNumbers, identifiers, street); left out, 1 to 3 each. */
  readonly arraySize?: number;
  /** Give every identifier an expiryDate (otherwise only the first has one for sure). */
  readonly everyExpiry?: boolean;
}

interface Person {
  readonly gender: Gender;
  readonly title: string;
  readonly firstName: string;
  readonly lastName: string;
}

/** Draws a gender, a title that suits it, and names (a first name of the matching sex). */
export function drawPerson(faker: Faker, shape: ContactShape = {}): Person {
  const gender =
    shape.gender ??
    (shape.title === undefined ? undefined : genderOfTitle(shape.title)) ??
    faker.helpers.weightedArrayElement<Gender>([
      { weight: 45, value: 'male' },
      { weight: 45, value: 'female' },
      { weight: 10, value: 'unknown' },
    ]);
  const title = shape.title ?? faker.helpers.arrayElement(titlesFor(gender));
  const firstName = shape.firstName ?? faker.person.firstName(gender === 'unknown' ? undefined : gender);
  const lastName = shape.lastName ?? faker.person.lastName();
  return { gender, title, firstName, lastName };
}

// n different values: a server that de-duplicates an array would otherwise fail an echo check the contract
// never asked for. Redraws a repeat a few times, then makes it unique with its index.
function distinct(
  n: number,
  draw: (i: number) => string,
  unique: (value: string, i: number) => string,
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < n; i += 1) {
    let value = draw(i);
    for (let tries = 0; seen.has(value) && tries < 5; tries += 1) value = draw(i);
    if (seen.has(value)) value = unique(value, i);
    seen.add(value);
    out.push(value);
  }
  return out;
}

function drawEmails(faker: Faker, n: number, person: Person): string[] {
  const { firstName, lastName } = person;
  return distinct(
    n,
    (i) =>
      i === 0
        ? faker.internet.email({ firstName, lastName })
        : faker.internet.email({ firstName, lastName, provider: faker.internet.domainName() }),
    (value, i) => `${i}.${value}`,
  );
}

function drawIdentifiers(
  faker: Faker,
  n: number,
  now: number,
  emails: readonly string[],
  everyExpiry: boolean,
): Identifier[] {
  const identifiers: Identifier[] = [];
  for (let i = 0; i < n; i += 1) {
    const provider = i === 0 ? 'ProfileSystem' : faker.helpers.arrayElement(IDENTIFIER_PROVIDERS);
    const email = provider === 'email' ? emails[i] : undefined;
    const id = email ?? faker.string.uuid().toUpperCase();
    const withExpiry = i === 0 || everyExpiry || faker.datatype.boolean();
    const expiry = faker.date.between({ from: now + 30 * DAY_MS, to: now + 5 * YEAR_MS }).getTime();
    identifiers.push(
      withExpiry ? { provider, id, expiryDate: isoAt(expiry, { millis: false }) } : { provider, id },
    );
  }
  return identifiers;
}

/** Draws a contact with every field of the version (v2.1 adds street, city, state and postCode). */
export function drawContact(
  faker: Faker,
  apiVersion: ApiVersion,
  now: number,
  shape: ContactShape = {},
): ContactBody {
  const person = drawPerson(faker, shape);
  const size = () => shape.arraySize ?? faker.number.int({ min: 1, max: 3 });
  const emails = drawEmails(faker, size(), person);
  const phoneNumbers = distinct(
    size(),
    () => faker.phone.number({ style: 'international' }),
    (value, i) => `${value}${i}`,
  );
  const birth = faker.date.birthdate({ mode: 'age', min: 18, max: 90, refDate: now }).getTime();
  const expiry = faker.date.between({ from: now + 30 * DAY_MS, to: now + 10 * YEAR_MS }).getTime();
  const common = {
    title: person.title,
    firstName: person.firstName,
    lastName: person.lastName,
    gender: person.gender,
    dateOfBirth: shape.dateOfBirth ?? isoMidnight(birth),
    emails,
    phoneNumbers,
    nationality: shape.nationality ?? faker.helpers.arrayElement(NATIONALITIES),
    passportNumber: faker.helpers.fromRegExp(/[A-Z]{2}[0-9][A-Z][0-9]{4}/),
    passportExpiry: isoMidnight(expiry),
    country: shape.country ?? faker.helpers.arrayElement(ALPHA2_CODES),
    identifiers: drawIdentifiers(faker, size(), now, emails, shape.everyExpiry ?? false),
  };
  if (apiVersion === 'v2') return common satisfies OrderContactCreateRequestV2;
  const street = distinct(
    size(),
    (i) => (i === 0 ? faker.location.streetAddress() : faker.location.secondaryAddress()),
    (value, i) => `${value} ${i}`,
  );
  return {
    ...common,
    street,
    city: faker.location.city(),
    state: faker.location.state(),
    postCode: faker.location.zipCode(),
  } satisfies OrderContactCreateRequestV21;
}
