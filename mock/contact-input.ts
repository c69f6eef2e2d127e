import {
  type ApiVersion,
  type InputViolation,
  isoToEpochMs,
  validateContactRequest,
} from '../contracts/index.ts';
import type { FaultName } from './faults.ts';
import { personFields } from './representation.ts';
import type { StoredFields } from './store.ts';

const IDENTIFIER_FIELDS = ['provider', 'id', 'expiryDate'] as const;
const DAY_MS = 86_400_000;

// The accept-* faults switch off the rules they name; everything else the contract checks stays on.
const ACCEPTED_RULES: ReadonlyMap<FaultName, readonly string[]> = new Map<FaultName, readonly string[]>([
  ['accept-future-dob', ['OC-DOB-PAST']],
  ['accept-bad-dob-format', ['OC-DOB-FORMAT']],
  ['accept-bad-gender', ['OC-GENDER-ENUM']],
  ['accept-missing-names', ['OC-NAMES-REQUIRED']],
  ['accept-empty-names', ['OC-NAMES-NOT-EMPTY']],
  ['accept-lowercase-country', ['OC-COUNTRY-ISO']],
  ['accept-identifier-without-id', ['OC-IDENTIFIER-REQUIRED-FIELDS']],
  ['accept-bad-expiry-dates', ['OC-PASSPORT-EXPIRY-FORMAT', 'OC-IDENTIFIER-EXPIRY-FORMAT']],
  ['accept-wrong-types', ['OC-FIELD-TYPES', 'OC-ARRAY-ELEMENT-TYPES']],
  ['accept-non-object-body', ['OC-BODY-OBJECT']],
]);

/** A problem with a request body: the vendor-style message and, when the catalogue has one, the rule. */
export interface InputProblem {
  readonly rule: string;
  readonly message: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function extraProblems(body: unknown, operationId: string, faults: ReadonlySet<FaultName>): InputProblem[] {
  if (!isObject(body)) return [];
  const out: InputProblem[] = [];
  if (faults.has('reject-long-titles') && typeof body.title === 'string' && body.title.length > 4) {
    out.push({ rule: 'fault:reject-long-titles', message: 'title: must be at most 4 characters.' });
  }
  if (faults.has('reject-gender-unknown') && body.gender === 'unknown') {
    out.push({ rule: 'fault:reject-gender-unknown', message: 'gender: must be one of male, female.' });
  }
  if (
    faults.has('require-emails') &&
    operationId === 'createOrderContact' &&
    !(Array.isArray(body.emails) && body.emails.length > 0)
  ) {
    out.push({ rule: 'fault:require-emails', message: 'emails: may not be null.' });
  }
  return out;
}

/** The problems of a contact body for an operation: the contract's checks, less what accept-* faults allow. */
export function contactProblems(
  version: ApiVersion,
  operationId: string,
  body: unknown,
  now: number,
  faults: ReadonlySet<FaultName>,
): InputProblem[] {
  let violations: readonly InputViolation[] = validateContactRequest(version, operationId, body, now);
  if (faults.size > 0) {
    const accepted = new Set<string>();
    for (const [fault, rules] of ACCEPTED_RULES)
      if (faults.has(fault)) for (const r of rules) accepted.add(r);
    violations = violations.filter((v) => !accepted.has(v.rule));
    return [...violations, ...extraProblems(body, operationId, faults)];
  }
  return [...violations];
}

/**
 * A new bag for stored contact fields. Its keys are only ever names from the contract, copied one by one (never a
 * key taken from a request), so a plain object is safe. It is not Object.create(null) on purpose: V8 keeps
 * null-prototype objects in dictionary mode, which made every stored contact about twice as large and each
 * create measurably slower (bench/mock.ts); request-controlled keys (the query) do use null-prototype objects.
 */
export function fieldBag(): Record<string, unknown> {
  return {};
}

function copyIdentifier(value: unknown): unknown {
  if (!isObject(value)) return value;
  const out = fieldBag();
  for (const name of IDENTIFIER_FIELDS) if (Object.hasOwn(value, name)) out[name] = value[name];
  return out;
}

/**
 * The person fields of a body that a version knows, copied by name into a new object. Unknown fields
 * (and keys such as __proto__) are never looked at; identifiers keep provider, id and expiryDate only.
 */
export function copyPersonFields(version: ApiVersion, body: unknown): Record<string, unknown> {
  const out = fieldBag();
  if (!isObject(body)) return out;
  for (const name of personFields(version)) {
    if (!Object.hasOwn(body, name)) continue;
    const value = body[name];
    out[name] = name === 'identifiers' && Array.isArray(value) ? value.map(copyIdentifier) : value;
  }
  return out;
}

function mangleUnicode(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/[^\x20-\x7e]/g, '?');
  if (Array.isArray(value)) return value.map(mangleUnicode);
  return value;
}

function shiftedDay(value: unknown, faults: ReadonlySet<FaultName>): unknown {
  const at = typeof value === 'string' ? isoToEpochMs(value) : Number.NaN;
  if (Number.isNaN(at)) return value;
  if (faults.has('dob-shifted-a-day')) return new Date(at - DAY_MS).toISOString();
  return `${new Date(at).toISOString().slice(0, 10)}T00:00:00.000Z`;
}

/** Applies the create-time faults that change what is stored (dropped fields, changed text and dates). */
export function applyCreateFaults(fields: Record<string, unknown>, faults: ReadonlySet<FaultName>): void {
  if (faults.size === 0) return;
  const drops: ReadonlyArray<[FaultName, string]> = [
    ['create-drops-field-emails', 'emails'],
    ['create-drops-field-dateofbirth', 'dateOfBirth'],
    ['create-drops-field-identifiers', 'identifiers'],
    ['create-drops-field-phonenumbers', 'phoneNumbers'],
  ];
  for (const [fault, name] of drops) if (faults.has(fault)) delete fields[name];
  if (faults.has('echo-changes-case')) {
    for (const name of ['firstName', 'lastName']) {
      const value = fields[name];
      if (typeof value === 'string') fields[name] = value.toUpperCase();
    }
  }
  if (faults.has('create-unicode-mangled')) {
    for (const name of Object.keys(fields)) {
      if (name !== 'identifiers') fields[name] = mangleUnicode(fields[name]);
    }
  }
  if ((faults.has('dob-shifted-a-day') || faults.has('dob-time-dropped')) && 'dateOfBirth' in fields) {
    fields.dateOfBirth = shiftedDay(fields.dateOfBirth, faults);
  }
}

/** The fields after a full replace: every field the version knows comes from the body, the others are kept. */
export function replacedFields(
  version: ApiVersion,
  before: StoredFields,
  sent: Record<string, unknown>,
): Record<string, unknown> {
  const known = new Set(personFields(version));
  const out = fieldBag();
  // A v2 client cannot see v2.1-only fields (street, city, state, postCode), so its full update keeps them.
  for (const name of Object.keys(before)) if (!known.has(name)) out[name] = before[name];
  for (const name of Object.keys(sent)) out[name] = sent[name];
  return out;
}

/** The fields after a merge: the body's fields over the stored ones. */
export function mergedFields(before: StoredFields, sent: Record<string, unknown>): Record<string, unknown> {
  const out = fieldBag();
  for (const name of Object.keys(before)) out[name] = before[name];
  for (const name of Object.keys(sent)) out[name] = sent[name];
  return out;
}

/** The identifiers of a body usable for identity resolution (objects only; others are ignored). */
export function identifiersOf(fields: StoredFields): readonly { provider: unknown; id: unknown }[] {
  const value = fields.identifiers;
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((identifier) => ({ provider: identifier.provider, id: identifier.id }));
}
