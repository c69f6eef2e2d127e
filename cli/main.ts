import { Command, CommanderError } from 'commander';
import { ExitCode, OccError } from '../lib/errors.ts';
import { printLine } from '../lib/log.ts';
import packageJson from '../package.json' with { type: 'json' };
import type { CliContext } from './context.ts';

/** Each command's module, loaded only when needed: `occ run` should not carry the generators or the mock server. */
const COMMANDS: Readonly<Record<string, () => Promise<(program: Command, context: CliContext) => void>>> = {
  run: async () => (await import('./commands/run.ts')).registerRunCommand,
  rules: async () => (await import('./commands/rules.ts')).registerRulesCommand,
  generate: async () => (await import('./commands/generate.ts')).registerGenerateCommand,
  mock: async () => (await import('./commands/mock.ts')).registerMockCommand,
  profile: async () => (await import('./commands/profile.ts')).registerProfileCommand,
  verify: async () => (await import('./commands/verify.ts')).registerVerifyCommand,
  diff: async () => (await import('./commands/diff.ts')).registerDiffCommand,
  compare: async () => (await import('./commands/compare.ts')).registerCompareCommand,
  merge: async () => (await import('./commands/merge.ts')).registerMergeCommand,
  cleanup: async () => (await import('./commands/cleanup.ts')).registerCleanupCommand,
  replay: async () => (await import('./commands/replay.ts')).registerReplayCommand,
  selftest: async () => (await import('./commands/selftest.ts')).registerSelftestCommand,
};

const VERSION_FLAGS: ReadonlySet<string> = new Set(['-V', '--version']);

/**
 * Builds the occ program: with the name of a known command, that command alone (the others' modules are not
 * loaded); otherwise (help, no command, a typo) every command, so help and suggestions list them all.
 */
export async function buildProgram(context: CliContext, command?: string): Promise<Command> {
  const program = new Command('occ')
    .description('Conformance suite, contracts and mock server for the Sitecore CDP Order contact REST API')
    .version(packageJson.version, '-V, --version', 'print the version of occ')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    });
  // Own keys only: `occ toString` is a typo to report, not Object.prototype.toString to call.
  const only = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  // The version needs no command: loading them all would triple the time `occ -V` takes.
  const loads = only ? [only] : VERSION_FLAGS.has(command ?? '') ? [] : Object.values(COMMANDS);
  for (const load of loads) (await load())(program, context);
  return program;
}

/** Runs occ with these arguments and returns the exit status. */
export async function main(
  argv: readonly string[],
  context: CliContext = { stdout: process.stdout, stderr: process.stderr, env: process.env, exitCode: 0 },
): Promise<number> {
  try {
    await (await buildProgram(context, argv[0])).parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof OccError) {
      printLine(context.stderr, error.message);
      return error.exitCode;
    }
    printLine(
      context.stderr,
      `Failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
    );
    return ExitCode.usage;
  }
}
