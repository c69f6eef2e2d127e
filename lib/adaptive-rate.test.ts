import { describe, expect, it } from 'vitest';
import { createAdaptiveRate, DECREASE } from './adaptive-rate.ts';
import { createTokenBucket } from './token-bucket.ts';

/** A fake clock whose sleeps move time on: a simulation of a client sending as fast as the pacer lets it. */
function clock() {
  let t = 0;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

/**
 * A token-bucket gateway of `rps` with a burst of `rps`, and a client sending one request after another through
 * the pacer for `seconds`: how many got through, how many were refused.
 */
async function throughGateway(rps: number, seconds: number) {
  const c = clock();
  const pace = createAdaptiveRate({ now: c.now, sleep: c.sleep });
  const bucket = createTokenBucket(rps, c.now);
  let through = 0;
  let refused = 0;
  while (c.now() < seconds * 1000) {
    const sentAt = await pace.acquire();
    const admitted = bucket.take();
    // Each answer takes a millisecond: unpaced, the client would send 1,000 a second.
    c.advance(1);
    if (admitted) {
      through += 1;
      pace.answered(sentAt, 200);
    } else {
      refused += 1;
      pace.answered(sentAt, 429);
    }
  }
  return { through, refused, rps: pace.rps, decreases: pace.decreases };
}

/**
 * `senders` clients sending through the pacer at once to a token-bucket gateway of `rps` that answers in
 * `latencyMs`, and 429s at once with a Retry-After of 1 s, for `seconds` of simulated time (timers fire in time order).
 */
async function concurrentThroughGateway(rps: number, senders: number, latencyMs: number, seconds: number) {
  let t = 0;
  const timers: { at: number; fire: () => void }[] = [];
  const sleep = (ms: number) =>
    new Promise<void>((fire) => {
      timers.push({ at: t + ms, fire });
    });
  const pace = createAdaptiveRate({ now: () => t, sleep });
  const bucket = createTokenBucket(rps, () => t);
  let through = 0;
  let refused = 0;
  let stop = false;
  const sender = async () => {
    while (!stop) {
      const sentAt = await pace.acquire();
      if (stop) return;
      if (bucket.take()) {
        await sleep(latencyMs);
        through += 1;
        pace.answered(sentAt, 200);
      } else {
        refused += 1;
        pace.answered(sentAt, 429);
        await sleep(1_000);
      }
    }
  };
  const running = Array.from({ length: senders }, sender);
  while (t < seconds * 1000) {
    await new Promise((resolve) => setImmediate(resolve));
    timers.sort((a, b) => a.at - b.at);
    const next = timers.shift();
    if (!next) break;
    t = next.at;
    next.fire();
  }
  stop = true;
  for (const timer of timers.splice(0)) timer.fire();
  await Promise.all(running);
  return { through, refused, decreases: pace.decreases };
}

describe('createAdaptiveRate', () => {
  it('does not pace a target that never refused', async () => {
    const c = clock();
    const pace = createAdaptiveRate({ now: c.now, sleep: c.sleep });
    for (let i = 0; i < 100; i += 1) pace.answered(await pace.acquire(), 200);
    expect(c.now()).toBe(0);
    expect(pace.rps).toBeUndefined();
  });

  it('learns a 20 req/s gateway: most of its rate used, few refusals', async () => {
    const run = await throughGateway(20, 120);
    // 120 s at 20 req/s plus the first burst: at most 2,420 could get through.
    expect(run.through).toBeGreaterThan(0.9 * 2_420);
    expect(run.refused).toBeLessThan(0.03 * run.through);
    expect(run.rps).toBeGreaterThan(15);
    expect(run.rps).toBeLessThan(25);
  });

  it('lowers to 85 % of what got through in the last second, then climbs back', async () => {
    const c = clock();
    const pace = createAdaptiveRate({ now: c.now, sleep: c.sleep });
    for (let i = 0; i < 19; i += 1) {
      pace.answered(await pace.acquire(), 200);
      c.advance(10);
    }
    pace.answered(await pace.acquire(), 429);
    expect(pace.rps).toBeCloseTo(19 * DECREASE, 0);
    c.advance(1_000);
    expect(pace.rps).toBeCloseTo(19, 0);
    c.advance(10_000);
    expect(pace.rps).toBeCloseTo(19 * 1.05, 0);
  });

  it('counts the sends still out at the first 429 as let through: the gateway took them before it refused', async () => {
    const c = clock();
    const pace = createAdaptiveRate({ now: c.now, sleep: c.sleep });
    // 20 sent at once; 16 answered 50 ms later, 4 still out when the 21st is refused.
    const sent = await Promise.all(Array.from({ length: 20 }, () => pace.acquire()));
    c.advance(50);
    for (const at of sent.slice(0, 16)) pace.answered(at, 200);
    pace.answered(await pace.acquire(), 429);
    expect(pace.rps).toBeCloseTo(20 * DECREASE, 0);
  });

  it('lowers the rate at most once a second: the refusals right after a decrease are the drained bucket', async () => {
    const c = clock();
    const pace = createAdaptiveRate({ now: c.now, sleep: c.sleep });
    for (let i = 0; i < 20; i += 1) {
      pace.answered(c.now(), 200);
      c.advance(50);
    }
    pace.answered(c.now(), 429);
    expect(pace.decreases).toBe(1);
    const lowered = pace.rps;
    c.advance(10);
    for (let i = 0; i < 5; i += 1) pace.answered(c.now(), 429);
    expect(pace.decreases).toBe(1);
    expect(pace.rps).toBeGreaterThanOrEqual(lowered as number);
    c.advance(1_000);
    for (let i = 0; i < 5; i += 1) pace.answered(c.now(), 429);
    expect(pace.decreases).toBe(2);
  });

  it('paces sends at the learned rate, in call order', async () => {
    const c = clock();
    const pace = createAdaptiveRate({ now: c.now, sleep: async () => {} });
    for (let i = 0; i < 10; i += 1) pace.answered(c.now(), 200);
    pace.answered(c.now(), 429);
    const slots = await Promise.all([pace.acquire(), pace.acquire(), pace.acquire()]);
    const interval = 1000 / (10 * DECREASE);
    expect(slots[1] - slots[0]).toBeCloseTo(interval, 0);
    expect(slots[2] - slots[1]).toBeCloseTo(interval, 0);
  });

  it('ignores a 429 now and then (under 5 % of the last second) and 429s of sends older than the decrease', async () => {
    const c = clock();
    const pace = createAdaptiveRate({ now: c.now, sleep: c.sleep });
    for (let i = 0; i < 40; i += 1) {
      pace.answered(await pace.acquire(), 200);
      c.advance(20);
    }
    pace.answered(c.now(), 429);
    expect(pace.decreases).toBe(0);
    const early = c.now();
    c.advance(1);
    pace.answered(c.now(), 429);
    pace.answered(c.now(), 429);
    expect(pace.decreases).toBe(1);
    c.advance(5);
    // In flight at the old rate when the rate was lowered: no second decrease.
    pace.answered(early, 429);
    expect(pace.decreases).toBe(1);
  });

  it.each([1, 8, 16, 32])(
    'uses most of a 20 req/s gateway with %i senders in flight and 50 ms answers',
    async (senders) => {
      // Through a 20 req/s gateway the first 429 once taught 16 senders 8 req/s, which the slow climb kept.
      const run = await concurrentThroughGateway(20, senders, 50, 60);
      // 60 s at 20 req/s plus the first burst; one sender at 50 ms a round trip can do at most 20 a second.
      expect(run.through).toBeGreaterThan(0.85 * 60 * 20);
      expect(run.refused).toBeLessThan(0.15 * run.through);
    },
  );
});
