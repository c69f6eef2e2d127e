import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type ApiVersion, contractsPath } from '../contracts/index.ts';
import { OccError } from './errors.ts';
import { forwardRequest, freePort, type LoopbackServer, listenOnLoopback } from './loopback.ts';

/** Prism running on loopback, mocking the project's OpenAPI documents, behind one base URL. */
export interface RunningPrism {
  readonly url: string;
  close(): Promise<void>;
}

/** Options of startPrism. */
export interface PrismOptions {
  readonly versions: readonly ApiVersion[];
  readonly log?: (line: string) => void;
  /** How long Prism may take to answer its first request. Default 60 s (it compiles the document first). */
  readonly startTimeoutMs?: number;
  /** Default true: `-v error`, which drops Prism's log line per request (the mock benchmark measures both). */
  readonly quiet?: boolean;
}

const PROBE_REF = '3b5cb55e-c616-424a-991c-a241d0024896';

/** The Prism CLI's entry script, or an error saying how to install it (it is an optional tool of this suite). */
export function prismEntry(): string {
  try {
    const manifest = createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json');
    const entry = join(dirname(manifest), 'dist', 'index.js');
    if (existsSync(entry)) return entry;
  } catch {
    // Not installed: said below.
  }
  throw new OccError(
    '--target prism: Prism (@stoplight/prism-cli) is not installed. Install it with `npm install --save-dev @stoplight/prism-cli`, or start your own mock and pass --base-url.',
  );
}

/**
 * Starts Prism (`prism mock contracts/openapi/<v>.bundled.json`) once per API version, each on a free loopback
 * port, and, for two versions, a small router that sends /v2.1/... and /v2/... to the right one. Prism mocks one
 * document per process, and the suite talks to one base URL.
 */
export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  const entry = prismEntry();
  const log = options.log ?? (() => {});
  const children: ChildProcess[] = [];
  // Prism runs in its own process group, which Ctrl-C does not reach: it is stopped by close(), and by this
  // exit hook when the process ends in a hurry (a second Ctrl-C). Signals themselves are the CLI's to handle.
  const killAll = (): void => {
    for (const child of children) stopGroup(child);
  };
  const unhook = (): void => {
    process.off('exit', killAll);
  };
  process.once('exit', killAll);
  const upstreams = new Map<ApiVersion, string>();
  try {
    for (const version of options.versions) {
      const port = await freePort();
      const doc = contractsPath('openapi', `${version}.bundled.json`);
      const args = ['mock', doc, '-h', '127.0.0.1', '-p', String(port)];
      if (options.quiet ?? true) args.push('-v', 'error');
      const child = spawn(process.execPath, [entry, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      await waitUntilAnswering(child, url, version, options.startTimeoutMs ?? 60_000);
      log(`Prism mocking ${version} at ${url}`);
      upstreams.set(version, url);
    }
  } catch (error) {
    killAll();
    unhook();
    throw error;
  }
  const only = upstreams.size === 1 ? [...upstreams.values()][0] : undefined;
  const router = only === undefined ? await startRouter(upstreams) : undefined;
  return {
    url: only ?? (router?.url as string),
    async close() {
      await router?.close();
      killAll();
      unhook();
      await Promise.all(children.map(exited));
    },
  };
}

async function waitUntilAnswering(
  child: ChildProcess,
  url: string,
  version: ApiVersion,
  timeoutMs: number,
): Promise<void> {
  let output = '';
  // Only the tail is kept: it is what explains a failed start.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-3000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new OccError(
        `--target prism: Prism exited with status ${child.exitCode} while starting: ${output}`,
      );
    }
    try {
      const answer = await fetch(`${url}/${version}/orderContacts/${PROBE_REF}`, {
        headers: { authorization: 'Basic b2NjOnByb2Jl' },
        signal: AbortSignal.timeout(2_000),
      });
      await answer.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new OccError(`--target prism: Prism did not answer within ${timeoutMs} ms: ${output}`);
}

async function startRouter(upstreams: ReadonlyMap<ApiVersion, string>): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    const version = /^\/(v2\.1|v2)\//.exec(req.url ?? '')?.[1] as ApiVersion | undefined;
    const upstream = version === undefined ? undefined : upstreams.get(version);
    if (upstream !== undefined) return forwardRequest(upstream, req, res);
    req.resume();
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 404, message: `No Prism mocks ${req.url}` }));
  });
  return listenOnLoopback(server);
}

function stopGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
