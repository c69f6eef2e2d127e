import { describe, expect, it } from 'vitest';
import { waitUntilListed } from './wait-until-listed.ts';

const REF = 'f8d1f0d5-365d-46b7-becf-d041e93a5705';

function lagging(visibleFromLook: number) {
  let looks = 0;
  const pauses: number[] = [];
  return {
    list: async () => {
      looks += 1;
      return looks >= visibleFromLook ? ['other', REF.toUpperCase()] : ['other'];
    },
    sleep: async (ms: number) => {
      pauses.push(ms);
    },
    looks: () => looks,
    pauses,
  };
}

describe('waitUntilListed', () => {
  it('looks once when the ref is already listed, comparing refs in either case', async () => {
    const list = lagging(1);
    expect(
      await waitUntilListed(list.list, REF, { budgetMs: 2_000, firstDelayMs: 100, sleep: list.sleep }),
    ).toBe(true);
    expect(list.looks()).toBe(1);
  });

  it('backs off, doubling, until the ref shows', async () => {
    const list = lagging(4);
    expect(
      await waitUntilListed(list.list, REF, { budgetMs: 2_000, firstDelayMs: 100, sleep: list.sleep }),
    ).toBe(true);
    expect(list.pauses).toEqual([100, 200, 400]);
  });

  it('gives up once the budget is spent, the last pause cut to what was left', async () => {
    const list = lagging(Number.POSITIVE_INFINITY);
    expect(
      await waitUntilListed(list.list, REF, { budgetMs: 2_000, firstDelayMs: 100, sleep: list.sleep }),
    ).toBe(false);
    expect(list.pauses).toEqual([100, 200, 400, 800, 500]);
  });

  it('waits on the real clock too, bounded', async () => {
    const list = lagging(Number.POSITIVE_INFINITY);
    const t0 = performance.now();
    expect(await waitUntilListed(list.list, REF, { budgetMs: 150, firstDelayMs: 20 })).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
