// A far tenant answers in 50–300 ms: independent cases are sent concurrently, but what they found is checked in
// the cases' order, so a seed gives the same recorder calls (and the same report) at concurrency 1 and 8.

/**
 * Runs `work` on the items with up to `concurrency` at once and hands each result to `use` in the items' order.
 * Items are drawn lazily and at most `concurrency` results wait, so a 10,000-case run never holds them all. Item
 * i starts only once item i - concurrency is done, so the items of one lane (i mod concurrency) never overlap.
 */
export async function eachInOrder<T, R>(
  items: Iterable<T>,
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  use: (result: R, item: T) => void | Promise<void>,
): Promise<void> {
  const window: { item: T; result: Promise<R> }[] = [];
  const width = Math.max(1, Math.floor(concurrency));
  const drain = async (): Promise<void> => {
    const head = window.shift();
    if (head) await use(await head.result, head.item);
  };
  let index = 0;
  for (const item of items) {
    const result = work(item, index);
    index += 1;
    // Awaited in turn by drain; marked handled now so a later item's failure is not an unhandled rejection meanwhile.
    result.catch(() => {});
    window.push({ item, result });
    if (window.length >= width) await drain();
  }
  while (window.length > 0) await drain();
}
