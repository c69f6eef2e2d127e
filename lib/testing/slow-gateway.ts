import { createServer } from 'node:http';
import { forwardRequest, listenOnLoopback } from '../loopback.ts';
import { createTokenBucket } from '../token-bucket.ts';

/** How the gateway stands in for a tenant far away: a delay per answer, and optionally a gateway's rate limit. */
export interface SlowGatewayOptions {
  /** Added before each request is forwarded, as a round trip to another continent adds it. */
  readonly latencyMs: number;
  /**
   * Requests admitted per second (a token bucket holding one second's worth); a request over it is answered 429 with
   * `Retry-After: 1` and not forwarded, as API gateways do.
   */
  readonly rps?: number;
}

/** A running slow gateway, with what it saw. */
export interface SlowGateway {
  readonly url: string;
  /** Requests received (forwarded or refused). */
  readonly requests: number;
  /** Requests refused with 429. */
  readonly limited: number;
  /** The most requests it held at once: the concurrency the client really used. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/** Starts a reverse proxy on 127.0.0.1 in front of `upstream` that delays every request and may rate-limit. */
export async function startSlowGateway(upstream: string, options: SlowGatewayOptions): Promise<SlowGateway> {
  let requests = 0;
  let limited = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const bucket =
    options.rps === undefined ? undefined : createTokenBucket(options.rps, () => performance.now());
  const server = createServer((req, res) => {
    requests += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    if (bucket && !bucket.take()) {
      limited += 1;
      req.resume();
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(JSON.stringify({ status: 429, message: 'Too many requests (slow gateway)' }));
      return;
    }
    setTimeout(() => forwardRequest(upstream, req, res), options.latencyMs);
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    get requests() {
      return requests;
    },
    get limited() {
      return limited;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    close,
  };
}
