// The layers of the variants: conformant choices other than the reference's, in front of it like faults.
import {
  API_VERSIONS,
  type ApiVersion,
  isIsoDateTime,
  isoToEpochMs,
  ruleLevel,
  rulesFor,
  validateContactRequest,
} from '../contracts/index.ts';
import { createTokenBucket } from '../lib/token-bucket.ts';
import { type Call, refParam } from './call.ts';
import { aroundOperations, problemsOf, UPDATES, WRITES } from './fault-layers-input.ts';
import { editContacts, editJsonObject, isJsonObject, type JsonObject } from './json-answer.ts';
import type { LayerFactory } from './layer.ts';
import { pathOf } from './layer.ts';
import { readPaging } from './list-operation.ts';
import { badRequest, errorResponse, JSON_CONTENT_TYPE, json, MORE_INFO_URL } from './responses.ts';
import type { ContactRecord, MockStore } from './store.ts';
import type { MockResponse } from './types.ts';
import type { VariantName } from './variants.ts';

const LIST: ReadonlySet<string> = new Set(['retrieveOrderContacts']);
const CONTACT_OPERATIONS: ReadonlySet<string> = new Set([
  ...WRITES,
  'retrieveOrderContact',
  'retrieveOrderContacts',
  'deleteOrderContact',
]);
/** How long lagging-list takes to show a write. */
export const LIST_LAG_MS = 300;
/** The gateway of rate-limit-429: requests per second, and the burst. */
export const RATE_LIMIT_PER_SECOND = 20;
/** transient-503 answers every this many requests with 503. */
export const TRANSIENT_503_EVERY = 7;

// --- lenient-inferred ------------------------------------------------------------------------------

/** Per version, the input rules only inferred (SHOULD): lenient-inferred accepts what only they refuse. */
const INFERRED_INPUT_RULES: ReadonlyMap<ApiVersion, ReadonlySet<string>> = new Map(
  API_VERSIONS.map((version) => [
    version,
    new Set(
      rulesFor(version)
        .filter((rule) => rule.input !== undefined && ruleLevel(rule, version) === 'SHOULD')
        .map((rule) => rule.id),
    ),
  ]),
);

function documentedProblems(call: Call) {
  const inferred = INFERRED_INPUT_RULES.get(call.version) ?? new Set<string>();
  // A body that is not an object is taken as an empty contact when refusing it is only inferred; the rules a
  // contact must meet still apply to that empty one.
  const body = isJsonObject(call.body) || !inferred.has('OC-BODY-OBJECT') ? call.body : {};
  return validateContactRequest(call.version, call.operation.operationId, body, call.now).filter(
    (problem) => !inferred.has(problem.rule),
  );
}

const lenientInferred: LayerFactory = () =>
  aroundOperations(WRITES, (env, call, next) => {
    if (call.lenient || problemsOf(call).length === 0) return next(env, call);
    const left = documentedProblems(call);
    return left.length > 0 ? badRequest(left) : next(env, { ...call, lenient: true });
  });

// --- strict-dates ----------------------------------------------------------------------------------

/** The date-time forms the vendor shows: UTC, minutes required, seconds and a fraction optional. */
const VENDOR_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

function looseDates(body: JsonObject): string[] {
  const fields: Array<[string, unknown]> = [
    ['dateOfBirth', body.dateOfBirth],
    ['passportExpiry', body.passportExpiry],
  ];
  if (Array.isArray(body.identifiers)) {
    body.identifiers.forEach((identifier: unknown, i: number) => {
      if (isJsonObject(identifier)) fields.push([`identifiers[${i}].expiryDate`, identifier.expiryDate]);
    });
  }
  return fields.flatMap(([name, value]) =>
    typeof value === 'string' && isIsoDateTime(value) && !VENDOR_DATE_TIME.test(value)
      ? [`${name}: must be an ISO 8601 date.`]
      : [],
  );
}

const strictDates: LayerFactory = () =>
  aroundOperations(WRITES, (env, call, next) => {
    if (call.lenient || !isJsonObject(call.body)) return next(env, call);
    const loose = looseDates(call.body);
    if (loose.length === 0) return next(env, call);
    return badRequest([...problemsOf(call), ...loose.map((message) => ({ message }))]);
  });

// --- strict-limit ----------------------------------------------------------------------------------

const strictLimit: LayerFactory = (context) =>
  aroundOperations(LIST, (env, call, next) => {
    const raw = call.request.query.limit;
    const limit = typeof raw === 'string' ? raw : raw?.[0];
    const max = context.options.maxLimit;
    if (limit === undefined || !context.store.order(refParam(call, 'orderRef'))) return next(env, call);
    if ('problem' in readPaging(call.request.query, call.version === 'v2.1', max) || Number(limit) <= max) {
      return next(env, call);
    }
    return badRequest([{ message: `limit: must be at most ${max}, received "${limit.slice(0, 40)}".` }]);
  });

// --- upper-case-refs -------------------------------------------------------------------------------

function upperCaseRef(item: JsonObject): JsonObject {
  if (typeof item.ref !== 'string') return item;
  const ref = item.ref;
  if (typeof item.href === 'string' && item.href.endsWith(`/orderContacts/${ref}`)) {
    item.href = item.href.slice(0, item.href.length - ref.length) + ref.toUpperCase();
  }
  item.ref = ref.toUpperCase();
  return item;
}

const upperCaseRefs: LayerFactory = () =>
  aroundOperations(CONTACT_OPERATIONS, (env, call, next) => {
    const answer = editContacts(next(env, call), call.operation.operationId, upperCaseRef);
    if (call.operation.operationId !== 'retrieveOrderContacts' || answer.status !== 200) return answer;
    return editJsonObject(answer, (body) => {
      if (Array.isArray(body.items)) {
        body.items = body.items.map((item: unknown) =>
          isJsonObject(item) && !('createdAt' in item) ? upperCaseRef(item) : item,
        );
      }
      return body;
    });
  });

// --- extra-fields ----------------------------------------------------------------------------------

const extraFields: LayerFactory = (context) => ({
  request(request, next) {
    const answer = next(request);
    if (answer.headers['content-type'] !== JSON_CONTENT_TYPE) return answer;
    return editJsonObject(answer, (body) => {
      if (typeof body.code === 'number' && 'message' in body && 'status' in body) {
        return { ...body, path: pathOf(request), timestamp: new Date(context.options.now()).toISOString() };
      }
      if (Array.isArray(body.items)) {
        const route = context.router.match('GET', pathOf(request));
        const orderRef = route.kind === 'operation' ? (route.params.orderRef ?? '').toLowerCase() : '';
        body.items = body.items.map((item: unknown) =>
          isJsonObject(item) && 'createdAt' in item ? { ...item, tenantId: TENANT } : item,
        );
        return { ...body, total: context.store.listedCount(orderRef) };
      }
      return typeof body.href === 'string' && 'ref' in body ? { ...body, tenantId: TENANT } : body;
    });
  },
});

const TENANT = 'occ-mock-tenant';

// --- lagging-list ----------------------------------------------------------------------------------

interface ListWrite {
  readonly at: number;
  /** The order's contacts just before the write. */
  readonly before: readonly ContactRecord[];
}

// The store as a list sees it when `listed` is what the order showed then.
function listedAs(store: MockStore, orderRef: string, listed: readonly ContactRecord[]): MockStore {
  const view = Object.create(store) as MockStore;
  view.listedCount = (ref) => (ref === orderRef ? listed.length : store.listedCount(ref));
  view.page = (ref, offset, limit, size) =>
    ref === orderRef
      ? listed.slice(offset, Math.min(size, offset + limit))
      : store.page(ref, offset, limit, size);
  return view;
}

const laggingList: LayerFactory = (context) => {
  const writes = new Map<string, ListWrite[]>();
  const recent = (orderRef: string, now: number): ListWrite[] => {
    const kept = (writes.get(orderRef) ?? []).filter((write) => now - write.at < LIST_LAG_MS);
    if (kept.length > 0) writes.set(orderRef, kept);
    else writes.delete(orderRef);
    return kept;
  };
  return {
    reset: () => writes.clear(),
    call(env, call, next) {
      const id = call.operation.operationId;
      if (id === 'retrieveOrderContacts') {
        const orderRef = refParam(call, 'orderRef');
        const oldest = recent(orderRef, context.options.now())[0];
        return oldest
          ? next({ ...env, store: listedAs(env.store, orderRef, oldest.before) }, call)
          : next(env, call);
      }
      if (id !== 'createOrderContact' && !UPDATES.has(id) && id !== 'deleteOrderContact')
        return next(env, call);
      const orderRef =
        id === 'createOrderContact'
          ? refParam(call, 'orderRef')
          : context.store.contact(refParam(call, 'orderContactRef'))?.orderRef;
      const before = orderRef === undefined ? [] : context.store.contactsOf(orderRef);
      const answer = next(env, call);
      if (orderRef !== undefined && answer.status < 300) {
        const now = context.options.now();
        writes.set(orderRef, [...recent(orderRef, now), { at: now, before }]);
      }
      return answer;
    },
  };
};

// --- dates-reformatted -----------------------------------------------------------------------------

/** The same instant in another ISO 8601 form: the long UTC form, or +00:00 for a value already in it. */
export function reformattedInstant(value: string): string {
  const at = isoToEpochMs(value);
  if (Number.isNaN(at) || !value.includes('T')) return value;
  const long = new Date(at).toISOString();
  return long === value ? `${long.slice(0, -1)}+00:00` : long;
}

function reformatDates(contact: JsonObject): JsonObject {
  for (const name of ['createdAt', 'modifiedAt', 'dateOfBirth', 'passportExpiry']) {
    const value = contact[name];
    if (typeof value === 'string') contact[name] = reformattedInstant(value);
  }
  if (Array.isArray(contact.identifiers)) {
    contact.identifiers = contact.identifiers.map((identifier: unknown) =>
      isJsonObject(identifier) && typeof identifier.expiryDate === 'string'
        ? { ...identifier, expiryDate: reformattedInstant(identifier.expiryDate) }
        : identifier,
    );
  }
  return contact;
}

// --- reordered-keys --------------------------------------------------------------------------------

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).reverse()) out[key] = reversedKeys(value[key]);
  return out;
}

// --- gateways --------------------------------------------------------------------------------------

const rateLimit: LayerFactory = (context) => {
  const bucket = createTokenBucket(RATE_LIMIT_PER_SECOND, context.options.now);
  return {
    reset: () => bucket.refill(),
    request(request, next) {
      if (bucket.take()) return next(request);
      return json(
        429,
        {
          status: 429,
          code: 429,
          message: 'Too many requests. Retry after 1 second.',
          moreInfoUrl: MORE_INFO_URL,
        },
        { 'retry-after': '1' },
      );
    },
  };
};

function jsonAnswer(rewrite: (answer: MockResponse) => MockResponse): LayerFactory {
  return () => ({
    request(request, next) {
      const answer = next(request);
      return answer.headers['content-type'] === JSON_CONTENT_TYPE ? rewrite(answer) : answer;
    },
  });
}

const nothing: LayerFactory = () => ({});

/** The layer of every variant, in the order they wrap the faults and the reference (first = outermost). */
export const VARIANT_LAYERS: Readonly<Record<VariantName, LayerFactory>> = {
  'charset-utf8': jsonAnswer((answer) => ({
    ...answer,
    headers: { ...answer.headers, 'content-type': `${JSON_CONTENT_TYPE}; charset=UTF-8` },
  })),
  'reordered-keys': jsonAnswer((answer) =>
    answer.body === undefined
      ? answer
      : { ...answer, body: JSON.stringify(reversedKeys(JSON.parse(answer.body))) },
  ),
  'extra-fields': extraFields,
  'rate-limit-429': rateLimit,
  'transient-503': (context) => ({
    request: (request, next) =>
      context.requestNumber() % TRANSIENT_503_EVERY === 0
        ? errorResponse(
            503,
            'Server serving request temporarily down. Try again immediately as servers are clustered.',
            undefined,
            { 'retry-after': '1' },
          )
        : next(request),
  }),
  'update-201': () =>
    aroundOperations(UPDATES, (env, call, next) => {
      const answer = next(env, call);
      return answer.status === 200 ? { ...answer, status: 201 } : answer;
    }),
  'dates-reformatted': () => ({
    call: (env, call, next) => editContacts(next(env, call), call.operation.operationId, reformatDates),
  }),
  'upper-case-refs': upperCaseRefs,
  'lagging-list': laggingList,
  'strict-limit': strictLimit,
  'strict-dates': strictDates,
  'lenient-inferred': lenientInferred,
  // The node:http adapter plays these (adapter-layers.ts).
  gzip: nothing,
  deflate: nothing,
  br: nothing,
  latency: nothing,
  'connection-close': nothing,
  'transient-resets': nothing,
};
