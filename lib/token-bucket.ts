/** Admits a request when the bucket holds a token: `rps` tokens a second, up to one second's worth held. */
export interface TokenBucket {
  /** Takes a token when there is one (true), else refuses (false). */
  take(): boolean;
  /** Fills the bucket again, as at its start. */
  refill(): void;
}

/**
 * The limit an API gateway puts on a tenant: a burst of `rps` requests, then `rps` a second. What the mock's
 * rate-limit variant and the benchmarks' slow gateway answer 429 above.
 *
 * @example const bucket = createTokenBucket(20, () => performance.now()); if (!bucket.take()) answer429();
 */
export function createTokenBucket(rps: number, now: () => number): TokenBucket {
  let tokens = rps;
  let at = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(rps, tokens + ((t - at) * rps) / 1000);
      at = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    refill() {
      tokens = rps;
      at = now();
    },
  };
}
