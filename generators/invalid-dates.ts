// Invalid dates: a dateOfBirth in the future (OC-DOB-PAST), and dates that are not ISO 8601 in dateOfBirth,
// passportExpiry and identifiers[].expiryDate. A date given as a number is a type error (invalid-types.ts).

import type { TimeRelativeValue } from '../lib/time-relative.ts';
import { type InvalidPlan, shown, withField, withFirstIdentifier } from './invalid-plan.ts';
import { isoAt, isoDate } from './iso-format.ts';

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;

// Each breaks the format a different way: other date orders, impossible days, words, a time without a zone.
// A third element says why the value's invalidity is our reading, not the vendor's "ISO 8601 Date UTC".
const NOT_ISO_BIRTH: readonly (readonly [string, string, string?])[] = [
  ['day-first', '28/10/1985'],
  ['month-first', '10/28/1985'],
  ['feb-30', '1990-02-30'],
  ['feb-29-1900', '1900-02-29'],
  ['month-13', '1985-13-01'],
  ['word', 'yesterday'],
  [
    'no-zone',
    '1985-10-28T10:00:00',
    'ISO 8601 allows a time without a zone, and that the vendor\'s "UTC" refuses it is our reading',
  ],
  ['digits', '499305600000'],
  ['empty', '', 'a server may read "" as no date of birth'],
];

const NOT_ISO_EXPIRY: readonly (readonly [string, string])[] = [
  ['day-first', '01/01/2033'],
  ['month-13', '2033-13-01'],
  ['word', 'never'],
];

const NOT_ISO_IDENTIFIER_EXPIRY: readonly (readonly [string, string])[] = [
  ['day-first', '31/12/2030'],
  ['word', 'next year'],
  ['no-zone', '2030-12-31T23:59:59'],
];

// Later than now: a second (the tightest), a year, and a bare calendar date two days on. Each is relative to the
// moment of sending (its offset and form), so a sender and occ replay compute it again.
const FUTURE_BIRTH: readonly (readonly [
  string,
  (now: number) => string,
  Omit<TimeRelativeValue, 'pointer'>,
  string?,
])[] = [
  [
    'future-1s',
    (now) => isoAt(now + SECOND_MS),
    { offsetMs: SECOND_MS, form: 'date-time' },
    "it is in the future only while the server's clock is not a second ahead of ours",
  ],
  [
    'future-1y',
    (now) => isoAt(now + 365 * DAY_MS, { millis: false }),
    { offsetMs: 365 * DAY_MS, form: 'date-time' },
  ],
  ['future-date-only', (now) => isoDate(now + 2 * DAY_MS), { offsetMs: 2 * DAY_MS, form: 'date' }],
];

/** The invalid-date plans. */
export function datePlans(): InvalidPlan[] {
  return [
    ...FUTURE_BIRTH.map(
      ([name, at, relative, ourReading]): InvalidPlan => ({
        id: `dateOfBirth.${name}`,
        rule: 'OC-DOB-PAST',
        field: 'dateOfBirth',
        ...(ourReading === undefined ? {} : { ourReading }),
        build: (base, { now }) => {
          const value = at(now);
          return {
            description: `dateOfBirth ${value} is in the future (now is ${isoAt(now)})`,
            payload: withField(base, 'dateOfBirth', value),
            timeRelative: [{ pointer: '/dateOfBirth', ...relative }],
          };
        },
      }),
    ),
    ...NOT_ISO_BIRTH.map(
      ([name, value, ourReading]): InvalidPlan => ({
        id: `dateOfBirth.not-iso-${name}`,
        rule: 'OC-DOB-FORMAT',
        field: 'dateOfBirth',
        ...(ourReading === undefined ? {} : { ourReading }),
        build: (base) => ({
          description: `dateOfBirth ${shown(value)} is not an ISO 8601 date`,
          payload: withField(base, 'dateOfBirth', value),
        }),
      }),
    ),
    ...NOT_ISO_EXPIRY.map(
      ([name, value]): InvalidPlan => ({
        id: `passportExpiry.not-iso-${name}`,
        rule: 'OC-PASSPORT-EXPIRY-FORMAT',
        field: 'passportExpiry',
        build: (base) => ({
          description: `passportExpiry ${shown(value)} is not an ISO 8601 date`,
          payload: withField(base, 'passportExpiry', value),
        }),
      }),
    ),
    ...NOT_ISO_IDENTIFIER_EXPIRY.map(
      ([name, value]): InvalidPlan => ({
        id: `identifiers.expiryDate-not-iso-${name}`,
        rule: 'OC-IDENTIFIER-EXPIRY-FORMAT',
        field: 'identifiers',
        build: (base) => ({
          description: `identifiers[0].expiryDate ${shown(value)} is not an ISO 8601 date`,
          payload: withFirstIdentifier(base, (first) => ({ ...first, expiryDate: value })),
        }),
      }),
    ),
  ];
}
