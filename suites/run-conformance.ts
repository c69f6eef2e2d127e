import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startVitest } from 'vitest/node';
import { capabilities, ruleCatalogue } from '../contracts/index.ts';
import reportSchema from '../contracts/meta/conformance-report.schema.json' with { type: 'json' };
import type { OccConfig } from '../lib/config.ts';
import { ExitCode, TargetUnreachableError } from '../lib/errors.ts';
import { type GiveUpRecord, giveUpMarkerPath, readGiveUp } from '../lib/give-up.ts';
import { type LineSink, printLine } from '../lib/log.ts';
import {
  buildReport,
  type ConformanceReport,
  createReportValidator,
  diffReports,
  failOnBaseline,
  readReport,
  writeReports,
} from '../reports/index.ts';
import type { PactResult } from './pact/verify-pacts.ts';
import { OccReporter } from './support/occ-reporter.ts';
import { newRunId, type PreparedTarget, prepareTarget } from './support/prepare-target.ts';
import { contractVersion, ruleInfos, TOOL } from './support/report-input.ts';
import { encodeRunContext, RUN_CONTEXT_ENV } from './support/run-context.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What `occ run` needs beyond the configuration. */
export interface ConformanceRunOptions {
  readonly config: OccConfig;
  readonly out: LineSink;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Fault switches for the embedded mock (self-tests). */
  readonly mockFaults?: readonly string[];
  /** Run only this part of the suites (vitest's --shard), e.g. { index: 1, count: 3 }; merge with occ merge. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Where the target came from, for the report (the CLI knows when it started Prism). */
  readonly targetKind?: 'url' | 'prism';
}

/** The outcome of a run: the report, where it was written, and the exit status it earns. */
export interface ConformanceRunResult {
  readonly report: ConformanceReport;
  readonly reportDir: string;
  readonly exitCode: number;
}

/** Why a rule no test checked was skipped, for the report. */
function skipNote(config: OccConfig): string[] {
  const notes: string[] = [];
  if (config.readOnly)
    notes.push(
      'read-only mode: rules that need the suite to create, change or delete contacts were skipped.',
    );
  if (config.only.length > 0) notes.push(`--only ${config.only.join(',')}: rules not selected were skipped.`);
  return notes;
}

function withEnv<T>(values: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return body().finally(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}

/**
 * Runs the conformance suites against the configured target (the embedded mock when none), cleans up what the
 * run created, writes every report format, and says which exit status the run earns.
 */
export async function runConformance(options: ConformanceRunOptions): Promise<ConformanceRunResult> {
  const { config, out } = options;
  const started = new Date();
  const secrets = [config.clientKey, config.apiToken];
  printLine(out, `seed ${config.seed} (replay with --seed ${config.seed})`);
  printLine(
    out,
    `target ${config.baseUrl ?? 'the embedded mock'} · API ${config.apiVersions.join(', ')}${config.strict ? ' · strict' : ''}`,
  );

  let prepared: PreparedTarget;
  try {
    prepared = await prepareTarget(config, {
      mockFaults: options.mockFaults ?? [],
      log: (line) => printLine(out, line),
      now: started,
    });
  } catch (error) {
    if (!(error instanceof TargetUnreachableError)) throw error;
    printLine(out, error.message);
    const report = buildReport({
      observations: [],
      rules: ruleInfos(),
      capabilities: capabilities(),
      run: runInfo(
        config,
        newRunId(started),
        started,
        config.baseUrl ?? '',
        options.targetKind ?? 'url',
        [error.message],
        true,
      ),
    });
    writeReports(report, config.reportDir, { env: options.env, secrets });
    return { report, reportDir: config.reportDir, exitCode: ExitCode.unreachable };
  }

  const reporter = new OccReporter(out);
  const context = prepared.context;
  const notes = skipNote(config);
  const stop = async (signal: NodeJS.Signals) => {
    printLine(out, `${signal}: cleaning up what this run created before exiting`);
    await prepared.teardown((line) => printLine(out, line));
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const onSignal = (signal: NodeJS.Signals) => void stop(signal);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const exitCodeBefore = process.exitCode;
  let pactResults: PactResult[] = [];
  let gaveUp: GiveUpRecord | undefined;
  try {
    await withEnv(
      {
        [RUN_CONTEXT_ENV]: encodeRunContext(context),
        // Credentials reach the test workers through their environment only; never through files or arguments.
        CDP_CLIENT_KEY: prepared.credentials.clientKey,
        CDP_API_TOKEN: prepared.credentials.apiToken,
        CDP_BASE_URL: context.targetKind === 'embedded-mock' ? undefined : context.baseUrl,
      },
      async () => {
        const vitest = await startVitest(
          'test',
          [],
          {
            root: ROOT,
            config: `${ROOT}/vitest.config.ts`,
            project: ['conformance'],
            watch: false,
            reporters: [reporter],
            passWithNoTests: false,
            ...(options.shard ? { shard: `${options.shard.index}/${options.shard.count}` } : {}),
          },
          {},
        );
        const deadline = setTimeout(() => {
          notes.push(`the run's deadline (${config.deadlineMs} ms) was reached: the rest was cancelled.`);
          void vitest.cancelCurrentRun('keyboard-input');
        }, config.deadlineMs);
        try {
          await vitest.close();
        } finally {
          clearTimeout(deadline);
        }
      },
    );
    gaveUp = readGiveUp(giveUpMarkerPath(context.runId));
    if (gaveUp) {
      notes.push(
        `the run stopped sending at ${gaveUp.at}: ${gaveUp.reason.replace(/^not sent: /, '')}. Rules that only later requests would have checked are skipped; fix the target or raise --give-up-after.`,
      );
    }
    if (config.pact && gaveUp) {
      notes.push('Pact verification was skipped: the target had stopped answering.');
    } else if (config.pact) {
      printLine(out, 'verifying the committed pacts');
      // In a child process of its own: Pact's native Verifier prints its report to stdout, which would bury the
      // run's, and its native core (tens of MiB) stays out of this process.
      const { verifyPactsInChild } = await import('./pact/verify-pacts-process.ts');
      pactResults = await verifyPactsInChild(
        {
          baseUrl: context.baseUrl,
          apiVersions: config.apiVersions,
          timeoutMs: config.timeoutMs,
          ledger: { dir: context.ledgerDir, runId: context.runId, startedAt: context.startedAt },
        },
        prepared.credentials,
      ).catch((error: unknown) => {
        notes.push(
          `Pact verification could not run: ${error instanceof Error ? error.message : String(error)}`,
        );
        return [];
      });
      for (const r of pactResults)
        printLine(
          out,
          `${r.passed ? '✓' : '✗'} pact ${r.interaction}${r.passed ? '' : `: ${r.mismatches[0] ?? ''}`}`,
        );
    }
  } finally {
    process.exitCode = exitCodeBefore;
    rmSync(giveUpMarkerPath(context.runId), { force: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const cleanup = await prepared.teardown((line) => printLine(out, line));
    if (cleanup.failed.length > 0) {
      const shown = cleanup.failed.slice(0, 3).join('; ');
      const more = cleanup.failed.length > 3 ? ` and ${cleanup.failed.length - 3} more` : '';
      notes.push(
        `could not delete ${cleanup.failed.length} of the resources this run created (${shown}${more}); they stay in the ledger: run occ cleanup once the target answers`,
      );
    }
  }

  for (const error of reporter.errors) notes.push(`suite error in ${error.test}: ${error.message}`);
  const exchanges = reporter.observations.reduce((n, o) => n + o.exchanges, 0);
  const report = buildReport({
    observations: reporter.observations,
    rules: ruleInfos(),
    capabilities: capabilities(),
    observedShapes: reporter.shapes(),
    pactResults,
    run: {
      ...runInfo(
        config,
        context.runId,
        started,
        context.baseUrl,
        options.targetKind ?? context.targetKind,
        notes,
        false,
      ),
      ...(options.shard ? { shard: options.shard } : {}),
    },
  });
  writeReports(report, config.reportDir, { env: options.env, secrets });

  let exitCode: number =
    report.verdict === 'failed' || reporter.errors.length > 0 ? ExitCode.ruleFailed : ExitCode.ok;
  if (exchanges === 0) exitCode = ExitCode.unreachable;
  // A run that gave up on its target checked only part of the catalogue: never a green gate, even when what it
  // checked passed. A rule that failed before the target went away is still a finding (1); otherwise 3.
  if (gaveUp && exitCode === ExitCode.ok) exitCode = ExitCode.unreachable;
  if (config.baseline !== undefined) {
    const diff = diffReports(
      readReport(config.baseline, createReportValidator(reportSchema), '--baseline'),
      report,
    );
    printLine(
      out,
      `against the baseline ${config.baseline}: ${diff.regressions.length} regressions, ${diff.fixes.length} fixes`,
    );
    for (const r of diff.regressions)
      printLine(out, `  regression ${r.id} (${r.apiVersion}): ${r.from} -> ${r.to}`);
    if (exitCode !== ExitCode.unreachable)
      exitCode = failOnBaseline(diff, config.failOn) ? ExitCode.ruleFailed : ExitCode.ok;
  }
  return { report, reportDir: config.reportDir, exitCode };
}

function runInfo(
  config: OccConfig,
  runId: string,
  started: Date,
  baseUrl: string,
  kind: 'embedded-mock' | 'url' | 'prism',
  notes: readonly string[],
  unreachable: boolean,
) {
  return {
    tool: TOOL,
    contract: { version: contractVersion(), rules: ruleCatalogue().length },
    runId,
    seed: config.seed,
    strict: config.strict,
    target: {
      baseUrl,
      kind,
      apiVersions: [...config.apiVersions],
      ...(config.orderRef !== undefined ? { orderRef: config.orderRef } : {}),
      readOnly: config.readOnly,
    },
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    notes: [...notes],
    unreachable,
  };
}
