import { type Call, type MockEnv, type OperationImpl, refParam } from './call.ts';
import {
  applyCreateFaults,
  contactProblems,
  copyPersonFields,
  identifiersOf,
  mergedFields,
  replacedFields,
} from './contact-input.ts';
import { isoTimestamp, renderContact, stamps } from './representation.ts';
import { badRequest, errorResponse, faultServerError, json, noContent, notFound } from './responses.ts';
import type { ContactRecord, GuestLink } from './store.ts';
import type { MockResponse } from './types.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The guest a v2 body names explicitly (guest.href), if any. */
function sentGuestLink(call: Call): GuestLink | undefined {
  if (call.version !== 'v2' || !isObject(call.body) || !isObject(call.body.guest)) return undefined;
  const href = call.body.guest.href;
  return typeof href === 'string' && href !== '' ? { href } : undefined;
}

function newContactRef(env: MockEnv): string {
  const recycled = env.store.lastRemovedRef;
  if (env.faults.has('refs-reused') && recycled !== undefined && !env.store.contact(recycled)) {
    env.store.lastRemovedRef = undefined;
    return recycled;
  }
  const uuid = env.options.randomUUID().toLowerCase();
  return env.faults.has('create-ref-not-uuid') ? uuid.replace(/-/g, '') : uuid;
}

function unknownOrder(env: MockEnv, orderRef: string): MockResponse {
  if (env.faults.has('unknown-order-returns-500')) return faultServerError('unknown-order-returns-500');
  return notFound(`Order "${orderRef}" was not found.`, env.faults);
}

function unknownContact(env: MockEnv, ref: string): MockResponse {
  if (env.faults.has('unknown-contact-returns-200')) return json(200, {});
  return notFound(`Order contact "${ref}" was not found.`, env.faults);
}

function storeNewContact(
  env: MockEnv,
  call: Call,
  orderRef: string,
  fields: Record<string, unknown>,
): ContactRecord {
  const ref = newContactRef(env);
  const guest = sentGuestLink(call) ?? {
    ref: env.store.resolveGuest(identifiersOf(fields), env.options.randomUUID, call.now),
  };
  const modifiedAt = env.faults.has('modifiedat-before-createdat') ? call.now - 1000 : call.now;
  const createdAtIso = isoTimestamp(call.now);
  const record: ContactRecord = {
    ref,
    orderRef,
    fields,
    guest,
    createdAt: call.now,
    modifiedAt,
    createdAtIso,
    modifiedAtIso: modifiedAt === call.now ? createdAtIso : isoTimestamp(modifiedAt),
    asCreated: undefined,
  };
  env.store.putContact(record);
  return record;
}

/** POST /{v}/orders/{orderRef}/contacts */
export const createOrderContact: OperationImpl = (env, call) => {
  let orderRef = refParam(env, call, 'orderRef');
  if (!env.store.order(orderRef)) {
    if (!env.faults.has('unknown-order-creates-contact'))
      return unknownOrder(env, call.params.orderRef ?? '');
    orderRef = orderRef.toLowerCase();
    env.store.addOrder({
      ref: orderRef,
      fields: Object.create(null),
      createdAt: call.now,
      modifiedAt: call.now,
    });
  }
  const problems = call.lenient
    ? []
    : contactProblems(call.version, call.operation.operationId, call.body, call.now, env.faults);
  if (problems.length > 0) {
    if (env.faults.has('invalid-create-still-stored')) {
      storeNewContact(env, call, orderRef, copyPersonFields(call.version, call.body));
    }
    return badRequest(problems, env.faults);
  }
  if (env.options.contactsPerOrder === 'one' && env.store.listedCount(orderRef) > 0) {
    return errorResponse(
      409,
      `Order "${orderRef}" already has a contact.`,
      `This mock runs with contactsPerOrder "one": an order holds a single (primary) contact. Delete it or update it instead.`,
    );
  }
  const fields = copyPersonFields(call.version, call.body);
  applyCreateFaults(fields, env.faults);
  const record = storeNewContact(env, call, orderRef, fields);
  return json(env.faults.has('create-returns-200') ? 200 : 201, renderContact(record, call.render, 'create'));
};

/** GET /{v}/orderContacts/{orderContactRef} */
export const retrieveOrderContact: OperationImpl = (env, call) => {
  const record = env.store.contact(refParam(env, call, 'orderContactRef'));
  if (!record) return unknownContact(env, call.params.orderContactRef ?? '');
  const shown = env.faults.has('retrieve-stale-after-update') ? (record.asCreated ?? record) : record;
  return json(
    env.faults.has('retrieve-returns-201') ? 201 : 200,
    renderContact(shown, call.render, 'retrieve'),
  );
};

type UpdateMode = 'replace' | 'merge';

function updateMode(env: MockEnv, operationId: string): UpdateMode {
  const { faults } = env;
  if (operationId === 'partiallyUpdateOrderContact') {
    return faults.has('patch-replaces-instead-of-merging') ? 'replace' : 'merge';
  }
  if (operationId === 'replaceOrderContact')
    return faults.has('put-merges-instead-of-replacing') ? 'merge' : 'replace';
  return faults.has('v2-update-merges') ? 'merge' : 'replace';
}

function applyUpdate(env: MockEnv, call: Call, before: ContactRecord): ContactRecord {
  const sent = copyPersonFields(call.version, call.body);
  const fields =
    updateMode(env, call.operation.operationId) === 'merge'
      ? mergedFields(before.fields, sent)
      : replacedFields(call.version, before.fields, sent);
  // The clock may not have moved since the last write; modifiedAt must still be strictly later.
  const modifiedAt = env.faults.has('update-keeps-modifiedat')
    ? before.modifiedAt
    : Math.max(call.now, before.modifiedAt + 1);
  const record: ContactRecord = {
    ref: before.ref,
    orderRef: before.orderRef,
    fields,
    guest: sentGuestLink(call) ?? before.guest,
    ...stamps(env.faults.has('update-resets-createdat') ? call.now : before.createdAt, modifiedAt),
    asCreated: before.asCreated ?? before,
  };
  env.store.putContact(record);
  return record;
}

/** PUT /v2.1/orderContacts/{ref}, PATCH /v2.1/orderContacts/{ref} and POST /v2/orderContacts/{ref}. */
export const updateContact: OperationImpl = (env, call) => {
  const before = env.store.contact(refParam(env, call, 'orderContactRef'));
  if (!before) return unknownContact(env, call.params.orderContactRef ?? '');
  const problems = call.lenient
    ? []
    : contactProblems(call.version, call.operation.operationId, call.body, call.now, env.faults);
  if (problems.length > 0) {
    if (env.faults.has('invalid-update-still-applied')) applyUpdate(env, call, before);
    return badRequest(problems, env.faults);
  }
  const after = applyUpdate(env, call, before);
  if (env.faults.has('update-returns-204')) return noContent();
  return json(200, renderContact(after, call.render, 'update'));
};

/** DELETE /{v}/orderContacts/{orderContactRef} */
export const deleteOrderContact: OperationImpl = (env, call) => {
  const record = env.store.contact(refParam(env, call, 'orderContactRef'));
  if (!record) return unknownContact(env, call.params.orderContactRef ?? '');
  if (!env.faults.has('delete-not-applied'))
    env.store.removeContact(record.ref, env.faults.has('deleted-still-listed'));
  if (env.faults.has('delete-returns-200-with-body'))
    return json(200, renderContact(record, call.render, 'delete'));
  return noContent();
};
