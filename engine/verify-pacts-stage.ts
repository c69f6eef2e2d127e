import type { ApiVersion } from '../contracts/index.ts';
import type { OccConfig } from '../lib/config.ts';
import { LEFT_TO_FULL_TIER, type PactResult } from '../reports/index.ts';
import type { VerifierChild } from '../suites/pact/verify-pacts-process.ts';
import type { Credentials } from '../target-setup/credentials.ts';
import type { RunContext } from '../target-setup/run-context.ts';

/** What the Pact stage needs. */
export interface PactStageInput {
  readonly context: RunContext;
  readonly credentials: Credentials;
  readonly config: Pick<
    OccConfig,
    'apiVersions' | 'timeoutMs' | 'readOnly' | 'orderRef' | 'proxy' | 'concurrency' | 'rps'
  >;
  /** How long the stage may take: what is not verified by then comes back inconclusive. */
  readonly deadlineMs?: number;
  readonly signal?: AbortSignal;
  /** A team's own pact files (occ verify --pact-dir / --pact) instead of the committed pacts. */
  readonly ownPacts?: readonly string[];
  /** The child forked ahead by forkPactStage; a new one when absent. */
  readonly child?: VerifierChild;
}

/**
 * Forks the Pact stage's child now, so that it has loaded tsx and Pact (seconds) while the suites run instead of
 * after them. Dispose of it when the run stops before the stage.
 */
export async function forkPactStage(
  credentials: Credentials,
  config: Pick<OccConfig, 'concurrency'>,
): Promise<VerifierChild> {
  const { forkVerifierChild } = await import('../suites/pact/verify-pacts-process.ts');
  return forkVerifierChild(credentials, config.concurrency);
}

/**
 * Verifies the committed pacts (or a team's own) against the prepared target, in a child process of its own: Pact's native Verifier
 * prints its report to stdout, which would bury the run's, and its native core (tens of MiB) stays out of this one.
 */
export async function verifyPactsStage(input: PactStageInput): Promise<PactResult[]> {
  const { verifyPactsInChild } = await import('../suites/pact/verify-pacts-process.ts');
  const { context } = input;
  return verifyPactsInChild(
    {
      baseUrl: context.baseUrl,
      apiVersions: input.config.apiVersions,
      timeoutMs: input.config.timeoutMs,
      // The suites are done by now: the interactions may use the run's whole --concurrency, under its --rps.
      concurrency: input.config.concurrency,
      ...(input.config.rps !== undefined ? { rps: input.config.rps } : {}),
      ledger: { dir: context.ledgerDir, runId: context.runId, startedAt: context.startedAt },
      // Read-only reaches the Pact stage too: only GETs whose provider states write nothing are replayed.
      readOnly: input.config.readOnly,
      ...(input.config.orderRef !== undefined ? { orderRef: input.config.orderRef } : {}),
      ...(context.targetKind === 'embedded-mock' ? {} : { proxy: input.config.proxy }),
      ...(input.deadlineMs !== undefined ? { deadlineMs: Math.max(1_000, input.deadlineMs) } : {}),
      ...(input.ownPacts !== undefined ? { ownPacts: input.ownPacts } : {}),
      ...(context.record !== undefined ? { record: { target: context.record, runId: context.runId } } : {}),
    },
    input.credentials,
    input.signal,
    input.child,
  );
}

/** The committed pacts' interactions as skipped results, for a run that does not verify them (smoke, a spent cap). */
export async function pactsNotVerified(
  apiVersions: readonly ApiVersion[],
  reason: string = LEFT_TO_FULL_TIER,
): Promise<PactResult[]> {
  const [{ operationOf, plannedInteractions }, { pactFile }] = await Promise.all([
    import('../suites/pact/pact-interactions.ts'),
    import('../suites/pact/pact-names.ts'),
  ]);
  return plannedInteractions(apiVersions, (v) => pactFile(v)).map(({ apiVersion, interaction }) => ({
    interaction: interaction.description,
    apiVersion,
    operation: operationOf(interaction),
    passed: false,
    mismatches: [],
    skipped: reason,
  }));
}
