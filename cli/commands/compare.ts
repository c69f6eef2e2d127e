import type { Command } from 'commander';
import { preflight } from '../../engine/preflight.ts';
import { type ConfigFlags, readConfig } from '../../lib/config.ts';
import { ConfigError, ExitCode } from '../../lib/errors.ts';
import { printLine } from '../../lib/log.ts';
import { COMPARE_SETTINGS, type CompareTarget, parseCompareTarget } from '../compare-options.ts';
import { printCompareSummary } from '../compare-summary.ts';
import type { CliContext } from '../context.ts';
import { addSettingOptions, settingFlags } from '../setting-options.ts';

interface CompareOptions {
  readonly reference?: string;
  readonly candidate?: string;
  readonly referenceHar?: string;
  readonly candidateHar?: string;
}

/** Which mode the flags ask for, or every problem with them (exit 2, before anything is read or sent). */
function modeOf(options: CompareOptions): { live: boolean; problems: string[] } {
  const live = options.reference !== undefined || options.candidate !== undefined;
  const offline = options.referenceHar !== undefined || options.candidateHar !== undefined;
  const problems: string[] = [];
  if (live && offline)
    problems.push(
      'Pass either --reference and --candidate (two targets to run) or --reference-har and --candidate-har (two recordings), not both.',
    );
  else if (!live && !offline)
    problems.push(
      'Nothing to compare: pass --reference and --candidate (each a URL, embedded or prism), or --reference-har and --candidate-har (two HAR files of occ run --record).',
    );
  else if (live) {
    if (options.reference === undefined)
      problems.push('--reference is missing: the target --candidate is compared with.');
    if (options.candidate === undefined)
      problems.push('--candidate is missing: the target compared with --reference.');
  } else {
    if (options.referenceHar === undefined)
      problems.push('--reference-har is missing: it goes with --candidate-har.');
    if (options.candidateHar === undefined)
      problems.push('--candidate-har is missing: it goes with --reference-har.');
  }
  return { live, problems };
}

/** The environment without a base URL: occ compare's targets are its two flags, never CDP_BASE_URL. */
function withoutBaseUrl(env: CliContext['env']): CliContext['env'] {
  const { CDP_BASE_URL: _ignored, ...rest } = env;
  return rest;
}

/**
 * Registers `occ compare`: the same seeded requests sent to a reference and a candidate (or two recordings of them
 * given), the exchanges paired and normalised, and every difference left reported, with a fidelity score.
 */
export function registerCompareCommand(program: Command, context: CliContext): void {
  const command = program
    .command('compare')
    .description(
      'send the same seeded requests to a reference and a candidate target (or read two recordings) and report how the candidate differs',
    )
    .option(
      '--reference <target>',
      'the target to compare with: a URL, embedded (the embedded mock) or prism',
    )
    .option('--candidate <target>', 'the target compared: a URL, embedded or prism')
    .option(
      '--reference-har <file>',
      'compare recordings instead: the reference run, as occ run --record wrote it',
    )
    .option('--candidate-har <file>', "the candidate run's recording (with --reference-har)");
  addSettingOptions(command, COMPARE_SETTINGS, {
    reportDir: 'where compare.json, compare.md and compare.html go (and, live, the two recordings and runs)',
  });
  command.addHelpText(
    'after',
    '\nExit status: 0 fidelity at or above --min-fidelity (default 1: any difference fails), 1 below it, 2 bad usage or an unreadable recording, 3 a target could not be run.',
  );
  command.action(async (options: CompareOptions) => {
    const { live, problems } = modeOf(options);
    const targets = live
      ? (
          [
            ['--reference', options.reference],
            ['--candidate', options.candidate],
          ] as const
        ).map(([flag, text]) => (text === undefined ? undefined : parseCompareTarget(flag, text)))
      : [];
    for (const target of targets) if (typeof target === 'string') problems.push(target);
    const flags: ConfigFlags = settingFlags(command, COMPARE_SETTINGS);
    const loaded = readConfig(withoutBaseUrl(context.env), flags);
    // Before anything is read, started or sent: a refusal takes a second, not two runs.
    if (problems.length > 0) throw new ConfigError([...problems, ...loaded.problems]);
    preflight({ reportDir: loaded.config.reportDir }, loaded.problems);
    const config = loaded.config;
    const { compareAndWrite } = await import('../compare-reports.ts');
    const report = live
      ? await (await import('../compare-live.ts')).compareLive(
          {
            reference: { label: options.reference ?? '', target: targets[0] as CompareTarget },
            candidate: { label: options.candidate ?? '', target: targets[1] as CompareTarget },
            config,
            flags,
            env: withoutBaseUrl(context.env),
          },
          context,
        )
      : compareAndWrite(
          {
            reference: { label: options.referenceHar ?? '', har: options.referenceHar ?? '' },
            candidate: { label: options.candidateHar ?? '', har: options.candidateHar ?? '' },
            mode: 'recordings',
          },
          config,
        );
    if (report === undefined) {
      context.exitCode = ExitCode.unreachable;
      return;
    }
    printCompareSummary(context.stdout, report.report, report.dir);
    context.exitCode = report.report.passed ? ExitCode.ok : ExitCode.ruleFailed;
    if (report.report.summary.exchanges === 0)
      printLine(context.stdout, 'nothing was compared: see the notes');
  });
}
