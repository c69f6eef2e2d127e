import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ApiVersion } from '../../contracts/index.ts';
import { RUN_NODE_FLAGS } from '../../lib/node-flags.ts';
import type { PactResult } from './verify-pacts.ts';

/** What the verifying child needs; credentials travel in its environment, never in this message. */
export interface ChildVerifyRequest {
  readonly baseUrl: string;
  readonly apiVersions: readonly ApiVersion[];
  readonly timeoutMs?: number;
  /** The run's ledger, so provider states' orders and contacts are recorded and cleaned up with the run's. */
  readonly ledger?: { readonly dir: string; readonly runId: string; readonly startedAt: string };
}

/** The child's one message back. */
export type ChildVerifyAnswer = { readonly results: PactResult[] } | { readonly error: string };

const CHILD = fileURLToPath(new URL('./verify-pacts-child.ts', import.meta.url));
/** tsx's loader, resolved from here: `--import tsx` alone would resolve it from the user's working folder. */
const TSX_LOADER = import.meta.resolve('tsx');
/** The Verifier's own text kept for an error message: the tail says what went wrong. */
const KEPT_OUTPUT = 4_000;

/**
 * Verifies the committed pacts in a child process. Pact's native Verifier prints its whole report (every
 * interaction, every mismatch) straight to file descriptor 1, which no option of pact-js turns off; in a child,
 * that text is captured and dropped, and the results come back as data through the IPC channel.
 */
export function verifyPactsInChild(
  request: ChildVerifyRequest,
  credentials: { readonly clientKey: string; readonly apiToken: string },
): Promise<PactResult[]> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], {
      // The run's heap limits too: the verifier runs while the main process still holds the suites' heap.
      execArgv: [...RUN_NODE_FLAGS, '--import', TSX_LOADER],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
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
    let answer: ChildVerifyAnswer | undefined;
    child.on('message', (message) => {
      answer = message as ChildVerifyAnswer;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (answer && 'results' in answer) return resolve(answer.results);
      const why = answer && 'error' in answer ? answer.error : `it exited with status ${code}`;
      const tail = output.trim().split('\n').slice(-5).join(' | ');
      reject(new Error(`the Pact verifier process failed: ${why}${tail ? ` (${tail})` : ''}`));
    });
    child.send(request);
  });
}
