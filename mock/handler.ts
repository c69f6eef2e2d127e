import { API_VERSIONS, operationsOf } from '../contracts/index.ts';
import type { Call, MockEnv, OperationImpl } from './call.ts';
import {
  createOrderContact,
  deleteOrderContact,
  retrieveOrderContact,
  updateContact,
} from './contact-operations.ts';
import { type CredentialVerdict, createCredentialChecker } from './credentials.ts';
import { FAULT_LAYERS } from './fault-layers.ts';
import type { FaultName } from './faults.ts';
import { composeLayers, headerOf, type LayerContext, type MockLayer } from './layer.ts';
import { retrieveOrderContacts } from './list-operation.ts';
import { type MockOptions, resolveMockOptions } from './options.ts';
import { retrieveGuest, retrieveOrder, retrieveOrders } from './order-guest-reads.ts';
import { parseQueryString } from './query-string.ts';
import { type BodyOutcome, type BodyReader, readJsonBody } from './request-body.ts';
import { errorResponse, notFound, unauthorized } from './responses.ts';
import { createRouter, type Router } from './routes.ts';
import type { SeedData } from './seed.ts';
import { loadSeed } from './seed-store.ts';
import { createGuest, createOrder, deleteOrder } from './setup-operations.ts';
import { MockStore } from './store.ts';
import type { MockHandler, MockRequest, MockResponse } from './types.ts';
import { VARIANT_LAYERS } from './variant-layers.ts';
import type { VariantName } from './variants.ts';

/** The implementation of every operationId in the contracts; the handler refuses to start if one is missing. */
const IMPLEMENTATIONS: Readonly<Record<string, OperationImpl>> = {
  createOrderContact,
  retrieveOrderContacts,
  retrieveOrderContact,
  replaceOrderContact: updateContact,
  partiallyUpdateOrderContact: updateContact,
  updateOrderContact: updateContact,
  deleteOrderContact,
  createOrder,
  deleteOrder,
  createGuest,
  retrieveOrder,
  retrieveOrders,
  retrieveGuest,
};

const NO_BODY = { ok: true, body: undefined, lenient: false } as const;

const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

const operate: OperationImpl = (env, call) =>
  (IMPLEMENTATIONS[call.operation.operationId] as OperationImpl)(env, call);

/** The parts of the reference handler that layers stand in front of. */
interface ReferenceParts {
  readonly env: MockEnv;
  readonly router: Router;
  readonly checkCredentials: (authorization: string | undefined) => CredentialVerdict;
  readonly readBody: BodyReader;
  readonly operate: OperationImpl;
}

/**
 * The reference Order contact API: the contract's behaviour and nothing else. Checks run in this order: auth,
 * route (404/405), 415, 413, JSON syntax, resource lookup (404), validation.
 */
function referenceHandler(parts: ReferenceParts): (request: MockRequest) => MockResponse {
  const { env, router, checkCredentials, readBody } = parts;
  const { options } = env;
  const baseOf = (request: MockRequest): string => {
    if (options.publicBaseUrl !== undefined) return options.publicBaseUrl;
    const host = headerOf(request, 'host');
    return `http://${host !== undefined && HOST.test(host) ? host : 'localhost'}`;
  };
  return (request) => {
    let path = request.path;
    let query = request.query;
    const mark = path.indexOf('?');
    if (mark >= 0) {
      if (Object.keys(query).length === 0) query = parseQueryString(path.slice(mark + 1));
      path = path.slice(0, mark);
    }
    const route = router.match(request.method, path);
    if (checkCredentials(headerOf(request, 'authorization')) !== 'ok') return unauthorized();
    if (route.kind === 'not-found') {
      return notFound(`Failed to find "${request.method} ${path.slice(0, 200)}": no such resource.`);
    }
    if (route.kind === 'method-not-allowed') {
      return errorResponse(
        405,
        `Method ${request.method.slice(0, 20)} is not allowed here. Allowed: ${route.allow}.`,
        undefined,
        { allow: route.allow },
      );
    }
    const { operation } = route;
    let read: BodyOutcome = NO_BODY;
    if (operation.requestSchema !== undefined) {
      read = readBody(request.body, headerOf(request, 'content-type'));
      if (!read.ok) return read.response;
    }
    const base = baseOf(request);
    const call: Call = {
      request: query === request.query ? request : { ...request, query },
      operation,
      version: route.version,
      params: route.params,
      body: read.body,
      base,
      now: options.now(),
      lenient: read.lenient,
      render: { base, version: route.version },
    };
    return parts.operate(env, call);
  };
}

/**
 * Creates the mock of the Order contact API: a synchronous handler over plain request objects with an in-memory
 * store. Faults and variants switched on are layers in front of the reference handler; with none, requests go
 * straight to it.
 */
export function createMockHandler(options: MockOptions = {}): MockHandler {
  const resolved = resolveMockOptions(options);
  const { faults, variants } = resolved;
  const store = new MockStore();
  const env: MockEnv = { options: resolved, store };
  const router = createRouter(API_VERSIONS.flatMap(operationsOf));
  for (const op of router.operations) {
    if (!IMPLEMENTATIONS[op.operationId]) {
      throw new Error(
        `Failed to start the mock: operation "${op.operationId}" (${op.version}) has no implementation in mock/handler.ts.`,
      );
    }
  }
  const checkCredentials = createCredentialChecker(resolved.clientKey, resolved.apiToken);
  let requests = 0;
  const context: LayerContext = {
    store,
    options: resolved,
    router,
    checkCredentials,
    requestNumber: () => requests,
  };
  // Variants stand outside faults: a gateway that limits rates, or a charset on the Content-Type, sees the
  // answer a faulty server gave.
  const layers: MockLayer[] = [
    ...(Object.keys(VARIANT_LAYERS) as VariantName[]).flatMap((name) =>
      variants.has(name) ? [VARIANT_LAYERS[name](context)] : [],
    ),
    ...(Object.keys(FAULT_LAYERS) as FaultName[]).flatMap((name) =>
      faults.has(name) ? [FAULT_LAYERS[name](context)] : [],
    ),
  ];
  const chains = composeLayers(layers, readJsonBody, operate);
  const reference = referenceHandler({
    env,
    router,
    checkCredentials,
    readBody: chains.body,
    operate: chains.call,
  });
  const layered = chains.request(reference);
  const handle =
    layers.length === 0
      ? reference
      : (request: MockRequest): MockResponse => {
          requests += 1;
          return layered(request);
        };

  const seed = (data: SeedData): void => loadSeed(store, data, resolved.now(), resolved.randomUUID);
  if (resolved.seed) seed(resolved.seed);

  return {
    store,
    faults,
    variants,
    slowResponseMs: resolved.slowResponseMs,
    handle(request) {
      try {
        return handle(request);
      } catch (error) {
        // A bug, never an answer to input: every input path above returns; the tests send hostile input to prove it.
        const reason = error instanceof Error ? error.message : String(error);
        return errorResponse(500, 'Internal error in the mock.', `Failed to handle the request: ${reason}`);
      }
    },
    seed,
    reset() {
      store.clear();
      requests = 0;
      for (const layer of layers) layer.reset?.();
      if (resolved.seed) seed(resolved.seed);
    },
  };
}
