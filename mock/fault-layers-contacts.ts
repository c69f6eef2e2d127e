// Faults of what the contact operations store, find and answer with.
import { isoToEpochMs, operation } from '../contracts/index.ts';
import { type Call, refParam } from './call.ts';
import { aroundOperations, faultServerError, problemsOf, UPDATES } from './fault-layers-input.ts';
import type { FaultName } from './faults.ts';
import { isJsonObject, jsonBodyOf } from './json-answer.ts';
import type { LayerContext, LayerFactory } from './layer.ts';
import { isoTimestamp, renderContact, stamps } from './representation.ts';
import { contactNotFound, json, noContent, orderNotFound } from './responses.ts';
import type { ContactRecord } from './store.ts';
import type { MockResponse } from './types.ts';

const CREATE: ReadonlySet<string> = new Set(['createOrderContact']);
const RETRIEVE: ReadonlySet<string> = new Set(['retrieveOrderContact']);
const DELETE: ReadonlySet<string> = new Set(['deleteOrderContact']);
const BY_CONTACT_REF: ReadonlySet<string> = new Set([
  ...UPDATES,
  'retrieveOrderContact',
  'deleteOrderContact',
]);
const ON_AN_ORDER: ReadonlySet<string> = new Set(['createOrderContact', 'retrieveOrderContacts']);
const DAY_MS = 86_400_000;

function status(operationIds: ReadonlySet<string>, from: number, to: number): LayerFactory {
  return () =>
    aroundOperations(operationIds, (env, call, next) => {
      const answer = next(env, call);
      return answer.status === from ? { ...answer, status: to } : answer;
    });
}

function whenStatus(
  operationIds: ReadonlySet<string>,
  from: number,
  answer: () => MockResponse,
): LayerFactory {
  return () =>
    aroundOperations(operationIds, (env, call, next) => {
      const response = next(env, call);
      return response.status === from ? answer() : response;
    });
}

/** The ref of the contact a 2xx create or update answered with, as the store keys it. */
function answeredRef(answer: MockResponse): string | undefined {
  if (answer.status >= 300) return undefined;
  const body = jsonBodyOf(answer);
  return isJsonObject(body) && typeof body.ref === 'string' ? body.ref : undefined;
}

/** Moves a new contact to another ref (same place in its order's list) and names it so in the answer. */
function rekey(context: LayerContext, answer: MockResponse, from: string, to: string): MockResponse {
  const record = context.store.contact(from);
  if (!record || answer.body === undefined) return answer;
  context.store.removeContact(from);
  context.store.putContact({ ...record, ref: to });
  return { ...answer, body: answer.body.split(from).join(to) };
}

// Stores a body changed by `change`, once the reference has found the unchanged one valid.
function storesChanged(
  change: (body: Record<string, unknown>) => void,
  operations: ReadonlySet<string> = CREATE,
): LayerFactory {
  return () =>
    aroundOperations(operations, (env, call, next) => {
      if (!isJsonObject(call.body) || (!call.lenient && problemsOf(call).length > 0)) return next(env, call);
      const body = { ...call.body };
      change(body);
      return next(env, { ...call, body, lenient: true });
    });
}

const EVERY_WRITE: ReadonlySet<string> = new Set([
  'createOrderContact',
  'replaceOrderContact',
  'partiallyUpdateOrderContact',
  'updateOrderContact',
]);

/** Applies `edit` to every string of a value, in arrays too (identifiers, objects, are left alone). */
function eachText(value: unknown, edit: (text: string) => string): unknown {
  if (typeof value === 'string') return edit(value);
  if (Array.isArray(value)) return value.map((item) => eachText(item, edit));
  return value;
}

function mangleUnicode(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/[^\x20-\x7e]/g, '?');
  if (Array.isArray(value)) return value.map(mangleUnicode);
  return value;
}

function changeDateOfBirth(shift: (at: number) => string): (body: Record<string, unknown>) => void {
  return (body) => {
    const value = body.dateOfBirth;
    const at = typeof value === 'string' ? isoToEpochMs(value) : Number.NaN;
    if (!Number.isNaN(at)) body.dateOfBirth = shift(at);
  };
}

function dropping(name: string): LayerFactory {
  return storesChanged((body) => {
    delete body[name];
  });
}

// A record as it was before its first update, to answer retrieves with (retrieve-stale-after-update).
const staleAfterUpdate: LayerFactory = (context) => {
  const asCreated = new Map<string, ContactRecord>();
  return {
    reset: () => asCreated.clear(),
    call(env, call, next) {
      const id = call.operation.operationId;
      const ref = refParam(call, 'orderContactRef');
      if (UPDATES.has(id)) {
        const before = context.store.contact(ref);
        if (before && !asCreated.has(ref)) asCreated.set(ref, before);
      } else if (id === 'deleteOrderContact') {
        asCreated.delete(ref);
      } else if (id === 'retrieveOrderContact') {
        const shown = asCreated.get(ref);
        if (shown && context.store.contact(ref)) return json(200, renderContact(shown, call.render));
      }
      return next(env, call);
    },
  };
};

function lastSegment(href: unknown): string | undefined {
  return typeof href === 'string' ? href.split('/').pop()?.toLowerCase() : undefined;
}

/** A list answer with its items filtered or replaced by `edit` (undefined drops the item). */
function editItems(
  answer: MockResponse,
  edit: (item: unknown, ref: string | undefined) => unknown,
): MockResponse {
  const body = jsonBodyOf(answer);
  if (answer.status !== 200 || !isJsonObject(body) || !Array.isArray(body.items)) return answer;
  const items = body.items.flatMap((item: unknown) => {
    const ref = isJsonObject(item)
      ? typeof item.ref === 'string'
        ? item.ref.toLowerCase()
        : lastSegment(item.href)
      : undefined;
    const kept = edit(item, ref);
    return kept === undefined ? [] : [kept];
  });
  return json(200, { ...body, items }, answer.headers);
}

// Each version sees only the contacts written through it: the other's are not found, and not listed.
const versionsSeparateStores: LayerFactory = () => {
  const writtenBy = new Map<string, string>();
  return {
    reset: () => writtenBy.clear(),
    call(env, call, next) {
      const id = call.operation.operationId;
      if (id === 'createOrderContact') {
        const answer = next(env, call);
        const ref = answeredRef(answer);
        if (ref) writtenBy.set(ref.toLowerCase(), call.version);
        return answer;
      }
      if (id === 'retrieveOrderContacts')
        return editItems(next(env, call), (item, ref) =>
          ref !== undefined && (writtenBy.get(ref) ?? call.version) !== call.version ? undefined : item,
        );
      if (BY_CONTACT_REF.has(id)) {
        const ref = refParam(call, 'orderContactRef');
        if ((writtenBy.get(ref) ?? call.version) !== call.version)
          return contactNotFound(call.params.orderContactRef ?? ref);
      }
      return next(env, call);
    },
  };
};

// The expanded list shows a contact as it was before its last PATCH (a cache the PATCH does not clear).
const expandStaleAfterPatch: LayerFactory = (context) => {
  const beforePatch = new Map<string, ContactRecord>();
  return {
    reset: () => beforePatch.clear(),
    call(env, call, next) {
      const id = call.operation.operationId;
      if (id === 'partiallyUpdateOrderContact') {
        const ref = refParam(call, 'orderContactRef');
        const before = context.store.contact(ref);
        if (before) beforePatch.set(ref, before);
      } else if (id === 'retrieveOrderContacts' && call.request.query.expand !== undefined) {
        return editItems(next(env, call), (item, ref) => {
          const stale = ref === undefined ? undefined : beforePatch.get(ref);
          return stale && context.store.contact(ref as string) ? renderContact(stale, call.render) : item;
        });
      }
      return next(env, call);
    },
  };
};

// Deleted contacts stay in the store, so their order keeps listing them; every other operation is told they
// are gone.
const deletedStillListed: LayerFactory = (context) => {
  const deleted = new Set<string>();
  return {
    reset: () => deleted.clear(),
    call(env, call, next) {
      if (!BY_CONTACT_REF.has(call.operation.operationId)) return next(env, call);
      const ref = refParam(call, 'orderContactRef');
      if (deleted.has(ref) && context.store.contact(ref))
        return contactNotFound(call.params.orderContactRef ?? '');
      if (call.operation.operationId !== 'deleteOrderContact' || !context.store.contact(ref))
        return next(env, call);
      deleted.add(ref);
      return noContent();
    },
  };
};

// A new contact gets the ref of the contact deleted last, when nobody holds it.
const refsReused: LayerFactory = (context) => {
  let lastRemoved: string | undefined;
  return {
    reset() {
      lastRemoved = undefined;
    },
    call(env, call, next) {
      const id = call.operation.operationId;
      const answer = next(env, call);
      if (id === 'deleteOrderContact') {
        const ref = refParam(call, 'orderContactRef');
        if (answer.status < 300 && !context.store.contact(ref)) lastRemoved = ref;
        return answer;
      }
      const created = id === 'createOrderContact' ? answeredRef(answer) : undefined;
      if (created === undefined || lastRemoved === undefined || context.store.contact(lastRemoved))
        return answer;
      const to = lastRemoved;
      lastRemoved = undefined;
      return rekey(context, answer, created, to);
    },
  };
};

function hidesUpperCaseRefs(call: Call): MockResponse | undefined {
  const contactRef = call.params.orderContactRef;
  if (contactRef !== undefined && contactRef !== contactRef.toLowerCase()) return contactNotFound(contactRef);
  const orderRef = call.params.orderRef;
  if (orderRef !== undefined && orderRef !== orderRef.toLowerCase()) return orderNotFound(orderRef);
  return undefined;
}

/** The layers of the faults of the contact operations, keyed by fault name. */
export const CONTACT_FAULT_LAYERS = {
  'unknown-contact-returns-200': whenStatus(BY_CONTACT_REF, 404, () => json(200, {})),
  'unknown-order-returns-500': whenStatus(ON_AN_ORDER, 404, () =>
    faultServerError('unknown-order-returns-500'),
  ),
  'refs-case-sensitive': () => ({ call: (env, call, next) => hidesUpperCaseRefs(call) ?? next(env, call) }),
  'create-returns-200': status(CREATE, 201, 200),
  'retrieve-returns-201': status(RETRIEVE, 200, 201),
  'update-returns-204': () =>
    aroundOperations(UPDATES, (env, call, next) => {
      const answer = next(env, call);
      return answer.status === 200 ? noContent() : answer;
    }),
  'delete-returns-200-with-body': (context) =>
    aroundOperations(DELETE, (env, call, next) => {
      const record = context.store.contact(refParam(call, 'orderContactRef'));
      const answer = next(env, call);
      return answer.status === 204 && record ? json(200, renderContact(record, call.render)) : answer;
    }),
  'delete-not-applied': (context) =>
    aroundOperations(DELETE, (env, call, next) =>
      context.store.contact(refParam(call, 'orderContactRef')) ? noContent() : next(env, call),
    ),
  'deleted-still-listed': deletedStillListed,
  'retrieve-stale-after-update': staleAfterUpdate,
  'versions-separate-stores': versionsSeparateStores,
  'expand-stale-after-patch': expandStaleAfterPatch,
  'refs-reused': refsReused,
  'create-ref-not-uuid': (context) =>
    aroundOperations(CREATE, (env, call, next) => {
      const answer = next(env, call);
      const created = answeredRef(answer);
      return created === undefined ? answer : rekey(context, answer, created, created.replace(/-/g, ''));
    }),
  'unknown-order-creates-contact': (context) =>
    aroundOperations(CREATE, (env, call, next) => {
      const orderRef = refParam(call, 'orderRef');
      if (!context.store.order(orderRef)) {
        context.store.addOrder({
          ref: orderRef,
          fields: Object.create(null),
          createdAt: call.now,
          modifiedAt: call.now,
        });
      }
      return next(env, call);
    }),
  'modifiedat-before-createdat': (context) =>
    aroundOperations(CREATE, (env, call, next) => {
      const answer = next(env, call);
      const record = context.store.contact(answeredRef(answer) ?? '');
      if (!record) return answer;
      const changed = { ...record, ...stamps(record.createdAt, record.createdAt - 1000) };
      context.store.putContact(changed);
      const body = jsonBodyOf(answer) as Record<string, unknown>;
      return json(answer.status, { ...body, modifiedAt: changed.modifiedAtIso });
    }),
  'update-resets-createdat': (context) =>
    aroundOperations(UPDATES, (env, call, next) => {
      const answer = next(env, call);
      const record = context.store.contact(answeredRef(answer) ?? '');
      if (!record) return answer;
      context.store.putContact({ ...record, ...stamps(call.now, record.modifiedAt) });
      const body = jsonBodyOf(answer) as Record<string, unknown>;
      return json(answer.status, { ...body, createdAt: isoTimestamp(call.now) });
    }),
  'update-keeps-modifiedat': (context) =>
    aroundOperations(UPDATES, (env, call, next) => {
      const before = context.store.contact(refParam(call, 'orderContactRef'));
      const answer = next(env, call);
      const record = context.store.contact(answeredRef(answer) ?? '');
      if (!record || !before) return answer;
      context.store.putContact({ ...record, ...stamps(record.createdAt, before.modifiedAt) });
      const body = jsonBodyOf(answer) as Record<string, unknown>;
      return json(answer.status, { ...body, modifiedAt: before.modifiedAtIso });
    }),
  'put-merges-instead-of-replacing': mergingUpdate('replaceOrderContact'),
  'v2-update-merges': mergingUpdate('updateOrderContact'),
  'patch-replaces-instead-of-merging': () =>
    aroundOperations(new Set(['partiallyUpdateOrderContact']), (env, call, next) => {
      if (!call.lenient && problemsOf(call).length > 0) return next(env, call);
      return next(env, { ...call, operation: operation(call.version, 'replaceOrderContact'), lenient: true });
    }),
  'create-drops-field-emails': dropping('emails'),
  'create-drops-field-dateofbirth': dropping('dateOfBirth'),
  'create-drops-field-identifiers': dropping('identifiers'),
  'create-drops-field-phonenumbers': dropping('phoneNumbers'),
  'echo-changes-case': storesChanged((body) => {
    for (const name of ['firstName', 'lastName']) {
      const value = body[name];
      if (typeof value === 'string') body[name] = value.toUpperCase();
    }
  }),
  'create-unicode-mangled': storesChanged((body) => {
    for (const name of Object.keys(body)) if (name !== 'identifiers') body[name] = mangleUnicode(body[name]);
  }),
  'truncate-long-strings': storesChanged((body) => {
    for (const name of Object.keys(body)) body[name] = eachText(body[name], (text) => text.slice(0, 255));
  }, EVERY_WRITE),
  'patch-strips-astral': storesChanged(
    (body) => {
      for (const name of Object.keys(body))
        body[name] = eachText(body[name], (text) => text.replace(/[\u{10000}-\u{10ffff}]/gu, ''));
    },
    new Set(['partiallyUpdateOrderContact']),
  ),
  'dob-shifted-a-day': storesChanged(changeDateOfBirth((at) => new Date(at - DAY_MS).toISOString())),
  'dob-time-dropped': storesChanged(
    changeDateOfBirth((at) => `${new Date(at).toISOString().slice(0, 10)}T00:00:00.000Z`),
  ),
} satisfies Partial<Record<FaultName, LayerFactory>>;

// A full update that keeps what it left out: the stored fields under the sent ones, then the reference's replace.
function mergingUpdate(operationId: string): LayerFactory {
  return (context) =>
    aroundOperations(new Set([operationId]), (env, call, next) => {
      const before = context.store.contact(refParam(call, 'orderContactRef'));
      if (!before || !isJsonObject(call.body) || (!call.lenient && problemsOf(call).length > 0)) {
        return next(env, call);
      }
      return next(env, { ...call, body: { ...before.fields, ...call.body }, lenient: true });
    });
}
