/** Grants permission to start a request; resolves when the caller may go. */
export interface RateLimiter {
  acquire(): Promise<void>;
}

/** Options of createRateLimiter: the rate, and a clock and sleep for deterministic tests. */
export interface RateLimiterOptions {
  /** Requests per second; must be > 0. */
  readonly rps: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * A rate limiter that spaces requests at least 1/rps seconds apart, first come first served (a token bucket of
 * size one, in the GCRA form: each caller books the next free slot). A burst of one is deliberate: a live tenant's
 * limits are per second, and evenly spaced requests never trip them, where a bucket refilled in bursts can.
 *
 * @example const limiter = createRateLimiter({ rps: 5 }); await limiter.acquire(); // then send
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  if (!(options.rps > 0) || !Number.isFinite(options.rps)) {
    throw new RangeError(
      `Failed to create a rate limiter: rps must be a positive number, received "${options.rps}".`,
    );
  }
  const intervalMs = 1000 / options.rps;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  let nextSlot = Number.NEGATIVE_INFINITY;
  return {
    async acquire(): Promise<void> {
      const t = now();
      const slot = Math.max(t, nextSlot);
      // Booked synchronously, before any await, so concurrent callers get distinct slots in call order.
      nextSlot = slot + intervalMs;
      if (slot > t) await sleep(slot - t);
    },
  };
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
