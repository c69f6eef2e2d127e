/** Stored field values by field name; holds only names the contract knows (see fieldBag in contact-input.ts). */
export type StoredFields = Readonly<Record<string, unknown>>;

/** How a contact names its guest: by ref (rendered under the mock's base URL) or by the href a v2 client sent. */
export type StoredGuestLink = { readonly ref: string } | { readonly href: string };

/** The ref of the guest a link names: its ref, or the last segment of the href a v2 client sent, lower case. */
export function linkedGuestRef(link: StoredGuestLink): string {
  return 'ref' in link ? link.ref : (link.href.split('/').pop() ?? '').toLowerCase();
}

/** An order, as test setup creates it. */
export interface OrderRecord {
  readonly ref: string;
  readonly fields: StoredFields;
  readonly createdAt: number;
  readonly modifiedAt: number;
}

/** A guest, created by test setup or by identity resolution on contact create. */
export interface GuestRecord {
  readonly ref: string;
  readonly fields: StoredFields;
  readonly createdAt: number;
  readonly modifiedAt: number;
}

/** An order contact. Records are immutable: an update stores a new record under the same ref. */
export interface ContactRecord {
  readonly ref: string;
  readonly orderRef: string;
  readonly fields: StoredFields;
  readonly guest: StoredGuestLink | undefined;
  readonly createdAt: number;
  readonly modifiedAt: number;
  /** createdAt and modifiedAt formatted once (ISO 8601 UTC with milliseconds): list pages render many records. */
  readonly createdAtIso: string;
  readonly modifiedAtIso: string;
}

/** What tests may read of the mock's state. */
export interface MockStoreView {
  readonly orderCount: number;
  readonly contactCount: number;
  readonly guestCount: number;
  order(ref: string): OrderRecord | undefined;
  guest(ref: string): GuestRecord | undefined;
  contact(ref: string): ContactRecord | undefined;
  /** The contacts listed on an order, in creation order (empty for an unknown order). */
  contactsOf(orderRef: string): readonly ContactRecord[];
}

/** An identifier as identity resolution reads it. */
export interface IdentityKey {
  readonly provider: unknown;
  readonly id: unknown;
}

function identityKey(identifier: IdentityKey): string {
  // NUL cannot appear in a provider name typed by a person, so it separates the two parts unambiguously enough
  // for an in-memory index; both parts are compared exactly (ids are case-sensitive, API-NOTES 5.3).
  return `${String(identifier.provider)}\u0000${String(identifier.id)}`;
}

/**
 * The mock's in-memory state. Every method runs synchronously, so concurrent requests (one event loop) never see
 * a half-applied change. Keys are the canonical (lower-case) refs; callers lower-case what they look up.
 */
export class MockStore implements MockStoreView {
  private readonly orders = new Map<string, OrderRecord>();
  /** Per order, its contacts in creation order (a Map keeps insertion order). */
  private readonly orderContacts = new Map<string, Map<string, ContactRecord>>();
  private readonly contacts = new Map<string, ContactRecord>();
  private readonly guests = new Map<string, GuestRecord>();
  /** provider + id -> guest ref, first registration wins. */
  private readonly identities = new Map<string, string>();

  get orderCount(): number {
    return this.orders.size;
  }

  get contactCount(): number {
    return this.contacts.size;
  }

  get guestCount(): number {
    return this.guests.size;
  }

  order(ref: string): OrderRecord | undefined {
    return this.orders.get(ref);
  }

  guest(ref: string): GuestRecord | undefined {
    return this.guests.get(ref);
  }

  contact(ref: string): ContactRecord | undefined {
    return this.contacts.get(ref);
  }

  contactsOf(orderRef: string): readonly ContactRecord[] {
    return [...(this.orderContacts.get(orderRef)?.values() ?? [])];
  }

  /** Every order, in creation order. */
  orderRecords(): IterableIterator<OrderRecord> {
    return this.orders.values();
  }

  /** How many contacts the order lists. */
  listedCount(orderRef: string): number {
    return this.orderContacts.get(orderRef)?.size ?? 0;
  }

  /** Up to `limit` listed contacts of an order from `offset`, without copying the whole list. */
  page(orderRef: string, offset: number, limit: number, size: number): ContactRecord[] {
    const out: ContactRecord[] = [];
    const listed = this.orderContacts.get(orderRef);
    if (!listed || limit <= 0) return out;
    let index = 0;
    for (const record of listed.values()) {
      if (index >= size || out.length >= limit) break;
      if (index >= offset) out.push(record);
      index += 1;
    }
    return out;
  }

  addOrder(order: OrderRecord): void {
    this.orders.set(order.ref, order);
    this.orderContacts.set(order.ref, new Map());
  }

  /** Deletes an order and every contact on it; false when there was no such order. */
  deleteOrder(ref: string): boolean {
    if (!this.orders.delete(ref)) return false;
    for (const contactRef of this.orderContacts.get(ref)?.keys() ?? []) this.contacts.delete(contactRef);
    this.orderContacts.delete(ref);
    return true;
  }

  /** Adds a guest and indexes its identifiers (an identifier already taken keeps its first guest). */
  addGuest(guest: GuestRecord, identifiers: readonly IdentityKey[] = []): void {
    this.guests.set(guest.ref, guest);
    for (const identifier of identifiers) {
      const key = identityKey(identifier);
      if (!this.identities.has(key)) this.identities.set(key, guest.ref);
    }
  }

  /** The guest an identifier list resolves to: the first identifier some guest holds, in the order given. */
  guestFor(identifiers: readonly IdentityKey[]): string | undefined {
    for (const identifier of identifiers) {
      const ref = this.identities.get(identityKey(identifier));
      if (ref !== undefined && this.guests.has(ref)) return ref;
    }
    return undefined;
  }

  /** Identity resolution (API-NOTES 5.3): the guest holding one of the identifiers, else a new guest holding them. */
  resolveGuest(identifiers: readonly IdentityKey[], newRef: () => string, now: number): string {
    const known = this.guestFor(identifiers);
    if (known !== undefined) return known;
    const ref = newRef().toLowerCase();
    const fields: Record<string, unknown> = Object.create(null);
    fields.guestType = 'customer';
    this.addGuest({ ref, fields, createdAt: now, modifiedAt: now }, identifiers);
    return ref;
  }

  /** Adds a contact to its order's list, or replaces it in place (same ref, same position). */
  putContact(contact: ContactRecord): void {
    this.contacts.set(contact.ref, contact);
    let listed = this.orderContacts.get(contact.orderRef);
    if (!listed) {
      listed = new Map();
      this.orderContacts.set(contact.orderRef, listed);
    }
    listed.set(contact.ref, contact);
  }

  /** Removes a contact from the store and its order's list. */
  removeContact(ref: string): boolean {
    const contact = this.contacts.get(ref);
    if (!contact) return false;
    this.contacts.delete(ref);
    this.orderContacts.get(contact.orderRef)?.delete(ref);
    return true;
  }

  /** Forgets everything. */
  clear(): void {
    this.orders.clear();
    this.orderContacts.clear();
    this.contacts.clear();
    this.guests.clear();
    this.identities.clear();
  }
}
