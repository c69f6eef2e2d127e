import { API_VERSIONS, type ApiVersion, contactFieldNames } from '../contracts/index.ts';
import type { ContactRecord, StoredGuestLink } from './store.ts';

/** What rendering needs besides the record. */
export interface RenderContext {
  /** Absolute base of hrefs, without a trailing slash: http://127.0.0.1:8787. */
  readonly base: string;
  readonly version: ApiVersion;
}

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

function guestLink(link: StoredGuestLink, context: RenderContext): string {
  return 'href' in link ? link.href : guestHref(context.base, context.version, link.ref);
}

/**
 * A contact as a version returns it: href, ref, createdAt, modifiedAt, every stored field the version knows
 * (exactly as sent), guest and order links.
 */
export function renderContact(record: ContactRecord, context: RenderContext): Record<string, unknown> {
  const out: Record<string, unknown> = {
    href: contactHref(context.base, context.version, record.ref),
    ref: record.ref,
    createdAt: record.createdAtIso,
    modifiedAt: record.modifiedAtIso,
  };
  for (const name of personFields(context.version)) {
    if (Object.hasOwn(record.fields, name)) out[name] = record.fields[name];
  }
  if (record.guest) out.guest = { href: guestLink(record.guest, context) };
  out.order = { href: orderHref(context.base, context.version, record.orderRef) };
  return out;
}
