import { copyPersonFields, identifiersOf } from './contact-input.ts';
import { guestFields, orderFields } from './order-guest-representation.ts';
import { stamps } from './representation.ts';
import type { SeedData } from './seed.ts';
import type { MockStore, StoredGuestLink } from './store.ts';

/** Puts validated seed data into a store, as if it had been created through the API at `now`. */
export function loadSeed(store: MockStore, seed: SeedData, now: number, randomUUID: () => string): void {
  for (const guest of seed.guests) {
    const fields = guestFields(guest.fields);
    store.addGuest({ ref: guest.ref, fields, createdAt: now, modifiedAt: now }, identifiersOf(fields));
  }
  for (const order of seed.orders) {
    store.addOrder({ ref: order.ref, fields: orderFields(order.fields), createdAt: now, modifiedAt: now });
    for (const contact of order.contacts) {
      const fields = copyPersonFields('v2.1', contact.fields);
      const guest: StoredGuestLink = {
        ref: contact.guestRef ?? store.resolveGuest(identifiersOf(fields), randomUUID, now),
      };
      store.putContact({
        ref: contact.ref ?? randomUUID().toLowerCase(),
        orderRef: order.ref,
        fields,
        guest,
        ...stamps(now, now),
      });
    }
  }
}
