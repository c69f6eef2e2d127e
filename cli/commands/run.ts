import type { Command } from 'commander';
import type { TenantProfile } from '../../contracts/index.ts';
import { preflight } from '../../engine/preflight.ts';
import { estimateOf, perVersionText, requestCapProblem } from '../../engine/request-cap.ts';
import type { PreparedRun } from '../../engine/run-conformance.ts';
import type { RunOutcome } from '../../engine/run-outcome.ts';
import { isLoopbackHost, loadConfig, type OccConfig, readConfig } from '../../lib/config.ts';
import { ExitCode, OccError } from '../../lib/errors.ts';
import { ledgerSummary, removeEmptyLedger } from '../../lib/ledger.ts';
import { type LineSink, printLine } from '../../lib/log.ts';
import type { RunningPrism } from '../../lib/prism.ts';
import { COMPARE_ONLY_SETTINGS, SETTINGS, type SettingKey } from '../../lib/settings.ts';
import { cancelOnSignals } from '../../lib/signal-cancellation.ts';
import { readRunProfile } from '../../profiles/profile-file.ts';
import type { ReportDiff } from '../../reports/diff-reports.ts';
import type { RequestEstimate } from '../../suites/support/request-estimate.ts';
import type { CliContext } from '../context.ts';
import { addSettingOptions, settingFlags } from '../setting-options.ts';
import { exitNowMessage, signalExitCode } from '../signals.ts';

/** Every setting is a flag of occ run, but a team's own pacts (occ verify verifies those) and occ compare's own. */
const RUN_SETTINGS = (Object.keys(SETTINGS) as SettingKey[]).filter(
  (key) =>
    key !== 'ownPactDirs' &&
    key !== 'ownPacts' &&
    !(COMPARE_ONLY_SETTINGS as readonly string[]).includes(key),
);

/** `--shard i/n` as numbers; a malformed or out-of-range value is a usage error naming it. */
export function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count)
    throw new OccError(`--shard: received "${text}", expected i/n with 1 <= i <= n, such as 1/3.`);
  return { index, count };
}

/** Registers `occ run`: the conformance suites against a target, with reports and an exit status for CI. */
export function registerRunCommand(program: Command, context: CliContext): void {
  const command = program
    .command('run')
    .description('run the conformance suites against a target (the embedded mock when no base URL is set)')
    .option(
      '--target <kind>',
      "prism: start Prism mocking the contract's OpenAPI documents and check it (instead of --base-url)",
    )
    .option('--shard <i/n>', 'run only part i of n of the suites (combine the reports with occ merge)')
    .option(
      '--profile <file>',
      'hold the target to a tenant profile (occ profile writes one): its questions are asked again, and its rules checked at MUST as observed on the tenant',
    );
  addSettingOptions(command, RUN_SETTINGS);
  command.action(async (options: { target?: string; shard?: string; profile?: string }) => {
    if (options.target !== undefined && options.target !== 'prism')
      throw new OccError(`--target: received "${options.target}", expected prism (or leave it out).`);
    const flags = settingFlags(command, RUN_SETTINGS);
    if (options.target === 'prism' && (flags.baseUrl !== undefined || context.env.CDP_BASE_URL)) {
      throw new OccError(
        '--target prism starts its own Prism: leave out --base-url and CDP_BASE_URL (or run Prism yourself and pass --base-url).',
      );
    }
    const shard = parseShard(options.shard);
    const loaded = readConfig(context.env, flags);
    let config = loaded.config;
    // Before anything is loaded, started or sent: a refusal takes a second, not a run.
    const { baseline } = preflight(config, loaded.problems);
    const profile =
      options.profile === undefined ? undefined : readRunProfile(options.profile, config, '--profile');
    // Before a far target, and against a cap, the run says what it will cost; above the cap it does not start.
    const remote = config.baseUrl !== undefined && !isLoopbackHost(new URL(config.baseUrl).hostname);
    const suitesEstimate = remote || config.maxRequests !== undefined ? await estimateOf(config) : undefined;
    // Asking the profile's questions again costs about what taking the profile did.
    const estimate = suitesEstimate && profile ? withProfile(suitesEstimate, profile) : suitesEstimate;
    const overCap = estimate ? await requestCapProblem(config, estimate) : undefined;
    if (overCap) throw new OccError(overCap);
    // The engine (vitest, Pact, the mock) and the writers load only for a run that will happen.
    // The first line comes before the engine (vitest, Pact, the mock) loads: a second or two on a small machine.
    if (options.target !== 'prism') printStart(context.stdout, config, estimate);
    const [
      { executeRun },
      { reportOf },
      { startPrism },
      { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY },
      { diffReports },
      { runExitStatus },
      { liveProgress },
      { printSummary },
      { writeRunReports },
    ] = await Promise.all([
      import('../../engine/run-conformance.ts'),
      import('../../engine/run-report.ts'),
      import('../../lib/prism.ts'),
      import('../../mock/options.ts'),
      import('../../reports/diff-reports.ts'),
      import('../exit-status.ts'),
      import('../progress-line.ts'),
      import('../run-summary.ts'),
      import('../write-run-reports.ts'),
    ]);
    let prism: RunningPrism | undefined;
    let prepared: PreparedRun | undefined;
    const cancellation = cancelOnSignals(context.signals ?? process, {
      onFirst: (signal) =>
        printLine(
          context.stdout,
          `${signal}: stopping: waiting for the requests in flight, then deleting what this run created (send it again to exit at once)`,
        ),
      onSecond: (signal) => {
        const where = {
          baseUrl: prepared?.baseUrl ?? config.baseUrl,
          ledgerPath: prepared?.ledgerPath,
          ledgerDir: config.ledgerDir,
          embeddedMock: config.baseUrl === undefined && options.target === undefined,
        };
        printLine(context.stderr, exitNowMessage(signal, where, ledgerSummary));
        if (prepared?.ledgerPath !== undefined) removeEmptyLedger(prepared.ledgerPath);
        (context.exit ?? process.exit)(signalExitCode(signal));
      },
    });
    try {
      if (options.target === 'prism') {
        prism = await startPrism({
          versions: config.apiVersions,
          log: (line) => printLine(context.stdout, line),
        });
        // Prism checks that Basic credentials are sent, not what they are: the embedded mock's defaults do.
        config = loadConfig(context.env, {
          ...flags,
          baseUrl: prism.url,
          clientKey: flags.clientKey ?? DEFAULT_CLIENT_KEY,
          apiToken: flags.apiToken ?? DEFAULT_API_TOKEN,
        });
      }
      // Prism's URL is known only now; any other run said where it goes before loading the engine.
      if (prism) printStart(context.stdout, config, estimate);
      const progress = liveProgress(context.stdout);
      const outcome = await executeRun({
        config,
        log: (line) => printLine(progress, line),
        progress,
        signal: cancellation.signal,
        onPrepared: (run) => {
          prepared = run;
        },
        ...(shard ? { shard } : {}),
        ...(prism ? { targetKind: 'prism' as const } : {}),
        ...(profile ? { profile } : {}),
      }).finally(() => progress.stop());
      if (outcome.stopped.kind === 'unreachable') printLine(context.stdout, outcome.stopped.message);
      for (const r of outcome.pactResults) printLine(context.stdout, pactLine(r));
      const report = reportOf(outcome, config, shard);
      const written = writeRunReports(
        report,
        config.reportDir,
        { env: context.env, secrets: [config.clientKey, config.apiToken] },
        context.stderr,
      );
      const diff = baseline === undefined ? undefined : diffReports(baseline, report);
      if (diff) printBaselineDiff(context.stdout, config, diff);
      printSummary(context.stdout, report, written.dir);
      context.exitCode = runExitStatus(
        report,
        outcome,
        diff ? { diff, failOn: config.failOn } : undefined,
        cancellation.received(),
      );
      // The verdict stands, but a green gate without its reports where CI looks for them is not green.
      if (written.failed && context.exitCode === ExitCode.ok) context.exitCode = ExitCode.usage;
    } finally {
      cancellation.dispose();
      await prism?.close();
    }
  });
}

function withProfile(estimate: RequestEstimate, profile: TenantProfile): RequestEstimate {
  const version = profile.apiVersion;
  return {
    total: estimate.total + profile.requests,
    perVersion: { ...estimate.perVersion, [version]: (estimate.perVersion[version] ?? 0) + profile.requests },
  };
}

function pactLine(r: RunOutcome['pactResults'][number]): string {
  if (r.skipped !== undefined) return `- pact ${r.interaction}: skipped, ${r.skipped}`;
  if (r.inconclusive !== undefined) return `? pact ${r.interaction}: inconclusive, ${r.inconclusive}`;
  return `${r.passed ? '✓' : '✗'} pact ${r.interaction}${r.passed ? '' : `: ${r.mismatches[0] ?? ''}`}`;
}

function printStart(out: LineSink, config: OccConfig, estimate: RequestEstimate | undefined): void {
  printHeader(out, config);
  if (estimate)
    printLine(
      out,
      `estimated requests: about ${estimate.total} (${perVersionText(estimate)})${config.maxRequests !== undefined ? `, at most ${config.maxRequests} (--max-requests)` : ''}`,
    );
}

function printHeader(out: LineSink, config: OccConfig): void {
  printLine(out, `seed ${config.seed} (replay with --seed ${config.seed})`);
  printLine(
    out,
    `target ${config.baseUrl ?? 'the embedded mock'} · API ${config.apiVersions.join(', ')}${config.strict ? ' · strict' : ''}`,
  );
}

function printBaselineDiff(out: LineSink, config: OccConfig, diff: ReportDiff): void {
  printLine(
    out,
    `against the baseline ${config.baseline}: ${diff.regressions.length} regressions, ${diff.fixes.length} fixes`,
  );
  for (const r of diff.regressions)
    printLine(out, `  regression ${r.id} (${r.apiVersion}): ${r.from} -> ${r.to}`);
}
