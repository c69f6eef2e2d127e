// The order a run (or one of its tests) creates its contacts on. The vendor documents the order resource only as
// a parent of contacts; this body satisfies contracts/schemas/order-create-request.json with plain values.
import type { OrderCreateRequest } from '../contracts/index.ts';

/** An order for test contacts, named by `referenceId` (a run marker, so cleanup and people can find it). */
export function documentedOrder(referenceId: string, now: Date): OrderCreateRequest {
  return {
    referenceId,
    currencyCode: 'EUR',
    orderedAt: now.toISOString(),
    price: 1,
    pointOfSale: 'occ-conformance',
  };
}
