/** What a settled read found: the last value read, how long it waited for it, and whether it got what it wanted. */
export interface Settled<T> {
  readonly value: T;
  /** Time spent re-reading after the first read; 0 when the first read was it. */
  readonly waitedMs: number;
  readonly settled: boolean;
}

const FIRST_PAUSE_MS = 100;

/**
 * Reads until `done` holds, re-reading with a doubling pause (100, 200, 400 … ms) for at most `settleMs`. A tenant
 * may lag between a write and a read (a list that shows a new contact 300 ms after the create answered): a
 * read-after-write check reports a violation only on what it still sees once the wait is over.
 */
export async function settle<T>(
  settleMs: number,
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<Settled<T>> {
  let value = await read();
  if (done(value)) return { value, waitedMs: 0, settled: true };
  const start = Date.now();
  for (let pause = FIRST_PAUSE_MS; Date.now() - start < settleMs; pause *= 2) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, settleMs - (Date.now() - start))));
    value = await read();
    if (done(value)) return { value, waitedMs: Date.now() - start, settled: true };
  }
  return { value, waitedMs: Date.now() - start, settled: false };
}
