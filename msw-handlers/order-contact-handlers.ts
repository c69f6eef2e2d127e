import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import { API_VERSIONS } from '../contracts/index.ts';
import { basicAuthorization } from '../mock/credentials.ts';
import { createFetchAdapter, type FetchAdapter } from '../mock/fetch-adapter.ts';
import { createMockHandler } from '../mock/handler.ts';
import {
  DEFAULT_API_TOKEN,
  DEFAULT_CLIENT_KEY,
  type MockOptions,
  MockOptionsError,
  normalisedBaseUrl,
} from '../mock/options.ts';
import { parseSeedData, type SeedData, type SeedInput } from '../mock/seed.ts';
import type { MockStoreView } from '../mock/store.ts';
import type { MockHandler } from '../mock/types.ts';

/** Options of orderContactHandlers: where the API lives, and the mock's own options. */
export interface OrderContactHandlersOptions extends Omit<MockOptions, 'seed' | 'publicBaseUrl'> {
  /** Where the API lives, such as https://api-eu.boxever.com or http://localhost/cdp (without /v2.1). */
  readonly baseUrl: string;
  /** Base of every href in the answers. Default: baseUrl. */
  readonly publicBaseUrl?: string;
  /** Orders, contacts and guests present from the start and after reset(), as `occ mock --seed-data` takes them. */
  readonly seedData?: SeedInput;
}

/** The mock behind the handlers: its state, to reset and seed between tests. */
export interface OrderContactMock {
  /** Pass them to setupServer or setupWorker (after handlers of other APIs at the same host). */
  readonly handlers: readonly HttpHandler[];
  /** baseUrl without a trailing slash. */
  readonly baseUrl: string;
  /** The Authorization header value the mock accepts. */
  readonly authorization: string;
  /** Read access to the orders, contacts and guests. */
  readonly store: MockStoreView;
  /** The pure handler the MSW handlers and `occ mock` share. */
  readonly handler: MockHandler;
  /** Forgets everything but seedData, and restarts the fault counters. */
  reset(): void;
  /** Adds orders, contacts and guests until the next reset(); throws MockOptionsError listing every problem. */
  seed(data: SeedInput): void;
}

function validSeed(data: SeedInput, now: number): SeedData {
  const read = parseSeedData(data, now);
  if (!read.ok) {
    throw new MockOptionsError(`Failed to seed the mock: ${read.problems.join(' ')} Fix the seed data.`);
  }
  return read.data;
}

function refsTaken(store: MockStoreView, data: SeedData): string[] {
  return [
    ...data.orders.flatMap((order) => [
      ...(store.order(order.ref) ? [`order ${order.ref}`] : []),
      ...order.contacts.flatMap((c) => (c.ref && store.contact(c.ref) ? [`contact ${c.ref}`] : [])),
    ]),
    ...data.guests.flatMap((guest) => (store.guest(guest.ref) ? [`guest ${guest.ref}`] : [])),
  ];
}

function checkedBaseUrl(value: string): URL {
  const url = new URL(normalisedBaseUrl(value, 'baseUrl'));
  const version = API_VERSIONS.find((v) => url.pathname.endsWith(`/${v}`));
  if (version !== undefined) {
    throw new MockOptionsError(
      `Failed to use baseUrl "${value}": it ends in /${version}, and the handlers add the version. Pass ${url.href.slice(0, -version.length - 1)}.`,
    );
  }
  return url;
}

/**
 * MSW 2 request handlers answering the Order contact API (v2.1 and v2) under `baseUrl` with the reference mock
 * that `occ mock` serves: the same handler, faults and variants, an in-memory store per call.
 * @example
 * const cdp = orderContactHandlers({ baseUrl: 'https://api-eu.boxever.com' });
 * const server = setupServer(...cdp.handlers);
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 * afterEach(() => cdp.reset());
 */
export function orderContactHandlers(options: OrderContactHandlersOptions): OrderContactMock {
  const { baseUrl, seedData, publicBaseUrl, ...mockOptions } = options;
  const base = checkedBaseUrl(baseUrl);
  const href = base.href.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const handler = createMockHandler({
    ...mockOptions,
    publicBaseUrl: publicBaseUrl ?? href,
    ...(seedData === undefined ? {} : { seed: validSeed(seedData, now()) }),
  });
  const adapter = (): FetchAdapter => createFetchAdapter(handler, { basePath: base.pathname });
  // Rebuilt on reset(): the transport layers (reset-connection, ...) count requests too.
  let answer = adapter();
  const resolve = async ({ request }: { request: Request }): Promise<Response> => {
    const wire = await answer(request);
    if (wire.reset) return HttpResponse.error();
    if (wire.delayMs > 0) await delay(wire.delayMs);
    // wire.close (Connection: close) has no meaning without a connection of the mock's own.
    return new HttpResponse(wire.body ?? null, { status: wire.status, headers: wire.headers });
  };
  return {
    // One per version: requests under baseUrl outside /v2.1/ and /v2/ stay unhandled for MSW to report.
    handlers: API_VERSIONS.map((version) => http.all(`${href}/${version}/*`, resolve)),
    baseUrl: href,
    authorization: basicAuthorization(
      options.clientKey ?? DEFAULT_CLIENT_KEY,
      options.apiToken ?? DEFAULT_API_TOKEN,
    ),
    store: handler.store,
    handler,
    reset() {
      handler.reset();
      answer = adapter();
    },
    seed(data) {
      const valid = validSeed(data, now());
      const taken = refsTaken(handler.store, valid);
      if (taken.length > 0) {
        throw new MockOptionsError(
          `Failed to seed the mock: ${taken.join(', ')} already in the store. Use other refs, or reset() first.`,
        );
      }
      handler.seed(valid);
    },
  };
}
