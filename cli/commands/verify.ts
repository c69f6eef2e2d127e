import type { Command } from 'commander';
import { verifyPactsStage } from '../../engine/verify-pacts-stage.ts';
import { readConfig } from '../../lib/config.ts';
import { ExitCode } from '../../lib/errors.ts';
import { printLine } from '../../lib/log.ts';
import type { SettingKey } from '../../lib/settings.ts';
import { prepareTarget } from '../../target-setup/prepare-target.ts';
import type { CliContext } from '../context.ts';
import { preflight } from '../preflight.ts';
import { addSettingOptions, settingFlags, TARGET_SETTINGS } from '../setting-options.ts';

const VERIFY_SETTINGS: readonly SettingKey[] = [
  ...TARGET_SETTINGS,
  'apiVersions',
  'orderRef',
  'readOnly',
  'timeoutMs',
  'deadlineMs',
  'ledgerDir',
  'mockFaults',
];

/** Registers `occ verify`: the committed pacts replayed against a target with the Pact Verifier. */
export function registerVerifyCommand(program: Command, context: CliContext): void {
  const command = program
    .command('verify')
    .description(
      'verify the committed pacts (contracts/pacts) against a target; the embedded mock when none',
    );
  addSettingOptions(command, VERIFY_SETTINGS, { baseUrl: 'the API to verify; none: the embedded mock' });
  command.action(async () => {
    const { config, problems } = readConfig(context.env, settingFlags(command, VERIFY_SETTINGS));
    preflight({ ledgerDir: config.ledgerDir, mockFaults: config.mockFaults }, problems);
    const prepared = await prepareTarget(config, {
      log: (line) => printLine(context.stdout, line),
      flags: VERIFY_SETTINGS,
    });
    try {
      const results = await verifyPactsStage({
        context: prepared.context,
        credentials: prepared.credentials,
        config,
        deadlineMs: config.deadlineMs,
      });
      for (const r of results) {
        if (r.skipped !== undefined) printLine(context.stdout, `- ${r.interaction}: skipped, ${r.skipped}`);
        else if (r.inconclusive !== undefined)
          printLine(context.stdout, `? ${r.interaction}: inconclusive, ${r.inconclusive}`);
        else printLine(context.stdout, `${r.passed ? '✓' : '✗'} ${r.interaction}`);
        for (const m of r.mismatches) printLine(context.stdout, `    ${m}`);
      }
      const count = (test: (r: (typeof results)[number]) => boolean) => results.filter(test).length;
      const skipped = count((r) => r.skipped !== undefined);
      const inconclusive = count((r) => r.skipped === undefined && r.inconclusive !== undefined);
      const passed = count((r) => r.passed);
      const failed = results.length - skipped - inconclusive - passed;
      printLine(
        context.stdout,
        `${passed} passed, ${failed} failed, ${inconclusive} inconclusive, ${skipped} skipped`,
      );
      context.exitCode =
        failed > 0
          ? ExitCode.ruleFailed
          : inconclusive > 0 || passed === 0
            ? ExitCode.unreachable
            : ExitCode.ok;
    } finally {
      await prepared.teardown((line) => printLine(context.stdout, line));
    }
  });
}
