import { isJsonContentType, MAX_REQUEST_BODY_BYTES, parseRequestBody } from '../contracts/index.ts';
import { badRequest, errorResponse } from './responses.ts';
import type { MockResponse } from './types.ts';

/** A request body read for an operation that takes one: the parsed JSON, or the answer that stops the request. */
export type BodyOutcome =
  | {
      readonly ok: true;
      readonly body: unknown;
      /** True when a layer let an unparseable body through: validation is skipped as well. */
      readonly lenient: boolean;
    }
  | { readonly ok: false; readonly response: MockResponse };

/** How the handler reads a body; layers may stand in front of it. */
export type BodyReader = (
  raw: string | Uint8Array | undefined,
  contentType: string | undefined,
) => BodyOutcome;

/**
 * Reads a JSON request body in the contract's order: 415 for an explicit non-JSON Content-Type (a missing one is
 * accepted), 413 over MAX_REQUEST_BODY_BYTES, then 400 for JSON that does not parse (parseRequestBody).
 */
export const readJsonBody: BodyReader = (raw, contentType) => {
  if (!isJsonContentType(contentType)) {
    return {
      ok: false,
      response: errorResponse(
        415,
        `Content-Type "${String(contentType).slice(0, 100)}" is not supported. Send application/json.`,
      ),
    };
  }
  const parsed = parseRequestBody(raw ?? '');
  if (parsed.ok) return { ok: true, body: parsed.value, lenient: false };
  if (parsed.violation.rule === 'OC-BODY-TOO-LARGE') {
    return {
      ok: false,
      response: errorResponse(
        413,
        parsed.violation.message,
        `Request bodies are limited to ${MAX_REQUEST_BODY_BYTES} bytes.`,
      ),
    };
  }
  return { ok: false, response: badRequest([parsed.violation]) };
};
