// Tests that read a whole list (paging, the lifecycle's list and expand steps) compare it with what they created.
// On the run's shared order, contacts other tests left there (or a fault kept) would be in it too, and a broken
// delete or validation would show up as a paging or expand finding. Such tests get an order of their own whenever
// the run may create orders; on a given --order-ref they use that order.
import type { Unverified } from '../../checks/unverified.ts';
import type { ApiVersion, Order } from '../../contracts/index.ts';
import { documentedOrder } from '../../generators/index.ts';
import { runMarkerName } from '../../lib/ledger.ts';
import type { OrderContactClient } from '../../lib/order-contact-client.ts';
import type { RunContext } from '../../target-setup/run-context.ts';

/**
 * A new order named `<run marker>-<purpose>` (in the run's ledger, so the run's teardown deletes it), or the run's
 * order when the run did not create its own (a given --order-ref) or the target would not create another.
 */
export async function orderFor(
  purpose: string,
  client: OrderContactClient,
  version: ApiVersion,
  context: RunContext,
): Promise<{ readonly orderRef: string; readonly own: boolean }> {
  const shared = { orderRef: context.orderRef as string, own: false };
  if (!context.orderCreated) return shared;
  const created = await client.createOrder(
    version,
    documentedOrder(`${runMarkerName(context.runId)}-${purpose}`, new Date(context.now)),
  );
  const ref = (created.json as Unverified<Order> | undefined)?.ref;
  return created.response?.status === 201 && typeof ref === 'string' ? { orderRef: ref, own: true } : shared;
}
