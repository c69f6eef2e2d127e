import type { RuleObservation } from '../checks/violation.ts';
import type { TenantProfile } from '../contracts/index.ts';
import type { UnreachableCause } from '../lib/errors.ts';
import type { PactResult, ShapeInput } from '../reports/index.ts';
import type { SuiteError } from '../suites/support/occ-reporter.ts';

/** Why a run stopped where it did. */
export type RunStop =
  | { readonly kind: 'completed' }
  /** Nothing could be checked: the target could not be reached, refused the credentials or the set-up. */
  | {
      readonly kind: 'unreachable';
      readonly cause: UnreachableCause;
      /** What was wrong and the fix that fits, in the command's flags. */
      readonly message: string;
    }
  /** The target stopped answering mid-run and the give-up switch stopped every sender. */
  | { readonly kind: 'gave-up'; readonly at: string; readonly reason: string }
  /** The run's deadline (--deadline-ms) ended it. */
  | { readonly kind: 'deadline'; readonly deadlineMs: number }
  /** A signal (or the caller's AbortSignal) cancelled it. */
  | { readonly kind: 'cancelled'; readonly reason: string };

/** What deleting the run's data achieved. */
export interface CleanupOutcome {
  readonly deleted: number;
  readonly failed: readonly string[];
}

/** What a run learned, as data: the CLI (or a caller in code) builds the report and chooses the exit status. */
export interface RunOutcome {
  readonly runId: string;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly target: { readonly baseUrl: string; readonly kind: 'embedded-mock' | 'url' | 'prism' };
  readonly observations: readonly RuleObservation[];
  readonly shapes: readonly ShapeInput[];
  readonly pactResults: readonly PactResult[];
  /** Tests that ended in an error other than a rule violation. */
  readonly suiteErrors: readonly SuiteError[];
  /** Sentences for the report: what was skipped and why, what could not be cleaned up. */
  readonly notes: readonly string[];
  readonly stopped: RunStop;
  readonly cleanup: CleanupOutcome;
  /** The tenant profile the run held the target to: its rules are reported at MUST, as observed on the tenant. */
  readonly profile?: TenantProfile;
}
