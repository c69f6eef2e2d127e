// Bodies that are not a contact object: JSON of another type (OC-BODY-OBJECT), text that is not JSON
// (OC-MALFORMED-JSON) and a body over the size limit (OC-BODY-TOO-LARGE). The last two travel as raw text.
import { MAX_REQUEST_BODY_BYTES } from '../contracts/index.ts';
import { type InvalidPlan, shown, withField, withoutField } from './invalid-plan.ts';

/** The size of the firstName in the oversized body: 2 MiB, twice the contract's MAX_REQUEST_BODY_BYTES. */
export const OVERSIZED_FIELD_BYTES = 2 * 1024 * 1024;

type Contact = Readonly<Record<string, unknown>>;

// The contact in another JSON type: wrapped in an array, double-encoded as a string, and scalars.
const NOT_OBJECTS: readonly (readonly [string, (base: Contact) => unknown])[] = [
  ['array', (base) => [base]],
  ['string', (base) => JSON.stringify(base)],
  ['number', () => 42],
  ['boolean', () => true],
  ['null', () => null],
];

// The contact's JSON text broken the ways hand-written or badly concatenated JSON breaks.
const MALFORMED: readonly {
  readonly name: string;
  readonly what: string;
  readonly make: (base: Contact) => string;
}[] = [
  {
    name: 'truncated',
    what: "the contact's JSON text cut off halfway",
    make: (base) => {
      const text = JSON.stringify(base);
      return text.slice(0, Math.floor(text.length / 2));
    },
  },
  {
    name: 'trailing-comma',
    what: "the contact's JSON text with a comma before the closing brace",
    make: (base) => JSON.stringify(base).replace(/\}$/, ',}'),
  },
  {
    name: 'single-quotes',
    what: "the contact's JSON text in single quotes",
    make: (base) => JSON.stringify(base).replaceAll('"', "'"),
  },
  {
    name: 'nan',
    what: "the contact's JSON text with title NaN (not a JSON value)",
    make: (base) => JSON.stringify(withoutField(base, 'title')).replace(/^\{/, '{"title":NaN,'),
  },
  {
    name: 'unquoted-keys',
    what: "the contact's JSON text with unquoted keys",
    make: (base) => JSON.stringify(base).replace(/"(\w+)":/g, '$1:'),
  },
  { name: 'empty', what: 'empty', make: () => '' },
];

/** The body plans. */
export function bodyPlans(): InvalidPlan[] {
  return [
    ...NOT_OBJECTS.map(
      ([type, make]): InvalidPlan => ({
        id: `body.${type}`,
        rule: 'OC-BODY-OBJECT',
        build: (base) => {
          const payload = make(base);
          const what = type === 'null' ? 'null' : `a JSON ${type} (${shown(payload)})`;
          return { description: `the body is ${what}, not an object`, payload };
        },
      }),
    ),
    ...MALFORMED.map(
      ({ name, what, make }): InvalidPlan => ({
        id: `json.${name}`,
        rule: 'OC-MALFORMED-JSON',
        build: (base) => ({ description: `the body is not JSON: ${what}`, rawBody: make(base) }),
      }),
    ),
    {
      id: 'body.too-large',
      rule: 'OC-BODY-TOO-LARGE',
      field: 'firstName',
      build: (base) => {
        // Printable ASCII only, so the field's characters are its bytes.
        const unit =
          (typeof base.firstName === 'string' ? base.firstName.replace(/[^\x20-\x7e]/g, 'x') : '') || 'x';
        const firstName = unit
          .repeat(Math.ceil(OVERSIZED_FIELD_BYTES / unit.length))
          .slice(0, OVERSIZED_FIELD_BYTES);
        const rawBody = JSON.stringify(withField(base, 'firstName', firstName));
        return {
          description: `the body is ${Buffer.byteLength(rawBody)} bytes (a firstName of 2 MiB), over MAX_REQUEST_BODY_BYTES ${MAX_REQUEST_BODY_BYTES}`,
          rawBody,
        };
      },
    },
  ];
}
