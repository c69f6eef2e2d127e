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
