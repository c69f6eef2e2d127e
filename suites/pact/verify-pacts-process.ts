import { type ChildProcess, fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiVersion } from '../../contracts/index.ts';
import { RUN_NODE_FLAGS } from '../../lib/node-flags.ts';
import { operationOf } from './pact-interactions.ts';
import { pactPlan } from './pact-plan.ts';
import type { PactResult } from './verify-pacts.ts';

/** The folder a child verifier writes its one-interaction pact files to; the parent removes it, even after a kill. */
export function childWorkDir(pid: number | undefined): string {
  return join(tmpdir(), `occ-verify-${pid ?? 'unknown'}`);
}

/** What the verifying child needs; credentials travel in its environment, never in this message. */
export interface ChildVerifyRequest {
  readonly baseUrl: string;
  readonly apiVersions: readonly ApiVersion[];
  /** Per attempt of every request to the target (verifyPacts' default when absent). */
  readonly timeoutMs?: number;
  /**
   * The whole stage's limit: when it passes, the child is killed and every interaction not verified by then comes
   * back inconclusive. None when absent.
   */
  readonly deadlineMs?: number;
  /** Interactions verified at once, and requests in flight at most (the run's --concurrency); 1 when absent. */
  readonly concurrency?: number;
  /** Requests started per second at most (the run's --rps). */
  readonly rps?: number;
  /** Only GETs leave; interactions that need writes come back skipped. */
  readonly readOnly?: boolean;
  /** The run's order, for a read-only run's "an order exists" state. */
  readonly orderRef?: string;
  /**
   * The proxies the requests to the target go through. They come here, not in the child's environment: Pact's
   * native Verifier honours HTTP(S)_PROXY for its own calls to Pact's local proxy on 127.0.0.1 (pact-js #1188),
   * which a corporate proxy cannot reach.
   */
  readonly proxy?: { readonly httpProxy: string; readonly httpsProxy: string; readonly noProxy: string };
  /** Pact files to verify instead of the committed ones (tests). */
  readonly pactFiles?: Partial<Record<ApiVersion, string>>;
  /** A team's own pact files, verified instead of the committed ones. */
  readonly ownPacts?: readonly string[];
  /** The run's ledger, so provider states' orders and contacts are recorded and cleaned up with the run's. */
  readonly ledger?: { readonly dir: string; readonly runId: string; readonly startedAt: string };
  /** --record: the HAR the run writes, and its run id (the child's part goes beside it). */
  readonly record?: { readonly target: string; readonly runId: string };
}

/** The child's messages: each result as it is known, then all of them (or the error that stopped it). */
export type ChildVerifyMessage =
  | { readonly result: PactResult }
  | { readonly results: PactResult[] }
  | { readonly error: string };

const CHILD = fileURLToPath(new URL('./verify-pacts-child.ts', import.meta.url));
/** tsx's loader, resolved from here: `--import tsx` alone would resolve it from the user's working folder. */
const TSX_LOADER = import.meta.resolve('tsx');
/** The Verifier's own text kept for an error message: the tail says what went wrong. */
const KEPT_OUTPUT = 4_000;

/** A verifying child forked ahead of its request, loading tsx and Pact while the suites run. */
export interface VerifierChild {
  readonly process: ChildProcess;
  /** The last of what it printed (the Verifier's own text), for an error message. */
  output(): string;
  /** Ends it unused (the run stopped before the Pact stage). */
  dispose(): void;
}

/** Forks the verifying child now; it waits for its request (verifyPactsInChild). */
export function forkVerifierChild(
  credentials: { readonly clientKey: string; readonly apiToken: string },
  concurrency = 1,
): VerifierChild {
  const child = fork(CHILD, [], {
    // The run's heap limits too: the verifier runs while the main process still holds the suites' heap.
    execArgv: [...RUN_NODE_FLAGS, '--import', TSX_LOADER],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...withoutProxyVariables(process.env),
      // Each native Verifier run holds a thread of libuv's pool until it ends (4 by default): with as many runs
      // at once as that, nothing else would get one.
      UV_THREADPOOL_SIZE: String(Math.min(1024, concurrency + 4)),
      CDP_CLIENT_KEY: credentials.clientKey,
      CDP_API_TOKEN: credentials.apiToken,
    },
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-KEPT_OUTPUT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // An error before the request (it could not start) is read from its exit by verifyPactsInChild.
  child.on('error', () => {});
  return {
    process: child,
    output: () => output,
    dispose: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(childWorkDir(child.pid), { recursive: true, force: true });
    },
  };
}

/**
 * Verifies the committed pacts in a child process (`forked` when one was forked ahead, else a new one). Pact's
 * native Verifier prints its whole report (every interaction, every mismatch) straight to file descriptor 1, which
 * no option of pact-js turns off; in a child, that text is captured and dropped, and the results come back as data
 * through the IPC channel, one by one. With a deadline, the child is killed when it passes (what its provider
 * states created is in the run's ledger, which the run's teardown cleans up) and the interactions it had not
 * verified come back inconclusive.
 */
export function verifyPactsInChild(
  request: ChildVerifyRequest,
  credentials: { readonly clientKey: string; readonly apiToken: string },
  signal?: AbortSignal,
  forked?: VerifierChild,
): Promise<PactResult[]> {
  return new Promise((resolve, reject) => {
    const alive =
      forked !== undefined && forked.process.exitCode === null && forked.process.signalCode === null;
    if (forked !== undefined && !alive) forked.dispose();
    const verifier = alive ? forked : forkVerifierChild(credentials, request.concurrency);
    const child = verifier.process;
    const streamed: PactResult[] = [];
    let final: PactResult[] | undefined;
    let error: string | undefined;
    child.on('message', (message: ChildVerifyMessage) => {
      if ('result' in message) streamed.push(message.result);
      else if ('results' in message) final = message.results;
      else error = message.error;
    });
    let deadlinePassed = false;
    let cancelled: string | undefined;
    const timer =
      request.deadlineMs === undefined
        ? undefined
        : setTimeout(() => {
            deadlinePassed = true;
            child.kill('SIGKILL');
          }, request.deadlineMs);
    // A cancelled run stops verifying at once: what the child's provider states created is in the run's ledger.
    const cancel = (): void => {
      cancelled =
        signal?.reason instanceof Error ? signal.reason.message : String(signal?.reason ?? 'cancelled');
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', cancel, { once: true });
    child.on('error', (e) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
      rmSync(childWorkDir(child.pid), { recursive: true, force: true });
      if (final) return resolve(final);
      if (cancelled !== undefined)
        return resolve(withUnverified(request, streamed, `the run was cancelled (${cancelled})`));
      if (deadlinePassed)
        return resolve(
          withUnverified(
            request,
            streamed,
            `the Pact stage's deadline of ${request.deadlineMs} ms passed before this interaction was verified`,
          ),
        );
      const why = error ?? `it exited with status ${code}`;
      const tail = verifier.output().trim().split('\n').slice(-5).join(' | ');
      reject(new Error(`the Pact verifier process failed: ${why}${tail ? ` (${tail})` : ''}`));
    });
    child.send(request);
  });
}

/** The results received, then every planned interaction without one, inconclusive for `reason`. */
function withUnverified(
  request: ChildVerifyRequest,
  received: readonly PactResult[],
  reason: string,
): PactResult[] {
  const done = new Set(received.map((r) => `${r.apiVersion} ${r.interaction}`));
  const unverified = pactPlan(request)
    .filter(({ apiVersion, interaction }) => !done.has(`${apiVersion} ${interaction.description}`))
    .map(({ apiVersion, interaction }) => ({
      interaction: interaction.description,
      apiVersion,
      operation: operationOf(interaction),
      passed: false,
      mismatches: [],
      inconclusive: reason,
    }));
  return [...received, ...unverified];
}

const PROXY_VARIABLE = /^(https?|no|all)_proxy$/i;

/** The environment without the proxy variables, so the native Verifier talks to 127.0.0.1 directly. */
function withoutProxyVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !PROXY_VARIABLE.test(name)));
}
