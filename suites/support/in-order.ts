// A far tenant answers in 50–300 ms: independent cases are sent concurrently, but what they found is checked in
// the cases' order, so a seed gives the same recorder calls (and the same report) at concurrency 1 and 8.

/** How items are spread: item i goes to lane i mod `lanes` (a lane's items run one after the other). */
export interface Spread {
  readonly lanes: number;
  /** Items in flight at once, over every lane. */
  readonly concurrency: number;
}

interface Entry<T, R> {
  readonly item: T;
  readonly index: number;
  started: boolean;
  readonly settled: Promise<{ ok: true; value: R } | { ok: false; error: unknown }>;
  settle(outcome: { ok: true; value: R } | { ok: false; error: unknown }): void;
}

// Items drawn ahead of the one being used, per lane: enough that a lane whose item is slow (a field edge's ten
// round trips) does not hold the others back, few enough that a 10,000-case run never holds many.
const AHEAD_PER_LANE = 4;

/**
 * Runs `work` on the items and hands each result to `use` in the items' order. A number spreads the items over
 * that many lanes with as many in flight. Item i starts once item i - lanes (its lane's previous item) is done,
 * whatever the other lanes do, so the items of one lane never overlap and a slow item holds back only its lane.
 * Items are drawn lazily and in order, so the same items give the same work at any concurrency.
 */
export async function eachInOrder<T, R>(
  items: Iterable<T>,
  spread: number | Spread,
  work: (item: T, index: number) => Promise<R>,
  use: (result: R, item: T) => void | Promise<void>,
): Promise<void> {
  const lanes = Math.max(1, Math.floor(typeof spread === 'number' ? spread : spread.lanes));
  const limit = Math.max(
    1,
    Math.floor(typeof spread === 'number' ? spread : Math.min(spread.lanes, spread.concurrency)),
  );
  const iterator = items[Symbol.iterator]();
  const pending: Entry<T, R>[] = [];
  const laneBusy = new Array<boolean>(lanes).fill(false);
  let drawn = 0;
  let exhausted = false;
  let inFlight = 0;
  let failed = false;

  const draw = (): void => {
    while (!exhausted && pending.length < lanes * AHEAD_PER_LANE) {
      const next = iterator.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      let settle!: Entry<T, R>['settle'];
      const settled = new Promise<Parameters<Entry<T, R>['settle']>[0]>((resolve) => {
        settle = resolve;
      });
      pending.push({ item: next.value, index: drawn, started: false, settled, settle });
      drawn += 1;
    }
  };

  const pump = (): void => {
    if (failed) return;
    draw();
    for (const entry of pending) {
      if (inFlight >= limit) return;
      const lane = entry.index % lanes;
      if (entry.started || laneBusy[lane]) continue;
      // An earlier item of this lane is not started yet only when its lane is busy: scanning in order keeps it first.
      entry.started = true;
      laneBusy[lane] = true;
      inFlight += 1;
      let result: Promise<R>;
      try {
        result = work(entry.item, entry.index);
      } catch (error) {
        result = Promise.reject(error);
      }
      result.then(
        (value) => entry.settle({ ok: true, value }),
        (error: unknown) => entry.settle({ ok: false, error }),
      );
      void entry.settled.then(() => {
        laneBusy[lane] = false;
        inFlight -= 1;
        pump();
      });
    }
  };

  pump();
  while (pending.length > 0) {
    const head = pending[0] as Entry<T, R>;
    const outcome = await head.settled;
    if (!outcome.ok) {
      failed = true;
      throw outcome.error;
    }
    pending.shift();
    await use(outcome.value, head.item);
    pump();
  }
}
