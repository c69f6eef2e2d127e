import { API_VERSIONS, type Operation, operationsOf } from '../contracts/index.ts';
import type { Call, MockEnv, OperationImpl } from './call.ts';
import {
  createOrderContact,
  deleteOrderContact,
  retrieveOrderContact,
  updateContact,
} from './contact-operations.ts';
import { createCredentialChecker } from './credentials.ts';
import type { FaultName } from './faults.ts';
import { retrieveOrderContacts } from './list-operation.ts';
import { type MockOptions, resolveMockOptions } from './options.ts';
import { parseQueryString } from './query-string.ts';
import { type BodyOutcome, readJsonBody } from './request-body.ts';
import { errorResponse, notFound, unauthorized } from './responses.ts';
import { createRouter, type RouteMatch } from './routes.ts';
import { loadSeed } from './seed-store.ts';
import { createGuest, createOrder, deleteOrder } from './setup-operations.ts';
import { MockStore } from './store.ts';
import type { MockHandler, MockRequest, MockResponse } from './types.ts';

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
};

const NO_BODY = { ok: true, body: undefined, lenient: false } as const;

const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

function header(request: MockRequest, name: string): string | undefined {
  const value = request.headers[name];
  if (value !== undefined) return value;
  for (const key of Object.keys(request.headers)) if (key.toLowerCase() === name) return request.headers[key];
  return undefined;
}

// The v2-update-needs-put fault moves the legacy update from POST to PUT, so POST gets 405 with Allow.
function routedOperations(faults: ReadonlySet<FaultName>): Operation[] {
  return API_VERSIONS.flatMap(operationsOf).map((op) =>
    faults.has('v2-update-needs-put') && op.version === 'v2' && op.operationId === 'updateOrderContact'
      ? { ...op, method: 'PUT' as const }
      : op,
  );
}

function authExempt(route: RouteMatch, verdict: string, faults: ReadonlySet<FaultName>): boolean {
  if (faults.size === 0) return false;
  if (verdict === 'wrong-token' && faults.has('auth-ignores-token')) return true;
  if (route.kind !== 'operation') return false;
  const id = route.operation.operationId;
  return (
    (id === 'retrieveOrderContacts' && faults.has('auth-not-enforced-on-list')) ||
    (id === 'deleteOrderContact' && faults.has('auth-not-enforced-on-delete'))
  );
}

function garbled(body: string): string {
  return `${body.slice(0, Math.floor(body.length / 2))}\u0000\u00ff<!-- garbage -->`;
}

/**
 * Creates the mock of the Order contact API: a synchronous handler over plain request objects with an in-memory
 * store. Checks run in this order: auth, route (404/405), 415, 413, JSON syntax, resource lookup (404), validation.
 */
export function createMockHandler(options: MockOptions = {}): MockHandler {
  const resolved = resolveMockOptions(options);
  const { faults } = resolved;
  const store = new MockStore();
  const env: MockEnv = { options: resolved, faults, store };
  const router = createRouter(routedOperations(faults));
  for (const op of router.operations) {
    if (!IMPLEMENTATIONS[op.operationId]) {
      throw new Error(
        `Failed to start the mock: operation "${op.operationId}" (${op.version}) has no implementation in mock/handler.ts.`,
      );
    }
  }
  const checkCredentials = createCredentialChecker(resolved.clientKey, resolved.apiToken);
  let requests = 0;

  const seed = (): void => {
    if (resolved.seed) loadSeed(store, resolved.seed, resolved.now(), resolved.randomUUID);
  };
  seed();

  const baseOf = (request: MockRequest): string => {
    if (resolved.publicBaseUrl !== undefined) return resolved.publicBaseUrl;
    const host = header(request, 'host');
    return `http://${host !== undefined && HOST.test(host) ? host : 'localhost'}`;
  };

  const transportFault = (): MockResponse | undefined => {
    if (faults.has('flaky-503') && requests % 3 === 0) {
      return errorResponse(
        503,
        'Server serving request temporarily down. Try again.',
        'Injected by the mock fault "flaky-503".',
      );
    }
    if (faults.has('429-burst') && requests % 20 >= 10 && requests % 20 <= 12) {
      return errorResponse(429, 'Too many requests.', 'Injected by the mock fault "429-burst".', {
        'retry-after': '1',
      });
    }
    return undefined;
  };

  const dispatch = (request: MockRequest): MockResponse => {
    requests += 1;
    if (faults.size > 0) {
      const early = transportFault();
      if (early) return early;
    }
    let path = request.path;
    let query = request.query;
    const mark = path.indexOf('?');
    if (mark >= 0) {
      if (Object.keys(query).length === 0) query = parseQueryString(path.slice(mark + 1));
      path = path.slice(0, mark);
    }
    const route = router.match(request.method, path);
    const verdict = checkCredentials(header(request, 'authorization'));
    if (verdict !== 'ok' && !authExempt(route, verdict, faults)) return unauthorized(faults);
    if (route.kind === 'not-found') {
      return notFound(`Failed to find "${request.method} ${path.slice(0, 200)}": no such resource.`, faults);
    }
    if (route.kind === 'method-not-allowed') {
      return errorResponse(
        405,
        `Method ${request.method.slice(0, 20)} is not allowed here. Allowed: ${route.allow}.`,
        undefined,
        {
          allow: route.allow,
        },
      );
    }
    const { operation } = route;
    let read: BodyOutcome = NO_BODY;
    if (operation.requestSchema !== undefined) {
      read = readJsonBody(request.body, header(request, 'content-type'), faults);
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
      now: resolved.now(),
      lenient: read.lenient,
      render: { base, version: route.version, faults, randomUUID: resolved.randomUUID },
    };
    return (IMPLEMENTATIONS[operation.operationId] as OperationImpl)(env, call);
  };

  const bend = (request: MockRequest, response: MockResponse): MockResponse => {
    let out = response;
    if (
      faults.has('garbage-body') &&
      request.method === 'GET' &&
      out.status < 300 &&
      out.body !== undefined
    ) {
      out = { ...out, body: garbled(out.body) };
    }
    if (faults.has('content-type-text-plain') && out.headers['content-type'] === 'application/json') {
      out = { ...out, headers: { ...out.headers, 'content-type': 'text/plain' } };
    }
    return out;
  };

  return {
    store,
    faults,
    slowResponseMs: resolved.slowResponseMs,
    handle(request) {
      try {
        const response = dispatch(request);
        return faults.size === 0 ? response : bend(request, response);
      } catch (error) {
        // A bug, never an answer to input: every input path above returns; the tests send hostile input to prove it.
        const reason = error instanceof Error ? error.message : String(error);
        return errorResponse(500, 'Internal error in the mock.', `Failed to handle the request: ${reason}`);
      }
    },
    reset() {
      store.clear();
      requests = 0;
      seed();
    },
  };
}
