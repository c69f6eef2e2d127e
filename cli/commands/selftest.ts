import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import pLimit from 'p-limit';
import { ruleCatalogue } from '../../contracts/index.ts';
import { unknownNameProblems } from '../../engine/preflight.ts';
import { ConfigError, ExitCode, OccError } from '../../lib/errors.ts';
import { printLine } from '../../lib/log.ts';
import { RUN_NODE_FLAGS } from '../../lib/node-flags.ts';
import { FAULTS, VARIANTS } from '../../mock/index.ts';
import type { ConformanceReport } from '../../reports/index.ts';
import type { CliContext } from '../context.ts';

/** True when the rule is a MUST in some API version (the smoke tier checks those). */
function isMustSomewhere(id: string): boolean {
  const rule = ruleCatalogue().find((r) => r.id === id);
  return rule !== undefined && Object.values(rule.levels).includes('MUST');
}

const BIN = fileURLToPath(new URL('../../bin/occ.js', import.meta.url));

/** The verdict of the suite on one fault of the mock. */
export interface FaultVerdict {
  readonly fault: string;
  readonly killed: boolean;
  /** True when the run ended without a report: neither killed nor survived, it must be run again. */
  readonly errored: boolean;
  /** Failed rules (with --strict every broken rule fails). */
  readonly caughtBy: readonly string[];
  /** Rules the fault's definition says must be reported, that were not. */
  readonly missed: readonly string[];
  readonly exitCode: number | null;
}

function runOnce(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...RUN_NODE_FLAGS, BIN, ...args], { env, stdio: 'ignore' });
    child.on('close', (code) => resolve(code));
  });
}

/** The verdict of the suite on one conformant variant of the mock: every failed rule is a false alarm. */
export interface VariantVerdict {
  readonly variant: string;
  readonly exitCode: number | null;
  readonly errored: boolean;
  readonly falseAlarms: readonly string[];
  readonly inconclusive: readonly string[];
  readonly settled: readonly string[];
}

function readRun(dir: string): ConformanceReport | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
  } catch {
    return undefined;
  }
}

const idsWhere = (report: ConformanceReport, keep: (r: ConformanceReport['rules'][number]) => boolean) =>
  [...new Set(report.rules.filter(keep).map((r) => `${r.id} (${r.apiVersion})`))].sort();

/** The failed rules of a run's report, or undefined when the run wrote none (it crashed: not a verdict). */
function failedRules(dir: string): string[] | undefined {
  const report = readRun(dir);
  return report && [...new Set(report.rules.filter((r) => r.status === 'failed').map((r) => r.id))].sort();
}

/** Registers `occ selftest`: the suite against the embedded mock, clean and with each contract fault switched on. */
export function registerSelftestCommand(program: Command, context: CliContext): void {
  program
    .command('selftest')
    .description(
      'mutation test of the suite: the mock clean, with each fault (a survivor is a gap) and as each conformant variant (a failed rule is a false alarm)',
    )
    .option('--fault <names...>', 'only these faults (default: every contract fault)')
    .option('--variant <names...>', 'only these conformant variants (default: every variant)')
    .option('--no-variants', 'run the faults only')
    .option(
      '--cases <n>',
      'valid contacts per version in each run (64 keeps every strategy but the country sweep)',
      '64',
    )
    .option('--seed <n>', 'seed of every run', '1')
    .option(
      '--tier <tier>',
      "smoke: run the smoke tier, and hold it to the faults that break a MUST rule (the others are the full tier's)",
      'full',
    )
    .option('--jobs <n>', 'runs at once', String(Math.max(1, Math.min(2, cpus().length))))
    .action(
      async (options: {
        fault?: string[];
        variant?: string[];
        variants: boolean;
        cases: string;
        seed: string;
        tier: string;
        jobs: string;
      }) => {
        if (options.tier !== 'smoke' && options.tier !== 'full')
          throw new OccError(`--tier: received "${options.tier}", expected smoke or full.`);
        const smoke = options.tier === 'smoke';
        const problems = [
          ...unknownNameProblems(
            '--fault',
            options.fault ?? [],
            FAULTS.map((f) => f.name),
            'a fault of the mock',
            'occ mock --list-faults',
          ),
          ...unknownNameProblems(
            '--variant',
            options.variant ?? [],
            VARIANTS.map((v) => v.name),
            'a variant of the mock',
            'occ mock --list-variants',
          ),
        ];
        if (problems.length > 0) throw new ConfigError(problems);
        // Naming some faults (or variants) runs just those: the other set only when it is named too, or nothing is.
        const onlyVariants = options.variant !== undefined && options.fault === undefined;
        const chosen = FAULTS.filter(
          (f) =>
            !onlyVariants &&
            f.kind === 'contract' &&
            (options.fault === undefined || options.fault.includes(f.name)),
        );
        // The smoke tier claims every MUST rule: a fault that breaks only SHOULD rules is the full tier's to find.
        const faults = smoke ? chosen.filter((f) => f.breaks.some(isMustSomewhere)) : chosen;
        const leftToFull = chosen.filter((f) => !faults.includes(f));
        const variants =
          !options.variants || (options.fault !== undefined && options.variant === undefined)
            ? []
            : VARIANTS.filter((v) => options.variant === undefined || options.variant.includes(v.name));
        const jobs = Number(options.jobs);
        if (!Number.isInteger(jobs) || jobs < 1)
          throw new OccError(`--jobs: received "${options.jobs}", expected a whole number above 0.`);
        const env = Object.fromEntries(
          Object.entries(context.env).filter(([k]) => !/^(CDP_|OCC_)/.test(k)),
        ) as NodeJS.ProcessEnv;
        const root = mkdtempSync(join(tmpdir(), 'occ-selftest-'));
        const base = [
          'run',
          '--strict',
          '--seed',
          options.seed,
          '--cases',
          options.cases,
          '--ledger-dir',
          join(root, 'ledger'),
          '--tier',
          options.tier,
        ];
        try {
          const cleanDir = join(root, 'clean');
          const cleanCode = await runOnce([...base, '--report-dir', cleanDir], env);
          const cleanFailures = failedRules(cleanDir) ?? ['(no report)'];
          printLine(
            context.stdout,
            `clean mock: exit ${cleanCode}, ${cleanFailures.length} failed rules${cleanFailures.length ? ` (${cleanFailures.join(', ')})` : ''}`,
          );
          const limit = pLimit(jobs);
          const verdicts = await Promise.all(
            faults.map((fault) =>
              limit(async (): Promise<FaultVerdict> => {
                const dir = join(root, fault.name);
                const exitCode = await runOnce(
                  [...base, '--report-dir', dir, '--mock-fault', fault.name],
                  env,
                );
                const found = failedRules(dir);
                const caughtBy = found ?? [];
                const verdict = {
                  fault: fault.name,
                  errored: found === undefined,
                  killed: exitCode === ExitCode.ruleFailed && caughtBy.length > 0,
                  caughtBy,
                  missed: fault.breaks.filter(
                    (rule) => !caughtBy.includes(rule) && (!smoke || isMustSomewhere(rule)),
                  ),
                  exitCode,
                };
                printLine(
                  context.stdout,
                  `${verdict.killed ? 'killed  ' : 'SURVIVED'} ${fault.name}: ${caughtBy.join(', ') || '-'}`,
                );
                return verdict;
              }),
            ),
          );
          const variantVerdicts = await Promise.all(
            variants.map((variant) =>
              limit(async (): Promise<VariantVerdict> => {
                const dir = join(root, `variant-${variant.name}`);
                // Not strict: a conformant variant may break an inferred (SHOULD) rule; only a failed rule is a
                // false alarm.
                const args = base.filter((a) => a !== '--strict');
                const exitCode = await runOnce(
                  [...args, '--report-dir', dir, '--mock-variant', variant.name],
                  env,
                );
                const report = readRun(dir);
                const verdict: VariantVerdict = {
                  variant: variant.name,
                  exitCode,
                  errored: report === undefined,
                  falseAlarms: report ? idsWhere(report, (r) => r.status === 'failed') : [],
                  inconclusive: report ? idsWhere(report, (r) => r.status === 'inconclusive') : [],
                  settled: report ? idsWhere(report, (r) => r.passedAfterSettling === true) : [],
                };
                const mark = verdict.errored
                  ? 'ERROR   '
                  : verdict.falseAlarms.length > 0
                    ? 'ALARM   '
                    : 'quiet   ';
                printLine(
                  context.stdout,
                  `${mark} variant ${variant.name}: exit ${exitCode}, ${verdict.falseAlarms.length} false alarms${verdict.falseAlarms.length ? ` (${verdict.falseAlarms.join(', ')})` : ''}`,
                );
                return verdict;
              }),
            ),
          );
          const killed = verdicts.filter((v) => v.killed).length;
          const byOwnRules = verdicts.filter((v) => v.killed && v.missed.length === 0).length;
          const falseAlarms = variantVerdicts.reduce((n, v) => n + v.falseAlarms.length, 0);
          printLine(context.stdout, '');
          if (verdicts.length > 0) {
            printLine(context.stdout, `| fault | verdict | caught by |`);
            printLine(context.stdout, `| --- | --- | --- |`);
            for (const v of verdicts)
              printLine(
                context.stdout,
                `| ${v.fault} | ${v.killed ? 'killed' : 'survived'} | ${v.caughtBy.join(', ')} |`,
              );
            printLine(context.stdout, '');
          }
          if (variantVerdicts.length > 0) {
            printLine(
              context.stdout,
              `| variant | exit | false alarms (failed rules) | inconclusive | passed after settling |`,
            );
            printLine(context.stdout, `| --- | --- | --- | --- | --- |`);
            for (const v of variantVerdicts)
              printLine(
                context.stdout,
                `| ${v.variant} | ${v.errored ? 'no report' : v.exitCode} | ${v.falseAlarms.join(', ') || '0'} | ${v.inconclusive.length} | ${v.settled.length} |`,
              );
            printLine(context.stdout, '');
          }
          printLine(
            context.stdout,
            `faults killed ${killed}/${verdicts.length} (${((100 * killed) / Math.max(1, verdicts.length)).toFixed(0)}%), ${byOwnRules} by every rule they name; false alarms ${falseAlarms} (rules failed on ${variantVerdicts.filter((v) => v.falseAlarms.length > 0).length} of ${variantVerdicts.length} conformant variants); clean mock ${cleanFailures.length === 0 && cleanCode === 0 ? 'passed' : 'FAILED'}`,
          );
          if (leftToFull.length > 0)
            printLine(
              context.stdout,
              `note: smoke tier: ${leftToFull.length} faults break SHOULD rules only and are left to the full tier (${leftToFull.map((f) => f.name).join(', ')})`,
            );
          const missed = verdicts.filter((v) => v.missed.length > 0);
          for (const v of missed)
            printLine(context.stdout, `note: ${v.fault} was not reported under ${v.missed.join(', ')}`);
          for (const v of variantVerdicts.filter((x) => x.exitCode !== 0 && x.falseAlarms.length === 0))
            printLine(
              context.stdout,
              `note: variant ${v.variant} raised no false alarm but exited ${v.exitCode}${v.inconclusive.length ? ` (${v.inconclusive.length} inconclusive rules)` : ''}`,
            );
          context.exitCode =
            killed === verdicts.length &&
            cleanCode === 0 &&
            cleanFailures.length === 0 &&
            falseAlarms === 0 &&
            variantVerdicts.every((v) => !v.errored)
              ? ExitCode.ok
              : ExitCode.ruleFailed;
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      },
    );
}
