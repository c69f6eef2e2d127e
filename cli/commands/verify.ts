import type { Command } from 'commander';
import { preflight } from '../../engine/preflight.ts';
import { verifyPactsStage } from '../../engine/verify-pacts-stage.ts';
import { readConfig } from '../../lib/config.ts';
import { ExitCode } from '../../lib/errors.ts';
import { startRunRecording } from '../../lib/har/run-recording.ts';
import { printLine } from '../../lib/log.ts';
import type { SettingKey } from '../../lib/settings.ts';
import { readOwnPacts } from '../../suites/pact/own-pacts.ts';
import { newRunId, prepareTarget } from '../../target-setup/prepare-target.ts';
import type { CliContext } from '../context.ts';
import { addSettingOptions, settingFlags, TARGET_SETTINGS } from '../setting-options.ts';
import { resultLines, tally } from '../verify-summary.ts';

const VERIFY_SETTINGS: readonly SettingKey[] = [
  ...TARGET_SETTINGS,
  'apiVersions',
  'orderRef',
  'readOnly',
  'timeoutMs',
  'deadlineMs',
  'concurrency',
  'rps',
  'ledgerDir',
  'mockFaults',
  'mockVariants',
  'ownPactDirs',
  'ownPacts',
  'record',
];

/**
 * Registers `occ verify`: the committed pacts, or a team's own (--pact-dir, --pact), replayed against a target with
 * the Pact Verifier and cross-checked against the contract.
 */
export function registerVerifyCommand(program: Command, context: CliContext): void {
  const command = program
    .command('verify')
    .description(
      'verify the committed pacts (contracts/pacts), or your own (--pact-dir, --pact), against a target (the embedded mock when none) and against the contract',
    );
  addSettingOptions(command, VERIFY_SETTINGS, { baseUrl: 'the API to verify; none: the embedded mock' });
  command.action(async () => {
    const { config, problems } = readConfig(context.env, settingFlags(command, VERIFY_SETTINGS));
    const own = config.ownPactDirs.length > 0 || config.ownPacts.length > 0;
    // A team's pacts are read and refused before anything starts: a wrong path costs a second, not a target set-up.
    const { pacts, problems: pactProblems } = own
      ? readOwnPacts(config.ownPactDirs, config.ownPacts)
      : { pacts: [], problems: [] };
    preflight(
      {
        ledgerDir: config.ledgerDir,
        record: config.record,
        mockFaults: config.mockFaults,
        mockVariants: config.mockVariants,
      },
      [...problems, ...pactProblems],
    );
    if (own) {
      const count = pacts.reduce((n, p) => n + p.interactions.length, 0);
      printLine(
        context.stdout,
        `verifying ${count} interactions of ${pacts.length} pact files: ${pacts.map((p) => `${p.file} (${p.consumer} → ${p.provider}, Pact V${p.specification})`).join(', ')}`,
      );
    }
    const started = new Date();
    const runId = newRunId(started);
    const recorded = startRunRecording(config, runId);
    const finishRecording = async (baseUrl: string): Promise<void> => {
      const result = await recorded?.finish(baseUrl, started);
      for (const line of [result?.line, result?.note]) if (line) printLine(context.stdout, line);
    };
    const prepared = await prepareTarget(config, {
      log: (line) => printLine(context.stdout, line),
      flags: VERIFY_SETTINGS,
      runId,
      ...(recorded ? { observer: recorded.recording } : {}),
    }).catch(async (error: unknown) => {
      await finishRecording(config.baseUrl ?? '');
      throw error;
    });
    try {
      const results = await verifyPactsStage({
        context: prepared.context,
        credentials: prepared.credentials,
        config,
        deadlineMs: config.deadlineMs,
        ...(own ? { ownPacts: pacts.map((p) => p.file) } : {}),
      });
      for (const r of results) for (const line of resultLines(r)) printLine(context.stdout, line);
      const { passed, failed, inconclusive, skipped } = tally(results);
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
      recorded?.recording.setStage('teardown');
      await prepared.teardown((line) => printLine(context.stdout, line));
      await finishRecording(prepared.context.baseUrl);
    }
  });
}
