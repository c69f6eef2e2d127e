import {
  contactFieldNames,
  type GuestCreateRequest,
  type OrderCreateRequest,
  type PersonV21,
  SchemaName,
  validateAgainst,
  validateContactRequest,
} from '../contracts/index.ts';

/**
 * Seed data as written in a file for `occ mock --seed-data` (or given in code): orders with their contacts, and
 * guests, by ref. parseSeedData checks it; the order fields a create would require get defaults.
 */
export interface SeedInput {
  readonly orders?: readonly (Partial<OrderCreateRequest> & {
    readonly ref: string;
    readonly contacts?: readonly (PersonV21 & { readonly ref?: string; readonly guestRef?: string })[];
  })[];
  readonly guests?: readonly (Partial<GuestCreateRequest> & { readonly ref: string })[];
}

/** A contact present from the start: v2.1 contact fields, optionally its ref and the ref of its guest. */
export interface SeedContact {
  readonly ref?: string;
  readonly guestRef?: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** An order present from the start, with its contacts in list order. */
export interface SeedOrder {
  readonly ref: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly contacts: readonly SeedContact[];
}

/** A guest present from the start; contacts with one of its identifiers link to it. */
export interface SeedGuest {
  readonly ref: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Validated seed data (see parseSeedData for the file format). */
export interface SeedData {
  readonly orders: readonly SeedOrder[];
  readonly guests: readonly SeedGuest[];
}

/** The outcome of reading seed data: the data, or every problem found. */
export type SeedResult =
  | { readonly ok: true; readonly data: SeedData }
  | { readonly ok: false; readonly problems: readonly string[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ORDER_FIELDS = ['referenceId', 'currencyCode', 'orderedAt', 'price', 'channel', 'pointOfSale'] as const;
const GUEST_FIELDS = ['guestType', 'firstName', 'lastName', 'identifiers'] as const;
const CONTACT_FIELDS: ReadonlySet<string> = new Set(contactFieldNames('v2.1'));

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function pick(source: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const name of names) if (Object.hasOwn(source, name)) out[name] = source[name];
  return out;
}

function schemaProblems(where: string, file: Parameters<typeof validateAgainst>[0], data: unknown): string[] {
  return validateAgainst(file, data).map((error) => {
    const field =
      error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : error.instancePath || '';
    return `${where}${field.replace(/\//g, '.')}: ${error.message ?? 'is invalid'}.`;
  });
}

class SeedReader {
  readonly problems: string[] = [];
  private readonly refs = new Set<string>();

  constructor(private readonly now: number) {}

  ref(where: string, value: unknown, required: boolean): string | undefined {
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || !UUID.test(value)) {
      this.problems.push(`${where}.ref: expected a UUID, received ${JSON.stringify(value) ?? 'nothing'}.`);
      return undefined;
    }
    const ref = value.toLowerCase();
    if (this.refs.has(ref)) this.problems.push(`${where}.ref: "${value}" is used twice.`);
    this.refs.add(ref);
    return ref;
  }

  unknownKeys(where: string, value: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key))
        this.problems.push(`${where}: unknown field "${key}" (expected ${known.join(', ')}).`);
    }
  }

  guest(where: string, value: unknown): SeedGuest | undefined {
    if (!isObject(value)) {
      this.problems.push(`${where}: expected an object.`);
      return undefined;
    }
    this.unknownKeys(where, value, ['ref', ...GUEST_FIELDS]);
    const ref = this.ref(where, value.ref, true);
    const fields = { guestType: 'customer', ...pick(value, GUEST_FIELDS) };
    this.problems.push(...schemaProblems(where, SchemaName.guestCreateRequest, fields));
    return ref === undefined ? undefined : { ref, fields };
  }

  contact(where: string, value: unknown): SeedContact | undefined {
    if (!isObject(value)) {
      this.problems.push(`${where}: expected an object.`);
      return undefined;
    }
    const fields = pick(value, [...CONTACT_FIELDS]);
    for (const key of Object.keys(value)) {
      if (key !== 'ref' && key !== 'guestRef' && !CONTACT_FIELDS.has(key)) {
        this.problems.push(
          `${where}: unknown field "${key}" (expected ref, guestRef or a v2.1 contact field).`,
        );
      }
    }
    const ref = this.ref(where, value.ref, false);
    let guestRef: string | undefined;
    if (value.guestRef !== undefined) {
      if (typeof value.guestRef === 'string' && UUID.test(value.guestRef))
        guestRef = value.guestRef.toLowerCase();
      else
        this.problems.push(`${where}.guestRef: expected a UUID, received ${JSON.stringify(value.guestRef)}.`);
    }
    for (const violation of validateContactRequest('v2.1', 'createOrderContact', fields, this.now)) {
      this.problems.push(`${where}.${violation.message}`);
    }
    return { ...(ref ? { ref } : {}), ...(guestRef ? { guestRef } : {}), fields };
  }

  order(where: string, value: unknown): SeedOrder | undefined {
    if (!isObject(value)) {
      this.problems.push(`${where}: expected an object.`);
      return undefined;
    }
    this.unknownKeys(where, value, ['ref', 'contacts', ...ORDER_FIELDS]);
    const ref = this.ref(where, value.ref, true);
    // The order fields a create would require get harmless defaults; the ones given are checked as on create.
    const fields = {
      referenceId: `seed-${ref ?? 'order'}`,
      currencyCode: 'EUR',
      orderedAt: new Date(this.now).toISOString(),
      price: 0,
      ...pick(value, ORDER_FIELDS),
    };
    this.problems.push(...schemaProblems(where, SchemaName.orderCreateRequest, fields));
    const contacts: SeedContact[] = [];
    if (value.contacts !== undefined && !Array.isArray(value.contacts)) {
      this.problems.push(`${where}.contacts: expected an array.`);
    } else {
      (value.contacts ?? []).forEach((contact: unknown, i: number) => {
        const read = this.contact(`${where}.contacts[${i}]`, contact);
        if (read) contacts.push(read);
      });
    }
    return ref === undefined ? undefined : { ref, fields, contacts };
  }
}

/**
 * Reads seed data: `{ "orders": [{ "ref": "<uuid>", "referenceId"?, ..., "contacts": [{ "ref"?, "guestRef"?,
 * ...v2.1 contact fields }] }], "guests": [{ "ref": "<uuid>", "guestType"?, "identifiers"? }] }`. Contacts are
 * checked as a v2.1 create would check them (`now` decides what "in the past" means); every problem is reported.
 */
export function parseSeedData(value: unknown, now: number = Date.now()): SeedResult {
  const reader = new SeedReader(now);
  if (!isObject(value))
    return { ok: false, problems: ['(file): expected a JSON object with orders and guests.'] };
  reader.unknownKeys('(file)', value, ['orders', 'guests']);
  const read = <T>(key: 'orders' | 'guests', one: (where: string, item: unknown) => T | undefined): T[] => {
    const list = value[key];
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      reader.problems.push(`${key}: expected an array.`);
      return [];
    }
    return list.flatMap((item: unknown, i: number) => one(`${key}[${i}]`, item) ?? []);
  };
  const guests = read('guests', (where, item) => reader.guest(where, item));
  const orders = read('orders', (where, item) => reader.order(where, item));
  const known = new Set(guests.map((g) => g.ref));
  orders.forEach((order, i) => {
    order.contacts.forEach((contact, j) => {
      if (contact.guestRef !== undefined && !known.has(contact.guestRef)) {
        reader.problems.push(
          `orders[${i}].contacts[${j}].guestRef: no guest "${contact.guestRef}" in guests.`,
        );
      }
    });
  });
  if (reader.problems.length > 0) return { ok: false, problems: reader.problems };
  return { ok: true, data: Object.freeze({ orders, guests }) };
}
