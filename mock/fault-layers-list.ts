// Faults of the list of an order's contacts: paging, links, and which contacts it shows.
import { type Call, refParam } from './call.ts';
import { aroundOperations } from './fault-layers-input.ts';
import type { FaultName } from './faults.ts';
import { editJsonObject, isJsonObject, type JsonObject, jsonBodyOf, withKeyBefore } from './json-answer.ts';
import type { LayerContext, LayerFactory } from './layer.ts';
import { readPaging } from './list-operation.ts';
import { errorResponse, notFound } from './responses.ts';
import type { MockStore } from './store.ts';
import type { MockResponse } from './types.ts';

function firstOf(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

const LIST: ReadonlySet<string> = new Set(['retrieveOrderContacts']);

type Query = Call['request']['query'];

/** The call with its query changed (the reference reads the query from call.request). */
function withQuery(call: Call, change: (query: Record<string, string | readonly string[]>) => void): Call {
  const query: Record<string, string | readonly string[]> = Object.assign(
    Object.create(null),
    call.request.query,
  );
  change(query);
  return { ...call, request: { ...call.request, query } };
}

function validPaging(context: LayerContext, call: Call, query: Query = call.request.query): boolean {
  return !('problem' in readPaging(query, call.version === 'v2.1', context.options.maxLimit));
}

/** A 200 list page with its envelope changed by `edit`. */
function page(
  edit: (body: JsonObject, call: Call, context: LayerContext) => JsonObject | undefined,
  v21Only = true,
): LayerFactory {
  return (context) =>
    aroundOperations(LIST, (env, call, next) => {
      const answer = next(env, call);
      if (answer.status !== 200 || (v21Only && call.version !== 'v2.1')) return answer;
      return editJsonObject(answer, (body) => edit(body, call, context));
    });
}

function hrefOf(link: unknown): string | undefined {
  return isJsonObject(link) && typeof link.href === 'string' ? link.href : undefined;
}

function withOffset(href: string, offset: number): string {
  return href.replace(/([?&])offset=\d+/, `$1offset=${offset}`);
}

// The store as the reference sees it through list-omits-newest: each order lists one contact fewer.
function withoutNewest(store: MockStore): MockStore {
  const view = Object.create(store) as MockStore;
  view.listedCount = (orderRef) => Math.max(0, store.listedCount(orderRef) - 1);
  return view;
}

function itemsOf(answer: MockResponse): unknown {
  const body = jsonBodyOf(answer);
  return isJsonObject(body) ? body.items : undefined;
}

/** The layers of the faults of the contact list, keyed by fault name. */
export const LIST_FAULT_LAYERS = {
  'list-ignores-limit': (context) =>
    aroundOperations(LIST, (env, call, next) =>
      call.request.query.limit !== undefined && validPaging(context, call)
        ? next(
            env,
            withQuery(call, (query) => delete query.limit),
          )
        : next(env, call),
    ),
  'list-default-limit-20': () =>
    aroundOperations(LIST, (env, call, next) =>
      call.request.query.limit === undefined
        ? next(
            env,
            withQuery(call, (query) => {
              query.limit = '20';
            }),
          )
        : next(env, call),
    ),
  'expand-ignored': () =>
    aroundOperations(LIST, (env, call, next) =>
      call.version === 'v2.1' && call.request.query.expand !== undefined
        ? next(
            env,
            withQuery(call, (query) => delete query.expand),
          )
        : next(env, call),
    ),
  // The page says the offset asked for, but holds the items of the first page.
  'list-ignores-offset': () =>
    aroundOperations(LIST, (env, call, next) => {
      const answer = next(env, call);
      if (answer.status !== 200 || call.request.query.offset === undefined) return answer;
      const items = itemsOf(
        next(
          env,
          withQuery(call, (query) => delete query.offset),
        ),
      );
      return editJsonObject(answer, (body) => {
        body.items = items;
        return body;
      });
    }),
  'list-omits-newest': () =>
    aroundOperations(LIST, (env, call, next) => next({ ...env, store: withoutNewest(env.store) }, call)),
  'list-next-on-last-page': page((body) => {
    const first = hrefOf(body.first);
    if (body.next !== undefined || first === undefined) return body;
    const next = { href: withOffset(first, Number(body.offset) + Number(body.limit)) };
    return withKeyBefore(body, 'next', next, ['previous', 'items']);
  }),
  'list-last-off-by-one': page((body, call, context) => {
    const last = hrefOf(body.last);
    if (last === undefined) return body;
    const total = context.store.listedCount(refParam(call, 'orderRef'));
    const limit = Number(body.limit);
    body.last = { href: withOffset(last, Math.floor(total / limit) * limit) };
    return body;
  }),
  'list-offset-past-end-wraps': (context) =>
    aroundOperations(LIST, (env, call, next) => {
      const paging = readPaging(call.request.query, call.version === 'v2.1', context.options.maxLimit);
      if ('problem' in paging) return next(env, call);
      const total = env.store.listedCount(refParam(call, 'orderRef'));
      if (total === 0 || paging.offset < total) return next(env, call);
      const lastOffset = Math.floor((total - 1) / paging.limit) * paging.limit;
      return next(
        env,
        withQuery(call, (query) => {
          query.offset = String(lastOffset);
        }),
      );
    }),
  'list-empty-order-404': () =>
    aroundOperations(LIST, (env, call, next) => {
      const answer = next(env, call);
      if (answer.status !== 200 || env.store.listedCount(refParam(call, 'orderRef')) > 0) return answer;
      return notFound(`Order "${refParam(call, 'orderRef')}" has no contacts.`);
    }),
  'list-large-limit-500': () =>
    aroundOperations(LIST, (env, call, next) => {
      const limit = Number(firstOf(call.request.query.limit));
      return Number.isFinite(limit) && limit > 100
        ? errorResponse(500, 'Internal server error.')
        : next(env, call);
    }),
  'list-next-when-total-multiple': page((body, call, context) => {
    const first = hrefOf(body.first);
    const total = context.store.listedCount(refParam(call, 'orderRef'));
    const end = Number(body.offset) + Number(body.limit);
    if (body.next !== undefined || first === undefined || end !== total) return body;
    return withKeyBefore(body, 'next', { href: withOffset(first, end) }, ['previous', 'items']);
  }),
  'list-missing-last': page((body) => {
    delete body.last;
    return body;
  }),
  'list-items-without-ref': page((body) => {
    if (Array.isArray(body.items)) {
      body.items = body.items.map((item: unknown) =>
        isJsonObject(item) && !('createdAt' in item) ? { href: item.href } : item,
      );
    }
    return body;
  }),
  'list-href-relative': page((body, call) => {
    if (typeof body.href === 'string' && body.href.startsWith(call.base))
      body.href = body.href.slice(call.base.length);
    return body;
  }, false),
} satisfies Partial<Record<FaultName, LayerFactory>>;
