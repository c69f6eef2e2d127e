import type { ApiVersion } from '../../contracts/index.ts';

/** What every conformance test needs to know about the run; never holds credentials. */
export interface RunContext {
  readonly runId: string;
  readonly seed: number;
  /** The run's reference time (ISO); generators derive "a second ago" from it. */
  readonly now: string;
  readonly baseUrl: string;
  readonly targetKind: 'embedded-mock' | 'url' | 'prism';
  readonly apiVersions: readonly ApiVersion[];
  /** The order the contacts are created on. */
  readonly orderRef: string | undefined;
  /** True when the run created the order (and deletes it at the end). */
  readonly orderCreated: boolean;
  readonly ledgerDir: string;
  readonly strict: boolean;
  readonly only: readonly string[];
  readonly cases: number | undefined;
  readonly readOnly: boolean;
  readonly timeoutMs: number;
  readonly retries: number;
  /** Requests in a row that may fail before the run gives up on the target (0: never). */
  readonly giveUpAfter: number;
  readonly concurrency: number;
  readonly rps: number | undefined;
  readonly startedAt: string;
  /** Set when the target could not be reached or authenticated: the run checks nothing. */
  readonly unreachable?: string;
}

/** The environment variable that carries the run context from the main process to the test workers. */
export const RUN_CONTEXT_ENV = 'OCC_RUN_CONTEXT';

/** Serialises a run context for the environment. */
export function encodeRunContext(context: RunContext): string {
  return JSON.stringify(context);
}

/** Reads the run context from the environment, or undefined when none was set. */
export function decodeRunContext(env: Readonly<Record<string, string | undefined>>): RunContext | undefined {
  const text = env[RUN_CONTEXT_ENV];
  return text ? (JSON.parse(text) as RunContext) : undefined;
}
