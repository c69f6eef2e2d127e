import { rmSync } from 'node:fs';
import type { RuleObservation } from '../checks/violation.ts';
import type { TenantProfile } from '../contracts/index.ts';
import type { OccConfig } from '../lib/config.ts';
import { TargetUnreachableError } from '../lib/errors.ts';
import { giveUpMarkerPath, readGiveUp, stopSending } from '../lib/give-up.ts';
import { startRunRecording } from '../lib/har/run-recording.ts';
import { ledgerPath } from '../lib/ledger.ts';
import type { ProgressSink } from '../lib/log.ts';
import { SETTINGS, type SettingKey } from '../lib/settings.ts';
import { setAsideByProfile } from '../profiles/index.ts';
import type { PactResult } from '../reports/index.ts';
import type { VerifierChild } from '../suites/pact/verify-pacts-process.ts';
import { pactRequestEstimate } from '../suites/support/request-estimate.ts';
import { newRunId, type PreparedTarget, prepareTarget } from '../target-setup/prepare-target.ts';
import { profileNotAsked, profileStage } from './profile-stage.ts';
import type { CleanupOutcome, RunOutcome, RunStop } from './run-outcome.ts';
import { runSuitesStage } from './run-suites.ts';
import { forkPactStage, pactsNotVerified, verifyPactsStage } from './verify-pacts-stage.ts';

/** A run to do. */
export interface RunRequest {
  readonly config: OccConfig;
  /** Run only part i of n of the suites (vitest's --shard); merge the reports with occ merge. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Where the target came from, for the report (the CLI knows when it started Prism). */
  readonly targetKind?: 'url' | 'prism';
  /** A line as each stage starts and ends, and what cleanup did. */
  readonly log?: (line: string) => void;
  /** One line per test as the suites run. */
  readonly progress?: ProgressSink;
  /** Cancels the run: it stops sending, lets what is in flight end, deletes what it created, and returns. */
  readonly signal?: AbortSignal;
  /** Told once the target is ready: where the run's ledger is, so a caller exiting early can say what it lists. */
  readonly onPrepared?: (run: PreparedRun) => void;
  readonly now?: Date;
  /** The settings the command offers as flags, for the hint of a failed set-up. Default: every setting (occ run). */
  readonly flags?: readonly SettingKey[];
  /** Hold the target to a tenant profile (occ run --profile): its questions are asked again, its rules at MUST. */
  readonly profile?: TenantProfile;
}

/** What a caller may need to know of a prepared run before it ends. */
export interface PreparedRun {
  readonly runId: string;
  readonly baseUrl: string;
  /** The run's ledger file; undefined for the embedded mock, whose data dies with the run. */
  readonly ledgerPath: string | undefined;
}

/** Why a rule no test checked was skipped, for the report. */
function selectionNotes(config: OccConfig): string[] {
  const notes: string[] = [];
  if (config.readOnly)
    notes.push(
      'read-only mode: rules that need the suite to create, change or delete contacts were skipped.',
    );
  if (config.tier === 'smoke')
    notes.push(
      'smoke tier: every operation of each version and every MUST rule, each on one case; the full tier adds the rules listed as left to it and every other case (every title, gender and country, every invalid value, the Pact interactions).',
    );
  if (config.only.length > 0) notes.push(`--only ${config.only.join(',')}: rules not selected were skipped.`);
  return notes;
}

function reasonOf(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : String(reason ?? 'cancelled');
}

/**
 * Runs the conformance suites against the configured target (the embedded mock when none) in stages: prepare the
 * target, run the suites, verify the pacts, tear down. Returns what the run learned as data; it prints nothing
 * but its log lines, installs no signal handler and never exits the process.
 */
export async function executeRun(request: RunRequest): Promise<RunOutcome> {
  const { config } = request;
  const log = request.log ?? (() => {});
  const started = request.now ?? new Date();
  const notes = selectionNotes(config);
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new Error(`the run's deadline (${config.deadlineMs} ms) was reached`)),
    config.deadlineMs,
  );
  const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
  const runId = newRunId(started);
  const recorded = startRunRecording(config, runId);
  // Whatever was sent, however the run ended (completed, cancelled, past its deadline, unreachable).
  const finishRecording = async (baseUrl: string): Promise<void> => {
    const result = await recorded?.finish(baseUrl, started);
    if (result?.line) log(result.line);
    if (result?.note) notes.push(result.note);
  };
  const finish = (
    prepared: { runId: string; baseUrl: string; kind: RunOutcome['target']['kind'] },
    parts: Partial<Pick<RunOutcome, 'observations' | 'shapes' | 'pactResults' | 'suiteErrors'>> & {
      stopped: RunStop;
      cleanup: CleanupOutcome;
    },
  ): RunOutcome => ({
    runId: prepared.runId,
    startedAt: started,
    durationMs: Date.now() - started.getTime(),
    target: { baseUrl: prepared.baseUrl, kind: prepared.kind },
    observations: parts.observations ?? [],
    shapes: parts.shapes ?? [],
    pactResults: parts.pactResults ?? [],
    suiteErrors: parts.suiteErrors ?? [],
    notes,
    stopped: parts.stopped,
    cleanup: parts.cleanup,
    ...(request.profile ? { profile: request.profile } : {}),
  });

  let prepared: PreparedTarget;
  try {
    log('preparing the target');
    prepared = await prepareTarget(config, {
      log,
      now: started,
      flags: request.flags ?? (Object.keys(SETTINGS) as SettingKey[]),
      runId,
      ...(recorded ? { observer: recorded.recording } : {}),
    });
  } catch (error) {
    clearTimeout(timer);
    await finishRecording(config.baseUrl ?? '');
    if (!(error instanceof TargetUnreachableError)) throw error;
    return finish(
      { runId, baseUrl: config.baseUrl ?? '', kind: request.targetKind ?? 'url' },
      {
        stopped: { kind: 'unreachable', cause: error.kind, message: error.message },
        cleanup: { deleted: 0, failed: [] },
      },
    );
  }
  const { context, credentials } = prepared;
  request.onPrepared?.({
    runId: context.runId,
    baseUrl: context.baseUrl,
    ledgerPath:
      context.targetKind === 'embedded-mock' ? undefined : ledgerPath(context.ledgerDir, context.runId),
  });
  const markerPath = giveUpMarkerPath(context.runId);
  // Every sender of the run (the suites' worker, the Pact child) reads this marker before each request.
  const stop = (): void => stopSending(markerPath, `the run was cancelled (${reasonOf(signal)})`);
  signal.addEventListener('abort', stop, { once: true });
  let stopped: RunStop = { kind: 'completed' };
  let pactResults: PactResult[] = [];
  let reporter: Awaited<ReturnType<typeof runSuitesStage>>['reporter'] | undefined;
  const profileObservations: RuleObservation[] = [];
  // The Pact child loads while the suites run, forked once their first test starts so that it does not compete
  // with vitest's start-up for the CPU; unused, it is ended in the finally below.
  let pactChild: Promise<VerifierChild> | undefined;
  const forkPact =
    config.pact && config.tier !== 'smoke'
      ? () => {
          pactChild ??= forkPactStage(credentials, config);
        }
      : undefined;
  try {
    if (!signal.aborted) {
      log('running the suites');
      ({ reporter } = await runSuitesStage({
        context,
        credentials,
        signal,
        ...(forkPact ? { onTestsStart: forkPact } : {}),
        ...(request.shard ? { shard: request.shard } : {}),
        ...(request.progress ? { progress: request.progress } : {}),
      }));
    }
    if (request.profile && !signal.aborted && readGiveUp(markerPath) === undefined) {
      const overCap = profileOverCap(config, reporter, request.profile);
      log("asking the tenant profile's questions again");
      const asked = overCap
        ? profileNotAsked(request.profile, overCap)
        : await profileStage({ profile: request.profile, context, credentials, config, log });
      profileObservations.push(...asked.observations);
      notes.push(...asked.notes);
    }
    const gaveUp = signal.aborted ? undefined : readGiveUp(markerPath);
    if (signal.aborted) stopped = stopOf(signal, deadline.signal, config.deadlineMs);
    else if (gaveUp) {
      stopped = { kind: 'gave-up', at: gaveUp.at, reason: gaveUp.reason.replace(/^not sent: /, '') };
      notes.push(
        `the run stopped sending at ${gaveUp.at}: ${stopped.reason}. Rules that only later requests would have checked are skipped${stopped.reason.includes('--max-requests') ? '' : '; fix the target or raise --give-up-after'}.`,
      );
    }
    if (stopped.kind === 'deadline')
      notes.push(`the run's deadline (${config.deadlineMs} ms) was reached: the rest was cancelled.`);
    if (stopped.kind === 'cancelled') notes.push(`the run was cancelled (${stopped.reason}).`);
    if (config.pact && config.tier === 'smoke') {
      // The suites check every MUST rule already; replaying the consumer's interactions is the full tier's.
      pactResults = await pactsNotVerified(config.apiVersions);
    } else if (config.pact && stopped.kind === 'completed' && pactOverCap(config, reporter) !== undefined) {
      const reason = pactOverCap(config, reporter) as string;
      pactResults = await pactsNotVerified(config.apiVersions, reason);
      notes.push(`Pact verification was skipped: ${reason}.`);
    } else if (config.pact && stopped.kind === 'completed') {
      log('verifying the committed pacts');
      const remaining = config.deadlineMs - (Date.now() - started.getTime());
      pactResults = await verifyPactsStage({
        context,
        credentials,
        config,
        deadlineMs: remaining,
        signal,
        ...(pactChild !== undefined ? { child: await pactChild } : {}),
      }).catch((error: unknown) => {
        notes.push(
          `Pact verification could not run: ${error instanceof Error ? error.message : String(error)}`,
        );
        return [];
      });
      if (signal.aborted) stopped = stopOf(signal, deadline.signal, config.deadlineMs);
    } else if (config.pact) {
      notes.push(
        `Pact verification was skipped: ${stopped.kind !== 'gave-up' ? 'the run was stopped' : stopped.reason.includes('--max-requests') ? 'the run had reached --max-requests' : 'the target had stopped answering'}.`,
      );
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
    (await pactChild)?.dispose();
  }
  log('deleting what the run created');
  recorded?.recording.setStage('teardown');
  const cleanup = await prepared.teardown(log);
  await finishRecording(context.baseUrl);
  rmSync(markerPath, { force: true });
  if (cleanup.failed.length > 0) {
    const shown = cleanup.failed.slice(0, 3).join('; ');
    const more = cleanup.failed.length > 3 ? ` and ${cleanup.failed.length - 3} more` : '';
    notes.push(
      `could not delete ${cleanup.failed.length} of the resources this run created (${shown}${more}); they stay in the ledger: run occ cleanup once the target answers`,
    );
  }
  const suiteObservations = (observations: readonly RuleObservation[]): RuleObservation[] => {
    if (!request.profile) return [...observations];
    const read = setAsideByProfile(observations, request.profile);
    notes.push(...read.notes);
    return read.observations;
  };
  for (const error of reporter?.errors ?? []) notes.push(`suite error in ${error.test}: ${error.message}`);
  return finish(
    { runId: context.runId, baseUrl: context.baseUrl, kind: request.targetKind ?? context.targetKind },
    {
      observations: [...suiteObservations(reporter?.observations ?? []), ...profileObservations],
      shapes: reporter?.shapes() ?? [],
      suiteErrors: reporter?.errors ?? [],
      pactResults,
      stopped,
      cleanup,
    },
  );
}

/** Why the Pact stage would break --max-requests (what the suites left is less than it needs), or undefined. */
function pactOverCap(
  config: OccConfig,
  reporter: { readonly requestsSent: number } | undefined,
): string | undefined {
  if (config.maxRequests === undefined) return undefined;
  const sent = reporter?.requestsSent ?? 0;
  const needs = pactRequestEstimate(config.apiVersions);
  return config.maxRequests - sent < needs
    ? `--max-requests ${config.maxRequests}: the suites sent ${sent} requests and the Pact verification needs about ${needs} more`
    : undefined;
}

/** Why asking the profile's questions again would break --max-requests, or undefined. */
function profileOverCap(
  config: OccConfig,
  reporter: { readonly requestsSent: number } | undefined,
  profile: TenantProfile,
): string | undefined {
  if (config.maxRequests === undefined) return undefined;
  const sent = reporter?.requestsSent ?? 0;
  return config.maxRequests - sent < profile.requests
    ? `--max-requests ${config.maxRequests}: the suites sent ${sent} requests and the profile's questions took ${profile.requests}`
    : undefined;
}

function stopOf(signal: AbortSignal, deadline: AbortSignal, deadlineMs: number): RunStop {
  return deadline.aborted
    ? { kind: 'deadline', deadlineMs }
    : { kind: 'cancelled', reason: reasonOf(signal) };
}
