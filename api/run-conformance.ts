import type { TenantProfile } from '../contracts/index.ts';
import { estimateOf, requestCapProblem, type SettingWithValue } from '../engine/request-cap.ts';
import type { OccConfig } from '../lib/config.ts';
import { OccError } from '../lib/errors.ts';
import type { ProgressSink } from '../lib/log.ts';
import { cancelOnSignals, type SignalCancellation } from '../lib/signal-cancellation.ts';
import { readRunProfile } from '../profiles/profile-file.ts';
import type { ConformanceReport } from '../reports/model.ts';
import { writeReportFormats } from '../reports/write-reports.ts';
import { ConformanceOptionsError, type RunConformanceOptions, resolveRunOptions } from './run-options.ts';

/** The CLI's prefix, which a program's log callback does not want. */
const PREFIX = /^occ: /;

/** An option as a program writes it: `tier: 'smoke'`, `maxRequests: 100`. */
const optionWithValue: SettingWithValue = (key, value) =>
  value === undefined ? key : `${key}: ${typeof value === 'string' ? `'${value}'` : value}`;

/** The suites' progress sink as lines for the log callback. */
function progressOf(log: (line: string) => void): ProgressSink {
  return {
    write: (text: string) => {
      for (const line of text.split('\n')) if (line.trim() !== '') log(line.replace(PREFIX, ''));
    },
  };
}

/**
 * A first SIGINT/SIGTERM cancels the run; a second is sent again once this run's listeners are gone, so the
 * process's own default (or its other listeners) ends it, as a second Ctrl-C ends `occ run` at once.
 */
function signalCancellation(): SignalCancellation {
  const cancellation = cancelOnSignals(process, {
    onFirst: () => {},
    onSecond: (signal) => {
      cancellation.dispose();
      process.kill(process.pid, signal);
    },
  });
  return cancellation;
}

function runProfile(file: string, config: OccConfig): TenantProfile {
  try {
    return readRunProfile(file, config, 'profile');
  } catch (error) {
    if (error instanceof OccError) throw new ConformanceOptionsError([error.message]);
    throw error;
  }
}

/**
 * Runs the conformance suites against a target (the embedded mock when no `baseUrl` is given) and resolves to the
 * report, typed by the report's JSON Schema: the run `occ run` makes, without printing, exiting or, unless
 * `handleSignals`, listening to signals. Invalid options throw ConformanceOptionsError before anything is sent; a
 * target that cannot be reached is a report with `unreachable: true` and its `unreachableCause`, not an error.
 *
 * @example
 * const report = await runConformance({ tier: 'smoke', seed: 1 });
 * if (report.verdict !== 'passed') console.log(report.summary);
 */
export async function runConformance(options: RunConformanceOptions = {}): Promise<ConformanceReport> {
  const { config, reports, shard, env } = resolveRunOptions(options);
  const profile = options.profile === undefined ? undefined : runProfile(options.profile, config);
  // As occ run does: above its cap, a run does not start.
  if (config.maxRequests !== undefined) {
    const overCap = await requestCapProblem(config, await estimateOf(config), optionWithValue);
    if (overCap) throw new ConformanceOptionsError([overCap]);
  }
  const cancellation = options.handleSignals === true ? signalCancellation() : undefined;
  const signals = [options.signal, cancellation?.signal].filter((s): s is AbortSignal => s !== undefined);
  try {
    // The engine (vitest, Pact, the mock) loads when a run starts, not when the package is imported.
    const [{ executeRun }, { reportOf }] = await Promise.all([
      import('../engine/run-conformance.ts'),
      import('../engine/run-report.ts'),
    ]);
    const outcome = await executeRun({
      config,
      ...(options.log ? { log: options.log, progress: progressOf(options.log) } : {}),
      ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
      ...(shard ? { shard } : {}),
      ...(profile ? { profile } : {}),
    });
    const report = reportOf(outcome, config, shard);
    if (reports)
      writeReportFormats(report, reports.dir, reports.formats, {
        env,
        secrets: [config.clientKey, config.apiToken],
      });
    return report;
  } finally {
    cancellation?.dispose();
  }
}
