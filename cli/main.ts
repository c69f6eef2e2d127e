import { Command, CommanderError } from 'commander';
import { ExitCode, OccError } from '../lib/errors.ts';
import { type LineSink, printLine } from '../lib/log.ts';
import { registerCleanupCommand } from './commands/cleanup.ts';
import { registerDiffCommand } from './commands/diff.ts';
import { registerGenerateCommand } from './commands/generate.ts';
import { registerMergeCommand } from './commands/merge.ts';
import { registerMockCommand } from './commands/mock.ts';
import { registerRulesCommand } from './commands/rules.ts';
import { registerRunCommand } from './commands/run.ts';
import { registerSelftestCommand } from './commands/selftest.ts';
import { registerVerifyCommand } from './commands/verify.ts';

/** Where a command writes, and the exit status it sets; commands get this instead of touching process. */
export interface CliContext {
  readonly stdout: LineSink;
  readonly stderr: LineSink;
  readonly env: Readonly<Record<string, string | undefined>>;
  exitCode: number;
}

/** Builds the occ program with every command registered. */
export function buildProgram(context: CliContext): Command {
  const program = new Command('occ')
    .description('Conformance suite, contracts and mock server for the Sitecore CDP Order contact REST API')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    });
  for (const register of [
    registerRunCommand,
    registerRulesCommand,
    registerGenerateCommand,
    registerMockCommand,
    registerVerifyCommand,
    registerDiffCommand,
    registerMergeCommand,
    registerCleanupCommand,
    registerSelftestCommand,
  ]) {
    register(program, context);
  }
  return program;
}

/** Runs occ with these arguments and returns the exit status. */
export async function main(
  argv: readonly string[],
  context: CliContext = { stdout: process.stdout, stderr: process.stderr, env: process.env, exitCode: 0 },
): Promise<number> {
  try {
    await buildProgram(context).parseAsync([...argv], { from: 'user' });
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
