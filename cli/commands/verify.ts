import type { Command } from 'commander';
import { type ConfigFlags, loadConfig } from '../../lib/config.ts';
import { ExitCode } from '../../lib/errors.ts';
import { printLine } from '../../lib/log.ts';
import { verifyPactsInChild } from '../../suites/pact/verify-pacts-process.ts';
import { prepareTarget } from '../../suites/support/prepare-target.ts';
import type { CliContext } from '../main.ts';
import { addTargetOptions, targetFlags } from '../target-options.ts';

/** Registers `occ verify`: the committed pacts replayed against a target with the Pact Verifier. */
export function registerVerifyCommand(program: Command, context: CliContext): void {
  addTargetOptions(
    program
      .command('verify')
      .description(
        'verify the committed pacts (contracts/pacts) against a target; the embedded mock when none',
      ),
    'the API to verify; none: the embedded mock',
  )
    .option('--api-version <version>', 'v2.1, v2 or all (env CDP_API_VERSION)')
    .option('--mock-fault <name...>', 'switch on a fault of the embedded mock (see occ mock --list-faults)')
    .action(async (options: Record<string, unknown>) => {
      const flags: ConfigFlags = {
        ...targetFlags(options),
        apiVersions: options.apiVersion as string | undefined,
      };
      const config = loadConfig(context.env, flags);
      const prepared = await prepareTarget(config, {
        mockFaults: (options.mockFault as string[] | undefined) ?? [],
        log: (line) => printLine(context.stdout, line),
      });
      try {
        const { context: run } = prepared;
        const results = await verifyPactsInChild(
          {
            baseUrl: run.baseUrl,
            apiVersions: config.apiVersions,
            timeoutMs: config.timeoutMs,
            ledger: { dir: run.ledgerDir, runId: run.runId, startedAt: run.startedAt },
          },
          prepared.credentials,
        );
        for (const r of results) {
          printLine(context.stdout, `${r.passed ? '✓' : '✗'} ${r.interaction}`);
          for (const m of r.mismatches) printLine(context.stdout, `    ${m}`);
        }
        const failed = results.filter((r) => !r.passed).length;
        printLine(context.stdout, `${results.length - failed} passed, ${failed} failed`);
        context.exitCode = failed > 0 ? ExitCode.ruleFailed : ExitCode.ok;
      } finally {
        await prepared.teardown((line) => printLine(context.stdout, line));
      }
    });
}
