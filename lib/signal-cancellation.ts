// Signals as a cancellation: the CLI's run and the programmatic API's (when asked) share it.
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
