import type { Command } from 'commander';
import { type ConfigFlags, loadConfig } from '../../lib/config.ts';
import { OccError } from '../../lib/errors.ts';
import { type LineSink, printLine } from '../../lib/log.ts';
import { startPrism } from '../../lib/prism.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from '../../mock/options.ts';
import type { ConformanceReport } from '../../reports/index.ts';
import { runConformance } from '../../suites/run-conformance.ts';
import { printCapabilities } from '../capability-summary.ts';
import type { CliContext } from '../main.ts';
import { addTargetOptions, targetFlags } from '../target-options.ts';

const collect = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value.split(',').filter(Boolean),
];

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Prints the end-of-run summary: counts per version and status, then the failed and warned rules. */
export function printSummary(out: LineSink, report: ConformanceReport, reportDir: string): void {
  const versions = report.target.apiVersions;
  printLine(out, '');
  printLine(
    out,
    `${pad('version', 8)} ${pad('passed', 7)} ${pad('failed', 7)} ${pad('warned', 7)} ${pad('skipped', 7)}`,
  );
  for (const version of versions) {
    const rules = report.rules.filter((r) => r.apiVersion === version);
    const count = (status: string) => String(rules.filter((r) => r.status === status).length);
    printLine(
      out,
      `${pad(version, 8)} ${pad(count('passed'), 7)} ${pad(count('failed'), 7)} ${pad(count('warned'), 7)} ${pad(count('skipped'), 7)}`,
    );
  }
  for (const status of ['failed', 'warned'] as const) {
    const rules = report.rules.filter((r) => r.status === status);
    if (rules.length === 0) continue;
    printLine(out, '');
    printLine(out, `${status} (${rules.length}):`);
    for (const rule of rules) {
      const first = rule.violations[0]?.message ?? rule.reason ?? '';
      printLine(out, `  ${rule.level} ${rule.id} (${rule.apiVersion}) ${rule.title}: ${first}`);
    }
  }
  if ((report.capabilities ?? []).some((c) => c.status === 'lacking' || c.status === 'partial')) {
    printLine(out, '');
    printCapabilities(out, report);
  }
  const afterRetries = report.rules.filter((r) => r.passedAfterRetries);
  if (afterRetries.length > 0) {
    printLine(out, '');
    printLine(
      out,
      `passed, but needed retries (${afterRetries.length}): ${afterRetries.map((r) => `${r.id} (${r.apiVersion})`).join(', ')}`,
    );
  }
  for (const note of report.notes ?? []) printLine(out, `note: ${note}`);
  printLine(out, '');
  const { summary } = report;
  const retried = summary.retriedExchanges > 0 ? ` (${summary.retriedExchanges} retried)` : '';
  printLine(
    out,
    `${report.verdict.toUpperCase()}: ${summary.passed} passed, ${summary.failed} failed, ${summary.warned} warned, ${summary.skipped} skipped · ${summary.exchanges} exchange checks${retried} in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  printLine(out, `reports: ${reportDir}/conformance.{json,xml,html,md}`);
}

/** Registers `occ run`: the conformance suites against a target, with reports and an exit status for CI. */
export function registerRunCommand(program: Command, context: CliContext): void {
  addTargetOptions(
    program
      .command('run')
      .description('run the conformance suites against a target (the embedded mock when no base URL is set)'),
    'the API to check; none: the embedded mock',
  )
    .option(
      '--target <kind>',
      "prism: start Prism mocking the contract's OpenAPI documents and check it (instead of --base-url)",
    )
    .option('--api-version <version>', 'v2.1, v2 or all (env CDP_API_VERSION)')
    .option('--order-ref <ref>', 'test on this existing order instead of creating one (env CDP_ORDER_REF)')
    .option('--seed <n>', 'seed of the generated contacts (env OCC_SEED); printed at the start of every run')
    .option('--cases <n>', 'how many valid contacts to create per version (env OCC_CASES)')
    .option('--report-dir <dir>', 'where the reports go (env OCC_REPORT_DIR)', undefined)
    .option('--baseline <file>', 'a previous conformance.json: exit 1 only on regressions against it')
    .option('--fail-on <what>', 'with --baseline: regression or any')
    .option('--strict', 'SHOULD rules fail the run too')
    .option('--only <rules...>', 'only these rule ids or categories (repeatable, comma-separated)', collect)
    .option('--timeout-ms <ms>', 'timeout of one request (env OCC_TIMEOUT_MS)')
    .option('--deadline-ms <ms>', "the whole run's deadline (env OCC_DEADLINE_MS)")
    .option('--retries <n>', 'retries of a transient failure (env OCC_RETRIES)')
    .option(
      '--give-up-after <n>',
      'stop sending after this many requests in a row failed, retries spent; 0: never (env OCC_GIVE_UP_AFTER)',
    )
    .option('--concurrency <n>', 'requests in flight at once (env OCC_CONCURRENCY)')
    .option('--rps <n>', 'at most this many requests per second (env OCC_RPS)')
    .option('--read-only', 'never create, change or delete anything (needs --order-ref)')
    .option('--ledger-dir <dir>', 'where the cleanup ledger is kept (env OCC_LEDGER_DIR)')
    .option('--no-pact', 'skip the Pact verification')
    .option('--shard <i/n>', 'run only part i of n of the suites (combine the reports with occ merge)')
    .option(
      '--mock-fault <name>',
      'switch on a fault of the embedded mock (self-tests; see occ mock --list-faults)',
      collect,
    )
    .action(async (options: Record<string, unknown>) => {
      const { mockFault, shard, target, ...rest } = options;
      if (target !== undefined && target !== 'prism') {
        throw new OccError(`--target: received "${String(target)}", expected prism (or leave it out).`);
      }
      if (target === 'prism' && (rest.baseUrl !== undefined || context.env.CDP_BASE_URL)) {
        throw new OccError(
          '--target prism starts its own Prism: leave out --base-url and CDP_BASE_URL (or run Prism yourself and pass --base-url).',
        );
      }
      let shardOption: { index: number; count: number } | undefined;
      if (shard !== undefined) {
        const match = /^(\d+)\/(\d+)$/.exec(String(shard));
        const index = Number(match?.[1]);
        const count = Number(match?.[2]);
        if (!match || index < 1 || count < 1 || index > count) {
          throw new OccError(
            `--shard: received "${String(shard)}", expected i/n with 1 <= i <= n, such as 1/3.`,
          );
        }
        shardOption = { index, count };
      }
      const flags: ConfigFlags = {
        ...targetFlags(rest),
        apiVersions: rest.apiVersion as string | undefined,
        orderRef: rest.orderRef as string | undefined,
        seed: rest.seed as string | undefined,
        cases: rest.cases as string | undefined,
        reportDir: rest.reportDir as string | undefined,
        baseline: rest.baseline as string | undefined,
        failOn: rest.failOn as string | undefined,
        strict: rest.strict === true ? true : undefined,
        only: rest.only as string[] | undefined,
        timeoutMs: rest.timeoutMs as string | undefined,
        deadlineMs: rest.deadlineMs as string | undefined,
        retries: rest.retries as string | undefined,
        giveUpAfter: rest.giveUpAfter as string | undefined,
        concurrency: rest.concurrency as string | undefined,
        rps: rest.rps as string | undefined,
        readOnly: rest.readOnly === true ? true : undefined,
        ledgerDir: rest.ledgerDir as string | undefined,
        pact: rest.pact === false ? false : undefined,
      };
      let config = loadConfig(context.env, flags);
      const prism =
        target === 'prism'
          ? await startPrism({
              versions: config.apiVersions,
              log: (line) => printLine(context.stdout, line),
            })
          : undefined;
      try {
        if (prism) {
          // Prism checks that Basic credentials are sent, not what they are: the embedded mock's defaults do.
          config = loadConfig(context.env, {
            ...flags,
            baseUrl: prism.url,
            clientKey: flags.clientKey ?? DEFAULT_CLIENT_KEY,
            apiToken: flags.apiToken ?? DEFAULT_API_TOKEN,
          });
        }
        const result = await runConformance({
          config,
          out: context.stdout,
          env: context.env,
          mockFaults: (mockFault as string[] | undefined) ?? [],
          ...(shardOption ? { shard: shardOption } : {}),
          ...(prism ? { targetKind: 'prism' as const } : {}),
        });
        printSummary(context.stdout, result.report, result.reportDir);
        context.exitCode = result.exitCode;
      } finally {
        await prism?.close();
      }
    });
}
