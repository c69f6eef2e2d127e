// The order and guest reads a client's flow around contacts makes (find the order by its referenceId, retrieve
// it, follow a contact's guest.href). Not order-contact operations: no rule of the catalogue checks them, and
// faults and variants do not change them.
import { type Call, type MockEnv, type OperationImpl, refParam } from './call.ts';
import { collectionEnvelope, readPaging } from './list-operation.ts';
import { renderGuest, renderOrder } from './order-guest-representation.ts';
import { firstValue } from './query-string.ts';
import { orderHref, renderContact } from './representation.ts';
import { badRequest, json, notFound, orderNotFound } from './responses.ts';
import { linkedGuestRef, type OrderRecord } from './store.ts';
import type { MockResponse } from './types.ts';

function guestNotFound(guestRef: string): MockResponse {
  return notFound(`Guest "${guestRef}" was not found.`);
}

/** expand=contacts, or expand=true, among a comma-separated expand list (inferred: see renderOrder). */
function expandsContacts(call: Call): boolean {
  const expand = firstValue(call.request.query.expand);
  return expand?.split(',').some((part) => /^(contacts|true)$/i.test(part.trim())) ?? false;
}

/** GET /{v}/orders/{orderRef}: the order and its contacts link (with the contacts in it when expanded). */
export const retrieveOrder: OperationImpl = (env: MockEnv, call: Call) => {
  const order = env.store.order(refParam(call, 'orderRef'));
  if (!order) return orderNotFound(call.params.orderRef ?? '');
  const contacts = expandsContacts(call)
    ? env.store.contactsOf(order.ref).map((record) => renderContact(record, call.render))
    : undefined;
  return json(200, renderOrder(order, call.render, contacts));
};

/** The list's filter: exactly one of referenceId and guestRef ([DOC] "either ... but not both"), or a problem. */
function orderFilter(call: Call): { name: 'referenceId' | 'guestRef'; value: string } | { problem: string } {
  const referenceId = firstValue(call.request.query.referenceId);
  const guestRef = firstValue(call.request.query.guestRef);
  const given = (value: string | undefined): value is string => value !== undefined && value !== '';
  if (given(referenceId) && given(guestRef)) {
    return { problem: 'guestRef: specify either referenceId or guestRef, not both.' };
  }
  if (given(referenceId)) return { name: 'referenceId', value: referenceId };
  if (given(guestRef)) return { name: 'guestRef', value: guestRef };
  return { problem: 'referenceId: either referenceId or guestRef is required.' };
}

/**
 * GET /{v}/orders?referenceId=… or ?guestRef=…: the orders with that referenceId (compared exactly; none is an
 * empty page), or those with a contact linked to that guest (an unknown guest is 404, as an unknown order is for
 * its contacts), in creation order, in the collection envelope of the contacts list: [DOC]
 * https://api-docs.sitecore.com/cdp/order-rest-api/order/retrieveorders (v2.1: items.ref, links, expand=true)
 * and https://doc.sitecore.com/cdp/en/developers/api/retrieve-orders--legacy-.html (v2: items.href, the href
 * `?offset=0&limit=10&guestRef=…`). The documented `sort` is not implemented (creation order always).
 */
export const retrieveOrders: OperationImpl = (env, call) => {
  const filter = orderFilter(call);
  if ('problem' in filter) return badRequest([{ message: filter.problem }]);
  const v21 = call.version === 'v2.1';
  const paging = readPaging(call.request.query, v21, env.options.maxLimit);
  if ('problem' in paging) return badRequest([{ message: paging.problem }]);
  let matches: (order: OrderRecord) => boolean;
  if (filter.name === 'referenceId') {
    matches = (order) => order.fields.referenceId === filter.value;
  } else {
    const guestRef = filter.value.toLowerCase();
    if (!env.store.guest(guestRef)) return guestNotFound(filter.value);
    matches = (order) =>
      env.store
        .contactsOf(order.ref)
        .some((c) => c.guest !== undefined && linkedGuestRef(c.guest) === guestRef);
  }
  const found = [...env.store.orderRecords()].filter(matches);
  const items = found.slice(paging.offset, paging.offset + paging.limit).map((order) => {
    if (paging.expand) return renderOrder(order, call.render);
    const href = orderHref(call.base, call.version, order.ref);
    return v21 ? { ref: order.ref, href } : { href };
  });
  return json(
    200,
    collectionEnvelope({
      listPath: `${call.base}/${call.version}/orders`,
      filter: `&${filter.name}=${encodeURIComponent(filter.value)}`,
      paging,
      total: found.length,
      items,
      links: v21,
    }),
  );
};

/** GET /{v}/guests/{guestRef}: what a contact's guest.href points at. */
export const retrieveGuest: OperationImpl = (env, call) => {
  const guest = env.store.guest(refParam(call, 'guestRef'));
  if (!guest) return guestNotFound(call.params.guestRef ?? '');
  return json(200, renderGuest(guest, call.render));
};
