import { API_VERSIONS, type ApiVersion, contactFieldNames } from '../contracts/index.ts';
import type { FaultName } from './faults.ts';
import type { ContactRecord, GuestLink } from './store.ts';

/** Why a contact is rendered: faults that bend one operation's answer look at this. */
export type RenderPurpose = 'create' | 'retrieve' | 'update' | 'list' | 'delete';

/** What rendering needs besides the record. */
export interface RenderContext {
  /** Absolute base of hrefs, without a trailing slash: http://127.0.0.1:8787. */
  readonly base: string;
  readonly version: ApiVersion;
  readonly faults: ReadonlySet<FaultName>;
  readonly randomUUID: () => string;
}

/** The order.href the order-link-wrong fault points every contact at. */
export const WRONG_ORDER_REF = 'ffffffff-ffff-4fff-bfff-ffffffffffff';

// The person fields each version renders, in the contract's order; the v2 guest link is rendered separately.
// Stored fields are plain objects keyed by these names only, so a name that means something to JavaScript
// objects would be a contract error: refuse it here rather than ever assign it.
const FIELDS: ReadonlyMap<ApiVersion, readonly string[]> = new Map(
  API_VERSIONS.map((version) => {
    const names = contactFieldNames(version).filter((name) => name !== 'guest');
    const unsafe = names.find((name) => name in Object.prototype);
    if (unsafe)
      throw new Error(
        `Failed to load the contact fields: "${unsafe}" cannot be a field name. Rename it in contact-fields.json.`,
      );
    return [version, names];
  }),
);

/** The person fields a version stores and renders (every contact field but the v2 guest link). */
export function personFields(version: ApiVersion): readonly string[] {
  return FIELDS.get(version) ?? [];
}

/** An ISO 8601 UTC timestamp with milliseconds and Z, as the vendor's examples show. */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** A record's timestamps, as numbers and formatted once. */
export function stamps(
  createdAt: number,
  modifiedAt: number,
): Pick<ContactRecord, 'createdAt' | 'modifiedAt' | 'createdAtIso' | 'modifiedAtIso'> {
  return {
    createdAt,
    modifiedAt,
    createdAtIso: isoTimestamp(createdAt),
    modifiedAtIso: isoTimestamp(modifiedAt),
  };
}

function timestamp(ms: number, faults: ReadonlySet<FaultName>): string {
  if (faults.has('timestamps-not-utc')) {
    return `${new Date(ms + 3_600_000).toISOString().slice(0, -1)}+01:00`;
  }
  const iso = isoTimestamp(ms);
  return faults.has('timestamps-without-millis') ? `${iso.slice(0, 19)}Z` : iso;
}

/** The absolute href of a contact. */
export function contactHref(base: string, version: ApiVersion, ref: string): string {
  return `${base}/${version}/orderContacts/${ref}`;
}

/** The absolute href of an order. */
export function orderHref(base: string, version: ApiVersion, ref: string): string {
  return `${base}/${version}/orders/${ref}`;
}

/** The absolute href of a guest. */
export function guestHref(base: string, version: ApiVersion, ref: string): string {
  return `${base}/${version}/guests/${ref}`;
}

function guestLink(link: GuestLink, context: RenderContext): string {
  return 'href' in link ? link.href : guestHref(context.base, context.version, link.ref);
}

function selfHref(record: ContactRecord, context: RenderContext, purpose: RenderPurpose): string {
  const { faults } = context;
  const version: ApiVersion = faults.has('href-wrong-version')
    ? context.version === 'v2.1'
      ? 'v2'
      : 'v2.1'
    : context.version;
  const base = purpose === 'create' && faults.has('create-href-relative') ? '' : context.base;
  return contactHref(base, version, record.ref);
}

/**
 * A contact as a version returns it: href, ref, createdAt, modifiedAt, every stored field the version knows
 * (exactly as sent), guest and order links. Faults that bend the representation apply here.
 */
export function renderContact(
  record: ContactRecord,
  context: RenderContext,
  purpose: RenderPurpose,
): Record<string, unknown> {
  const { faults } = context;
  const out: Record<string, unknown> = {};
  let ref = record.ref;
  if (purpose === 'update' && faults.has('update-changes-ref')) ref = context.randomUUID();
  out.href = selfHref(ref === record.ref ? record : { ...record, ref }, context, purpose);
  if (!(purpose === 'create' && faults.has('create-omits-ref'))) out.ref = ref;
  const createdAt =
    purpose === 'retrieve' && faults.has('retrieve-shifts-createdat')
      ? record.createdAt + 1000
      : record.createdAt;
  out.createdAt = timestamp(createdAt, faults);
  out.modifiedAt = timestamp(record.modifiedAt, faults);
  const dropIdentifiers = purpose === 'list' && faults.has('expand-drops-identifiers');
  for (const name of personFields(context.version)) {
    if (!Object.hasOwn(record.fields, name) || (dropIdentifiers && name === 'identifiers')) continue;
    out[name] = record.fields[name];
  }
  if (record.guest && !faults.has('guest-link-missing'))
    out.guest = { href: guestLink(record.guest, context) };
  if (!faults.has('order-link-missing')) {
    const orderRef = faults.has('order-link-wrong') ? WRONG_ORDER_REF : record.orderRef;
    out.order = { href: orderHref(context.base, context.version, orderRef) };
  }
  return out;
}
