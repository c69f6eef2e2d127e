import type { FaultName } from './faults.ts';
import type { SeedData } from './seed.ts';
import type { MockStoreView } from './store.ts';
import type { VariantName } from './variants.ts';

/**
 * One request as plain data. `path` is the raw (still percent-encoded) path without the query string; `query`
 * holds the decoded query parameters (a repeated one as an array); header names are lower case.
 */
export interface MockRequest {
  method: string;
  path: string;
  query: Readonly<Record<string, string | readonly string[]>>;
  headers: Readonly<Record<string, string | undefined>>;
  body?: string | Uint8Array;
}

/** One answer as plain data; a 204 has no body. */
export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

/** The mock: a synchronous, pure-over-its-store request handler. */
export interface MockHandler {
  /** Answers one request; never throws, never answers 5xx unless a fault or variant asks for it. */
  handle(request: MockRequest): MockResponse;
  /** Read access to the state, for tests. */
  readonly store: MockStoreView;
  /** The faults switched on. */
  readonly faults: ReadonlySet<FaultName>;
  /** The variants switched on. */
  readonly variants: ReadonlySet<VariantName>;
  /** How long the slow-responses fault holds an answer (the adapter applies it). */
  readonly slowResponseMs: number;
  /** Adds validated seed data (parseSeedData) as if created now, under refs not in the store yet; reset() forgets it. */
  seed(data: SeedData): void;
  /** Forgets everything but the seed data of the options, and restarts the fault counters. */
  reset(): void;
}
