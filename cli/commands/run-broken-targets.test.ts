// The whole of `occ run` against targets that misbehave: each must end in a clear verdict within a bounded time,
// never a hang, a crash or a stack trace, and never with a secret in what it wrote.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY } from '../../lib/settings.ts';
import {
  type BrokenServer,
  type BrokenServerKind,
  startBrokenServer,
} from '../../lib/testing/broken-servers.ts';
import {
  diesAfter,
  type FailingProxy,
  type ProxyFailure,
  type ProxyPlan,
  startFailingProxy,
} from '../../lib/testing/failing-proxy.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY, startMockServer } from '../../mock/index.ts';
import type { ConformanceReport } from '../../reports/index.ts';
import { type OccOutcome, spawnOcc } from '../testing/spawn-occ.ts';

const TOKEN = 'tok-BROKEN-TARGETS-RECOGNISABLE-91c';
const ORDER = '3b5cb55e-2f1a-4a58-9d1f-0c2b9a7e1d20';
/**
 * Generous: a full run (about 3,200 requests since the detection work) on a 2-core machine busy with other tests
 * took 54 s; the point is that a hang, held only by the per-exchange bounds, would blow it by minutes.
 */
const BOUND_MS = 150_000;

type Report = ConformanceReport;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function broken(kind: BrokenServerKind): Promise<BrokenServer> {
  // Failures far beyond the retries: the server never recovers within a run.
  const server = await startBrokenServer(kind, { failures: 1_000_000, dripIntervalMs: 100 });
  closers.push(() => server.close());
  return server;
}

/** occ run against a URL with small timeouts, a recognisable token, its own report and ledger folders. */
async function runAgainst(
  url: string,
  extra: readonly string[] = [],
  credentials = { key: 'key-broken-targets', token: TOKEN },
): Promise<OccOutcome & { report: Report; files: string[] }> {
  const reportDir = mkdtempSync(join(tmpdir(), 'occ-broken-report-'));
  const outcome = await spawnOcc([
    'run',
    '--base-url',
    url,
    '--client-key',
    credentials.key,
    '--api-token',
    credentials.token,
    '--timeout-ms',
    '400',
    '--retries',
    '1',
    '--report-dir',
    reportDir,
    '--ledger-dir',
    mkdtempSync(join(tmpdir(), 'occ-broken-ledger-')),
    ...extra,
  ]);
  const files = readdirSync(reportDir).map((f) => readFileSync(join(reportDir, f), 'utf8'));
  const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as Report;
  return { ...outcome, report, files };
}

function expectCleanEnding(run: OccOutcome & { files: string[] }): void {
  const output = run.stdout + run.stderr;
  expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(output).not.toContain('RECOGNISABLE');
  for (const file of run.files) expect(file).not.toContain('RECOGNISABLE');
  expect(run.ms).toBeLessThan(BOUND_MS);
}

describe('occ run against a target nothing can be checked on', () => {
  it.each<[BrokenServerKind, string[], string, RegExp]>([
    [
      'hang',
      [],
      'timeout',
      /Cannot connect to .*: no answer within 400 ms to creating the run's order \(timeout/,
    ],
    [
      'reset',
      ['--order-ref', ORDER],
      'server-error',
      /Server error at .*: UND_ERR_SOCKET: other side closed, to listing the contacts of order .* \(after 2 attempts\)\. The target is failing or overloaded: try again later or raise --retries \/ OCC_RETRIES\.$/m,
    ],
    ['slow-drip', [], 'timeout', /Cannot connect to .*: no answer within 400 ms to creating the run's order/],
    ['close-mid-body', ['--order-ref', ORDER], 'server-error', /Server error at .*while reading the body/],
    [
      'down',
      [],
      'connect-refused',
      /Cannot connect to .*: the connection was refused.*ECONNREFUSED, after 2 attempts/,
    ],
    [
      'auth-refused',
      [],
      'credentials',
      /Credentials refused by .*: status 401 to creating the run's order\. Check --client-key \/ CDP_CLIENT_KEY and --api-token \/ CDP_API_TOKEN/,
    ],
    [
      '503-burst',
      ['--order-ref', ORDER],
      'server-error',
      /Server error at .*: status 503 .* \(after 2 attempts\)/,
    ],
    ['429-retry-after', [], 'server-error', /Server error at .*: status 429 .* \(after 2 attempts\)/],
    [
      'garbage',
      [],
      'server-error',
      /status 200, but the body is not JSON \(application\/json\): "\{\\"ref\\"/,
    ],
    [
      'html',
      [],
      'base-url',
      /Base URL wrong: .* answered status 200, but the body is not JSON \(text\/html; charset=utf-8\): "<!DOCTYPE html>/,
    ],
    [
      'wrong-content-type',
      [],
      'setup-refused',
      /Set-up refused: .*status 200, but the body has no ref .*: "\{\\"ok\\":true\}"/,
    ],
  ])(
    '%s: exit 3 with a message naming the failure, an unreachable report that says why',
    async (kind, extra, cause, message) => {
      const server = await broken(kind);
      const run = await runAgainst(server.url, extra);
      expect(run.code, run.stdout + run.stderr).toBe(3);
      expect(run.stdout).toMatch(message);
      expect(run.report.verdict).toBe('unreachable');
      expect(run.report.unreachableCause).toBe(cause);
      expect(run.report.rules.every((r) => r.status === 'skipped')).toBe(true);
      expectCleanEnding(run);
    },
    60_000,
  );
});

describe('occ run (the whole suite) against a target that answers nonsense to everything', () => {
  // Only these can pass against a server that never answers like the API: no 5xx came, and (where the server says
  // so) the content type was JSON. Any other pass would be a check passing on nothing.
  const HARMLESS = new Set(['OC-NO-5XX', 'OC-CONTENT-TYPE-JSON']);

  it.each<[BrokenServerKind, string[]]>([
    ['garbage', ['OC-NO-5XX', 'OC-CONTENT-TYPE-JSON']],
    ['html', ['OC-NO-5XX']],
    ['wrong-content-type', ['OC-NO-5XX']],
  ])(
    '%s: exit 1, every MUST rule failed, skipped or kept from its cases by a failed set-up, no rule passed on nothing',
    async (kind, passes) => {
      const server = await broken(kind);
      const run = await runAgainst(server.url, ['--order-ref', ORDER, '--cases', '4', '--no-pact']);
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.report.verdict).toBe('failed');
      const passed = run.report.rules.filter((r) => r.status === 'passed').map((r) => r.id);
      expect([...new Set(passed)].sort()).toEqual([...passes].sort());
      expect(passed.every((id) => HARMLESS.has(id))).toBe(true);
      const must = run.report.rules.filter((r) => r.level === 'MUST' && !HARMLESS.has(r.id));
      // A rule whose test could not set up (the garbage answered the set-up's create) is inconclusive, naming it.
      const setUpFailed = (r: (typeof must)[number]) =>
        r.status === 'inconclusive' && (r.setupFailures?.length ?? 0) > 0;
      expect(must.filter((r) => r.status !== 'failed' && r.status !== 'skipped' && !setUpFailed(r))).toEqual(
        [],
      );
      expect(must.filter((r) => r.status === 'failed').map((r) => r.id)).toContain('OC-CREATE-201');
      for (const rule of run.report.rules.filter((r) => r.status === 'skipped'))
        expect(rule.reason, rule.id).toBeTruthy();
      expect(server.requests).toBeGreaterThan(100);
      expectCleanEnding(run);
    },
    90_000,
  );
});

/** The embedded mock, on its own, behind a proxy that follows a plan. */
async function mockBehind(plan: ProxyPlan): Promise<FailingProxy> {
  const mock = await startMockServer({});
  const proxy = await startFailingProxy(mock.url, plan);
  closers.push(
    () => proxy.close(),
    () => mock.close(),
  );
  return proxy;
}

describe('occ run against a target that dies in the middle of the run', () => {
  it.each<ProxyFailure>(['hang', 503])(
    'then %s: stops sending after --give-up-after failures in a row, skips the rest, says so',
    async (then) => {
      const proxy = await mockBehind(diesAfter(250, then));
      const run = await runAgainst(proxy.url, ['--cases', '8', '--give-up-after', '5'], {
        key: DEFAULT_CLIENT_KEY,
        token: DEFAULT_API_TOKEN,
      });
      // 1 when a rule failed before the target went away, else 3: never 0 for a run that gave up.
      expect([1, 3], run.stdout + run.stderr).toContain(run.code);
      const notes = (run.report.notes ?? []).join('\n');
      expect(notes).toMatch(
        /the run stopped sending at .*: the target stopped answering \(5 requests in a row/,
      );
      expect(notes).toContain('Pact verification was skipped');
      expect(notes).toMatch(/could not delete \d+ of the resources this run created/);
      const notSent = run.report.rules.filter((r) =>
        r.reason?.startsWith('not sent: the target stopped answering'),
      );
      expect(notSent.length).toBeGreaterThan(0);
      // What was checked while the target still answered keeps its verdict.
      expect(run.report.rules.filter((r) => r.status === 'passed').length).toBeGreaterThan(5);
      // Bounded: past the healthy ones, the failures in a row and the sends in flight beside them (the default
      // concurrency), each with its retries, and cleanup's one try per resource.
      const undeleted = Number(/could not delete (\d+) of the resources/.exec(notes)?.[1]);
      expect(proxy.requests).toBeLessThanOrEqual(250 + (5 + DEFAULT_CONCURRENCY) * 4 + undeleted);
      expectCleanEnding(run);
    },
    90_000,
  );
});

describe('occ run against a target with transient failures', () => {
  it('passes through 503s, 429s with Retry-After and resets of reads, and the report shows the retries', async () => {
    // Every 17th request 503, every 41st 429 (Retry-After: 1), every 13th GET reset: a send meets two at most, and
    // the default three retries see it through.
    const proxy = await mockBehind((n, method) => {
      if (n % 41 === 0) return { status: 429, retryAfter: '1' };
      if (n % 17 === 0) return 503;
      if (n % 13 === 0 && method === 'GET') return 'reset';
      return 'forward';
    });
    const run = await runAgainst(
      proxy.url,
      ['--api-version', 'v2.1', '--cases', '8', '--no-pact', '--retries', '3'],
      {
        key: DEFAULT_CLIENT_KEY,
        token: DEFAULT_API_TOKEN,
      },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.report.verdict).toBe('passed');
    expect(run.report.summary.retriedExchanges).toBeGreaterThan(0);
    const retried = run.report.rules.filter((r) => r.status === 'passed' && /retr/.test(r.reason ?? ''));
    expect(retried.length).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/retried/);
    expectCleanEnding(run);
  }, 240_000);
});
