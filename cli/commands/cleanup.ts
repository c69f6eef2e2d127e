import type { Command } from 'commander';
import { cleanupLedgers } from '../../lib/cleanup.ts';
import { type ConfigFlags, loadConfig } from '../../lib/config.ts';
import { ExitCode, OccError } from '../../lib/errors.ts';
import { HttpClient } from '../../lib/http-client.ts';
import { printLine } from '../../lib/log.ts';
import type { CliContext } from '../main.ts';
import { addTargetOptions, targetFlags } from '../target-options.ts';

/** Registers `occ cleanup`: deletes what earlier runs left on a target, from their ledgers. */
export function registerCleanupCommand(program: Command, context: CliContext): void {
  addTargetOptions(
    program
      .command('cleanup')
      .description(
        'delete what killed or earlier runs created on a target (from the ledgers in --ledger-dir)',
      ),
    'the target the runs used',
  )
    .option('--ledger-dir <dir>', 'where the ledgers are (env OCC_LEDGER_DIR, default .occ/ledger)')
    .option('--run <id>', "only this run's ledger")
    .option('--force', 'also clean up after runs that still seem to be alive on this machine')
    .action(async (options: Record<string, unknown>) => {
      const flags: ConfigFlags = {
        ...targetFlags(options),
        ledgerDir: options.ledgerDir as string | undefined,
      };
      const config = loadConfig(context.env, flags);
      if (config.baseUrl === undefined) {
        throw new OccError(
          'occ cleanup needs the target: --base-url (or CDP_BASE_URL) with --client-key and --api-token.',
        );
      }
      const client = new HttpClient({
        baseUrl: config.baseUrl,
        credentials: { clientKey: config.clientKey ?? '', apiToken: config.apiToken ?? '' },
        timeoutMs: config.timeoutMs,
        retries: config.retries,
      });
      try {
        const result = await cleanupLedgers({
          dir: config.ledgerDir,
          client,
          log: (line) => printLine(context.stdout, line),
          ...(typeof options.run === 'string' ? { only: options.run } : {}),
          ...(options.force === true ? { force: true } : {}),
        });
        for (const f of result.failed)
          printLine(context.stdout, `could not delete ${f.kind} ${f.ref}: ${f.reason}`);
        for (const f of result.notDeletable)
          printLine(context.stdout, `left on the target (${f.reason}): ${f.kind} ${f.ref}`);
        for (const s of result.skipped) printLine(context.stdout, `skipped ${s.ledger}: ${s.reason}`);
        printLine(
          context.stdout,
          `${result.deleted} deleted, ${result.alreadyGone} already gone, ${result.failed.length} could not be deleted`,
        );
        context.exitCode = result.failed.length > 0 ? ExitCode.ruleFailed : ExitCode.ok;
      } finally {
        await client.close();
      }
    });
}
