import { type Call, type MockEnv, type OperationImpl, refParam } from './call.ts';
import { DEFAULT_LIMIT } from './options.ts';
import { firstValue } from './query-string.ts';
import { contactHref, renderContact } from './representation.ts';
import { badRequest, json, orderNotFound } from './responses.ts';
import type { MockResponse } from './types.ts';

/** A page request after checking offset, limit and expand. */
export interface Paging {
  readonly offset: number;
  readonly limit: number;
  readonly expand: boolean;
}

const DIGITS = /^\d+$/;

/**
 * Reads offset (default 0), limit (default 10, clamped to maxLimit) and expand (true in v2.1 only) from a
 * query; a non-integer or negative offset, or a limit below 1, is a problem naming the parameter.
 */
export function readPaging(
  query: Call['request']['query'],
  expandable: boolean,
  maxLimit: number,
): Paging | { readonly problem: string } {
  const rawOffset = firstValue(query.offset);
  const rawLimit = firstValue(query.limit);
  if (rawOffset !== undefined && !(DIGITS.test(rawOffset) && Number.isSafeInteger(Number(rawOffset)))) {
    return { problem: `offset: must be a non-negative integer, received "${rawOffset.slice(0, 40)}".` };
  }
  if (rawLimit !== undefined && (!DIGITS.test(rawLimit) || Number(rawLimit) < 1)) {
    return { problem: `limit: must be an integer of at least 1, received "${rawLimit.slice(0, 40)}".` };
  }
  return {
    offset: rawOffset === undefined ? 0 : Number(rawOffset),
    limit: Math.min(rawLimit === undefined ? DEFAULT_LIMIT : Number(rawLimit), maxLimit),
    expand: expandable && firstValue(query.expand)?.toLowerCase() === 'true',
  };
}

/** A page's href: the list's path, offset and limit, expand when on, then the list's own filter (`&referenceId=…`). */
export function pageHref(
  listPath: string,
  offset: number,
  limit: number,
  expand: boolean,
  filter = '',
): string {
  return `${listPath}?offset=${offset}&limit=${limit}${expand ? '&expand=true' : ''}${filter}`;
}

function lastOffset(total: number, limit: number): number {
  return total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
}

/** What a page of a collection is made of. */
export interface CollectionPage {
  /** The list's absolute path, without a query: http://host/v2.1/orders/{ref}/contacts. */
  readonly listPath: string;
  /** The list's own query after the paging parameters, each as `&name=value` (empty for none). */
  readonly filter?: string;
  readonly paging: Paging;
  readonly total: number;
  readonly items: readonly unknown[];
  /** v2.1 links first, last, next and previous (v2 lists have none). */
  readonly links: boolean;
}

/** The collection envelope of a page: href, offset, limit, the v2.1 links, items. */
export function collectionEnvelope(page: CollectionPage): Record<string, unknown> {
  const { listPath, filter = '', total, links } = page;
  const { offset, limit, expand } = page.paging;
  const href = (at: number): string => pageHref(listPath, at, limit, expand, filter);
  const body: Record<string, unknown> = { href: href(offset), offset, limit };
  if (links) {
    body.first = { href: href(0) };
    body.last = { href: href(lastOffset(total, limit)) };
    if (offset + limit < total) body.next = { href: href(offset + limit) };
    if (offset > 0) body.previous = { href: href(Math.max(0, offset - limit)) };
  }
  body.items = page.items;
  return body;
}

/** GET /{v}/orders/{orderRef}/contacts: the v2.1 envelope with links, or the v2 one without. */
export const retrieveOrderContacts: OperationImpl = (env: MockEnv, call: Call): MockResponse => {
  const orderRef = refParam(call, 'orderRef');
  if (!env.store.order(orderRef)) return orderNotFound(call.params.orderRef ?? '');
  const v21 = call.version === 'v2.1';
  const paging = readPaging(call.request.query, v21, env.options.maxLimit);
  if ('problem' in paging) return badRequest([{ message: paging.problem }]);
  const { offset, limit, expand } = paging;
  const total = env.store.listedCount(orderRef);
  const records = env.store.page(orderRef, offset, limit, total);
  const items = records.map((record) => {
    if (expand) return renderContact(record, call.render);
    const href = contactHref(call.base, call.version, record.ref);
    return v21 ? { ref: record.ref, href } : { href };
  });
  const listPath = `${call.base}/${call.version}/orders/${orderRef}/contacts`;
  return json(200, collectionEnvelope({ listPath, paging, total, items, links: v21 }));
};
