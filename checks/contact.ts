import { contactFieldNames, DATE_FIELDS, isoToEpochMs } from '../contracts/index.ts';
import type { Violation } from './violation.ts';
import { type CheckContext, show, violation } from './violation-builder.ts';

/** A contact body as the checks read it. */
export type ContactBody = Readonly<Record<string, unknown>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PRECISE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CLOCK_SKEW_MS = 5 * 60_000;

function pathOf(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined;
  try {
    const url = new URL(href);
    return /^https?:$/.test(url.protocol) ? url.pathname : undefined;
  } catch {
    return undefined;
  }
}

function lastSegment(href: unknown): string | undefined {
  return pathOf(href)?.split('/').filter(Boolean).pop();
}

function hrefOf(link: unknown): unknown {
  return link !== null && typeof link === 'object' ? (link as { href?: unknown }).href : undefined;
}

/** The body's ref when it is a string, else undefined. */
export function refOf(body: ContactBody | undefined): string | undefined {
  return typeof body?.ref === 'string' ? body.ref : undefined;
}

/** OC-REF-UUID (and OC-CREATE-REF on create): ref is present and a UUID. */
export function refIsUuid(context: CheckContext, body: ContactBody, ruleId = 'OC-REF-UUID'): Violation[] {
  return typeof body.ref === 'string' && UUID.test(body.ref)
    ? []
    : [violation(ruleId, context, `ref ${show(body.ref)}`, 'a UUID')];
}

/** OC-HREF-SELF: href is absolute and ends in /{version}/orderContacts/{ref}. */
export function hrefIsSelf(context: CheckContext, body: ContactBody): Violation[] {
  const path = pathOf(body.href);
  const ref = refOf(body);
  const expected = `/${context.apiVersion}/orderContacts/${ref ?? '{ref}'}`;
  return path !== undefined && ref !== undefined && path.toLowerCase().endsWith(expected.toLowerCase())
    ? []
    : [
        violation(
          'OC-HREF-SELF',
          context,
          `href ${show(body.href)}`,
          `an absolute URL ending in ${expected}`,
        ),
      ];
}

/** OC-ORDER-LINK: order.href is absolute and ends in /orders/{orderRef}. */
export function orderLinkIs(context: CheckContext, body: ContactBody, orderRef: string): Violation[] {
  const href = hrefOf(body.order);
  const path = pathOf(href);
  return path?.toLowerCase().endsWith(`/orders/${orderRef}`.toLowerCase())
    ? []
    : [
        violation(
          'OC-ORDER-LINK',
          context,
          `order.href ${show(href)}`,
          `an absolute URL ending in /orders/${orderRef}`,
        ),
      ];
}

/** OC-GUEST-LINK: guest.href is present and ends in /guests/{uuid}. */
export function guestLinkIs(context: CheckContext, body: ContactBody): Violation[] {
  const href = hrefOf(body.guest);
  const path = pathOf(href);
  const segments = path?.split('/').filter(Boolean) ?? [];
  return segments.at(-2) === 'guests' && UUID.test(segments.at(-1) ?? '')
    ? []
    : [
        violation(
          'OC-GUEST-LINK',
          context,
          `guest.href ${show(href)}`,
          'an absolute URL ending in /guests/{uuid}',
        ),
      ];
}

function isUtcDateTime(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /T/.test(value) &&
    /(Z|[+-]00:?00)$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** OC-TIMESTAMPS, OC-TIMESTAMP-PRECISION: createdAt and modifiedAt are UTC date-times like 2025-08-15T16:00:55.554Z. */
export function timestampsAreUtc(context: CheckContext, body: ContactBody): Violation[] {
  const out: Violation[] = [];
  for (const field of ['createdAt', 'modifiedAt']) {
    const value = body[field];
    if (!isUtcDateTime(value))
      out.push(violation('OC-TIMESTAMPS', context, `${field} ${show(value)}`, 'an ISO 8601 UTC date-time'));
    else if (!PRECISE.test(value)) {
      out.push(
        violation(
          'OC-TIMESTAMP-PRECISION',
          context,
          `${field} ${show(value)}`,
          'milliseconds and Z, as 2025-08-15T16:00:55.554Z',
        ),
      );
    }
  }
  return out;
}

/** OC-TIMESTAMP-ORDER: modifiedAt is not before createdAt; on create, createdAt is within 5 minutes of the request. */
export function timestampsInOrder(
  context: CheckContext,
  body: ContactBody,
  createdNear?: number,
): Violation[] {
  const created = typeof body.createdAt === 'string' ? Date.parse(body.createdAt) : Number.NaN;
  const modified = typeof body.modifiedAt === 'string' ? Date.parse(body.modifiedAt) : Number.NaN;
  if (Number.isNaN(created) || Number.isNaN(modified)) return [];
  const out: Violation[] = [];
  if (modified < created) {
    out.push(
      violation(
        'OC-TIMESTAMP-ORDER',
        context,
        `modifiedAt ${body.modifiedAt} before createdAt ${body.createdAt}`,
        'modifiedAt >= createdAt',
      ),
    );
  }
  if (createdNear !== undefined && Math.abs(created - createdNear) > CLOCK_SKEW_MS) {
    out.push(
      violation(
        'OC-TIMESTAMP-ORDER',
        context,
        `createdAt ${body.createdAt}`,
        `within 5 minutes of the request (${new Date(createdNear).toISOString()})`,
      ),
    );
  }
  return out;
}

function utcDay(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const at = isoToEpochMs(value);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString().slice(0, 10);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));
}

// Identifier expiry dates are compared as instants, so key order and date spelling do not matter.
function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [
        k,
        k === 'expiryDate' && typeof v === 'string' && !Number.isNaN(isoToEpochMs(v))
          ? isoToEpochMs(v)
          : normalised(v),
      ]),
  );
}

/**
 * OC-CREATE-ECHO (or another rule, for updates): every contact field sent is returned with the same value;
 * dates on the same UTC day. OC-DATE-INSTANT-ECHO: dates sent with a time come back as the same instant.
 * OC-UNICODE-ECHO: text outside ASCII comes back exactly.
 */
export function echoesFields(
  context: CheckContext,
  sent: ContactBody,
  received: ContactBody,
  ruleId = 'OC-CREATE-ECHO',
): Violation[] {
  const out: Violation[] = [];
  for (const field of contactFieldNames(context.apiVersion)) {
    if (!(field in sent) || field === 'guest') continue;
    const want = sent[field];
    const got = received[field];
    if (DATE_FIELDS.includes(field)) {
      if (utcDay(got) !== utcDay(want))
        out.push(violation(ruleId, context, `${field} ${show(got)}`, `${show(want)} (the same day)`));
      else if (
        typeof want === 'string' &&
        /T/.test(want) &&
        isoToEpochMs(String(got)) !== isoToEpochMs(want)
      ) {
        out.push(
          violation('OC-DATE-INSTANT-ECHO', context, `${field} ${show(got)}`, `the instant ${show(want)}`),
        );
      }
      continue;
    }
    if (sameJson(got, want)) continue;
    const unicode = JSON.stringify(want).match(/[^\x20-\x7e]/) !== null;
    out.push(
      violation(
        unicode && ruleId === 'OC-CREATE-ECHO' ? 'OC-UNICODE-ECHO' : ruleId,
        context,
        `${field} ${show(got)}`,
        show(want),
      ),
    );
  }
  return out;
}

/** The fields of `a` and `b` that differ, among the version's contact fields and ref/href/createdAt. */
export function differingFields(version: 'v2.1' | 'v2', a: ContactBody, b: ContactBody): string[] {
  const fields = ['ref', 'href', 'createdAt', ...contactFieldNames(version)];
  return fields.filter((field) => !sameJson(a[field], b[field]));
}

/** The ref of a list item: v2.1 items carry ref; v2 items only href, whose last segment is the ref. */
export function itemRef(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const { ref, href } = item as { ref?: unknown; href?: unknown };
  if (typeof ref === 'string') return ref;
  return lastSegment(href);
}

/** The last path segment of an href, or undefined when it is not an absolute URL. */
export { lastSegment };
