import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

/** A fake clock: sleeps are recorded as the instant they wake at; time moves only when the test says. */
function fakeClock(): {
  now: () => number;
  advance: (ms: number) => void;
  sleep: (ms: number) => Promise<void>;
  wakes: number[];
} {
  let t = 1_000;
  const wakes: number[] = [];
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    wakes,
    sleep: async (ms) => {
      wakes.push(t + ms);
    },
  };
}

describe('createRateLimiter', () => {
  it('lets the first request go at once and books the rest one interval apart', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ rps: 4, now: clock.now, sleep: clock.sleep });
    await Promise.all(Array.from({ length: 4 }, () => limiter.acquire()));
    expect(clock.wakes).toEqual([1_250, 1_500, 1_750]);
  });

  it('does not bank unused time into a burst', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ rps: 10, now: clock.now, sleep: clock.sleep });
    await limiter.acquire();
    clock.advance(5_000);
    await limiter.acquire();
    await limiter.acquire();
    expect(clock.wakes).toEqual([6_100]);
  });

  it('rejects a rate that is not a positive number', () => {
    for (const rps of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createRateLimiter({ rps })).toThrow(/rps must be a positive number/);
    }
  });
});
