import {
  type ApiVersion,
  contactFieldNames,
  DATE_FIELDS,
  type ItemReference,
  isoToEpochMs,
  type Link,
  type OrderContactV2,
  type OrderContactV21,
} from '../contracts/index.ts';
import type { CheckResult } from './check-result.ts';
import type { Unverified } from './unverified.ts';
import type { Violation } from './violation.ts';
import { type CheckContext, ruleCheck, ruleHolds, show, violation } from './violation-builder.ts';

/**
 * A contact as the checks read it, sent or received: any JSON object, read field by field (the fields are the
 * version's contact fields, so they are looked up by name), with the fields every representation has (ref, href,
 * createdAt, modifiedAt, order, guest) named by the generated response types. Not the generators' ContactBody,
 * a request type.
 */
export type ContactJson = Readonly<Record<string, unknown>> & Unverified<OrderContactV21 | OrderContactV2>;

// Case-insensitive: the vendor shows refs in upper case (seed 004) and in lower case (seed 003).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Fields holding dates or date-times, compared as instants wherever they appear (expiryDate in identifiers).
const DATE_KEYS: ReadonlySet<string> = new Set([...DATE_FIELDS, 'createdAt', 'modifiedAt', 'expiryDate']);
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
  return link !== null && typeof link === 'object' ? (link as Unverified<Link>).href : undefined;
}

/** True when two refs name the same contact: UUIDs compare case-insensitively. */
export function sameRef(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** The body's ref when it is a string, else undefined. */
export function refOf(body: ContactJson | undefined): string | undefined {
  return typeof body?.ref === 'string' ? body.ref : undefined;
}

/** OC-REF-UUID (and OC-CREATE-REF on create): ref is present and a UUID, in either case. */
export function refIsUuid(
  context: CheckContext,
  body: ContactJson,
  ruleId: 'OC-REF-UUID' | 'OC-CREATE-REF' = 'OC-REF-UUID',
): CheckResult {
  return ruleHolds(ruleId, context, typeof body.ref === 'string' && UUID.test(body.ref), {
    received: `ref ${show(body.ref)}`,
    expected: 'a UUID',
  });
}

/** OC-HREF-SELF: href is absolute and ends in /{version}/orderContacts/{ref} (the ref in any case). */
export function hrefIsSelf(context: CheckContext, body: ContactJson): CheckResult {
  const path = pathOf(body.href);
  const ref = refOf(body);
  const expected = `/${context.apiVersion}/orderContacts/${ref ?? '{ref}'}`;
  return ruleHolds(
    'OC-HREF-SELF',
    context,
    path !== undefined && ref !== undefined && path.toLowerCase().endsWith(expected.toLowerCase()),
    { received: `href ${show(body.href)}`, expected: `an absolute URL ending in ${expected}` },
  );
}

/** OC-ORDER-LINK: order.href is absolute and ends in /orders/{orderRef} (the ref in any case). */
export function orderLinkIs(context: CheckContext, body: ContactJson, orderRef: string): CheckResult {
  const href = hrefOf(body.order);
  const path = pathOf(href);
  return ruleHolds(
    'OC-ORDER-LINK',
    context,
    path?.toLowerCase().endsWith(`/orders/${orderRef}`.toLowerCase()) === true,
    { received: `order.href ${show(href)}`, expected: `an absolute URL ending in /orders/${orderRef}` },
  );
}

/** OC-GUEST-LINK: guest.href is present and ends in /guests/{uuid}. */
export function guestLinkIs(context: CheckContext, body: ContactJson): CheckResult {
  const href = hrefOf(body.guest);
  const segments = pathOf(href)?.split('/').filter(Boolean) ?? [];
  return ruleHolds(
    'OC-GUEST-LINK',
    context,
    segments.at(-2) === 'guests' && UUID.test(segments.at(-1) ?? ''),
    {
      received: `guest.href ${show(href)}`,
      expected: 'an absolute URL ending in /guests/{uuid}',
    },
  );
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
export function timestampsAreUtc(context: CheckContext, body: ContactJson): CheckResult {
  const violations: Violation[] = [];
  for (const field of ['createdAt', 'modifiedAt']) {
    const value = body[field];
    if (!isUtcDateTime(value))
      violations.push(
        violation('OC-TIMESTAMPS', context, `${field} ${show(value)}`, 'an ISO 8601 UTC date-time'),
      );
    else if (!PRECISE.test(value)) {
      violations.push(
        violation(
          'OC-TIMESTAMP-PRECISION',
          context,
          `${field} ${show(value)}`,
          'milliseconds and Z, as 2025-08-15T16:00:55.554Z',
        ),
      );
    }
  }
  return { rules: ['OC-TIMESTAMPS', 'OC-TIMESTAMP-PRECISION'], violations };
}

/** The instant of a date or date-time value in milliseconds, or NaN when it is not one. */
export function instantOf(value: unknown): number {
  return typeof value === 'string' ? isoToEpochMs(value) : Number.NaN;
}

/** OC-TIMESTAMP-ORDER: modifiedAt is not before createdAt; on create, createdAt is within 5 minutes of the request. */
export function timestampsInOrder(
  context: CheckContext,
  body: ContactJson,
  createdNear?: number,
): CheckResult {
  const created = typeof body.createdAt === 'string' ? Date.parse(body.createdAt) : Number.NaN;
  const modified = typeof body.modifiedAt === 'string' ? Date.parse(body.modifiedAt) : Number.NaN;
  if (Number.isNaN(created) || Number.isNaN(modified)) return ruleCheck('OC-TIMESTAMP-ORDER', context, []);
  return ruleCheck('OC-TIMESTAMP-ORDER', context, [
    ...(modified < created
      ? [
          {
            received: `modifiedAt ${body.modifiedAt} before createdAt ${body.createdAt}`,
            expected: 'modifiedAt >= createdAt',
          },
        ]
      : []),
    ...(createdNear !== undefined && Math.abs(created - createdNear) > CLOCK_SKEW_MS
      ? [
          {
            received: `createdAt ${body.createdAt}`,
            expected: `within 5 minutes of the request (${new Date(createdNear).toISOString()})`,
          },
        ]
      : []),
  ]);
}

function utcDay(value: unknown): string | undefined {
  const at = instantOf(value);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString().slice(0, 10);
}

/** True when two values are the same once key order, the spelling of dates and the case of UUIDs are set aside. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));
}

// Dates compare as instants (…:54.000Z is …:54Z is …:54+00:00), refs and the refs inside hrefs case-insensitively.
function normalised(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => normalised(item));
  if (typeof value === 'string' && key !== undefined) {
    if (DATE_KEYS.has(key) && !Number.isNaN(isoToEpochMs(value))) return isoToEpochMs(value);
    if (key === 'ref' || key === 'href') return value.replace(UUID_ANYWHERE, (uuid) => uuid.toLowerCase());
  }
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, normalised(v, k)]),
  );
}

/**
 * OC-CREATE-ECHO (or another rule, for updates): every contact field sent is returned with the same value;
 * dates on the same UTC day. OC-DATE-INSTANT-ECHO: dates sent with a time come back as the same instant, in any
 * ISO 8601 spelling. OC-UNICODE-ECHO: text outside ASCII comes back exactly.
 */
export function echoesFields(
  context: CheckContext,
  sent: ContactJson,
  received: ContactJson,
  ruleId: 'OC-CREATE-ECHO' | 'OC-UPDATE-APPLIES' = 'OC-CREATE-ECHO',
): CheckResult {
  const violations: Violation[] = [];
  for (const field of contactFieldNames(context.apiVersion)) {
    if (!(field in sent) || field === 'guest') continue;
    const want = sent[field];
    const got = received[field];
    if (DATE_FIELDS.includes(field)) {
      if (utcDay(got) !== utcDay(want))
        violations.push(violation(ruleId, context, `${field} ${show(got)}`, `${show(want)} (the same day)`));
      else if (typeof want === 'string' && /T/.test(want) && instantOf(got) !== instantOf(want)) {
        violations.push(
          violation('OC-DATE-INSTANT-ECHO', context, `${field} ${show(got)}`, `the instant ${show(want)}`),
        );
      }
      continue;
    }
    if (sameJson(got, want)) continue;
    const unicode = JSON.stringify(want).match(/[^\x20-\x7e]/) !== null;
    violations.push(
      violation(
        unicode && ruleId === 'OC-CREATE-ECHO' ? 'OC-UNICODE-ECHO' : ruleId,
        context,
        `${field} ${show(got)}`,
        show(want),
      ),
    );
  }
  return { rules: [ruleId], violations };
}

/**
 * The fields of `a` and `b` that differ, among the version's contact fields and ref/href/createdAt (dates as
 * instants, UUIDs in any case).
 */
export function differingFields(version: ApiVersion, a: ContactJson, b: ContactJson): string[] {
  const fields = ['ref', 'href', 'createdAt', ...contactFieldNames(version)];
  return fields.filter((field) => !sameJson({ [field]: a[field] }, { [field]: b[field] }));
}

/**
 * `got` is the contact `want` is (OC-RETRIEVE-MATCHES-CREATE, OC-EXPAND-MATCHES-RETRIEVE): the fields
 * differingFields compares are the same; `as` says where `want` came from ("as created").
 */
export function matchesContact(
  ruleId: 'OC-RETRIEVE-MATCHES-CREATE' | 'OC-EXPAND-MATCHES-RETRIEVE',
  context: CheckContext,
  want: ContactJson,
  got: ContactJson,
  as: string,
): CheckResult {
  return ruleCheck(
    ruleId,
    context,
    differingFields(context.apiVersion, want, got).map((field) => ({
      received: `${field} ${JSON.stringify(got[field])}`,
      expected: `${JSON.stringify(want[field])} ${as}`,
    })),
  );
}

/** The ref of a list item: v2.1 items carry ref; v2 items only href, whose last segment is the ref. */
export function itemRef(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const { ref, href } = item as Unverified<ItemReference>;
  if (typeof ref === 'string') return ref;
  return lastSegment(href);
}

/** The last path segment of an href, or undefined when it is not an absolute URL. */
export { lastSegment };
