import { guestHref, isoTimestamp, orderHref, type RenderContext } from './representation.ts';
import type { GuestRecord, OrderRecord, StoredFields } from './store.ts';

// The fields the mock keeps of an order and of a guest: what their create requests describe
// (order-create-request.json, guest-create-request.json), nothing else.
const ORDER_FIELDS = ['referenceId', 'currencyCode', 'orderedAt', 'price', 'channel', 'pointOfSale'] as const;
const GUEST_FIELDS = ['guestType', 'firstName', 'lastName', 'identifiers'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Copies the named fields of a body into a null-prototype object (nothing else is ever read). */
export function pickFields(body: unknown, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  if (!isObject(body)) return out;
  for (const name of names) if (Object.hasOwn(body, name)) out[name] = body[name];
  return out;
}

/** The order fields a create stores. */
export function orderFields(body: unknown): Record<string, unknown> {
  return pickFields(body, ORDER_FIELDS);
}

/** The guest fields a create stores. */
export function guestFields(body: unknown): Record<string, unknown> {
  return pickFields(body, GUEST_FIELDS);
}

function withFields(
  head: Record<string, unknown>,
  fields: StoredFields,
  names: readonly string[],
  record: { readonly createdAt: number; readonly modifiedAt: number },
): Record<string, unknown> {
  const out = { ...head };
  for (const name of names) if (Object.hasOwn(fields, name)) out[name] = fields[name];
  out.createdAt = isoTimestamp(record.createdAt);
  out.modifiedAt = isoTimestamp(record.modifiedAt);
  return out;
}

/**
 * An order as create and retrieve answer it: href, ref, its stored fields, createdAt, modifiedAt and the link to
 * its contacts ([DOC] https://doc.sitecore.com/cdp/en/developers/api/retrieve-an-order--legacy-.html shows
 * `"contacts": {"href": "<baseURL>/v2/orders/<ref>/contacts"}`). With `contacts` given (expand=contacts, inferred
 * from that page's expand=orderItems), the link also holds them as items. The page's status, paymentType,
 * cardType, consumers and orderItems are left out: the mock keeps none of them (minimal).
 */
export function renderOrder(
  order: OrderRecord,
  context: RenderContext,
  contacts?: readonly unknown[],
): Record<string, unknown> {
  const href = orderHref(context.base, context.version, order.ref);
  const out = withFields({ href, ref: order.ref }, order.fields, ORDER_FIELDS, order);
  out.contacts =
    contacts === undefined ? { href: `${href}/contacts` } : { href: `${href}/contacts`, items: contacts };
  return out;
}

/**
 * A guest as create and retrieve answer it: href, ref, its stored fields (guestType, names, identifiers),
 * createdAt and modifiedAt. The vendor's retrieve pages ([DOC]
 * https://api-docs.sitecore.com/cdp/guest-rest-api/guest/retrieveguest and
 * https://doc.sitecore.com/cdp/en/developers/api/retrieve-a-guest--legacy-.html) show a fuller record (firstSeen,
 * lastSeen, emails, data extensions, ...); the mock keeps only these fields (minimal).
 */
export function renderGuest(guest: GuestRecord, context: RenderContext): Record<string, unknown> {
  const head = { href: guestHref(context.base, context.version, guest.ref), ref: guest.ref };
  return withFields(head, guest.fields, GUEST_FIELDS, guest);
}
