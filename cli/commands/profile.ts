import type { Command } from 'commander';
import { loadConfig } from '../../lib/config.ts';
import { ExitCode, OccError } from '../../lib/errors.ts';
import { printLine } from '../../lib/log.ts';
import type { SettingKey } from '../../lib/settings.ts';
import { PROFILE_QUESTIONS, profileTarget, writeProfile } from '../../profiles/index.ts';
import { credentialsFor } from '../../target-setup/credentials.ts';
import { newRunId } from '../../target-setup/prepare-target.ts';
import type { CliContext } from '../context.ts';
import { addSettingOptions, settingFlags, TARGET_SETTINGS } from '../setting-options.ts';

const PROFILE_SETTINGS: readonly SettingKey[] = [
  ...TARGET_SETTINGS,
  'readOnly',
  'ledgerDir',
  'timeoutMs',
  'retries',
  'rps',
];

function questionsHelp(): string {
  return PROFILE_QUESTIONS.map(
    (q) => `  ${q.id} (${q.rules.join(', ')}): ${q.question} ${q.answers.map((a) => a.id).join(' | ')}`,
  ).join('\n');
}

/** Registers `occ profile`: asks a tenant what it does where the vendor is silent, and writes the answers. */
export function registerProfileCommand(program: Command, context: CliContext): void {
  const command = program
    .command('profile')
    .description(
      'probe what a tenant does where the vendor is silent or ambiguous, and write it as a profile (for occ mock --profile and occ run --profile)',
    )
    .requiredOption('--out <file>', 'where to write the profile, e.g. tenant.profile.json')
    .addHelpText('after', `\nThe questions (first answer: the reference mock's):\n${questionsHelp()}\n`);
  addSettingOptions(command, PROFILE_SETTINGS, {
    baseUrl: 'the tenant to profile',
    readOnly: 'refused: profiling creates and deletes an order and contacts of its own',
  });
  command.action(async (options: { out: string }) => {
    const config = loadConfig(context.env, settingFlags(command, PROFILE_SETTINGS));
    if (config.baseUrl === undefined)
      throw new OccError(
        'occ profile needs the target: --base-url (or CDP_BASE_URL) with --client-key and --api-token.',
      );
    // Before any request: every probe but one writes, and a read-only client would only fail them one by one.
    if (config.readOnly)
      throw new OccError(
        'occ profile creates an order and contacts of its own (and deletes them): it cannot run in read-only mode. Leave out --read-only / OCC_READ_ONLY.',
      );
    printLine(
      context.stdout,
      `profiling ${new URL(config.baseUrl).origin}: ${PROFILE_QUESTIONS.length} questions`,
    );
    const { profile, requests, cleanup } = await profileTarget({
      baseUrl: config.baseUrl,
      credentials: credentialsFor(config),
      settings: config,
      proxy: config.proxy,
      ledgerDir: config.ledgerDir,
      runId: newRunId(new Date()),
      now: new Date(),
      log: (line) => printLine(context.stdout, line),
      flags: PROFILE_SETTINGS,
    });
    for (const entry of profile.entries)
      printLine(
        context.stdout,
        `  ${entry.question}: ${entry.answer}${entry.detail ? ` (${entry.detail})` : ''} [${entry.rules.join(', ')}]`,
      );
    writeProfile(options.out, profile);
    printLine(
      context.stdout,
      `${requests} requests; ${cleanup.deleted} deleted, ${cleanup.failed.length} could not be deleted; wrote ${options.out}`,
    );
    for (const failed of cleanup.failed)
      printLine(context.stderr, `could not delete ${failed} (occ cleanup retries)`);
    context.exitCode = cleanup.failed.length > 0 ? ExitCode.ruleFailed : ExitCode.ok;
  });
}
