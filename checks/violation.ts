import type { ApiVersion, Level, RuleId } from '../contracts/index.ts';
import type { TimeRelativeValue } from '../lib/time-relative.ts';

/** A trimmed, redacted copy of the exchange that shows a violation, with a command to reproduce it. */
export interface Evidence {
  readonly exchangeId: string;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Record<string, string>;
    readonly body?: string;
  };
  readonly response?: {
    readonly status: number;
    readonly headers: Record<string, string>;
    readonly body: string;
  };
  readonly error?: string;
  /** curl command with credentials replaced by $CDP_CLIENT_KEY:$CDP_API_TOKEN (wrong ones written as sent). */
  readonly curl: string;
  /** The credentials the request carried: none, the configured ones, wrong ones, or a credential variant's header. */
  readonly auth?: 'none' | 'wrong' | 'configured' | 'variant';
  /** With auth 'variant': which (lib/credential-variants.ts); occ replay builds its header again. */
  readonly credentialVariant?: string;
  /** With auth 'wrong': the wrong parts as sent; an absent part was the configured one. */
  readonly wrongCredentials?: { readonly clientKey?: string; readonly apiToken?: string };
  /** Body values computed from the moment of sending: occ replay computes them again. */
  readonly timeRelative?: readonly TimeRelativeValue[];
}

/** One way the target broke one rule: data, never an exception. */
export interface Violation {
  /** A catalogue rule, or a Pact interaction's PACT-… id (reports/pact-results.ts). */
  readonly rule: RuleId | `PACT-${string}`;
  readonly level: Level;
  readonly apiVersion: ApiVersion;
  readonly operation: string;
  readonly title: string;
  /** "Received: ... / Expected: ..." */
  readonly message: string;
  /** ajv's instancePath and schemaPath where a schema failed. */
  readonly instancePath?: string;
  readonly schemaPath?: string;
  readonly evidence?: Evidence;
  /** How sure we are of the premise this finding stands on (the case was valid / invalid). */
  readonly premise?: 'documented' | 'inferred';
  /** Why the premise is inferred, e.g. 'dateOfBirth "1985-12-24" is date-only; the vendor shows date-times only'. */
  readonly premiseNote?: string;
  /** The rule's own level when the finding's level was lowered by an inferred premise. */
  readonly ruleLevel?: Level;
  /** List-valued evidence (refs missing, duplicated or extra): full in JSON, summarised elsewhere. */
  readonly items?: {
    readonly missing?: readonly string[];
    readonly duplicated?: readonly string[];
    readonly extra?: readonly string[];
  };
}

/** What one test learned about one rule in one API version: how many exchanges checked it, and what broke it. */
export interface RuleObservation {
  /** A catalogue rule, or a Pact interaction's PACT-… id (reports/pact-results.ts). */
  readonly rule: RuleId | `PACT-${string}`;
  readonly apiVersion: ApiVersion;
  readonly operations: readonly string[];
  /** Exchanges that checked the rule. */
  readonly exchanges: number;
  /** Of those, exchanges that needed a retry before they got their answer. */
  readonly retriedExchanges: number;
  readonly violations: readonly Violation[];
  /** Set when the rule could not be checked, with the reason. */
  readonly skipped?: string;
  /** Of `exchanges`, those without a usable answer (reset, timeout, 5xx/429 once retries were spent, a body cut short). */
  readonly inconclusiveExchanges?: number;
  /** Distinct short reasons for those, e.g. 'connection reset', 'timeout after 10000 ms', '503 after 4 attempts'. */
  readonly inconclusiveReasons?: readonly string[];
  /** Read-after-write exchanges that showed the write only after re-reading (settling). */
  readonly settledExchanges?: number;
  /** The longest time a read took to settle, ms. */
  readonly settleMs?: number;
  /** Set when a set-up the test needed failed: the rule is inconclusive, not passed on other tests' evidence. */
  readonly setupFailed?: string;
}

/**
 * What the contract cross-check found in one Pact interaction, before anything was sent: a request the API would
 * refuse, or a response the API was never documented to give. Data, like a Violation, but about the pact.
 */
export interface ContractFinding {
  /** The catalogue rule the expectation goes against, where one applies. */
  readonly rule?: RuleId;
  /** The rule's level in the interaction's version; MUST where no rule applies (the contract is silent). */
  readonly level: Level;
  /** "Received: ... / Expected: ..." */
  readonly message: string;
}
