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

const homePools = new Map<string, Promise<string>>();

/**
 * The order a version's tests share (the auth, 415 and invalid-case tests compare its whole list before and after
 * a step): the run's order for the first version and, when the run may create orders, one of each other version's
 * own (`<run marker>-home-<version>`), so the versions' tests can run at once without seeing each other's
 * contacts. On a given --order-ref every version shares that order, and the versions run one after the other.
 */
export function homeOrder(
  client: OrderContactClient,
  version: ApiVersion,
  context: RunContext,
): Promise<string> {
  const key = `${context.runId}/${version}`;
  let home = homePools.get(key);
  if (!home) {
    home =
      version === context.apiVersions[0] || !context.orderCreated
        ? Promise.resolve(context.orderRef as string)
        : orderFor(`home-${version}`, client, version, context).then((o) => o.orderRef);
    homePools.set(key, home);
  }
  return home;
}

/** True when each version has orders of its own, so the versions' tests may run at once. */
export function versionsRunTogether(context: RunContext): boolean {
  return context.orderCreated && context.apiVersions.length > 1;
}

const lanePools = new Map<string, Promise<readonly string[]>>();

/** Lanes a test's cases are spread over. Fixed, not --concurrency: a seed sends the same requests at any concurrency. */
export const LANES = 8;

/**
 * The orders independent cases are spread over, one case in flight per order: the version's home order and, when
 * the run may create orders, LANES - 1 more (`<run marker>-lane-<i>`), made once per run and API version and
 * shared by every test (none in the smoke tier, which sends few cases). A tenant that keeps one contact per order
 * (the vendor's "primary contact") then never sees two at once. On a given --order-ref there is one lane: that
 * order's cases go one at a time.
 */
export function orderLanes(
  client: OrderContactClient,
  version: ApiVersion,
  context: RunContext,
): Promise<readonly string[]> {
  const key = `${context.runId}/${version}`;
  let pool = lanePools.get(key);
  if (!pool) {
    pool = (async () => {
      const extra = context.orderCreated && context.tier === 'full' ? LANES - 1 : 0;
      const home = homeOrder(client, version, context);
      const made = await Promise.all(
        Array.from({ length: extra }, (_, i) => orderFor(`lane-${i + 1}`, client, version, context)),
      );
      return [await home, ...made.filter((o) => o.own).map((o) => o.orderRef)];
    })();
    lanePools.set(key, pool);
  }
  return pool;
}
