/** Where SIGINT and SIGTERM come from: the process, or a test's own emitter. */
export interface SignalSource {
  once(event: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

/** A cancellation driven by signals: the first aborts, a second calls `onSecond` (which should exit at once). */
export interface SignalCancellation {
  readonly signal: AbortSignal;
  /** The first signal received, if any. */
  received(): NodeJS.Signals | undefined;
  dispose(): void;
}

/** The exit status a signal earns, as a shell reports it (128 + the signal's number). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/** Turns the first SIGINT/SIGTERM into an abort, and the second into `onSecond`. */
export function cancelOnSignals(
  source: SignalSource,
  handlers: { onFirst(signal: NodeJS.Signals): void; onSecond(signal: NodeJS.Signals): void },
): SignalCancellation {
  const controller = new AbortController();
  let first: NodeJS.Signals | undefined;
  const second = (signal: NodeJS.Signals): void => handlers.onSecond(signal);
  const onFirst = (signal: NodeJS.Signals): void => {
    first = signal;
    source.off('SIGINT', onFirst);
    source.off('SIGTERM', onFirst);
    source.once('SIGINT', second);
    source.once('SIGTERM', second);
    handlers.onFirst(signal);
    controller.abort(new Error(signal));
  };
  source.once('SIGINT', onFirst);
  source.once('SIGTERM', onFirst);
  return {
    signal: controller.signal,
    received: () => first,
    dispose() {
      for (const listener of [onFirst, second]) {
        source.off('SIGINT', listener);
        source.off('SIGTERM', listener);
      }
    },
  };
}

/** Where a run's leftovers would be listed, as far as the CLI knows when a second signal comes. */
export interface LedgerWhereabouts {
  readonly baseUrl: string | undefined;
  /** The run's ledger once the target is ready; undefined before, or for the embedded mock. */
  readonly ledgerPath: string | undefined;
  readonly ledgerDir: string;
  readonly embeddedMock: boolean;
}

/** The line a second signal prints as the CLI exits at once: what stays, where it is listed, what to run. */
export function exitNowMessage(
  signal: NodeJS.Signals,
  where: LedgerWhereabouts,
  summarize: (ledgerPath: string) => string | undefined,
): string {
  const head = `${signal} again: exiting now`;
  if (where.embeddedMock)
    return `${head}; the embedded mock stops with this run, so nothing it created stays`;
  const cleanup = `occ cleanup --base-url ${withoutUserinfo(where.baseUrl ?? '...')}`;
  if (where.ledgerPath === undefined)
    return `${head}, before the target was ready; anything it created is listed in a ledger in ${where.ledgerDir}: run ${cleanup} to delete it`;
  const left = summarize(where.ledgerPath);
  if (left === undefined) return `${head}; ${where.ledgerPath} lists nothing left on the target`;
  return `${head}; ${left} stay on the target, listed in ${where.ledgerPath}: run ${cleanup} to delete them`;
}

function withoutUserinfo(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href.replace(/\/+$/, '');
  } catch {
    return url;
  }
}
