import { type Call, type MockEnv, type OperationImpl, refParam } from './call.ts';
import {
  contactProblems,
  copyPersonFields,
  identifiersOf,
  mergedFields,
  replacedFields,
} from './contact-input.ts';
import { isoTimestamp, renderContact, stamps } from './representation.ts';
import { badRequest, contactNotFound, errorResponse, json, noContent, orderNotFound } from './responses.ts';
import type { ContactRecord, StoredGuestLink } from './store.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The guest a v2 body names explicitly (guest.href), if any. */
function sentGuestLink(call: Call): StoredGuestLink | undefined {
  if (call.version !== 'v2' || !isObject(call.body) || !isObject(call.body.guest)) return undefined;
  const href = call.body.guest.href;
  return typeof href === 'string' && href !== '' ? { href } : undefined;
}

function storeNewContact(
  env: MockEnv,
  call: Call,
  orderRef: string,
  fields: Record<string, unknown>,
): ContactRecord {
  const ref = env.options.randomUUID().toLowerCase();
  const guest = sentGuestLink(call) ?? {
    ref: env.store.resolveGuest(identifiersOf(fields), env.options.randomUUID, call.now),
  };
  const createdAtIso = isoTimestamp(call.now);
  const record: ContactRecord = {
    ref,
    orderRef,
    fields,
    guest,
    createdAt: call.now,
    modifiedAt: call.now,
    createdAtIso,
    modifiedAtIso: createdAtIso,
  };
  env.store.putContact(record);
  return record;
}

function problemsOf(call: Call) {
  return call.lenient ? [] : contactProblems(call.version, call.operation.operationId, call.body, call.now);
}

/** POST /{v}/orders/{orderRef}/contacts */
export const createOrderContact: OperationImpl = (env, call) => {
  const orderRef = refParam(call, 'orderRef');
  if (!env.store.order(orderRef)) return orderNotFound(call.params.orderRef ?? '');
  const problems = problemsOf(call);
  if (problems.length > 0) return badRequest(problems);
  if (env.options.contactsPerOrder === 'one' && env.store.listedCount(orderRef) > 0) {
    return errorResponse(
      409,
      `Order "${orderRef}" already has a contact.`,
      `This mock runs with contactsPerOrder "one": an order holds a single (primary) contact. Delete it or update it instead.`,
    );
  }
  const record = storeNewContact(env, call, orderRef, copyPersonFields(call.version, call.body));
  return json(201, renderContact(record, call.render));
};

/** GET /{v}/orderContacts/{orderContactRef} */
export const retrieveOrderContact: OperationImpl = (env, call) => {
  const record = env.store.contact(refParam(call, 'orderContactRef'));
  if (!record) return contactNotFound(call.params.orderContactRef ?? '');
  return json(200, renderContact(record, call.render));
};

function applyUpdate(env: MockEnv, call: Call, before: ContactRecord): ContactRecord {
  const sent = copyPersonFields(call.version, call.body);
  const fields =
    call.operation.operationId === 'partiallyUpdateOrderContact'
      ? mergedFields(before.fields, sent)
      : replacedFields(call.version, before.fields, sent);
  const record: ContactRecord = {
    ref: before.ref,
    orderRef: before.orderRef,
    fields,
    guest: sentGuestLink(call) ?? before.guest,
    // The clock may not have moved since the last write; modifiedAt must still be strictly later.
    ...stamps(before.createdAt, Math.max(call.now, before.modifiedAt + 1)),
  };
  env.store.putContact(record);
  return record;
}

/** PUT /v2.1/orderContacts/{ref}, PATCH /v2.1/orderContacts/{ref} and POST /v2/orderContacts/{ref}. */
export const updateContact: OperationImpl = (env, call) => {
  const before = env.store.contact(refParam(call, 'orderContactRef'));
  if (!before) return contactNotFound(call.params.orderContactRef ?? '');
  const problems = problemsOf(call);
  if (problems.length > 0) return badRequest(problems);
  return json(200, renderContact(applyUpdate(env, call, before), call.render));
};

/** DELETE /{v}/orderContacts/{orderContactRef} */
export const deleteOrderContact: OperationImpl = (env, call) => {
  const ref = refParam(call, 'orderContactRef');
  if (!env.store.removeContact(ref)) return contactNotFound(call.params.orderContactRef ?? '');
  return noContent();
};
