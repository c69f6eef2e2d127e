import { MAX_REQUEST_BODY_BYTES } from '../contracts/index.ts';
import { adapterLayersOf, type WireAnswer, type WireRequest } from './adapter-layers.ts';
import { parseQueryString } from './query-string.ts';
import type { MockHandler, MockRequest } from './types.ts';

/** What the mock makes of a fetch Request: an answer as it would go over the wire, or a reset connection. */
export type FetchAnswer = ({ readonly reset: false } & WireAnswer) | { readonly reset: true };

export interface FetchAdapterOptions {
  /** The path the API is served under (such as /cdp), taken off before routing. Default: none. */
  readonly basePath?: string;
}

/** Answers one fetch Request with a mock handler (its transport faults and variants included). */
export type FetchAdapter = (request: Request) => Promise<FetchAnswer>;

/** The path without the base path; a path outside it is routed as it is (the handler answers 404). */
function routedPath(pathname: string, basePath: string): string {
  return basePath !== '' && pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : pathname;
}

/** The handler's request for a fetch Request: the body read once, no more than the handler needs to answer 413. */
export async function mockRequestOf(request: Request, basePath = ''): Promise<MockRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = Object.fromEntries(request.headers);
  // A fetch Request carries no Host header (the client adds it on the wire); hrefs fall back to it.
  headers.host ??= url.host;
  let body: MockRequest['body'];
  if (request.body !== null) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > MAX_REQUEST_BODY_BYTES) body = bytes.subarray(0, MAX_REQUEST_BODY_BYTES + 1);
    else if (bytes.byteLength > 0) body = Buffer.from(bytes).toString('utf8');
  }
  return {
    method: request.method,
    path: routedPath(url.pathname, basePath.replace(/\/+$/, '')),
    query: parseQueryString(url.search.slice(1)),
    headers,
    ...(body === undefined ? {} : { body }),
  };
}

/**
 * The fetch adapter of a mock handler, as node-adapter.ts is its node:http adapter: the same handler and the same
 * transport layers, for whatever hands over WHATWG Requests (MSW, a service worker, a fetch-style server).
 * @example const answer = await createFetchAdapter(createMockHandler())(new Request('http://x/v2.1/orders/1/contacts'));
 */
export function createFetchAdapter(handler: MockHandler, options: FetchAdapterOptions = {}): FetchAdapter {
  const layers = adapterLayersOf(handler);
  const resetters = layers.flatMap((layer) => (layer.resets ? [layer.resets] : []));
  const rewriters = layers.flatMap((layer) => (layer.answer ? [layer.answer] : []));
  const basePath = options.basePath ?? '';
  return async (request) => {
    // A fetch has no connection of its own to count: each request is its own.
    const wireRequest: WireRequest = {
      method: request.method,
      headers: Object.fromEntries(request.headers),
      socket: {},
    };
    // Every resetter counts every request, as in the node:http adapter.
    if (resetters.map((resets) => resets(wireRequest)).includes(true)) return { reset: true };
    const response = handler.handle(await mockRequestOf(request, basePath));
    let wire: WireAnswer = { ...response, body: response.body, delayMs: 0, close: false };
    for (const rewrite of rewriters) wire = rewrite(wireRequest, wire);
    return { reset: false, ...wire };
  };
}
