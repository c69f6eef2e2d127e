import type { TransportErrorKind } from './exchange.ts';

/** What one attempt came to: a response (its status and Retry-After) or a transport failure. */
export type AttemptOutcome =
  | { readonly status: number; readonly retryAfter?: string | undefined }
  | {
      readonly error: TransportErrorKind;
      /** The error code (ECONNREFUSED, UND_ERR_SOCKET, ...) or 'timeout'/'deadline'. */
      readonly code: string;
      /** 'no' only when the request certainly never reached the server (refused, connect timeout, DNS). */
      readonly sent: 'no' | 'maybe';
    };

/** Whether to try again, why (for exchange.retryReasons), and how long the server asked us to wait. */
export interface RetryDecision {
  readonly retry: boolean;
  readonly reason: string;
  readonly retryAfterMs?: number;
}

/** Exponential backoff bounds. */
export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** Transport failures worth another try: the next connection may well succeed. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'timeout',
]);

/** True for the methods RFC 9110 §9.2.2 calls idempotent: repeating them cannot change the outcome. */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/**
 * Decides whether an attempt is retried. Idempotent requests are retried on every transient failure and on
 * 429/502/503/504. A non-idempotent request (POST, PATCH) is retried only when the server certainly did not act on
 * it, because a second POST could create a second contact on a production tenant:
 * - 429 and 503: the server (or its gateway) refused the request before handling it;
 * - the connection was refused, timed out while connecting or the name did not resolve: nothing was sent.
 * Never on 502/504 (the gateway may have passed the request on before the upstream failed), nor on a reset or a
 * timeout once the request was written (the server may have processed it and only the answer was lost).
 */
export function retryDecision(
  method: string,
  outcome: AttemptOutcome,
  now: number = Date.now(),
): RetryDecision {
  const idempotent = isIdempotent(method);
  if ('status' in outcome) {
    const { status } = outcome;
    if (status === 429 || status === 503) {
      const retryAfterMs = parseRetryAfter(outcome.retryAfter, now);
      if (retryAfterMs === undefined) return { retry: true, reason: String(status) };
      return { retry: true, reason: `${status} Retry-After ${formatSeconds(retryAfterMs)}`, retryAfterMs };
    }
    if (status === 502 || status === 504) return { retry: idempotent, reason: String(status) };
    return { retry: false, reason: String(status) };
  }
  const transient = TRANSIENT_CODES.has(outcome.code);
  if (outcome.error === 'aborted' || !transient) return { retry: false, reason: outcome.code };
  return { retry: idempotent || outcome.sent === 'no', reason: outcome.code };
}

/** Parses a Retry-After header (delta-seconds or an HTTP-date) into milliseconds from `now`; undefined if absent or invalid. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names a weekday and GMT (RFC 9110 §5.6.7); anything else Date.parse would guess at.
  if (!/^[A-Za-z]{3},? .*GMT$/.test(text) && !/^[A-Za-z]+, \d{2}-[A-Za-z]{3}-\d{2} .*GMT$/.test(text))
    return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * How long to wait before retry number `retryIndex` (0 for the first retry): the server's Retry-After when it gave
 * one (capped), else exponential backoff with full jitter (a uniform wait in [0, min(max, base * 2^n)]), which
 * spreads the retries of many clients over time instead of synchronising them.
 */
export function retryDelayMs(
  retryIndex: number,
  decision: RetryDecision,
  backoff: Backoff,
  maxRetryAfterMs: number,
  random: () => number,
): number {
  if (decision.retryAfterMs !== undefined) return Math.min(decision.retryAfterMs, maxRetryAfterMs);
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
}
