import { type Call, type MockEnv, type OperationImpl, refParam } from './call.ts';
import { DEFAULT_LIMIT } from './options.ts';
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

function first(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

/**
 * Reads offset (default 0), limit (default 10, clamped to maxLimit) and expand (true in v2.1 only) from a
 * query; a non-integer or negative offset, or a limit below 1, is a problem naming the parameter.
 */
export function readPaging(
  query: Call['request']['query'],
  expandable: boolean,
  maxLimit: number,
): Paging | { readonly problem: string } {
  const rawOffset = first(query.offset);
  const rawLimit = first(query.limit);
  if (rawOffset !== undefined && !(DIGITS.test(rawOffset) && Number.isSafeInteger(Number(rawOffset)))) {
    return { problem: `offset: must be a non-negative integer, received "${rawOffset.slice(0, 40)}".` };
  }
  if (rawLimit !== undefined && (!DIGITS.test(rawLimit) || Number(rawLimit) < 1)) {
    return { problem: `limit: must be an integer of at least 1, received "${rawLimit.slice(0, 40)}".` };
  }
  return {
    offset: rawOffset === undefined ? 0 : Number(rawOffset),
    limit: Math.min(rawLimit === undefined ? DEFAULT_LIMIT : Number(rawLimit), maxLimit),
    expand: expandable && first(query.expand)?.toLowerCase() === 'true',
  };
}

export function pageHref(listPath: string, offset: number, limit: number, expand: boolean): string {
  return `${listPath}?offset=${offset}&limit=${limit}${expand ? '&expand=true' : ''}`;
}

function lastOffset(total: number, limit: number): number {
  return total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
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
  const listPath = `${call.base}/${call.version}/orders/${orderRef}/contacts`;
  const items = records.map((record) => {
    if (expand) return renderContact(record, call.render);
    const href = contactHref(call.base, call.version, record.ref);
    return v21 ? { ref: record.ref, href } : { href };
  });
  const body: Record<string, unknown> = {
    href: pageHref(listPath, offset, limit, expand),
    offset,
    limit,
  };
  if (v21) {
    body.first = { href: pageHref(listPath, 0, limit, expand) };
    body.last = { href: pageHref(listPath, lastOffset(total, limit), limit, expand) };
    if (offset + limit < total) body.next = { href: pageHref(listPath, offset + limit, limit, expand) };
    if (offset > 0) body.previous = { href: pageHref(listPath, Math.max(0, offset - limit), limit, expand) };
  }
  body.items = items;
  return json(200, body);
};
