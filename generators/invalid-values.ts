// Invalid values of the right type: gender outside the enum, a country that is not an upper-case alpha-2 code,
// names missing, null or empty, identifiers without provider or id.
import { COUNTRY_CODES } from './country-codes.ts';
import {
  type InvalidPlan,
  identifiersOf,
  shown,
  withField,
  withFirstIdentifier,
  withoutField,
} from './invalid-plan.ts';

// Case variants the vendor's lower-case enum excludes (seed 003: "string (lowercase)"), a word outside it,
// an abbreviation, padding, and the empty string.
const GENDERS_OUTSIDE: readonly (readonly [string, string])[] = [
  ['Male', 'Male'],
  ['FEMALE', 'FEMALE'],
  ['other', 'other'],
  ['M', 'M'],
  ['padded', ' male'],
  ['empty', ''],
];

function countryOf(base: Readonly<Record<string, unknown>>) {
  return (
    COUNTRY_CODES.find((c) => c.alpha2 === base.country) ?? { alpha2: 'IE', alpha3: 'IRL', numeric: '372' }
  );
}

// The same country written the ways a client gets it wrong: lower case, alpha-3, numeric, one letter, mixed case, empty.
const COUNTRIES_WRONG: readonly (readonly [string, (base: Readonly<Record<string, unknown>>) => string])[] = [
  ['lower-case', (base) => countryOf(base).alpha2.toLowerCase()],
  ['alpha-3', (base) => countryOf(base).alpha3],
  ['numeric', (base) => countryOf(base).numeric],
  ['one-letter', (base) => countryOf(base).alpha2.slice(0, 1)],
  [
    'mixed-case',
    (base) => `${countryOf(base).alpha2.slice(0, 1)}${countryOf(base).alpha2.slice(1).toLowerCase()}`,
  ],
  ['empty', () => ''],
];

function namePlans(): InvalidPlan[] {
  return ['firstName', 'lastName'].flatMap((field): InvalidPlan[] => [
    {
      id: `${field}.missing`,
      rule: 'OC-NAMES-REQUIRED',
      field,
      // A PATCH may leave names out; only an operation whose schema requires the name gets this case.
      when: (target) => target.required.includes(field),
      build: (base) => ({ description: `${field} is missing`, payload: withoutField(base, field) }),
    },
    {
      id: `${field}.null`,
      rule: 'OC-NAMES-REQUIRED',
      field,
      build: (base) => ({ description: `${field} is null`, payload: withField(base, field, null) }),
    },
    {
      id: `${field}.empty`,
      rule: 'OC-NAMES-NOT-EMPTY',
      field,
      build: (base) => ({ description: `${field} is the empty string`, payload: withField(base, field, '') }),
    },
  ]);
}

function identifierPlans(): InvalidPlan[] {
  const perKey = ['provider', 'id'].flatMap((key): InvalidPlan[] => [
    {
      id: `identifiers.${key}-missing`,
      rule: 'OC-IDENTIFIER-REQUIRED-FIELDS',
      field: 'identifiers',
      build: (base) => ({
        description: `identifiers[0] has no ${key}`,
        payload: withFirstIdentifier(base, (first) => withoutField(first, key)),
      }),
    },
    {
      id: `identifiers.${key}-null`,
      rule: 'OC-IDENTIFIER-REQUIRED-FIELDS',
      field: 'identifiers',
      build: (base) => ({
        description: `identifiers[0].${key} is null`,
        payload: withFirstIdentifier(base, (first) => ({ ...first, [key]: null })),
      }),
    },
    {
      id: `identifiers.${key}-empty`,
      rule: 'OC-IDENTIFIER-REQUIRED-FIELDS',
      field: 'identifiers',
      ourReading: `the vendor marks ${key} Required, and that "" counts as missing is our reading`,
      build: (base) => ({
        description: `identifiers[0].${key} is the empty string`,
        payload: withFirstIdentifier(base, (first) => ({ ...first, [key]: '' })),
      }),
    },
  ]);
  return [
    ...perKey,
    {
      id: 'identifiers.empty-object',
      rule: 'OC-IDENTIFIER-REQUIRED-FIELDS',
      field: 'identifiers',
      build: (base) => ({
        description: 'identifiers[0] is {} (no provider, no id)',
        payload: withFirstIdentifier(base, () => ({})),
      }),
    },
    {
      // A later element, so a service that checks only the first identifier is caught.
      id: 'identifiers.second-id-missing',
      rule: 'OC-IDENTIFIER-REQUIRED-FIELDS',
      field: 'identifiers',
      build: (base) => {
        const [first] = identifiersOf(base);
        return {
          description: 'identifiers[1] has no id',
          payload: withField(base, 'identifiers', [first, { provider: 'LoyaltyProgram' }]),
        };
      },
    },
  ];
}

/** The invalid-value plans. */
export function valuePlans(): InvalidPlan[] {
  return [
    ...GENDERS_OUTSIDE.map(
      ([name, value]): InvalidPlan => ({
        id: `gender.enum-${name}`,
        rule: 'OC-GENDER-ENUM',
        field: 'gender',
        // Every other value is outside the documented enum; "" may be taken for no gender at all.
        ...(value === '' ? { ourReading: 'a server may read "" as no gender' } : {}),
        build: (base) => ({
          description: `gender ${shown(value)} is not one of male, female, unknown`,
          payload: withField(base, 'gender', value),
        }),
      }),
    ),
    ...COUNTRIES_WRONG.map(
      ([name, wrong]): InvalidPlan => ({
        id: `country.${name}`,
        rule: 'OC-COUNTRY-ISO',
        field: 'country',
        build: (base) => {
          const value = wrong(base);
          return {
            description: `country ${shown(value)} is not an upper-case ISO 3166-1 alpha-2 code`,
            payload: withField(base, 'country', value),
          };
        },
      }),
    ),
    ...namePlans(),
    ...identifierPlans(),
  ];
}
