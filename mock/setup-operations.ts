import type { ErrorObject } from 'ajv/dist/2020.js';
import { type SchemaFile, SchemaName, validateAgainst } from '../contracts/index.ts';
import { type MockEnv, type OperationImpl, refParam } from './call.ts';
import { identifiersOf } from './contact-input.ts';
import { guestHref, isoTimestamp, orderHref } from './representation.ts';
import { badRequest, json, noContent, orderNotFound } from './responses.ts';
import type { StoredFields } from './store.ts';

const ORDER_FIELDS = ['referenceId', 'currencyCode', 'orderedAt', 'price', 'channel', 'pointOfSale'] as const;
const GUEST_FIELDS = ['guestType', 'firstName', 'lastName', 'identifiers'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function fieldOf(error: ErrorObject): string {
  const path =
    error.keyword === 'required'
      ? `${error.instancePath}/${String(error.params.missingProperty)}`
      : error.instancePath;
  const parts = path.split('/').slice(1);
  if (parts.length === 0) return 'body';
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The problems of a setup body (order or guest create) in the vendor's "<field>: <message>." form. */
function setupProblems(schema: SchemaFile, body: unknown): { message: string }[] {
  return validateAgainst(schema, body).map((error) => ({
    message: `${fieldOf(error)}: ${error.keyword === 'required' ? 'may not be null' : (error.message ?? 'is invalid')}.`,
  }));
}

/** Copies the named fields of a body into a null-prototype object (nothing else is ever read). */
export function pickFields(body: unknown, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  if (!isObject(body)) return out;
  for (const name of names) if (Object.hasOwn(body, name)) out[name] = body[name];
  return out;
}

/** The order fields a create stores. */
export function orderFields(body: unknown): Record<string, unknown> {
  return pickFields(body, ORDER_FIELDS);
}

/** The guest fields a create stores. */
export function guestFields(body: unknown): Record<string, unknown> {
  return pickFields(body, GUEST_FIELDS);
}

function renderWithFields(
  head: Record<string, unknown>,
  fields: StoredFields,
  names: readonly string[],
  createdAt: number,
): Record<string, unknown> {
  const out = { ...head };
  for (const name of names) if (Object.hasOwn(fields, name)) out[name] = fields[name];
  out.createdAt = isoTimestamp(createdAt);
  out.modifiedAt = isoTimestamp(createdAt);
  return out;
}

/** POST /{v}/orders (test setup): validated against order-create-request.json. */
export const createOrder: OperationImpl = (env: MockEnv, call) => {
  const problems = setupProblems(SchemaName.orderCreateRequest, call.body);
  if (problems.length > 0) return badRequest(problems);
  const ref = env.options.randomUUID().toLowerCase();
  const fields = orderFields(call.body);
  env.store.addOrder({ ref, fields, createdAt: call.now, modifiedAt: call.now });
  const href = orderHref(call.base, call.version, ref);
  const body = renderWithFields({ href, ref }, fields, ORDER_FIELDS, call.now);
  body.contacts = { href: `${href}/contacts` };
  return json(201, body);
};

/** DELETE /{v}/orders/{orderRef} (test clean-up): deletes the order and every contact on it. */
export const deleteOrder: OperationImpl = (env, call) => {
  if (!env.store.deleteOrder(refParam(call, 'orderRef'))) return orderNotFound(call.params.orderRef ?? '');
  return noContent();
};

/** POST /{v}/guests (test setup): validated against guest-create-request.json; its identifiers link contacts. */
export const createGuest: OperationImpl = (env, call) => {
  const problems = setupProblems(SchemaName.guestCreateRequest, call.body);
  if (problems.length > 0) return badRequest(problems);
  const ref = env.options.randomUUID().toLowerCase();
  const fields = guestFields(call.body);
  env.store.addGuest({ ref, fields, createdAt: call.now, modifiedAt: call.now }, identifiersOf(fields));
  return json(
    201,
    renderWithFields({ href: guestHref(call.base, call.version, ref), ref }, fields, GUEST_FIELDS, call.now),
  );
};
