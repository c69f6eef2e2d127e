import type { BadRequestError, ErrorEnvelope, UnauthorizedError } from '../contracts/index.ts';
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
} satisfies UnauthorizedError);

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
    { status, code: status, message, developerMessage, moreInfoUrl: MORE_INFO_URL } satisfies ErrorEnvelope,
    headers,
  );
}

/** The documented 401 (error-401.json). */
export function unauthorized(): MockResponse {
  return { status: 401, headers: { 'content-type': JSON_CONTENT_TYPE }, body: UNAUTHORIZED_BODY };
}

/** The documented 400 (error-400.json): the first problem as message, all of them as developerMessage. */
export function badRequest(problems: readonly { readonly message: string }[]): MockResponse {
  const messages = problems.map((p) => p.message);
  return json(400, {
    status: 400,
    code: 400,
    message: messages[0] ?? 'body: is invalid.',
    developerMessage: messages.join('; '),
    moreInfoUrl: MORE_INFO_URL,
  } satisfies BadRequestError);
}

/** A 404 in the envelope. */
export function notFound(message: string): MockResponse {
  return errorResponse(404, message);
}

/** The 404 for an order that does not exist (the ref as the request spelled it). */
export function orderNotFound(orderRef: string): MockResponse {
  return notFound(`Order "${orderRef}" was not found.`);
}

/** The 404 for an order contact that does not exist (the ref as the request spelled it). */
export function contactNotFound(ref: string): MockResponse {
  return notFound(`Order contact "${ref}" was not found.`);
}
