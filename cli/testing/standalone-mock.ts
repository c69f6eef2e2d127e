import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CLEAN_ENV } from './spawn-occ.ts';

const BIN = fileURLToPath(new URL('../../bin/occ.js', import.meta.url));

/** One line of the mock's request log: "mock 201 POST /v2.1/orders 1.2ms". */
export interface LoggedRequest {
  readonly status: number | 'reset';
  readonly method: string;
  readonly path: string;
}

/** A standalone `occ mock` in a child process, as a user starts one, with every request it logged. */
export interface StandaloneMock {
  readonly url: string;
  /** The requests logged so far, in order. */
  requests(): LoggedRequest[];
  /** Resolves once no request was logged for `ms` (a log line arrives after its response). */
  quiet(ms?: number): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  close(): Promise<void>;
}

const LOG_LINE = /^occ: mock (\d+|reset) ([A-Z]+) (\S+) /;

/** Starts `bin/occ.js mock --port 0` (with `args`) and resolves once it listens. */
export function startStandaloneMock(args: readonly string[] = []): Promise<StandaloneMock> {
  const child = spawn(process.execPath, [BIN, 'mock', '--port', '0', ...args], {
    env: CLEAN_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const requests = (): LoggedRequest[] =>
    out.split('\n').flatMap((line) => {
      const m = LOG_LINE.exec(line);
      if (!m) return [];
      return [{ status: m[1] === 'reset' ? 'reset' : Number(m[1]), method: m[2] ?? '', path: m[3] ?? '' }];
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Failed to see occ mock listen within 20 s: ${out}${err}`)),
      20_000,
    );
    const onData = (): void => {
      const m = /occ: mock listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({ url: m[1], requests, quiet: (ms = 300) => quiet(requests, ms), close: () => stop(child) });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`occ mock exited with ${code} before listening: ${out}${err}`));
    });
  });
}

async function quiet(requests: () => LoggedRequest[], ms: number): Promise<void> {
  let seen = -1;
  while (seen !== requests().length) {
    seen = requests().length;
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
