import { fileURLToPath } from 'node:url';
import { createVitest } from 'vitest/node';
import { cacheDir } from '../contracts/cache-dir.ts';
import type { ProgressSink } from '../lib/log.ts';
import { OccReporter } from '../suites/support/occ-reporter.ts';
import { type Credentials, credentialsEnv } from '../target-setup/credentials.ts';
import { encodeRunContext, RUN_CONTEXT_ENV, type RunContext } from '../target-setup/run-context.ts';
import { withEnv } from './with-env.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What the suites stage needs. */
export interface SuitesStageInput {
  readonly context: RunContext;
  readonly credentials: Credentials;
  readonly shard?: { readonly index: number; readonly count: number };
  /** Progress lines (one per test). */
  readonly progress?: ProgressSink;
  /** Called once, when the first test starts (vitest's start-up, which is CPU-bound, is done by then). */
  readonly onTestsStart?: () => void;
  /** Ends the stage early: the deadline, or a cancellation. The workers stop sending through the give-up marker. */
  readonly signal: AbortSignal;
}

/** What the suites learned. */
export interface SuitesStageResult {
  readonly reporter: OccReporter;
}

/**
 * Runs the conformance suites in-process with vitest against a prepared target. The run context and the
 * credentials reach the test worker through its environment only, for the time of the stage.
 */
export async function runSuitesStage(input: SuitesStageInput): Promise<SuitesStageResult> {
  const reporter = new OccReporter(input.progress, input.onTestsStart);
  await withEnv(
    {
      [RUN_CONTEXT_ENV]: encodeRunContext(input.context),
      ...credentialsEnv(input.credentials),
    },
    async () => {
      const exitCodeBefore = process.exitCode;
      // vitest's logger exits the process on SIGINT/SIGTERM; here the caller owns signals and cancels through
      // input.signal, so the run can stop sending, let what is in flight end and clean up before exiting. Its
      // listeners are taken off as soon as they are added (a microtask later: no signal is delivered in between).
      const dropSignalListener = (event: string | symbol, listener: (...args: unknown[]) => void): void => {
        if (event === 'SIGINT' || event === 'SIGTERM') queueMicrotask(() => process.off(event, listener));
      };
      process.on('newListener', dropSignalListener);
      // vitest transforms every suite module on each run (some 1.2 s and 100 MB of a smoke run on 2 cores); its
      // file-system cache keeps them between runs, keyed by each file's content and the config.
      const suitesCache = cacheDir('suites', ROOT);
      const vitest = await createVitest(
        'test',
        {
          root: ROOT,
          config: `${ROOT}/vitest.config.ts`,
          project: ['conformance'],
          watch: false,
          reporters: [reporter],
          passWithNoTests: false,
          ...(suitesCache ? { experimental: { fsModuleCache: true, fsModuleCachePath: suitesCache } } : {}),
          ...(input.shard ? { shard: `${input.shard.index}/${input.shard.count}` } : {}),
        },
        {},
      ).finally(() => process.off('newListener', dropSignalListener));
      const cancel = (): void => void vitest.cancelCurrentRun('keyboard-input');
      input.signal.addEventListener('abort', cancel, { once: true });
      try {
        if (!input.signal.aborted) await vitest.start([]);
      } finally {
        input.signal.removeEventListener('abort', cancel);
        await vitest.close();
        // vitest sets the exit code for failed tests; the CLI decides the run's exit status from the report.
        process.exitCode = exitCodeBefore;
      }
    },
  );
  return { reporter };
}
