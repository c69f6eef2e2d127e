// Requests per second of the reference mock, side by side with a bare node:http server answering a fixed JSON body
// (the ceiling) and Prism mocking the same OpenAPI document. Run: npx tsx bench/mock.ts [--requests N] [--connections C]
//
// Each server runs in its own child process; this process only generates load (undici, keep-alive connections,
// a fixed number of requests, a warm-up first), so the figures are the servers' and not the load generator's
// competition for the same event loop.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type RunningPrism, startPrism } from '../lib/prism.ts';
import { startMockServer } from '../mock/index.ts';
import { intFlag } from './support/args.ts';
import { describeMachine } from './support/machine.ts';
import { AUTH, measure, type Result, summarise } from './support/measure.ts';
import { ROOT } from './support/occ-processes.ts';

const SELF = fileURLToPath(import.meta.url);
const LISTED_CONTACTS = 25;
const CONTACT = JSON.stringify({
  title: 'Mr',
  firstName: 'John',
  lastName: 'Doe',
  gender: 'male',
  dateOfBirth: '1991-01-01T16:17:16Z',
  emails: ['john.doe@example.com'],
  phoneNumbers: ['+353161123345'],
  nationality: 'Irish',
  country: 'IE',
  identifiers: [{ provider: 'ProfileSystem', id: 'B7524AE6-CF1C-440F-B1A2-0C9D42F5CB41' }],
  street: ['Tara St.'],
  city: 'Dublin',
});

// --- servers under test (child processes) ---------------------------------------------------------------------

async function serveBare(): Promise<void> {
  // The same bytes the mock answers (captured from it and handed over in BENCH_BODIES), so the ceiling moves
  // exactly as much data per request as the mock does and only the work behind the answer differs.
  const bodies = JSON.parse(process.env.BENCH_BODIES ?? '{}') as Record<
    'list' | 'expanded' | 'created',
    string
  >;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const post = req.method === 'POST';
      const body = post ? bodies.created : req.url?.includes('expand=true') ? bodies.expanded : bodies.list;
      res.writeHead(post ? 201 : 200, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log(`ready http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

async function serveMock(): Promise<void> {
  const mock = await startMockServer();
  console.log(`ready ${mock.url}`);
}

// --- load generation ---------------------------------------------------------------------------------------

interface Workload {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: (target: Target) => string;
  readonly body?: string;
}

interface Target {
  readonly name: string;
  readonly url: string;
  readonly listOrder: string;
  readonly createOrder: string;
}

async function load(
  target: Target,
  workload: Workload,
  requests: number,
  connections: number,
): Promise<Result> {
  const path = workload.path(target);
  const request = {
    method: workload.method,
    path,
    ...(workload.body === undefined ? {} : { body: workload.body }),
  };
  return measure(target.url, () => request, { requests, connections });
}

// --- processes -----------------------------------------------------------------------------------------------

function waitForReady(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`Failed to start ${name} within 30 s: ${output}`)),
      30_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /ready (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Failed to start ${name}: it exited with ${code}: ${output.slice(-2000)}`));
    });
  });
}

function stop(child: ChildProcess): void {
  if (child.exitCode !== null || child.pid === undefined) return;
  try {
    child.kill('SIGTERM');
  } catch {
    // Already gone.
  }
}

async function capture(url: string, method: string, path: string, body?: string): Promise<string> {
  const answer = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body }),
  });
  return answer.text();
}

async function prepareMockData(url: string): Promise<{ listOrder: string; createOrder: string }> {
  const post = async (path: string, body: unknown): Promise<string> => {
    const answer = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await answer.json()) as { ref?: string };
    if (answer.status !== 201 || !json.ref)
      throw new Error(`Failed to prepare the mock: ${answer.status} ${path}`);
    return json.ref;
  };
  const order = { currencyCode: 'EUR', orderedAt: '2026-01-01T00:00:00Z', price: 1, referenceId: 'bench' };
  const listOrder = await post('/v2.1/orders', order);
  for (let i = 0; i < LISTED_CONTACTS; i += 1)
    await post(`/v2.1/orders/${listOrder}/contacts`, JSON.parse(CONTACT));
  return { listOrder, createOrder: await post('/v2.1/orders', order) };
}

// --- the run ---------------------------------------------------------------------------------------------------

async function orchestrate(): Promise<void> {
  const requests = intFlag('--requests', 10_000);
  const connections = intFlag('--connections', 32);
  const rounds = intFlag('--rounds', 3);
  const warmup = Math.max(2000, Math.floor(requests / 5));
  const workloads: Workload[] = [
    {
      name: `list (GET, page of 10 of ${LISTED_CONTACTS})`,
      method: 'GET',
      path: (t) => `/v2.1/orders/${t.listOrder}/contacts`,
    },
    {
      name: 'create (POST, 12-field contact)',
      method: 'POST',
      path: (t) => `/v2.1/orders/${t.createOrder}/contacts`,
      body: CONTACT,
    },
    {
      name: 'list expanded (GET, expand=true)',
      method: 'GET',
      path: (t) => `/v2.1/orders/${t.listOrder}/contacts?expand=true`,
    },
  ];
  console.log('# Mock server benchmark');
  console.log(describeMachine());
  console.log(
    `load: undici Pool, ${connections} keep-alive connections, ${requests} requests per measurement after ${warmup} ` +
      `warm-up, ${rounds} rounds with the servers taken in turn, median shown; each server in its own process, ` +
      'the load generator in this one',
  );
  console.log('');

  const children: ChildProcess[] = [];
  const prisms: RunningPrism[] = [];
  const child = (role: string, env: Record<string, string> = {}) => {
    const started = spawn(process.execPath, ['--import', 'tsx', SELF, '--serve', role], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    children.push(started);
    return started;
  };
  const targets: Target[] = [];
  const prismErrors: string[] = [];
  try {
    const mockUrl = await waitForReady(child('mock'), 'the mock');
    const data = await prepareMockData(mockUrl);
    const bodies = {
      list: await capture(mockUrl, 'GET', `/v2.1/orders/${data.listOrder}/contacts`),
      expanded: await capture(mockUrl, 'GET', `/v2.1/orders/${data.listOrder}/contacts?expand=true`),
      created: await capture(mockUrl, 'POST', `/v2.1/orders/${data.createOrder}/contacts`, CONTACT),
    };
    const bareUrl = await waitForReady(
      child('bare', { BENCH_BODIES: JSON.stringify(bodies) }),
      'the bare server',
    );
    targets.push({
      name: 'bare node:http',
      url: bareUrl,
      listOrder: data.listOrder,
      createOrder: data.createOrder,
    });
    targets.push({ name: 'occ mock', url: mockUrl, ...data });
    const ref = '2d7de9df-45a2-45ea-872c-30e45139007d';
    for (const [name, quiet] of [
      ['Prism', false],
      ['Prism -v error', true],
    ] as const) {
      try {
        // As documented: prism mock <doc> -h 127.0.0.1 -p <port>; quiet adds -v error, because by default Prism
        // logs every request at info level and part of what is measured is then its logger.
        const prism = await startPrism({ versions: ['v2.1'], quiet });
        prisms.push(prism);
        targets.push({ name, url: prism.url, listOrder: ref, createOrder: ref });
      } catch (error) {
        prismErrors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    const measured = new Map<string, Result[]>();
    for (let round = 0; round < rounds; round += 1) {
      for (const workload of workloads) {
        // Rotate who goes first, so drift on a shared machine does not always favour the same server.
        const order = targets.map((_, i) => targets[(i + round) % targets.length] as Target);
        for (const target of order) {
          await load(target, workload, warmup, connections);
          const result = await load(target, workload, requests, connections);
          const key = `${workload.name}\u0000${target.name}`;
          measured.set(key, [...(measured.get(key) ?? []), result]);
          console.error(
            `  round ${round + 1} · ${target.name} · ${workload.name}: ${Math.round(result.rps)} req/s (${result.statuses})`,
          );
        }
      }
    }
    const cell = (workload: Workload, target: string) => {
      const results = measured.get(`${workload.name}\u0000${target}`);
      return results ? summarise(results) : undefined;
    };
    const names = targets.map((t) => t.name);
    const rate = (r: Result | undefined) => (r ? Math.round(r.rps).toLocaleString('en-US') : 'failed');
    const ratio = (a: Result | undefined, b: Result | undefined) =>
      a && b ? `${(a.rps / b.rps).toFixed(2)}×` : '-';
    console.log(
      `| workload | ${names.map((n) => `${n} req/s`).join(' | ')} | mock / bare | mock / Prism | mock / Prism -v error |`,
    );
    console.log(`| --- | ${names.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`);
    for (const workload of workloads) {
      const mock = cell(workload, 'occ mock');
      console.log(
        `| ${workload.name} | ${names.map((n) => rate(cell(workload, n))).join(' | ')} | ${ratio(mock, cell(workload, 'bare node:http'))} | ${ratio(mock, cell(workload, 'Prism'))} | ${ratio(mock, cell(workload, 'Prism -v error'))} |`,
      );
    }
    console.log('');
    console.log('| workload | server | p50 ms | p99 ms | non-2xx or failed |');
    console.log('| --- | --- | ---: | ---: | ---: |');
    for (const workload of workloads) {
      for (const name of names) {
        const result = cell(workload, name);
        if (result) {
          console.log(
            `| ${workload.name} | ${name} | ${result.p50.toFixed(2)} | ${result.p99.toFixed(2)} | ${result.failures} |`,
          );
        }
      }
    }
    console.log('');
    for (const workload of workloads.slice(0, 2)) {
      const mock = cell(workload, 'occ mock');
      const bare = cell(workload, 'bare node:http');
      const prism = cell(workload, 'Prism');
      const half = mock && bare ? (mock.rps >= bare.rps / 2 ? 'met' : 'NOT met') : 'n/a';
      const tenfold = mock && prism ? (mock.rps >= prism.rps * 10 ? 'met' : 'NOT met') : 'n/a';
      console.log(`goal ${workload.name}: at least half of bare ${half}; at least 10× Prism ${tenfold}`);
    }
    for (const problem of prismErrors) console.log(`Prism failed to start: ${problem}`);
  } finally {
    for (const started of children) stop(started);
    await Promise.all(prisms.map((prism) => prism.close()));
  }
}

const serveAt = process.argv.indexOf('--serve');
const role = serveAt >= 0 ? process.argv[serveAt + 1] : undefined;
if (role === 'bare') await serveBare();
else if (role === 'mock') await serveMock();
else await orchestrate();
