// The suite's overhead over the mock it tests: npx tsx bench/overhead.ts [--cases 1000] [--raw-requests 2000]
// [--rounds 3]
//
// One command, one standalone mock (`node bin/occ.js mock --port 0`, its own process, request log on), two parts:
//  (a) raw: the mock's request rate for each kind of request the suite sends (valid creates, deletes, invalid
//      writes, updates, retrieves, lists, unauthenticated calls), at concurrency 1 (one request after the other, as
//      the suite mostly sends them) and at 8 (the suite's default --concurrency before 16), timed from this
//      process with the measuring code of bench/mock.ts (bench/support/measure.ts): a warm-up, then a fixed number
//      of requests, several rounds, median;
//  (b) suite: one whole `node bin/occ.js run --base-url <the same mock> --cases N --no-pact` (as
//      bench/conformance-run.ts runs it); the mock's request log counts and classifies its requests and times the
//      first and the last, which splits the wall time into start-up, requests and tail.
// The raw rates are weighted by the suite's own request mix, which gives the time the mock alone needs per request of
// that mix; the suite's time per request minus that is the suite's overhead per request, and their quotient the ratio.
//
// What the overhead includes: starting node and tsx (occ is TypeScript run through tsx), reading the configuration,
// vitest's start-up (its config, the worker threads, transforming the suite files), loading the contracts and
// compiling their JSON Schemas (ajv), generating the cases (faker), building, sending and recording each exchange in
// lib/http-client.ts (redaction included), checking every answer (ajv schema validation and the rule checks), the
// cleanup ledger and the clean-up deletes' bookkeeping, and writing the reports (JSON, JUnit XML, HTML, Markdown).
// The "request window" figures (first request to last) leave out start-up and the tail (reports, teardown), so
// what remains there is the per-exchange work of the suite: generation, exchange records, ajv and rule checks. Both
// parts hit the same mock with its request log on, so printing log lines costs the mock the same in both.
import { type Dispatcher, Pool } from 'undici';
import type { ApiVersion } from '../contracts/index.ts';
import { invalidCases, validCases } from '../generators/index.ts';
import { basicAuthorization } from '../mock/index.ts';
import { intFlag } from './support/args.ts';
import { describeLoad, describeMachine } from './support/machine.ts';
import { AUTH, type MeasuredRequest, measure, type Result, summarise } from './support/measure.ts';
import { type MockLogLine, runOcc, startOccMock } from './support/occ-processes.ts';

const cases = intFlag('--cases', 1000);
const rawRequests = intFlag('--raw-requests', 2000);
const rounds = intFlag('--rounds', 3);
const warmup = Math.max(200, Math.floor(rawRequests / 4));
const CONCURRENCY = [1, 8] as const;
const NOW = Date.now();
const PAUSE_MS = 100;

/** The kinds of request the suite sends, as the mock's log tells them apart (method, path and status). */
const KINDS = [
  'create (valid, 201)',
  'delete (204)',
  'invalid write (4xx)',
  'update (PUT/PATCH/v2 POST, 200)',
  'retrieve (GET contact)',
  'list (GET page)',
  'unauthenticated (401)',
] as const;
type Kind = (typeof KINDS)[number];

function kindOf(line: Pick<MockLogLine, 'method' | 'path' | 'status'>): Kind {
  const path = line.path.split('?')[0] ?? '';
  if (line.status === 401) return 'unauthenticated (401)';
  if (line.method === 'DELETE') return 'delete (204)';
  if (line.method === 'GET') return path.endsWith('/contacts') ? 'list (GET page)' : 'retrieve (GET contact)';
  if (line.status >= 400 || line.status === 0) return 'invalid write (4xx)';
  return path.includes('/orderContacts/') ? 'update (PUT/PATCH/v2 POST, 200)' : 'create (valid, 201)';
}

// --- (a) raw rates -------------------------------------------------------------------------------------------

interface Fixture {
  readonly createOrder: string;
  readonly listOrder: string;
  readonly contact: string;
  readonly v2Contact: string;
  readonly creates: readonly MeasuredRequest[];
  readonly invalid: readonly MeasuredRequest[];
  readonly updates: readonly MeasuredRequest[];
}

async function call(
  pool: Pool,
  method: Dispatcher.HttpMethod,
  path: string,
  body?: unknown,
): Promise<string> {
  const response = await pool.request({
    method,
    path,
    headers: { authorization: AUTH, 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.body.json()) as { ref?: unknown };
  if (response.statusCode !== 201 || typeof json.ref !== 'string') {
    throw new Error(
      `Failed to prepare the raw measurement: ${method} ${path} answered ${response.statusCode}.`,
    );
  }
  return json.ref;
}

async function prepare(url: string): Promise<Fixture> {
  const pool = new Pool(url, { connections: 1 });
  try {
    const order = {
      currencyCode: 'EUR',
      orderedAt: new Date(NOW).toISOString(),
      price: 1,
      referenceId: 'overhead',
    };
    const createOrder = await call(pool, 'POST', '/v2.1/orders', order);
    const listOrder = await call(pool, 'POST', '/v2.1/orders', order);
    const valid = (apiVersion: ApiVersion, operation?: string) =>
      validCases({ seed: 1, apiVersion, now: NOW, count: 400, ...(operation ? { operation } : {}) });
    const creates = (['v2.1', 'v2'] as const).flatMap((v) =>
      valid(v).map((c) => ({
        method: 'POST' as const,
        path: `/${v}/orders/${createOrder}/contacts`,
        body: JSON.stringify(c.payload),
      })),
    );
    for (const c of valid('v2.1').slice(0, 25))
      await call(pool, 'POST', `/v2.1/orders/${listOrder}/contacts`, c.payload);
    const first = valid('v2.1')[0]?.payload;
    const contact = await call(pool, 'POST', `/v2.1/orders/${createOrder}/contacts`, first);
    const v2Contact = await call(pool, 'POST', `/v2/orders/${createOrder}/contacts`, valid('v2')[0]?.payload);
    const targets: Record<string, (v: ApiVersion) => { method: Dispatcher.HttpMethod; path: string }> = {
      createOrderContact: (v) => ({ method: 'POST', path: `/${v}/orders/${createOrder}/contacts` }),
      replaceOrderContact: () => ({ method: 'PUT', path: `/v2.1/orderContacts/${contact}` }),
      partiallyUpdateOrderContact: () => ({ method: 'PATCH', path: `/v2.1/orderContacts/${contact}` }),
      updateOrderContact: () => ({ method: 'POST', path: `/v2/orderContacts/${v2Contact}` }),
    };
    const invalid: MeasuredRequest[] = [];
    const updates: MeasuredRequest[] = [];
    for (const [apiVersion, operation] of [
      ['v2.1', 'createOrderContact'],
      ['v2.1', 'replaceOrderContact'],
      ['v2.1', 'partiallyUpdateOrderContact'],
      ['v2', 'createOrderContact'],
      ['v2', 'updateOrderContact'],
    ] as const) {
      const target = targets[operation]?.(apiVersion);
      if (!target) continue;
      // Built for a "now" a day ahead: a case such as "born a second from now" must still be in the future when
      // it is sent, minutes later.
      for (const c of invalidCases({ seed: 1, apiVersion, operation, now: NOW + 86_400_000 })) {
        const body = c.rawBody ?? (c.payload === undefined ? undefined : JSON.stringify(c.payload));
        // The few bodies of 2 MiB belong to the 413 checks; the suite sends five of them in a whole run.
        if (body !== undefined && body.length > 100_000) continue;
        invalid.push({ ...target, ...(body === undefined ? {} : { body }) });
      }
      if (operation !== 'createOrderContact') {
        for (const c of valid(apiVersion, operation).slice(0, 50)) {
          updates.push({ ...target, body: JSON.stringify(c.payload) });
        }
      }
    }
    return { createOrder, listOrder, contact, v2Contact, creates, invalid, updates };
  } finally {
    await pool.close();
  }
}

/** Contacts to delete: created here, not timed. */
async function contactsToDelete(url: string, fixture: Fixture, n: number): Promise<MeasuredRequest[]> {
  const pool = new Pool(url, { connections: 8 });
  const refs: MeasuredRequest[] = new Array(n);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const create = fixture.creates[i % fixture.creates.length] as MeasuredRequest;
      const ref = await call(pool, 'POST', create.path, JSON.parse(create.body ?? '{}'));
      const version = create.path.startsWith('/v2.1/') ? 'v2.1' : 'v2';
      refs[i] = { method: 'DELETE', path: `/${version}/orderContacts/${ref}` };
    }
  };
  try {
    await Promise.all(Array.from({ length: 8 }, worker));
  } finally {
    await pool.close();
  }
  return refs;
}

const WRONG_AUTH = basicAuthorization('occ-client-key', 'not-the-token');

async function measureKind(url: string, fixture: Fixture, kind: Kind, connections: number): Promise<Result> {
  const at =
    <T>(list: readonly T[]) =>
    (i: number) =>
      list[i % list.length] as T;
  const run = async (requests: number): Promise<Result> => {
    switch (kind) {
      case 'create (valid, 201)':
        return measure(url, at(fixture.creates), { requests, connections });
      case 'delete (204)': {
        const deletes = await contactsToDelete(url, fixture, requests);
        return measure(url, at(deletes), { requests, connections });
      }
      case 'invalid write (4xx)':
        return measure(url, at(fixture.invalid), {
          requests,
          connections,
          expected: (status) => status >= 400 && status < 500,
        });
      case 'update (PUT/PATCH/v2 POST, 200)':
        return measure(url, at(fixture.updates), { requests, connections });
      case 'retrieve (GET contact)':
        return measure(url, () => ({ method: 'GET', path: `/v2.1/orderContacts/${fixture.contact}` }), {
          requests,
          connections,
        });
      case 'list (GET page)':
        return measure(url, () => ({ method: 'GET', path: `/v2.1/orders/${fixture.listOrder}/contacts` }), {
          requests,
          connections,
        });
      case 'unauthenticated (401)':
        return measure(
          url,
          () => ({
            method: 'GET',
            path: `/v2.1/orderContacts/${fixture.contact}`,
            headers: { authorization: WRONG_AUTH },
          }),
          { requests, connections, expected: (status) => status === 401 },
        );
    }
  };
  await run(warmup);
  return run(rawRequests);
}

// --- the run ---------------------------------------------------------------------------------------------------

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

console.log('# Suite overhead benchmark');
console.log(describeMachine());
console.log(describeLoad());
console.log(
  `mock: node bin/occ.js mock --port 0 (its own process, request log on), shared by (a) and (b); ` +
    `(a) undici Pool, ${rawRequests} requests per kind after ${warmup} warm-up, ${rounds} rounds, median; ` +
    `(b) node bin/occ.js run --cases ${cases} --seed 1 --no-pact`,
);
console.log('');

const mock = await startOccMock();
try {
  // (a)
  const fixture = await prepare(mock.url);
  const raw = new Map<string, Result[]>();
  for (let round = 0; round < rounds; round += 1) {
    for (const connections of CONCURRENCY) {
      for (const kind of KINDS) {
        const result = await measureKind(mock.url, fixture, kind, connections);
        const key = `${kind}\u0000${connections}`;
        raw.set(key, [...(raw.get(key) ?? []), result]);
        console.error(
          `  round ${round + 1} · c=${connections} · ${kind}: ${Math.round(result.rps)} req/s (${result.statuses})`,
        );
      }
    }
  }
  const rawOf = (kind: Kind, connections: number) => summarise(raw.get(`${kind}\u0000${connections}`) ?? []);

  // (b)
  await mock.quiet();
  const mark = mock.log.length;
  const run = await runOcc(mock.url, cases);
  await mock.quiet();
  const lines = mock.log.slice(mark);
  const requests = lines.length;
  const firstAt = lines[0]?.at ?? run.startedAt;
  const lastAt = lines[lines.length - 1]?.at ?? run.endedAt;
  const wallMs = run.endedAt - run.startedAt;
  const windowMs = lastAt - firstAt;
  // Pauses: stretches of the window in which the mock received nothing for PAUSE_MS or more (the suite doing
  // something other than sending: vitest starting the next test file, a test generating its cases, ...).
  let pausesMs = 0;
  let pauses = 0;
  for (let i = 1; i < lines.length; i += 1) {
    const gap = (lines[i] as MockLogLine).at - (lines[i - 1] as MockLogLine).at;
    if (gap >= PAUSE_MS) {
      pausesMs += gap;
      pauses += 1;
    }
  }
  const flowingMs = windowMs - pausesMs;
  const checks = /(\d+) exchange checks(?: \(\d+ retried\))? in ([\d.]+) s/.exec(run.output);
  const mix = new Map<Kind, number>(KINDS.map((k) => [k, 0]));
  for (const line of lines) {
    const kind = kindOf(line);
    mix.set(kind, (mix.get(kind) ?? 0) + 1);
  }
  /** ms the mock alone needs per request of the suite's mix, at this concurrency. */
  const rawMsPerRequest = (connections: number) =>
    requests === 0
      ? 0
      : KINDS.reduce((sum, kind) => sum + ((mix.get(kind) ?? 0) * 1000) / rawOf(kind, connections).rps, 0) /
        requests;

  console.log('(a) the mock alone, by kind of request (requests/s, median of the rounds)');
  console.log('');
  console.log('| kind | share of the suite run | c=1 req/s | c=1 p50 ms | c=8 req/s | c=8 p50 ms | failed |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const kind of KINDS) {
    const [one, eight] = [rawOf(kind, 1), rawOf(kind, 8)];
    console.log(
      `| ${kind} | ${fmt(mix.get(kind) ?? 0)} (${fmt(((mix.get(kind) ?? 0) / Math.max(1, requests)) * 100, 1)}%) | ` +
        `${fmt(one.rps)} | ${fmt(one.p50, 2)} | ${fmt(eight.rps)} | ${fmt(eight.p50, 2)} | ${one.failures + eight.failures} |`,
    );
  }
  const [raw1, raw8] = [rawMsPerRequest(1), rawMsPerRequest(8)];
  console.log(
    `| the suite's mix (weighted) | ${fmt(requests)} (100%) | ${fmt(1000 / raw1)} | ${fmt(raw1, 3)} ms/req | ` +
      `${fmt(1000 / raw8)} | ${fmt(raw8, 3)} ms/req | |`,
  );
  console.log('');
  console.log(`(b) the suite: occ run --cases ${cases} --no-pact`);
  console.log('');
  const s = (ms: number) => `${fmt(ms / 1000, 1)} s`;
  console.log(`exit ${run.code}; wall ${s(wallMs)} =`);
  console.log(
    `  start-up ${s(firstAt - run.startedAt)} (process start to the first request: node, tsx, config, global set-up)`,
  );
  console.log(
    `  + requests ${s(windowMs)} (first to last request), of which ${s(pausesMs)} in ${pauses} pauses of ` +
      `${PAUSE_MS} ms or more with no request (mostly where a test file or test starts: vitest loading it, ` +
      `the test generating its cases) and ${s(flowingMs)} with requests flowing`,
  );
  console.log(`  + tail ${s(run.endedAt - lastAt)} (last request to exit: reports, teardown)`);
  const rate = (n: number, ms: number) => fmt((n / Math.max(1, ms)) * 1000);
  console.log(
    `${fmt(requests)} requests: ${rate(requests, wallMs)} requests/s over the wall, ` +
      `${rate(requests, windowMs)} over the request window, ${rate(requests, flowingMs)} while flowing`,
  );
  if (checks) {
    const n = Number(checks[1]);
    console.log(
      `${fmt(n)} exchange checks (the run's own clock: ${checks[2]} s): ${rate(n, wallMs)} checks/s over the wall, ` +
        `${rate(n, windowMs)} over the request window, ${rate(n, flowingMs)} while flowing`,
    );
  } else {
    console.log('exchange checks: not found in the run output');
  }
  console.log(
    `the mock's own work for these requests (at the raw c=1 rates): ${fmt((raw1 * requests) / 1000, 2)} s of the ` +
      `${fmt(wallMs / 1000, 1)} s wall (${fmt(((raw1 * requests) / wallMs) * 100, 1)}%)`,
  );
  console.log('');
  console.log('overhead of the suite per request (suite ms/request - raw ms/request of the same mix):');
  console.log('');
  console.log(
    '| suite time counted | suite ms/req | vs raw c=1: overhead ms/req | ratio | vs raw c=8: overhead ms/req | ratio |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, ms] of [
    ['whole wall', wallMs],
    ['request window', windowMs],
    ['requests flowing', flowingMs],
  ] as const) {
    const suite = ms / Math.max(1, requests);
    console.log(
      `| ${name} | ${fmt(suite, 3)} | ${fmt(suite - raw1, 3)} | ${fmt(suite / raw1, 1)}× | ` +
        `${fmt(suite - raw8, 3)} | ${fmt(suite / raw8, 1)}× |`,
    );
  }
  if (run.code !== 0) {
    console.log('');
    console.log(`the run exited with ${run.code}; its output ended with:\n${run.output.slice(-2000)}`);
    process.exitCode = 1;
  }
} finally {
  await mock.stop();
}
