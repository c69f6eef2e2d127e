import { type Call, type MockEnv, type OperationImpl, refParam } from './call.ts';
import type { FaultName } from './faults.ts';
import { DEFAULT_LIMIT } from './options.ts';
import { contactHref, renderContact } from './representation.ts';
import { badRequest, faultServerError, json, notFound } from './responses.ts';
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
  faults: ReadonlySet<FaultName>,
): Paging | { readonly problem: string } {
  const rawOffset = first(query.offset);
  const rawLimit = first(query.limit);
  if (rawOffset !== undefined && !(DIGITS.test(rawOffset) && Number.isSafeInteger(Number(rawOffset)))) {
    return { problem: `offset: must be a non-negative integer, received "${rawOffset.slice(0, 40)}".` };
  }
  if (rawLimit !== undefined && (!DIGITS.test(rawLimit) || Number(rawLimit) < 1)) {
    return { problem: `limit: must be an integer of at least 1, received "${rawLimit.slice(0, 40)}".` };
  }
  const defaultLimit = faults.has('list-default-limit-20') ? 20 : DEFAULT_LIMIT;
  const asked = rawLimit === undefined || faults.has('list-ignores-limit') ? defaultLimit : Number(rawLimit);
  return {
    offset: rawOffset === undefined ? 0 : Number(rawOffset),
    limit: Math.min(asked, maxLimit),
    expand: expandable && first(query.expand)?.toLowerCase() === 'true' && !faults.has('expand-ignored'),
  };
}

function pageHref(listPath: string, offset: number, limit: number, expand: boolean): string {
  return `${listPath}?offset=${offset}&limit=${limit}${expand ? '&expand=true' : ''}`;
}

function lastOffset(total: number, limit: number, faults: ReadonlySet<FaultName>): number {
  if (faults.has('list-last-off-by-one')) return Math.floor(total / limit) * limit;
  return total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
}

/** GET /{v}/orders/{orderRef}/contacts: the v2.1 envelope with links, or the v2 one without. */
export const retrieveOrderContacts: OperationImpl = (env: MockEnv, call: Call): MockResponse => {
  const { faults } = env;
  const orderRef = refParam(env, call, 'orderRef');
  if (!env.store.order(orderRef)) {
    if (faults.has('unknown-order-returns-500')) return faultServerError('unknown-order-returns-500');
    return notFound(`Order "${call.params.orderRef ?? ''}" was not found.`, faults);
  }
  const v21 = call.version === 'v2.1';
  const paging = readPaging(call.request.query, v21, env.options.maxLimit, faults);
  if ('problem' in paging) return badRequest([{ message: paging.problem }], faults);
  const { offset, limit, expand } = paging;
  const listed = env.store.listedCount(orderRef);
  const total = faults.has('list-omits-newest') ? Math.max(0, listed - 1) : listed;
  const start = faults.has('list-ignores-offset') ? 0 : offset;
  const records = env.store.page(orderRef, start, limit, total);
  const base = faults.has('list-href-relative') ? '' : call.base;
  const listPath = `${base}/${call.version}/orders/${orderRef}/contacts`;
  const items = records.map((record) => {
    if (expand) return renderContact(record, call.render, 'list');
    const href = contactHref(call.base, call.version, record.ref);
    return v21 && !faults.has('list-items-without-ref') ? { ref: record.ref, href } : { href };
  });
  const body: Record<string, unknown> = {
    href: pageHref(listPath, offset, limit, expand),
    offset,
    limit,
  };
  if (v21) {
    const linkBase = `${call.base}/${call.version}/orders/${orderRef}/contacts`;
    body.first = { href: pageHref(linkBase, 0, limit, expand) };
    if (!faults.has('list-missing-last')) {
      body.last = { href: pageHref(linkBase, lastOffset(total, limit, faults), limit, expand) };
    }
    if (offset + limit < total || faults.has('list-next-on-last-page')) {
      body.next = { href: pageHref(linkBase, offset + limit, limit, expand) };
    }
    if (offset > 0) body.previous = { href: pageHref(linkBase, Math.max(0, offset - limit), limit, expand) };
  }
  body.items = items;
  return json(200, body);
};
