import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './token-bucket.ts';

describe('createTokenBucket', () => {
  it('lets a burst of one second through, then rps a second, and refills on demand', () => {
    let t = 0;
    const bucket = createTokenBucket(4, () => t);
    expect(Array.from({ length: 5 }, () => bucket.take())).toEqual([true, true, true, true, false]);
    t += 250;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    t += 10_000;
    expect(Array.from({ length: 5 }, () => bucket.take())).toEqual([true, true, true, true, false]);
    bucket.refill();
    expect(bucket.take()).toBe(true);
  });
});
