import type { FaultName } from './faults.ts';
import type { MockResponse } from './types.ts';

/** The vendor's moreInfoUrl on every error body. */
export const MORE_INFO_URL = 'https://support.sitecore.com';

/** The vendor's 401 message, word for word. */
export const UNAUTHORIZED_MESSAGE =
  'Authentication credentials are required to access the resource. All requests must be authenticated.';

const UNAUTHORIZED_BODY = JSON.stringify({
  status: 'UNAUTHORIZED',
  code: 401,
  message: UNAUTHORIZED_MESSAGE,
  moreInfoUrl: MORE_INFO_URL,
});

/** The Content-Type of every JSON answer. */
export const JSON_CONTENT_TYPE = 'application/json';

/** A JSON answer. */
export function json(status: number, body: unknown, headers?: Record<string, string>): MockResponse {
  return {
    status,
    headers: headers
      ? { 'content-type': JSON_CONTENT_TYPE, ...headers }
      : { 'content-type': JSON_CONTENT_TYPE },
    body: JSON.stringify(body),
  };
}

/** An answer without a body (204). */
export function noContent(): MockResponse {
  return { status: 204, headers: {} };
}

/** The error envelope of contracts/schemas/error.json: {status, code, message, developerMessage, moreInfoUrl}. */
export function errorResponse(
  status: number,
  message: string,
  developerMessage = message,
  headers?: Record<string, string>,
): MockResponse {
  return json(
    status,
    { status, code: status, message, developerMessage, moreInfoUrl: MORE_INFO_URL },
    headers,
  );
}

/** The documented 401 (error-401.json), or the deviation a 401 fault asks for. */
export function unauthorized(faults: ReadonlySet<FaultName>): MockResponse {
  if (faults.has('401-status-integer') || faults.has('401-body-has-developer-message')) {
    return json(401, {
      status: faults.has('401-status-integer') ? 401 : 'UNAUTHORIZED',
      code: 401,
      message: UNAUTHORIZED_MESSAGE,
      ...(faults.has('401-body-has-developer-message') ? { developerMessage: UNAUTHORIZED_MESSAGE } : {}),
      moreInfoUrl: MORE_INFO_URL,
    });
  }
  return { status: 401, headers: { 'content-type': JSON_CONTENT_TYPE }, body: UNAUTHORIZED_BODY };
}

/** The documented 400 (error-400.json): the first problem as message, all of them as developerMessage. */
export function badRequest(
  problems: readonly { readonly message: string }[],
  faults: ReadonlySet<FaultName>,
): MockResponse {
  const messages = problems.map((p) => p.message);
  const withoutField = faults.has('400-message-without-field');
  const message = withoutField ? 'Validation failed.' : (messages[0] ?? 'body: is invalid.');
  return json(400, {
    status: faults.has('400-body-string-status') ? 'BAD_REQUEST' : 400,
    code: 400,
    message,
    ...(faults.has('400-body-missing-developer-message')
      ? {}
      : { developerMessage: withoutField ? message : messages.join('; ') }),
    moreInfoUrl: MORE_INFO_URL,
  });
}

/** A 404 in the envelope, or the plain-text page the 404-body-not-json fault serves. */
export function notFound(message: string, faults: ReadonlySet<FaultName>): MockResponse {
  if (faults.has('404-body-not-json')) {
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
  }
  return errorResponse(404, message);
}

/** A 500 that a fault asks for (the mock itself never answers 5xx for any input). */
export function faultServerError(fault: FaultName): MockResponse {
  return errorResponse(
    500,
    'We could not create or update the resource. Please try again.',
    `Internal error injected by the mock fault "${fault}".`,
  );
}
