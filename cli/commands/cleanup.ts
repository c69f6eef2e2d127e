import type { Command } from 'commander';
import { cleanupLedgers } from '../../lib/cleanup.ts';
import { loadConfig } from '../../lib/config.ts';
import { ExitCode, OccError } from '../../lib/errors.ts';
import { printLine } from '../../lib/log.ts';
import type { SettingKey } from '../../lib/settings.ts';
import { credentialsFor } from '../../target-setup/credentials.ts';
import { createTargetHttp } from '../../target-setup/target-http.ts';
import type { CliContext } from '../context.ts';
import { addSettingOptions, settingFlags, TARGET_SETTINGS } from '../setting-options.ts';

const CLEANUP_SETTINGS: readonly SettingKey[] = [...TARGET_SETTINGS, 'ledgerDir', 'timeoutMs', 'retries'];

/** Registers `occ cleanup`: deletes what earlier runs left on a target, from their ledgers. */
export function registerCleanupCommand(program: Command, context: CliContext): void {
  const command = program
    .command('cleanup')
    .description('delete what killed or earlier runs created on a target (from the ledgers in --ledger-dir)')
    .option('--run <id>', "only this run's ledger")
    .option('--force', 'also clean up after runs that still seem to be alive on this machine');
  addSettingOptions(command, CLEANUP_SETTINGS, {
    baseUrl: 'the target the runs used',
    ledgerDir: 'where the ledgers are (default .occ/ledger)',
  });
  command.action(async (options: Record<string, unknown>) => {
    const config = loadConfig(context.env, settingFlags(command, CLEANUP_SETTINGS));
    if (config.baseUrl === undefined) {
      throw new OccError(
        'occ cleanup needs the target: --base-url (or CDP_BASE_URL) with --client-key and --api-token.',
      );
    }
    const client = createTargetHttp({
      baseUrl: config.baseUrl,
      credentials: credentialsFor(config),
      settings: config,
      proxy: config.proxy,
    });
    try {
      const result = await cleanupLedgers({
        dir: config.ledgerDir,
        client,
        log: (line) => printLine(context.stdout, line),
        ...(typeof options.run === 'string' ? { only: options.run } : {}),
        ...(options.force === true ? { force: true } : {}),
      });
      // Each failure, leftover and skipped ledger was logged as cleanup met it: only the totals are left to say.
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
