import { type ApiVersion, validateContactRequest } from '../contracts/index.ts';
import { personFields } from './representation.ts';
import type { StoredFields } from './store.ts';

const IDENTIFIER_FIELDS = ['provider', 'id', 'expiryDate'] as const;

/** A problem with a request body: the vendor-style message and, when the catalogue has one, the rule. */
export interface InputProblem {
  readonly rule: string;
  readonly message: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The problems of a contact body for an operation, as the contract sees them. */
export function contactProblems(
  version: ApiVersion,
  operationId: string,
  body: unknown,
  now: number,
): InputProblem[] {
  return validateContactRequest(version, operationId, body, now);
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
