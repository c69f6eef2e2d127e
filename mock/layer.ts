import type { Call, MockEnv, OperationImpl } from './call.ts';
import type { CredentialVerdict } from './credentials.ts';
import type { ResolvedMockOptions } from './options.ts';
import type { BodyReader } from './request-body.ts';
import type { Router } from './routes.ts';
import type { MockStore } from './store.ts';
import type { MockRequest, MockResponse } from './types.ts';

/** The answer of the rest of the chain to a request (the reference handler at the end). */
export type RequestNext = (request: MockRequest) => MockResponse;

/** What a layer may use: the store the reference handler works on, its options, router and credentials. */
export interface LayerContext {
  readonly store: MockStore;
  readonly options: ResolvedMockOptions;
  readonly router: Router;
  readonly checkCredentials: (authorization: string | undefined) => CredentialVerdict;
  /** The number of the request being handled, from 1, counted since start or reset. */
  readonly requestNumber: () => number;
}

/**
 * An override in front of the reference handler (MSW's `server.use` in spirit): at each of three points it may
 * change what goes in, answer itself, or change what comes back. The first layer of a list is the outermost.
 */
export interface MockLayer {
  /** Around the whole request: before credentials and routing, and sees every answer. */
  readonly request?: (request: MockRequest, next: RequestNext) => MockResponse;
  /** Around reading the body of an operation that takes one. */
  readonly body?: (
    raw: string | Uint8Array | undefined,
    contentType: string | undefined,
    next: BodyReader,
  ) => ReturnType<BodyReader>;
  /** Around one operation, once credentials, route and body are settled. */
  readonly call?: (env: MockEnv, call: Call, next: OperationImpl) => MockResponse;
  /** Forgets the layer's own state (the handler's reset()). */
  readonly reset?: () => void;
}

/** Makes a layer for one handler; called once per handler, so a layer's state is its own. */
export type LayerFactory = (context: LayerContext) => MockLayer;

/** The chains of a list of layers around the reference's parts; with no layers, the parts themselves. */
export interface LayerChains {
  readonly request: (inner: RequestNext) => RequestNext;
  readonly body: BodyReader;
  readonly call: OperationImpl;
}

/** Composes layers around the reference's body reader and operation dispatch (first layer outermost). */
export function composeLayers(
  layers: readonly MockLayer[],
  readBody: BodyReader,
  operate: OperationImpl,
): LayerChains {
  let body = readBody;
  let call = operate;
  for (const layer of [...layers].reverse()) {
    const { body: aroundBody, call: aroundCall } = layer;
    if (aroundBody) {
      const next = body;
      body = (raw, contentType) => aroundBody(raw, contentType, next);
    }
    if (aroundCall) {
      const next = call;
      call = (env, c) => aroundCall(env, c, next);
    }
  }
  return {
    body,
    call,
    request(inner) {
      let chain = inner;
      for (const layer of [...layers].reverse()) {
        const around = layer.request;
        if (!around) continue;
        const next = chain;
        chain = (request) => around(request, next);
      }
      return chain;
    },
  };
}

/** The lower-case Authorization (or any) header of a request, whatever the case of its name. */
export function headerOf(request: MockRequest, name: string): string | undefined {
  const value = request.headers[name];
  if (value !== undefined) return value;
  for (const key of Object.keys(request.headers)) if (key.toLowerCase() === name) return request.headers[key];
  return undefined;
}

/** The request's path without a query string. */
export function pathOf(request: MockRequest): string {
  const mark = request.path.indexOf('?');
  return mark < 0 ? request.path : request.path.slice(0, mark);
}
