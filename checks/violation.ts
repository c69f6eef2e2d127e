import type { ApiVersion, Level, RuleId } from '../contracts/index.ts';

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
  /** curl command with credentials replaced by $CDP_CLIENT_KEY:$CDP_API_TOKEN. */
  readonly curl: string;
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
}
