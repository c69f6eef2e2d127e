import type { ProgressSink, TestTally } from '../lib/log.ts';

/** A terminal stream: the live line is drawn only where `isTTY` is true, never in a CI log or a pipe. */
export interface TerminalLike {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** The suites' progress sink, with a live line under the last printed one on a terminal. */
export interface LiveProgress extends ProgressSink {
  /** Clears the live line; later lines print as plain lines. */
  stop(): void;
}

const CLEAR = '\r\u001b[2K';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/**
 * Prints the suites' lines as they come and, on a terminal, keeps one line below them with the totals so far
 * (tests, exchanges, violations, elapsed), redrawn every second. Elsewhere it passes lines through unchanged, so
 * a CI log holds the per-test lines only.
 */
export function liveProgress(out: TerminalLike, now: () => number = Date.now): LiveProgress {
  const started = now();
  const totals = { tests: 0, exchanges: 0, violations: 0 };
  const live = out.isTTY === true;
  let drawn = false;
  const status = () =>
    `… ${totals.tests} tests · ${totals.exchanges} exchanges · ${totals.violations} violations · ${seconds(now() - started)}`;
  const draw = () => {
    out.write(`${drawn ? CLEAR : ''}${status()}`);
    drawn = true;
  };
  const timer = live ? setInterval(draw, 1000) : undefined;
  timer?.unref();
  return {
    write(text: string) {
      if (!live) return out.write(text);
      out.write(`${drawn ? CLEAR : ''}${text}`);
      drawn = false;
      draw();
      return true;
    },
    tally(test: TestTally) {
      totals.tests += 1;
      totals.exchanges += test.exchanges;
      totals.violations += test.violations;
      if (live) draw();
    },
    stop() {
      if (timer) clearInterval(timer);
      if (drawn) out.write(CLEAR);
      drawn = false;
    },
  };
}
