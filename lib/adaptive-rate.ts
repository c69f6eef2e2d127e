// A gateway's request rate is nowhere documented and differs per tenant and plan: it is learned from the 429s it
// answers, so a run slows to what the gateway allows instead of spending its retries (and rules) on refusals.

/** Paces sends at a rate learned from the target's 429s; unlimited until the first 429. */
export interface AdaptiveRate {
  /** Resolves when a send may start; `now` of the send is what `answered` is later given as `sentAt`. */
  acquire(): Promise<number>;
  /** Tells the pacer how a send that started at `sentAt` was answered (status undefined: no answer). */
  answered(sentAt: number, status: number | undefined): void;
  /** The learned rate in requests per second, undefined while nothing was refused. */
  readonly rps: number | undefined;
  /** How many times the rate was lowered. */
  readonly decreases: number;
}

/** Options of createAdaptiveRate: a clock and a sleep for deterministic tests. */
export interface AdaptiveRateOptions {
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What a 429 leaves of the rate that was accepted in the second before it. */
export const DECREASE = 0.85;
/** Growth per second, as a share of the rate a 429 stopped: fast below it, slow above, where the next 429 waits. */
export const GROWTH_BELOW = 0.15;
export const GROWTH_ABOVE = 0.005;
/** A share of 429s in the last second under which they are refusals now and then, not a rate being exceeded. */
export const SPORADIC_SHARE = 0.05;
/** Below this, a gateway is throttling per minute or hour, not per second: a send a second still gets through. */
const MIN_RPS = 1;
const WINDOW_MS = 1_000;

/**
 * Multiplicative decrease on a 429 (to 85 % of what the gateway let through in the last second), then a climb: back
 * to the refused rate in about a second, and above it by half a percent a second, so a steady gateway (a token
 * bucket) refuses rarely. 429s under 5 % of the last second's answers lower nothing: a gateway
 * that refuses now and then, whatever the rate, costs only the refused sends' retries. 429s of sends that
 * started before the last decrease, or that come within a second of it, are not reacted to again: they were in
 * flight at the old rate, or met the bucket it drained. The first 429 counts the sends still unanswered as let
 * through too: it often comes before a second of answers, or before any when more are in flight than the
 * gateway's burst. The refused send
 * itself waits its Retry-After (lib/retry-policy.ts); the others go on at the lowered rate, which a gateway that
 * refills its bucket lets through, where pausing them all would cost a second of every refusal.
 *
 * @example const pace = createAdaptiveRate(); const sentAt = await pace.acquire(); pace.answered(sentAt, 429);
 */
export function createAdaptiveRate(options: AdaptiveRateOptions = {}): AdaptiveRate {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /** Answers in the last WINDOW_MS, and whether each was a 429: what the gateway let through, and refused. */
  const answers: { readonly at: number; readonly refused: boolean }[] = [];
  /**
   * Until the first decrease, when each send not yet answered started: what the gateway may have let through
   * without our knowing yet (only the first decrease reads it).
   */
  const unanswered: number[] = [];
  let base: number | undefined;
  let ceiling = 0;
  let decreasedAt = Number.NEGATIVE_INFINITY;
  let nextSlot = Number.NEGATIVE_INFINITY;
  let decreases = 0;

  const rateAt = (t: number): number | undefined => {
    if (base === undefined) return undefined;
    const seconds = Math.max(0, t - decreasedAt) / 1000;
    const belowFor = base < ceiling ? (ceiling - base) / (ceiling * GROWTH_BELOW) : 0;
    if (seconds <= belowFor) return base + ceiling * GROWTH_BELOW * seconds;
    return Math.max(base, ceiling) + ceiling * GROWTH_ABOVE * (seconds - belowFor);
  };
  const inWindow = (t: number): { through: number; refused: number } => {
    while (answers.length > 0 && (answers[0]?.at as number) <= t - WINDOW_MS) answers.shift();
    const refused = answers.filter((a) => a.refused).length;
    return { through: answers.length - refused, refused };
  };

  return {
    get rps() {
      const rate = rateAt(now());
      return rate === undefined ? undefined : Math.round(rate * 10) / 10;
    },
    get decreases() {
      return decreases;
    },
    async acquire(): Promise<number> {
      const t = now();
      const rate = rateAt(t);
      if (rate === undefined) {
        unanswered.push(t);
        return t;
      }
      const slot = Math.max(t, nextSlot);
      // Booked before any await, so concurrent callers get distinct slots in call order.
      nextSlot = slot + 1000 / rate;
      if (slot > t) await sleep(slot - t);
      return slot;
    },
    answered(sentAt: number, status: number | undefined): void {
      const t = now();
      if (base === undefined) {
        const sent = unanswered.indexOf(sentAt);
        if (sent >= 0) unanswered.splice(sent, 1);
        // A send acquired and never answered (stopped before it went out) is forgotten once it is old.
        while (unanswered.length > 0 && (unanswered[0] as number) <= t - 60_000) unanswered.shift();
      }
      if (status === undefined) return;
      answers.push({ at: t, refused: status === 429 });
      // One decrease a second at most: the 429s right after one are the bucket the old rate drained, and reacting
      // to each spiralled the rate down (through a 20 req/s gateway, 12 decreases to 8 req/s in a run's first second).
      if (status !== 429 || sentAt < decreasedAt || t - decreasedAt < WINDOW_MS) return;
      const { through, refused } = inWindow(t);
      if (refused / (through + refused) < SPORADIC_SHARE) return;
      const current = rateAt(t);
      // The first 429 comes in the run's first burst, often before a second of answers (or any: more in flight
      // than the gateway's bucket holds): what it let through is then what was answered and what is still out.
      const allowed =
        current === undefined
          ? through + unanswered.filter((at) => at > t - WINDOW_MS).length
          : Math.min(current, Math.max(through, MIN_RPS));
      ceiling = Math.max(MIN_RPS, allowed);
      base = Math.max(MIN_RPS, (allowed > 0 ? allowed : (current ?? 2 * MIN_RPS) / 2) * DECREASE);
      decreasedAt = t;
      unanswered.length = 0;
      decreases += 1;
      // Slots already booked at the old rate are given back: the next send waits one new interval.
      nextSlot = Math.min(nextSlot, t + 1000 / base);
    },
  };
}
