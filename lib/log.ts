/** The prefix of every line the tool prints. */
export const PREFIX = 'occ:';

/** Something to print lines to (stdout or stderr); tests pass their own. */
export interface LineSink {
  write(text: string): unknown;
}

/** Prints one prefixed line. */
export function printLine(sink: LineSink, text: string): void {
  sink.write(`${PREFIX} ${text}\n`);
}

/** What a finished test adds to a run's totals, for sinks that keep a live count. */
export interface TestTally {
  readonly exchanges: number;
  readonly violations: number;
}

/** A sink for the suites' progress lines that may also keep totals (the CLI's live line on a terminal). */
export interface ProgressSink extends LineSink {
  tally?(test: TestTally): void;
}
