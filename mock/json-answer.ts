// Helpers for layers that change an answer's JSON body after the reference wrote it.
import type { MockResponse } from './types.ts';

/** A JSON object, as layers read and change answers. */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The parsed JSON body of an answer, or undefined when it has none or it is not JSON. */
export function jsonBodyOf(response: MockResponse): unknown {
  if (response.body === undefined || response.body === '') return undefined;
  try {
    return JSON.parse(response.body) as unknown;
  } catch {
    return undefined;
  }
}

/** The answer with its JSON object body changed by `edit` (which may change it in place or return a new one). */
export function editJsonObject(
  response: MockResponse,
  edit: (body: JsonObject) => JsonObject | undefined,
): MockResponse {
  const body = jsonBodyOf(response);
  if (!isJsonObject(body)) return response;
  return { ...response, body: JSON.stringify(edit(body) ?? body) };
}

/** An object with `key` set to `value` in the place `before` names (or at the end when `before` is absent). */
export function withKeyBefore(
  body: JsonObject,
  key: string,
  value: unknown,
  before: readonly string[],
): JsonObject {
  const out: JsonObject = {};
  let placed = false;
  for (const [name, current] of Object.entries(body)) {
    if (name === key) continue;
    if (!placed && before.includes(name)) {
      out[key] = value;
      placed = true;
    }
    out[name] = current;
  }
  if (!placed) out[key] = value;
  return out;
}

/** What a contact answer is for, by operationId; undefined for answers that carry no contact. */
export type ContactPurpose = 'create' | 'retrieve' | 'update' | 'list' | 'delete';

const PURPOSES: Readonly<Record<string, ContactPurpose>> = {
  createOrderContact: 'create',
  retrieveOrderContact: 'retrieve',
  replaceOrderContact: 'update',
  partiallyUpdateOrderContact: 'update',
  updateOrderContact: 'update',
  retrieveOrderContacts: 'list',
  deleteOrderContact: 'delete',
};

/** The purpose of an operation's contact answers. */
export function purposeOf(operationId: string): ContactPurpose | undefined {
  return PURPOSES[operationId];
}

function isContact(value: unknown): value is JsonObject {
  return isJsonObject(value) && typeof value.href === 'string' && 'createdAt' in value;
}

/**
 * The answer with every contact representation in it changed by `edit`: the body of a create, retrieve, update
 * or delete answer, and the expanded items of a list page. Anything else passes unchanged.
 */
export function editContacts(
  response: MockResponse,
  operationId: string,
  edit: (contact: JsonObject, purpose: ContactPurpose) => JsonObject | undefined,
): MockResponse {
  const purpose = purposeOf(operationId);
  if (purpose === undefined || response.status >= 300 || response.body === undefined) return response;
  return editJsonObject(response, (body) => {
    if (purpose !== 'list') return isContact(body) ? edit(body, purpose) : body;
    if (Array.isArray(body.items)) {
      body.items = body.items.map((item: unknown) =>
        isContact(item) ? (edit(item, purpose) ?? item) : item,
      );
    }
    return body;
  });
}
