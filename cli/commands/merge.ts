import type { Command } from 'commander';
import { ExitCode, OccError } from '../../lib/errors.ts';
import { printLine } from '../../lib/log.ts';
import { MergeError, mergeReports, readReport, writeReports } from '../../reports/index.ts';
import type { CliContext } from '../context.ts';
import { reportFileValidator } from './diff.ts';

/** Where `occ merge` writes when no --report-dir is given. */
export const DEFAULT_MERGE_DIR = 'reports/out/merged';

const VERDICT_EXIT = {
  passed: ExitCode.ok,
  failed: ExitCode.ruleFailed,
  // Too few usable answers to vouch for a pass: not green, and not a finding either, so the unreachable status.
  inconclusive: ExitCode.unreachable,
  unreachable: ExitCode.unreachable,
} as const;

/** Registers `occ merge DIR...`: one report from the partial reports of a sharded run, in all four formats. */
export function registerMergeCommand(program: Command, context: CliContext): void {
  program
    .command('merge')
    .description('merge the partial reports of a sharded run into one report (json, xml, html, md)')
    .argument('<reports...>', 'folders holding a conformance.json, or conformance.json files')
    .option('--report-dir <dir>', 'where the merged reports go', DEFAULT_MERGE_DIR)
    .addHelpText(
      'after',
      "\nExit status: the merged run's, as occ run's: 0 passed, 1 a rule failed, 3 unreachable or inconclusive; 2 unreadable, invalid or unrelated reports.",
    )
    .action((paths: string[], options: { reportDir: string }) => {
      const reports = paths.map((path) => readReport(path, reportFileValidator(), 'the shard report'));
      let merged: ReturnType<typeof mergeReports>;
      try {
        merged = mergeReports(reports);
      } catch (error) {
        if (error instanceof MergeError) throw new OccError(error.message, { cause: error });
        throw error;
      }
      const secrets = [context.env.CDP_CLIENT_KEY, context.env.CDP_API_TOKEN];
      const written = writeReports(merged, options.reportDir, { env: context.env, secrets });
      const { summary } = merged;
      printLine(
        context.stdout,
        `merged ${reports.length} report${reports.length === 1 ? '' : 's'} of run ${merged.runId}: ${merged.verdict.toUpperCase()}, ${summary.passed} passed, ${summary.failed} failed, ${summary.warned} warned, ${summary.skipped} skipped${summary.inconclusive ? `, ${summary.inconclusive} inconclusive` : ''}`,
      );
      for (const note of merged.notes ?? []) printLine(context.stdout, `note: ${note}`);
      printLine(
        context.stdout,
        `reports: ${written.json.replace(/conformance\.json$/, 'conformance.{json,xml,html,md}')}`,
      );
      context.exitCode = VERDICT_EXIT[merged.verdict];
    });
}
