import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import pLimit from 'p-limit';
import { ExitCode, OccError } from '../../lib/errors.ts';
import { printLine } from '../../lib/log.ts';
import { RUN_NODE_FLAGS } from '../../lib/node-flags.ts';
import { FAULTS } from '../../mock/index.ts';
import type { ConformanceReport } from '../../reports/index.ts';
import type { CliContext } from '../context.ts';

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

/** The failed rules of a run's report, or undefined when the run wrote none (it crashed: not a verdict). */
function failedRules(dir: string): string[] | undefined {
  try {
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
    return [...new Set(report.rules.filter((r) => r.status === 'failed').map((r) => r.id))].sort();
  } catch {
    return undefined;
  }
}

/** Registers `occ selftest`: the suite against the embedded mock, clean and with each contract fault switched on. */
export function registerSelftestCommand(program: Command, context: CliContext): void {
  program
    .command('selftest')
    .description(
      'mutation test of the suite: run it against the mock clean and with each fault; a survived fault is a gap',
    )
    .option('--fault <names...>', 'only these faults (default: every contract fault)')
    .option(
      '--cases <n>',
      'valid contacts per version in each run (64 keeps every strategy but the country sweep)',
      '64',
    )
    .option('--seed <n>', 'seed of every run', '1')
    .option('--jobs <n>', 'runs at once', String(Math.max(1, Math.min(2, cpus().length))))
    .action(async (options: { fault?: string[]; cases: string; seed: string; jobs: string }) => {
      const known = new Set<string>(FAULTS.map((f) => f.name));
      const unknown = (options.fault ?? []).filter((f) => !known.has(f));
      if (unknown.length > 0)
        throw new OccError(`--fault: unknown ${unknown.join(', ')}; see occ mock --list-faults.`);
      const faults = FAULTS.filter(
        (f) => f.kind === 'contract' && (options.fault === undefined || options.fault.includes(f.name)),
      );
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
              const exitCode = await runOnce([...base, '--report-dir', dir, '--mock-fault', fault.name], env);
              const found = failedRules(dir);
              const caughtBy = found ?? [];
              const verdict = {
                fault: fault.name,
                errored: found === undefined,
                killed: exitCode === ExitCode.ruleFailed && caughtBy.length > 0,
                caughtBy,
                missed: fault.breaks.filter((rule) => !caughtBy.includes(rule)),
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
        const killed = verdicts.filter((v) => v.killed).length;
        printLine(context.stdout, '');
        printLine(context.stdout, `| fault | verdict | caught by |`);
        printLine(context.stdout, `| --- | --- | --- |`);
        for (const v of verdicts)
          printLine(
            context.stdout,
            `| ${v.fault} | ${v.killed ? 'killed' : 'survived'} | ${v.caughtBy.join(', ')} |`,
          );
        printLine(context.stdout, '');
        printLine(
          context.stdout,
          `kill rate ${killed}/${verdicts.length} (${((100 * killed) / Math.max(1, verdicts.length)).toFixed(0)}%); clean mock ${cleanFailures.length === 0 && cleanCode === 0 ? 'passed' : 'FAILED'}`,
        );
        const missed = verdicts.filter((v) => v.missed.length > 0);
        for (const v of missed)
          printLine(context.stdout, `note: ${v.fault} was not reported under ${v.missed.join(', ')}`);
        context.exitCode =
          killed === verdicts.length && cleanCode === 0 && cleanFailures.length === 0
            ? ExitCode.ok
            : ExitCode.ruleFailed;
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
}
