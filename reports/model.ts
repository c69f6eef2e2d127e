import type { ContractFinding } from '../checks/violation.ts';
import type { ApiVersion, Level } from '../contracts/rule-catalogue.ts';
import type {
  CapabilityResult,
  ConformanceReport,
  ReportTarget,
  RuleResult,
  UnreachableCause,
} from '../contracts/types.gen.ts';

// The report's types come from its JSON Schema (contracts/meta/conformance-report.schema.json) via types.gen.ts;
// only types are imported, so reports/ does not load contracts/ at runtime.
export type {
  CapabilityCounts,
  CapabilityResult,
  ConformanceReport,
  HttpHeaders,
  ObservedShape,
  ReportEvidence,
  ReportSummary,
  ReportTarget,
  RuleResult,
  UnreachableCause,
  ViolationItems,
  ViolationRecord,
} from '../contracts/types.gen.ts';
export type { ApiVersion, Level };

/** The status of one rule in one API version. */
export type RuleStatus = RuleResult['status'];

/** The status of one capability in one API version: lacking, partial, ok or unchecked. */
export type CapabilityStatus = CapabilityResult['status'];

/** The outcome of a whole run. */
export type Verdict = ConformanceReport['verdict'];

/** The version of the conformance.json format this code writes and reads. */
export const REPORT_VERSION = 1;

/** Violations kept per rule result; violationsTotal says how many there were. */
export const MAX_VIOLATIONS = 20;

/** Violations per rule result that keep their evidence: enough to reproduce, small enough to open. */
export const MAX_EVIDENCE = 5;

/** The share of exchange checks without a usable answer above which a run where nothing failed is inconclusive. */
export const DEFAULT_MAX_INCONCLUSIVE = 0.1;

/** Request and response bodies in evidence are trimmed to this many bytes. */
export const MAX_EVIDENCE_BODY_BYTES = 4096;

/** A catalogue rule as the report needs it: plain data, passed in by the caller. */
export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly source: string;
  readonly levels: { readonly 'v2.1'?: Level; readonly v2?: Level };
  readonly operations: readonly string[];
  /** Per version, 'profile' where a tenant profile set the level (MUST, as observed on the tenant). */
  readonly levelSources?: { readonly 'v2.1'?: 'profile'; readonly v2?: 'profile' };
}

/**
 * A capability of contracts/capabilities.yaml as the report needs it: what a server must be able to do, and the
 * rules that check it. Plain data, passed in by the caller (contracts' capabilities() returns exactly this).
 */
export interface CapabilityInfo {
  readonly id: string;
  readonly title: string;
  /** The sentence a team reads when its server lacks the capability. */
  readonly lacking: string;
  /** How to fix it, or where to look. */
  readonly hint: string;
  readonly rules: readonly string[];
}

/** What the caller knows about the run itself. */
export interface RunInfo {
  readonly tool: { readonly name: string; readonly version: string };
  readonly contract: { readonly version: string; readonly rules: number };
  readonly runId: string;
  readonly seed: number;
  readonly strict: boolean;
  readonly target: {
    readonly baseUrl: string;
    readonly kind: ReportTarget['kind'];
    readonly apiVersions: readonly ApiVersion[];
    readonly orderRef?: string;
    readonly readOnly: boolean;
  };
  readonly startedAt: string;
  readonly durationMs: number;
  readonly shard?: { readonly index: number; readonly count: number };
  /** smoke or full (the default). */
  readonly tier?: 'smoke' | 'full';
  /**
   * The run stopped before its end (a cap, a deadline, a cancellation, a target that stopped answering): a rule
   * a smoke run did not check may be one it would have, so none is said to be left to the full tier.
   */
  readonly stoppedEarly?: boolean;
  readonly notes?: readonly string[];
  /** The target could not be reached: the verdict is 'unreachable' whatever the rules say. */
  readonly unreachable?: boolean;
  /** Why nothing could be checked, when unreachable. */
  readonly unreachableCause?: UnreachableCause;
  /** A share 0..1 of exchanges: above it, a run where nothing failed is 'inconclusive'. Default DEFAULT_MAX_INCONCLUSIVE. */
  readonly maxInconclusive?: number;
}

/** The outcome of verifying one Pact interaction against the target. */
export interface PactResult {
  readonly interaction: string;
  readonly apiVersion: ApiVersion;
  readonly operation: string;
  readonly passed: boolean;
  readonly mismatches: readonly string[];
  /** Why the interaction could not be verified (a deadline, a connection error): an inconclusive result, never failed. */
  readonly inconclusive?: string;
  /** Why the interaction was not replayed at all (a read-only run): the rule is skipped with this reason. */
  readonly skipped?: string;
  /**
   * What the contract cross-check found in the interaction itself, whatever the target answered: a MUST finding
   * fails the interaction (passed is false) even where the Verifier passed it.
   */
  readonly contractFindings?: readonly ContractFinding[];
}

/** The response fields seen for one version, operation and status (the caller's copy; arrays may be readonly). */
export interface ShapeInput {
  readonly apiVersion: ApiVersion;
  readonly operation: string;
  readonly status: number;
  readonly fields: readonly string[];
  readonly unknownFields: readonly string[];
}
