import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { executeRun } from '../engine/run-conformance.ts';
import { reportOf } from '../engine/run-report.ts';
import { type ConfigFlags, loadConfig, type OccConfig } from '../lib/config.ts';
import { OccError } from '../lib/errors.ts';
import { printLine } from '../lib/log.ts';
import { makeDirectory } from '../lib/make-directory.ts';
import { type RunningPrism, startPrism } from '../lib/prism.ts';
import { cancelOnSignals } from '../lib/signal-cancellation.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from '../mock/options.ts';
import { COMPARE_FILES } from '../reports/compare/write-compare-reports.ts';
import { COMPARE_SETTINGS, type CompareTarget, compareSecrets } from './compare-options.ts';
import { compareAndWrite, type WrittenComparison } from './compare-reports.ts';
import type { CliContext } from './context.ts';
import { signalExitCode } from './signals.ts';
import { writeRunReports } from './write-run-reports.ts';

/** One side of a live comparison: what the user named and the target it is. */
export interface LiveSide {
  readonly label: string;
  readonly target: CompareTarget;
}

/** What a live comparison needs: both sides, the loaded configuration and the flags as given. */
export interface LiveCompareInput {
  readonly reference: LiveSide;
  readonly candidate: LiveSide;
  readonly config: OccConfig;
  readonly flags: ConfigFlags;
  readonly env: CliContext['env'];
}

type SideName = 'reference' | 'candidate';

/** A side's credentials: its own, else the shared ones; Prism's are the embedded mock's defaults unless given. */
function credentialsOf(config: OccConfig, side: SideName, target: CompareTarget): ConfigFlags {
  const key = side === 'reference' ? config.referenceClientKey : config.candidateClientKey;
  const token = side === 'reference' ? config.referenceApiToken : config.candidateApiToken;
  const fallbackKey = target.kind === 'prism' ? DEFAULT_CLIENT_KEY : undefined;
  const fallbackToken = target.kind === 'prism' ? DEFAULT_API_TOKEN : undefined;
  const clientKey = key ?? config.clientKey ?? fallbackKey;
  const apiToken = token ?? config.apiToken ?? fallbackToken;
  return {
    ...(clientKey !== undefined ? { clientKey } : {}),
    ...(apiToken !== undefined ? { apiToken } : {}),
  };
}

/**
 * Runs one side: `occ run` with the comparison's seed and tier, recording every exchange to <dir>/<side>.har and
 * writing the run's own reports to <dir>/<side>/. Returns false when the target could not be run (exit 3).
 */
async function runSide(
  name: SideName,
  side: LiveSide,
  input: LiveCompareInput,
  context: CliContext,
  signal: AbortSignal,
): Promise<boolean> {
  const { config } = input;
  const dir = config.reportDir;
  let prism: RunningPrism | undefined;
  try {
    if (side.target.kind === 'prism')
      prism = await startPrism({
        versions: config.apiVersions,
        log: (line) => printLine(context.stdout, `${name}: ${line}`),
      });
    const baseUrl = side.target.kind === 'url' ? side.target.url : prism?.url;
    const sideConfig = loadConfig(input.env, {
      ...input.flags,
      ...credentialsOf(config, name, side.target),
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      // One seed for both sides, drawn once when none was given: the same requests go to each.
      seed: String(config.seed),
      reportDir: join(dir, name),
      record: resolve(dir, `${name}.har`),
    });
    printLine(
      context.stdout,
      `${name}: occ run against ${baseUrl ?? 'the embedded mock'} (seed ${sideConfig.seed}, ${sideConfig.tier} tier), recording to ${join(dir, `${name}.har`)}`,
    );
    const outcome = await executeRun({
      config: sideConfig,
      log: (line) => printLine(context.stdout, `${name}: ${line}`),
      signal,
      flags: COMPARE_SETTINGS,
      ...(prism ? { targetKind: 'prism' as const } : {}),
    });
    const report = reportOf(outcome, sideConfig);
    writeRunReports(report, sideConfig.reportDir, { secrets: compareSecrets(sideConfig) }, context.stderr);
    if (outcome.stopped.kind === 'unreachable' || outcome.stopped.kind === 'cancelled') {
      const why = outcome.stopped.kind === 'unreachable' ? outcome.stopped.message : outcome.stopped.reason;
      printLine(context.stderr, `${name} (${side.label}) could not be run: ${why}`);
      return false;
    }
    for (const note of outcome.notes.filter((n) => n.startsWith('--record')))
      printLine(context.stderr, `${name}: ${note}`);
    printLine(
      context.stdout,
      `${name}: ${report.verdict} (${report.summary.passed} passed, ${report.summary.failed} failed of ${report.summary.total} rule results)`,
    );
    return true;
  } finally {
    await prism?.close();
  }
}

/**
 * The live half of occ compare: one seeded, recorded run per target (the reference first, then the candidate, one
 * at a time), then the offline comparison of the two recordings. Undefined when a target could not be run.
 */
export async function compareLive(
  input: LiveCompareInput,
  context: CliContext,
): Promise<WrittenComparison | undefined> {
  // The recordings go beside the reports; occ run --record wants their folder to exist already.
  makeDirectory(input.config.reportDir);
  const cancellation = cancelOnSignals(context.signals ?? process, {
    onFirst: (signal) =>
      printLine(
        context.stdout,
        `${signal}: stopping: the run in progress deletes what it created, then occ compare ends`,
      ),
    onSecond: (signal) => (context.exit ?? process.exit)(signalExitCode(signal)),
  });
  try {
    for (const name of ['reference', 'candidate'] as const) {
      const ran = await runSide(name, input[name], input, context, cancellation.signal);
      // Cancelled: the run in progress cleaned up; exit 130/143 as occ run does, with nothing compared.
      const signal = cancellation.received();
      if (signal)
        throw new OccError(`${signal}: occ compare stopped before comparing.`, {
          exitCode: signalExitCode(signal),
        });
      if (!ran) return undefined;
    }
  } finally {
    cancellation.dispose();
  }
  const dir = input.config.reportDir;
  for (const name of ['reference', 'candidate'] as const)
    if (!existsSync(join(dir, `${name}.har`)))
      throw new OccError(
        `Failed to compare: the ${name} run wrote no recording at ${resolve(dir, `${name}.har`)} (see its --record note above). Pass a --report-dir occ may write to.`,
        { exitCode: 3 },
      );
  return compareAndWrite(
    {
      reference: { label: input.reference.label, har: join(dir, COMPARE_FILES.referenceHar) },
      candidate: { label: input.candidate.label, har: join(dir, COMPARE_FILES.candidateHar) },
      mode: 'live',
    },
    input.config,
  );
}
