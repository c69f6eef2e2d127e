import type { MockStoreView } from './store.ts';

/** What a request added to the store, for the log: the kind that grew and the ref its answer names. */
export interface CreatedResource {
  readonly kind: 'order' | 'contact' | 'guest';
  readonly ref: string;
}

/** The store's sizes, taken before a request so the adapter can tell what it created. */
export interface StoreCounts {
  readonly orders: number;
  readonly contacts: number;
  readonly guests: number;
}

export function storeCounts(
  store: Pick<MockStoreView, 'orderCount' | 'contactCount' | 'guestCount'>,
): StoreCounts {
  return { orders: store.orderCount, contacts: store.contactCount, guests: store.guestCount };
}

/**
 * The resource a request created, judged by the store growing (a fact, whatever a fault layer later makes of the
 * answer) and named by the `ref` of the handler's answer. A contact create may also add a guest (identity
 * resolution): the contact is what the answer names.
 */
export function createdResourceOf(
  before: StoreCounts,
  after: StoreCounts,
  body: string | undefined,
): CreatedResource | undefined {
  const kind =
    after.contacts > before.contacts
      ? 'contact'
      : after.orders > before.orders
        ? 'order'
        : after.guests > before.guests
          ? 'guest'
          : undefined;
  if (kind === undefined) return undefined;
  let ref: unknown;
  try {
    ref = body === undefined ? undefined : (JSON.parse(body) as { ref?: unknown } | null)?.ref;
  } catch {
    // A fault layer's answer need not be JSON; the store still grew.
  }
  return { kind, ref: typeof ref === 'string' ? ref : '(no ref in the answer)' };
}
