// The provider states of the pacts, set up through the API itself: an order, a contact on it. What a state creates
// is deleted after its interaction (and is in the run's ledger, should the process die first).
import type { Unverified } from '../../checks/unverified.ts';
import { type ApiVersion, contactFieldNames, type Order } from '../../contracts/index.ts';
import type { Exchange } from '../../lib/exchange.ts';
import type { OrderContactClient } from '../../lib/order-contact-client.ts';
import { ProviderState } from './pact-names.ts';
import { LISTED_WAIT, type ListedWait, waitUntilListed } from './wait-until-listed.ts';

/** A provider state that could not be set up; `transport` when the target did not answer at all. */
export class StateSetupError extends Error {
  override readonly name = 'StateSetupError';
  constructor(
    message: string,
    readonly transport: boolean,
  ) {
    super(message);
  }
}

/** What the state handlers need: the client, the version, and, in a read-only run, the order to use. */
export interface ProviderStateOptions {
  readonly client: OrderContactClient;
  readonly version: ApiVersion;
  readonly readOnly: boolean;
  readonly orderRef?: string;
  /** Called with every set-up failure, before Pact swallows it (its proxy answers 200 whatever the handler threw). */
  readonly onSetupFailure: (error: StateSetupError) => void;
  readonly listedWait?: ListedWait;
}

type Params = Record<string, unknown> | undefined;

function answered(exchange: Exchange): string {
  return exchange.response
    ? `status ${exchange.response.status}`
    : `no answer (${exchange.error?.kind}: ${exchange.error?.message})`;
}

function refsOf(list: Exchange): string[] {
  const items = (list.json as { items?: Array<{ ref?: unknown; href?: unknown }> } | undefined)?.items;
  return (Array.isArray(items) ? items : []).flatMap((item) => {
    const ref = typeof item?.ref === 'string' ? item.ref : undefined;
    const fromHref = typeof item?.href === 'string' ? item.href.split('/').pop() : undefined;
    return [ref ?? fromHref].filter((r): r is string => typeof r === 'string' && r !== '');
  });
}

/** The contact a state creates: John Doe, male, with the contact fields among the state's parameters instead. */
function contactOf(version: ApiVersion, params: Params): Record<string, unknown> {
  const fields = new Set(contactFieldNames(version));
  const given = Object.entries(params ?? {}).filter(([name]) => fields.has(name));
  return { firstName: 'John', lastName: 'Doe', gender: 'male', ...Object.fromEntries(given) };
}

/** The Verifier's state handlers (setup and teardown per state) for one version. */
export function providerStateHandlers(options: ProviderStateOptions): Record<string, unknown> {
  const { client, version } = options;
  const created: { orders: string[]; contacts: string[] } = { orders: [], contacts: [] };
  const fail = (message: string, exchange: Exchange): never => {
    const error = new StateSetupError(
      `Failed to set up a provider state: ${message} answered ${answered(exchange)}.`,
      exchange.response === undefined,
    );
    options.onSetupFailure(error);
    throw error;
  };
  const guarded =
    (setup: (params: Params) => Promise<Record<string, unknown> | undefined>) => async (params: Params) => {
      try {
        return await setup(params);
      } catch (error) {
        if (!(error instanceof StateSetupError)) {
          const wrapped = new StateSetupError(error instanceof Error ? error.message : String(error), false);
          options.onSetupFailure(wrapped);
        }
        throw error;
      }
    };
  const createOrder = async (): Promise<string> => {
    const exchange = await client.createOrder(version, {
      referenceId: `OCC-PACT-${Date.now()}`,
      currencyCode: 'EUR',
      orderedAt: new Date().toISOString(),
      price: 1,
    });
    const ref = (exchange.json as Unverified<Order> | undefined)?.ref;
    if (typeof ref !== 'string') return fail('creating an order', exchange);
    created.orders.push(ref);
    return ref;
  };
  const tearDown = async (): Promise<undefined> => {
    for (const orderRef of created.orders.splice(0)) {
      const list = await client.listContacts(version, orderRef, { limit: 100 });
      for (const ref of refsOf(list)) if (!created.contacts.includes(ref)) created.contacts.push(ref);
      for (const ref of created.contacts.splice(0)) await client.deleteContact(version, ref);
      await client.deleteOrder(version, orderRef);
    }
    for (const ref of created.contacts.splice(0)) await client.deleteContact(version, ref);
    return undefined;
  };
  const orderExists = async (): Promise<Record<string, unknown>> => {
    // A read-only run never creates: it may only use the order it was given.
    if (options.readOnly) {
      if (options.orderRef === undefined)
        throw new StateSetupError(
          'Failed to set up a provider state: a read-only run has no order to use.',
          false,
        );
      return { orderRef: options.orderRef };
    }
    return { orderRef: await createOrder() };
  };
  const contactExists = async (params: Params): Promise<Record<string, unknown>> => {
    if (options.readOnly)
      throw new StateSetupError(
        'Failed to set up a provider state: a read-only run creates no contact.',
        false,
      );
    const orderRef = await createOrder();
    const exchange = await client.createContact(version, orderRef, contactOf(version, params));
    const listRefs = async (): Promise<string[]> => refsOf(await client.listContacts(version, orderRef));
    let ref = (exchange.json as { ref?: unknown } | undefined)?.ref;
    if (typeof ref === 'string') {
      created.contacts.push(ref);
      // A tenant may list a new contact a moment after the create answered (eventual consistency): the list
      // interactions are replayed once it shows, or once the wait is spent (then the interaction tells).
      await waitUntilListed(listRefs, ref, options.listedWait ?? LISTED_WAIT);
    } else if (exchange.response && exchange.response.status < 300) {
      // A provider that leaves ref out of its 201 is what some verifications are about: find the contact through
      // the order's list instead, so the state still holds.
      ref = (await listRefs())[0];
    }
    if (typeof ref !== 'string') return fail('creating a contact', exchange);
    return { orderRef, orderContactRef: ref };
  };
  return {
    [ProviderState.orderExists]: { setup: guarded(orderExists), teardown: tearDown },
    [ProviderState.contactExists]: { setup: guarded(contactExists), teardown: tearDown },
    [ProviderState.contactMissing]: async () => undefined,
    [ProviderState.anOrderExists]: { setup: guarded(orderExists), teardown: tearDown },
    [ProviderState.anOrderWithAContactExists]: { setup: guarded(contactExists), teardown: tearDown },
  };
}
