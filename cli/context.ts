import type { LineSink } from '../lib/log.ts';
import type { SignalSource } from '../lib/signal-cancellation.ts';

/** Where a command writes, and the exit status it sets; commands get this instead of touching process. */
export interface CliContext {
  readonly stdout: LineSink;
  readonly stderr: LineSink;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where SIGINT/SIGTERM come from; default the process. */
  readonly signals?: SignalSource;
  /** Ends the process at once (a second Ctrl-C); default process.exit. The only exit below bin/occ.js. */
  readonly exit?: (code: number) => never;
  exitCode: number;
}
