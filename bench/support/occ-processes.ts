// The occ command as the benchmarks run it: a standalone mock (`occ mock`, its own process, whose request log
// counts and times the requests it answers) and whole conformance runs (`occ run`) against it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUN_NODE_FLAGS } from '../../lib/node-flags.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from '../../mock/index.ts';

/** The repository's root directory, with a trailing slash. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** bin/occ.js. */
export const OCC_BIN = fileURLToPath(new URL('../../bin/occ.js', import.meta.url));

/** One line of the mock's request log: `occ: mock 201 POST /v2.1/orders/x/contacts 0.4ms`. */
export interface MockLogLine {
  /** When this process read the line (performance.now()). */
  readonly at: number;
  /** The status, or 0 for a connection reset on purpose. */
  readonly status: number;
  readonly method: string;
  /** Path and query as the mock received them. */
  readonly path: string;
}

/** An `occ mock` running in a child process. */
export interface StandaloneMock {
  /** http://127.0.0.1:<port>. */
  readonly url: string;
  /** Every request line logged so far (empty when started with log: false), in order. */
  readonly log: readonly MockLogLine[];
  /**
   * Resolves once no log line has arrived for `ms` (default 150): the mock prints a request's line after answering
   * it, so the last lines of a burst reach this process a little after the answers do.
   */
  quiet(ms?: number): Promise<void>;
  /** Stops the mock (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

const LOG_LINE = /^occ: mock (\d{3}|reset) (\S+) (\S+) [\d.]+ms$/;

/** Calls `onLine` with each whole line the stream writes (a line split across chunks is put back together). */
function eachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let rest = '';
  stream.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Starts `node bin/occ.js mock --port 0` on 127.0.0.1 (with `--no-log` unless `log`), waits for its
 * "listening on" line, and, when logging, records every request line it prints.
 */
export async function startOccMock(
  options: { log?: boolean; faults?: readonly string[] } = {},
): Promise<StandaloneMock> {
  const args = [OCC_BIN, 'mock', '--port', '0', '--host', '127.0.0.1'];
  if (options.log === false) args.push('--no-log');
  for (const fault of options.faults ?? []) args.push('--fault', fault);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: MockLogLine[] = [];
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Failed to start occ mock within 30 s: ${output}`)),
      30_000,
    );
    eachLine(child.stdout, (line) => {
      const entry = LOG_LINE.exec(line);
      if (entry) {
        const [, status, method, path] = entry as unknown as [string, string, string, string];
        log.push({ at: performance.now(), status: status === 'reset' ? 0 : Number(status), method, path });
        return;
      }
      if (output.length < 4000) output += `${line}\n`;
      const listening = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (listening) {
        clearTimeout(timer);
        resolve(listening);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (output.length < 4000) output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Failed to start occ mock: it exited with ${code}: ${output.slice(-2000)}`));
    });
  });
  return {
    url,
    log,
    quiet: async (ms = 150) => {
      for (;;) {
        const seen = log.length;
        await new Promise((resolve) => setTimeout(resolve, ms));
        if (log.length === seen) return;
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** How one `occ run` went. */
export interface OccRun {
  readonly code: number | null;
  /** performance.now() when the process was started and when it had exited. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly seconds: number;
  /**
   * The highest resident memory of the run's whole process tree (the occ process and every process it started:
   * vitest's fork workers, Pact), sampled every 100 ms, in bytes.
   */
  readonly peakRssBytes: number;
  /** The same for the occ process alone (its own VmHWM). */
  readonly peakMainRssBytes: number;
  /** What the run printed (stdout and stderr, the last 64 KiB). */
  readonly output: string;
}

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The parent of every process on the machine, from /proc/<pid>/stat (Linux). */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(Number(name), ppid);
    } catch {
      // Gone while listing.
    }
  }
  return map;
}

/** The resident memory of a process and all its descendants now, in bytes. */
function treeRss(root: number): number {
  const parentOf = parents();
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let sum = 0;
  for (const pid of tree) sum += statusField(pid, 'VmRSS');
  return sum;
}

/**
 * Runs `node bin/occ.js run --base-url <url> --cases <cases> --seed <seed> --no-pact` with the mock's default
 * credentials, reports and ledger in a temporary directory (removed afterwards).
 */
export function runOcc(baseUrl: string, cases: number, seed = 1): Promise<OccRun> {
  return runOccRun(['--base-url', baseUrl, '--cases', String(cases), '--seed', String(seed), '--no-pact'], {
    CDP_CLIENT_KEY: DEFAULT_CLIENT_KEY,
    CDP_API_TOKEN: DEFAULT_API_TOKEN,
  });
}

/**
 * Runs `occ run <args>` as `npm run conformance` does (the same V8 flags), with its reports and ledger in a
 * temporary directory (removed afterwards), measuring its wall time and its process tree's peak memory.
 */
export async function runOccRun(args: readonly string[], env: Record<string, string> = {}): Promise<OccRun> {
  const dir = mkdtempSync(join(tmpdir(), 'occ-bench-'));
  try {
    const startedAt = performance.now();
    const child = spawn(
      process.execPath,
      [...RUN_NODE_FLAGS, OCC_BIN, 'run', ...args, '--report-dir', dir, '--ledger-dir', join(dir, 'ledger')],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
    );
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-65_536);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let peak = 0;
    let peakMain = 0;
    const poll = setInterval(() => {
      peak = Math.max(peak, treeRss(child.pid ?? 0));
      peakMain = Math.max(peakMain, statusField(child.pid ?? 0, 'VmHWM'));
    }, 100);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(poll);
    const endedAt = performance.now();
    return {
      code,
      startedAt,
      endedAt,
      seconds: (endedAt - startedAt) / 1000,
      peakRssBytes: peak,
      peakMainRssBytes: peakMain,
      output,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
