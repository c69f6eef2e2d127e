import type { ApiVersion } from '../contracts/index.ts';

/** A request as sent, with credentials already redacted. */
export interface RequestRecord {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  /** Header names in lower case; Authorization is recorded as "Basic <redacted>". */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent (text), when there was one. */
  readonly body?: string;
  /** Which credentials the request carried; absent in records made before this was kept (then: see the header). */
  readonly auth?: RequestAuth;
}

/**
 * Which credentials a request carried: none, the configured ones, or wrong ones. A wrong part is kept as sent when
 * the suite made it (lib/wrong-credentials.ts), else as "<redacted>" (still a wrong value); an absent part was the
 * configured one.
 */
export type RequestAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'configured' }
  | { readonly kind: 'wrong'; readonly clientKey?: string; readonly apiToken?: string }
  /** A credential variant's own header (lib/credential-variants.ts), named; its value is never kept. */
  | { readonly kind: 'variant'; readonly variant: string };

/** A response as received. */
export interface ResponseRecord {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text ('' when empty), after undoing any Content-Encoding. */
  readonly body: string;
}

/**
 * Why no response was received; 'not-sent' when the request never left the process: the run had given up on the
 * target, or it is a write in a read-only run.
 */
export type TransportErrorKind =
  | 'timeout'
  | 'connection'
  | 'protocol'
  | 'aborted'
  | 'rate-limited'
  | 'not-sent';

/** One logical request to the target and what came of it, after any retries. */
export interface Exchange {
  /** Unique within a run, e.g. "x-000123". */
  readonly id: string;
  readonly apiVersion?: ApiVersion;
  /** The contract operation the request exercised (operationId), or a description for raw requests. */
  readonly operation: string;
  readonly request: RequestRecord;
  /** The final response; absent when the transport failed on every attempt. */
  readonly response?: ResponseRecord;
  /** The parsed JSON body, when the response body was JSON. */
  readonly json?: unknown;
  /**
   * The content coding(s) the response body arrived in, e.g. "gzip", and its size on the wire; `response.body` is
   * the decoded text. Kept beside the response, not in it: the report's evidence holds the response as recorded.
   */
  readonly contentEncoding?: { readonly codings: string; readonly encodedBytes: number };
  /** The transport failure of the last attempt, when there was no response. */
  readonly error?: { readonly kind: TransportErrorKind; readonly message: string };
  readonly startedAt: string;
  readonly durationMs: number;
  /** How many attempts were made (1 when the first succeeded). */
  readonly attempts: number;
  /** Why each retry was made, e.g. "503", "ECONNRESET", "429 Retry-After 2s". */
  readonly retryReasons: readonly string[];
}

/** One attempt of a send as it went over the wire: what a recording (lib/har) keeps, one HAR entry each. */
export interface AttemptRecord {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly response?: ResponseRecord;
  readonly contentEncoding?: Exchange['contentEncoding'];
  /** The transport failure of this attempt, when it got no response. */
  readonly error?: { readonly kind: TransportErrorKind; readonly message: string };
  /** Why the send tried again after this attempt; absent on the last one. */
  readonly retryReason?: string;
}

/**
 * Told of every send an HttpClient makes: `begin` at the send's start, in send order (so a recording can number a
 * test's sends as they were made), and the function it returns once the send ended, with each of its attempts.
 * A send refused before anything left the process has no attempt, and is not reported.
 */
export interface SendObserver {
  begin(): (exchange: Exchange, attempts: readonly AttemptRecord[]) => void;
}
