import { describe, expect, it } from 'vitest';
import { eachInOrder } from './in-order.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs eachInOrder over 0..count-1 with per-item delays, logging starts and ends. */
async function traced(
  count: number,
  spread: Parameters<typeof eachInOrder>[1],
  delay: (i: number) => number,
) {
  const events: string[] = [];
  const used: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const running = new Set<number>();
  await eachInOrder(
    Array.from({ length: count }, (_, i) => i),
    spread,
    async (i, index) => {
      expect(index).toBe(i);
      running.add(i);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      events.push(`start ${i} with ${[...running].sort((a, b) => a - b).join(',')}`);
      await tick(delay(i));
      running.delete(i);
      inFlight -= 1;
      return i * 10;
    },
    (result, i) => {
      expect(result).toBe(i * 10);
      used.push(i);
    },
  );
  return { events, used, maxInFlight };
}

describe('eachInOrder', () => {
  it('uses every result in the items’ order, whatever order they finish in', async () => {
    const { used } = await traced(20, 4, (i) => (i % 3) * 5);
    expect(used).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('never runs two items of one lane at once, and caps what is in flight', async () => {
    const { events, maxInFlight } = await traced(24, { lanes: 8, concurrency: 3 }, (i) => (i * 7) % 5);
    expect(maxInFlight).toBe(3);
    for (const line of events) {
      const together = (line.split(' with ')[1] ?? '').split(',').map(Number);
      const lanes = together.map((i) => i % 8);
      expect(new Set(lanes).size).toBe(lanes.length);
    }
  });

  it('lets the other lanes go on while one lane’s item is slow', async () => {
    // Item 0 takes 80 ms, every other 1 ms: lanes 1 to 3 get through their items meanwhile.
    const { events } = await traced(12, 4, (i) => (i === 0 ? 80 : 1));
    const startOf4 = events.findIndex((e) => e.startsWith('start 4 '));
    expect(events.findIndex((e) => e.startsWith('start 11 '))).toBeLessThan(startOf4);
  });

  it('runs one item at a time, in order, at concurrency 1', async () => {
    const { events } = await traced(10, { lanes: 8, concurrency: 1 }, (i) => 10 - i);
    expect(events).toEqual(Array.from({ length: 10 }, (_, i) => `start ${i} with ${i}`));
  });

  it('draws items lazily, a few per lane ahead of the one in use', async () => {
    let drawn = 0;
    function* items() {
      for (let i = 0; i < 1000; i += 1) {
        drawn += 1;
        yield i;
      }
    }
    let maxAhead = 0;
    let usedCount = 0;
    await eachInOrder(
      items(),
      2,
      async () => tick(0),
      () => {
        usedCount += 1;
        maxAhead = Math.max(maxAhead, drawn - usedCount);
      },
    );
    expect(usedCount).toBe(1000);
    expect(maxAhead).toBeLessThanOrEqual(8);
  });

  it('rejects with the first item’s error in the items’ order', async () => {
    const used: number[] = [];
    await expect(
      eachInOrder(
        [0, 1, 2, 3],
        2,
        async (i) => {
          if (i === 2) throw new Error('item 2 failed');
          return i;
        },
        (r) => {
          used.push(r);
        },
      ),
    ).rejects.toThrow('item 2 failed');
    expect(used).toEqual([0, 1]);
  });
});
