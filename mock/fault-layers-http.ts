// Faults of the whole exchange: a gateway in front, credentials, error bodies and what goes over the wire.
import { basicAuthorization, decodeBasic } from './credentials.ts';
import type { FaultName } from './faults.ts';
import { editJsonObject, type JsonObject } from './json-answer.ts';
import { headerOf, type LayerContext, type LayerFactory, pathOf } from './layer.ts';
import { errorResponse, JSON_CONTENT_TYPE } from './responses.ts';
import type { MockRequest, MockResponse } from './types.ts';

/** An answer that a response-side fault layer gives instead of the reference's. */
type Rewrite = (response: MockResponse, request: MockRequest) => MockResponse;

function after(rewrite: Rewrite): LayerFactory {
  return () => ({ request: (request, next) => rewrite(next(request), request) });
}

function injected(fault: FaultName): string {
  return `Injected by the mock fault "${fault}".`;
}

/** The error envelope in the documented key order, whatever was changed in it. */
function envelope(body: JsonObject): JsonObject {
  const out: JsonObject = { status: body.status, code: body.code, message: body.message };
  if ('developerMessage' in body) out.developerMessage = body.developerMessage;
  out.moreInfoUrl = body.moreInfoUrl;
  return out;
}

function errorBody(status: number, edit: (body: JsonObject) => void): Rewrite {
  return (response) =>
    response.status !== status
      ? response
      : editJsonObject(response, (body) => {
          edit(body);
          return envelope(body);
        });
}

/** Sends the request on with the right credentials when `exempt` says this one needs none. */
function authExempt(
  exempt: (request: MockRequest, context: LayerContext, verdict: string) => boolean,
): LayerFactory {
  return (context) => {
    const valid = basicAuthorization(context.options.clientKey, context.options.apiToken);
    return {
      request(request, next) {
        const verdict = context.checkCredentials(headerOf(request, 'authorization'));
        if (verdict === 'ok' || !exempt(request, context, verdict)) return next(request);
        return next({ ...request, headers: { ...request.headers, authorization: valid } });
      },
    };
  };
}

function routedAs(request: MockRequest, context: LayerContext, operationId: string): boolean {
  const route = context.router.match(request.method, pathOf(request));
  return route.kind === 'operation' && route.operation.operationId === operationId;
}

function garbled(body: string): string {
  return `${body.slice(0, Math.floor(body.length / 2))}\u0000\u00ff<!-- garbage -->`;
}

// The v2 update moves from POST to PUT: PUT reaches the reference as its POST, and POST (or anything else
// refused there) gets the 405 the moved route would give.
const v2UpdateNeedsPut: LayerFactory = (context) => ({
  request(request, next) {
    const path = pathOf(request);
    const route = context.router.match('POST', path);
    if (
      route.kind !== 'operation' ||
      route.version !== 'v2' ||
      route.operation.operationId !== 'updateOrderContact'
    ) {
      return next(request);
    }
    const method = request.method.toUpperCase();
    const sent = method === 'PUT' ? 'POST' : method === 'POST' ? 'PATCH' : request.method;
    const response = next(sent === request.method ? request : { ...request, method: sent });
    if (response.status !== 405) return response;
    const allow = (response.headers.allow ?? '').replace('POST', 'PUT');
    return errorResponse(
      405,
      `Method ${request.method.slice(0, 20)} is not allowed here. Allowed: ${allow}.`,
      undefined,
      {
        allow,
      },
    );
  },
});

/** The layers of the faults that act on the whole exchange, keyed by fault name. */
export const HTTP_FAULT_LAYERS = {
  'content-type-text-plain': after((response) =>
    response.headers['content-type'] === JSON_CONTENT_TYPE
      ? { ...response, headers: { ...response.headers, 'content-type': 'text/plain' } }
      : response,
  ),
  'garbage-body': after((response, request) =>
    request.method === 'GET' && response.status < 300 && response.body !== undefined
      ? { ...response, body: garbled(response.body) }
      : response,
  ),
  'flaky-503': (context) => ({
    request: (request, next) =>
      context.requestNumber() % 3 === 0
        ? errorResponse(503, 'Server serving request temporarily down. Try again.', injected('flaky-503'))
        : next(request),
  }),
  '429-burst': (context) => ({
    request(request, next) {
      const n = context.requestNumber() % 20;
      if (n < 10 || n > 12) return next(request);
      return errorResponse(429, 'Too many requests.', injected('429-burst'), { 'retry-after': '1' });
    },
  }),
  '404-body-not-json': after((response) =>
    response.status === 404
      ? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' }
      : response,
  ),
  '401-body-drops-more-info-url': after(
    errorBody(401, (body) => {
      delete body.moreInfoUrl;
    }),
  ),
  '401-status-integer': after(
    errorBody(401, (body) => {
      body.status = 401;
    }),
  ),
  '400-body-string-status': after(
    errorBody(400, (body) => {
      body.status = 'BAD_REQUEST';
    }),
  ),
  '400-body-missing-developer-message': after(
    errorBody(400, (body) => {
      delete body.developerMessage;
    }),
  ),
  '400-message-without-field': after(
    errorBody(400, (body) => {
      body.message = 'Validation failed.';
      if ('developerMessage' in body) body.developerMessage = body.message;
    }),
  ),
  'auth-ignores-token': authExempt((_request, _context, verdict) => verdict === 'wrong-token'),
  'auth-token-case-insensitive': authExempt((request, context) => {
    const basic = decodeBasic(headerOf(request, 'authorization'));
    const { clientKey, apiToken } = context.options;
    return basic?.user === clientKey && basic.password.toLowerCase() === apiToken.toLowerCase();
  }),
  'auth-accepts-swapped': authExempt((request, context) => {
    const basic = decodeBasic(headerOf(request, 'authorization'));
    return basic?.user === context.options.apiToken && basic.password === context.options.clientKey;
  }),
  'auth-accepts-empty-token': authExempt((request, context) => {
    const basic = decodeBasic(headerOf(request, 'authorization'));
    return basic?.user === context.options.clientKey && basic.password === '';
  }),
  'auth-accepts-bearer-token': authExempt(
    (request, context) => headerOf(request, 'authorization')?.trim() === `Bearer ${context.options.apiToken}`,
  ),
  'auth-not-enforced-on-list': authExempt((request, context) =>
    routedAs(request, context, 'retrieveOrderContacts'),
  ),
  'auth-not-enforced-on-delete': authExempt((request, context) =>
    routedAs(request, context, 'deleteOrderContact'),
  ),
  'v2-update-needs-put': v2UpdateNeedsPut,
} satisfies Partial<Record<FaultName, LayerFactory>>;
