/** How long a provider state waits for what it created to show in a list, and the first pause between looks. */
export interface ListedWait {
  readonly budgetMs: number;
  readonly firstDelayMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** About 2 s, doubling from 100 ms: enough for the eventual consistency a tenant shows, bounded for one that never lists. */
export const LISTED_WAIT: ListedWait = { budgetMs: 2_000, firstDelayMs: 100 };

/**
 * Looks at a list until it holds `ref` (refs compared case-insensitively: the vendor writes them in both cases) or
 * the budget is spent, backing off between looks. Resolves to whether the ref showed.
 *
 * @example await waitUntilListed(async () => refsOf(await client.listContacts(version, orderRef)), contactRef);
 */
export async function waitUntilListed(
  listRefs: () => Promise<readonly string[]>,
  ref: string,
  wait: ListedWait = LISTED_WAIT,
): Promise<boolean> {
  const sleep = wait.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const wanted = ref.toLowerCase();
  const started = performance.now();
  let delay = wait.firstDelayMs;
  let slept = 0;
  for (;;) {
    const refs = await listRefs();
    if (refs.some((r) => r.toLowerCase() === wanted)) return true;
    // The slower of the clock and the pauses taken: an injected sleep that returns at once still spends the budget.
    const left = wait.budgetMs - Math.max(performance.now() - started, slept);
    if (left <= 0) return false;
    const pause = Math.min(delay, left);
    await sleep(pause);
    slept += pause;
    delay *= 2;
  }
}
