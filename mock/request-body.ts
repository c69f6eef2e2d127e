import { isJsonContentType, MAX_BODY_BYTES, parseRequestBody } from '../contracts/index.ts';
import type { FaultName } from './faults.ts';
import { badRequest, errorResponse, faultServerError } from './responses.ts';
import type { MockResponse } from './types.ts';

/** A request body read for an operation that takes one: the parsed JSON, or the answer that stops the request. */
export type BodyOutcome =
  | {
      readonly ok: true;
      readonly body: unknown;
      /** True when a fault let an unparseable body through as {}: validation is skipped as well. */
      readonly lenient: boolean;
    }
  | { readonly ok: false; readonly response: MockResponse };

/**
 * Reads a JSON request body in the contract's order: 415 for an explicit non-JSON Content-Type (a missing one is
 * accepted), 413 over MAX_BODY_BYTES, then 400 for JSON that does not parse (parseRequestBody).
 */
export function readJsonBody(
  raw: string | Uint8Array | undefined,
  contentType: string | undefined,
  faults: ReadonlySet<FaultName>,
): BodyOutcome {
  if (!isJsonContentType(contentType) && !faults.has('415-not-enforced')) {
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
    if (faults.has('large-body-500')) return { ok: false, response: faultServerError('large-body-500') };
    return {
      ok: false,
      response: errorResponse(
        413,
        parsed.violation.message,
        `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
      ),
    };
  }
  if (faults.has('malformed-json-500'))
    return { ok: false, response: faultServerError('malformed-json-500') };
  if (faults.has('accept-malformed-json')) return { ok: true, body: {}, lenient: true };
  return { ok: false, response: badRequest([parsed.violation], faults) };
}
