// Wrong JSON types: every contact field given a value of another type (OC-FIELD-TYPES), and arrays whose elements
// have the wrong type (OC-ARRAY-ELEMENT-TYPES).
import { type InvalidPlan, identifiersOf, shown, withField, withFirstIdentifier } from './invalid-plan.ts';

/** The JSON shape of a contact field, as contracts/schemas/contact-fields.json types it. */
export type FieldKind = 'string' | 'date' | 'strings' | 'identifiers' | 'link';

/** Every contact field of either version and its kind; a test fails when the contract gains a field not here. */
export const FIELD_KINDS: Readonly<Record<string, FieldKind>> = {
  title: 'string',
  firstName: 'string',
  lastName: 'string',
  gender: 'string',
  dateOfBirth: 'date',
  emails: 'strings',
  phoneNumbers: 'strings',
  nationality: 'string',
  passportNumber: 'string',
  passportExpiry: 'date',
  country: 'string',
  identifiers: 'identifiers',
  street: 'strings',
  city: 'string',
  state: 'string',
  postCode: 'string',
  guest: 'link',
};

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// The mistakes a client plausibly makes: a date as epoch milliseconds, a post code as a number, one value where
// a list belongs, a list where one value belongs.
function wrongValues(
  field: string,
  kind: FieldKind,
  value: unknown,
): readonly (readonly [string, unknown])[] {
  switch (kind) {
    case 'string':
    case 'date': {
      const digits = String(value).replace(/\D/g, '').slice(0, 9);
      const number = kind === 'date' ? Date.parse(String(value)) : digits === '' ? 42 : Number(digits);
      return [
        ['number', Number.isFinite(number) ? number : 42],
        ['boolean', true],
        ['object', { value }],
        ['array', [value]],
      ];
    }
    case 'strings': {
      const first = Array.isArray(value) && typeof value[0] === 'string' ? value[0] : `${field} value`;
      return [
        ['string', first],
        ['number', 42],
        ['object', { 0: first }],
      ];
    }
    case 'identifiers': {
      const [first = {}] = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      return [
        ['string', `${String(first.provider)}:${String(first.id)}`],
        ['number', 42],
        ['object', first],
      ];
    }
    case 'link': {
      const href =
        (value as { href?: unknown } | undefined)?.href ??
        'https://api-engage-eu.sitecorecloud.io/v2/guests/1';
      return [
        ['string', href],
        ['array', [{ href }]],
      ];
    }
  }
}

function fieldTypePlans(): InvalidPlan[] {
  return Object.entries(FIELD_KINDS).flatMap(([field, kind]) =>
    wrongValues(field, kind, undefined).map(
      ([type]): InvalidPlan => ({
        id: `${field}.type-${type}`,
        rule: 'OC-FIELD-TYPES',
        field,
        build: (base) => {
          const wrong = wrongValues(field, kind, base[field]).find(([t]) => t === type)?.[1];
          return {
            description: `${field} ${shown(wrong)} is ${typeName(wrong)}, not ${kind === 'strings' || kind === 'identifiers' ? 'an array' : kind === 'link' ? 'an object' : 'a string'}`,
            payload: withField(base, field, wrong),
          };
        },
      }),
    ),
  );
}

// Nested fields with a wrong type: an identifier's provider, id and expiryDate, and the guest link's href.
function nestedTypePlans(): InvalidPlan[] {
  return [
    ...['provider', 'id', 'expiryDate'].map(
      (key): InvalidPlan => ({
        id: `identifiers.${key}-type-number`,
        rule: 'OC-FIELD-TYPES',
        field: 'identifiers',
        build: (base) => ({
          description: `identifiers[0].${key} 42 is a number, not a string`,
          payload: withFirstIdentifier(base, (first) => ({ ...first, [key]: 42 })),
        }),
      }),
    ),
    {
      id: 'guest.href-missing',
      rule: 'OC-FIELD-TYPES',
      field: 'guest',
      build: (base) => ({ description: 'guest is {} (no href)', payload: withField(base, 'guest', {}) }),
    },
    {
      id: 'guest.href-type-number',
      rule: 'OC-FIELD-TYPES',
      field: 'guest',
      build: (base) => ({
        description: 'guest.href 42 is a number, not a string',
        payload: withField(base, 'guest', { href: 42 }),
      }),
    },
  ];
}

// A list of strings with one element of another type appended after the valid ones.
const STRING_ELEMENTS_WRONG: readonly (readonly [string, (first: string) => unknown])[] = [
  ['number', (first) => Number(first.replace(/\D/g, '').slice(0, 12) || '42')],
  ['null', () => null],
  ['object', (first) => ({ value: first })],
];

const IDENTIFIER_ELEMENTS_WRONG: readonly (readonly [string, (first: Record<string, unknown>) => unknown])[] =
  [
    ['string', (first) => `${String(first.provider)}:${String(first.id)}`],
    ['number', () => 42],
    ['null', () => null],
    ['array', (first) => [first.provider, first.id]],
  ];

function elementTypePlans(): InvalidPlan[] {
  const strings = ['emails', 'phoneNumbers', 'street'].flatMap((field) =>
    STRING_ELEMENTS_WRONG.map(
      ([type, wrong]): InvalidPlan => ({
        id: `${field}.element-${type}`,
        rule: 'OC-ARRAY-ELEMENT-TYPES',
        field,
        build: (base) => {
          const list = Array.isArray(base[field]) ? (base[field] as unknown[]) : [];
          const element = wrong(typeof list[0] === 'string' ? list[0] : '42');
          return {
            description: `${field}[${list.length}] ${shown(element)} is ${typeName(element)}, not a string`,
            payload: withField(base, field, [...list, element]),
          };
        },
      }),
    ),
  );
  const identifiers = IDENTIFIER_ELEMENTS_WRONG.map(
    ([type, wrong]): InvalidPlan => ({
      id: `identifiers.element-${type}`,
      rule: 'OC-ARRAY-ELEMENT-TYPES',
      field: 'identifiers',
      build: (base) => {
        const list = identifiersOf(base);
        const element = wrong(list[0] ?? {});
        return {
          description: `identifiers[${list.length}] ${shown(element)} is ${typeName(element)}, not an object`,
          payload: withField(base, 'identifiers', [...list, element]),
        };
      },
    }),
  );
  return [...strings, ...identifiers];
}

/** The wrong-type plans. */
export function typePlans(): InvalidPlan[] {
  return [...fieldTypePlans(), ...nestedTypePlans(), ...elementTypePlans()];
}
