import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN_ENV } from '../cli/testing/spawn-occ.ts';
import { FAULTS } from '../mock/faults.ts';
import {
  ConformanceOptionsError,
  type ConformanceReport,
  diffReports,
  InvalidReportError,
  loadReport,
  runConformance,
} from './index.ts';

const CHILD = fileURLToPath(new URL('./testing/run-in-child.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

interface Listeners {
  readonly SIGINT: number;
  readonly SIGTERM: number;
}

interface ChildRun {
  readonly report: ConformanceReport;
  readonly exitCalls: unknown[];
  readonly before: Listeners;
  readonly during: Listeners | undefined;
  readonly after: Listeners;
  readonly logged: string[];
  readonly exitCode: number | undefined;
}

const temporaryFolder = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));
const FAULT = FAULTS.find((f) => f.name === 'create-omits-ref');
const reportDir = temporaryFolder('occ-api-');
let runs: ChildRun[] = [];
let stdout = '';

const statusOf = (report: ConformanceReport, id: string, apiVersion: string) =>
  report.rules.find((r) => r.id === id && r.apiVersion === apiVersion)?.status;

// The three runs share one process, as a program calling runConformance again and again would.
beforeAll(async () => {
  const scenarios = [
    { tier: 'smoke', seed: 1, reportDir, reportFormats: ['json', 'markdown'] },
    { tier: 'smoke', seed: 1, apiVersions: ['v2.1'], mockFaults: [FAULT?.name] },
    { tier: 'smoke', seed: 1, handleSignals: true, cancelAfter: 'running the suites' },
  ];
  ({ stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', TSX, CHILD, JSON.stringify(scenarios)],
    { env: CLEAN_ENV, cwd: temporaryFolder('occ-api-cwd-'), maxBuffer: 64 * 1024 * 1024 },
  ));
  runs = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ChildRun);
}, 120_000);

describe('runConformance against the embedded mock', () => {
  it('resolves to the typed report, prints nothing, never exits and adds no signal listener', () => {
    expect(runs).toHaveLength(3);
    const [run] = runs;
    expect(run?.report.verdict).toBe('passed');
    expect(run?.report.tier).toBe('smoke');
    expect(run?.report.seed).toBe(1);
    expect(run?.report.target.kind).toBe('embedded-mock');
    expect(run?.report.summary.failed).toBe(0);
    expect(run?.report.summary.passed).toBeGreaterThan(100);
    for (const r of runs) {
      expect(r.exitCalls).toEqual([]);
      expect(r.exitCode).toBeUndefined();
    }
    expect(run?.before).toEqual({ SIGINT: 0, SIGTERM: 0 });
    expect(run?.during).toEqual({ SIGINT: 0, SIGTERM: 0 });
    expect(run?.after).toEqual({ SIGINT: 0, SIGTERM: 0 });
    // Every line of the child's stdout is one of its JSON results: runConformance wrote nothing there.
    expect(stdout.trim().split('\n')).toHaveLength(3);
    expect(run?.logged).toContain('running the suites');
    // The suites' progress reaches the log callback a line at a time, without the CLI's prefix.
    expect(run?.logged.filter((line) => line.startsWith('✓ ')).length).toBeGreaterThan(5);
    expect(run?.logged.filter((line) => line.startsWith('occ:') || line.includes('\n'))).toEqual([]);
  });

  it('writes the formats asked for into reportDir, and only those', () => {
    expect(readdirSync(reportDir).sort()).toEqual(['conformance.json', 'conformance.md']);
    expect(loadReport(reportDir)).toEqual(runs[0]?.report);
  });

  it("reports the embedded mock's fault as failed rules", () => {
    const report = runs[1]?.report;
    expect(report?.verdict).toBe('failed');
    expect(report?.target.apiVersions).toEqual(['v2.1']);
    expect(FAULT?.breaks.length).toBeGreaterThan(0);
    for (const rule of FAULT?.breaks ?? [])
      expect(statusOf(report as ConformanceReport, rule, 'v2.1')).toBe('failed');
  });

  it('with handleSignals, cancels on SIGINT, resolves with the report and takes its listeners off', () => {
    const run = runs[2];
    expect(run?.during).toEqual({ SIGINT: 1, SIGTERM: 1 });
    expect(run?.after).toEqual({ SIGINT: 0, SIGTERM: 0 });
    expect(run?.report.notes).toContain('the run was cancelled (SIGINT).');
    // A cancelled run checked only what it reached: never a pass.
    expect([run?.report.verdict, run?.report.stoppedEarly]).toEqual(['inconclusive', true]);
    expect(run?.logged).toContain('deleting what the run created');
  });
});

describe('diffReports', () => {
  it('gives the model occ diff prints: the fault is a regression, and back again a fix', () => {
    const [clean, faulty] = [runs[0]?.report, runs[1]?.report] as ConformanceReport[];
    const worse = diffReports(clean as ConformanceReport, faulty as ConformanceReport);
    const regressed = worse.regressions.map((r) => `${r.id} ${r.apiVersion} ${r.from}->${r.to}`);
    for (const rule of FAULT?.breaks ?? []) expect(regressed).toContain(`${rule} v2.1 passed->failed`);
    const better = diffReports(faulty as ConformanceReport, clean as ConformanceReport);
    expect(better.regressions).toEqual([]);
    expect(better.fixes.map((r) => r.id)).toEqual(expect.arrayContaining([...(FAULT?.breaks ?? [])]));
  });
});

describe('loadReport', () => {
  it('throws InvalidReportError naming the file and the field for a report that breaks the schema', () => {
    const broken = join(temporaryFolder('occ-api-broken-'), 'conformance.json');
    const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(broken, JSON.stringify({ ...report, verdict: 'great' }));
    expect(() => loadReport(broken)).toThrow(InvalidReportError);
    expect(() => loadReport(broken)).toThrow(
      /conformance\.json.*does not match the conformance report schema: \/verdict/,
    );
  });

  it('throws InvalidReportError for a file that is not JSON, and for one that is missing', () => {
    const folder = temporaryFolder('occ-api-broken-');
    writeFileSync(join(folder, 'conformance.json'), '{"reportVersion": 1,');
    expect(() => loadReport(folder)).toThrow(/it is not JSON/);
    expect(() => loadReport(join(folder, 'nothing.json'))).toThrow(InvalidReportError);
  });
});

describe('runConformance options', () => {
  let server: Server;
  let requests = 0;
  let baseUrl = '';
  beforeAll(async () => {
    server = createServer((_, res) => {
      requests += 1;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('throws ConformanceOptionsError naming each option, its value and the fix, before any request', async () => {
    const error = await runConformance({
      baseUrl,
      clientKey: 'key-123',
      apiToken: 'token-secret-456',
      seed: 1.5,
      concurrency: 0,
      only: ['OC-NO-SUCH-RULE'],
      tier: 'quick' as 'smoke',
      ...({ tierr: 'smoke' } as object),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConformanceOptionsError);
    const { problems, message } = error as ConformanceOptionsError;
    expect(problems).toEqual([
      'tierr: not an option of runConformance; near matches: tier, env, seed.',
      'seed: received "1.5", expected a whole number from 0 to 2147483647.',
      'tier: received "quick", expected smoke or full.',
      'concurrency: received "0", expected a whole number from 1 to 256.',
      expect.stringMatching(
        /^only: received "OC-NO-SUCH-RULE", not a rule id or category of the catalogue; near matches: /,
      ),
    ]);
    expect(message).not.toContain('token-secret-456');
    expect(requests).toBe(0);
  });

  it('refuses a profile that is missing or invalid, before any request', async () => {
    const folder = temporaryFolder('occ-api-profile-');
    writeFileSync(join(folder, 'bad.json'), JSON.stringify({ profileVersion: 1 }));
    const problems = async (options: Parameters<typeof runConformance>[0]) =>
      ((await runConformance(options).catch((e: unknown) => e)) as ConformanceOptionsError).problems;
    const credentials = { baseUrl, clientKey: 'key-123', apiToken: 'token-456' };
    expect(await problems({ ...credentials, profile: join(folder, 'nope.json') })).toEqual([
      expect.stringMatching(/^Failed to read profile ".*nope\.json": ENOENT/),
    ]);
    expect(await problems({ ...credentials, profile: join(folder, 'bad.json') })).toEqual([
      expect.stringMatching(
        /^Failed to read profile ".*bad\.json": 6 problems:\n {2}- \/ must have required property 'createdAt'/,
      ),
    ]);
    expect(await problems({ ...credentials, profile: '' })).toEqual([
      'profile: received "", expected the path of a tenant profile.',
    ]);
    expect(requests).toBe(0);
  });

  it('names the options in the cross-checks too (credentials, a faulted mock at a URL)', async () => {
    const error = (await runConformance({ baseUrl, mockFaults: ['create-omits-ref'] }).catch(
      (e: unknown) => e,
    )) as ConformanceOptionsError;
    expect(error.problems).toEqual([
      'a base URL is set but clientKey and apiToken is not: the target needs both (Settings > API access in Sitecore CDP).',
      expect.stringMatching(
        /^mockFaults: received "create-omits-ref", but the target is http:\/\/127\.0\.0\.1:/,
      ),
    ]);
    expect(requests).toBe(0);
  });

  it('reads the environment only when given as env, naming its variables, the options winning', async () => {
    const env = { CDP_BASE_URL: baseUrl, OCC_SEED: 'seven', OCC_TIER: 'quick', OCC_CONCURRENCY: '0' };
    const error = (await runConformance({ env, tier: 'smoke', concurrency: 2 }).catch(
      (e: unknown) => e,
    )) as ConformanceOptionsError;
    expect(error.problems).toEqual([
      'OCC_SEED: received "seven", expected a whole number from 0 to 2147483647.',
      'a base URL is set but clientKey and apiToken is not: the target needs both (Settings > API access in Sitecore CDP).',
    ]);
    expect(requests).toBe(0);
  });

  it('refuses a run estimated above maxRequests before it starts, saying what would fit', async () => {
    const error = (await runConformance({ maxRequests: 300, seed: 1 }).catch(
      (e: unknown) => e,
    )) as ConformanceOptionsError;
    expect(error).toBeInstanceOf(ConformanceOptionsError);
    expect(error.problems).toEqual([
      expect.stringMatching(
        /^maxRequests: 300: this run is estimated at about \d+ requests \(v2\.1 \d+, v2 \d+\), above the cap, so nothing was sent\. Raise maxRequests, or send fewer: tier: 'smoke' \(about \d+\), fewer cases \(cases\), one API version \(apiVersions\)\.$/,
      ),
    ]);
  });

  it('refuses a shard, report formats and a signal of the wrong kind', async () => {
    const error = (await runConformance({
      shard: { index: 3, count: 2 },
      reportFormats: ['pdf' as 'json'],
      signal: 'stop' as unknown as AbortSignal,
    }).catch((e: unknown) => e)) as ConformanceOptionsError;
    expect(error.problems).toEqual([
      'reportFormats: received ["pdf"], expected some of json, junit, html, markdown (leave it out for all four).',
      'reportFormats: given without reportDir; pass reportDir, the folder to write them into.',
      'shard: received {"index":3,"count":2}, expected { index, count } with 1 <= index <= count, such as { index: 1, count: 3 }.',
      'signal: expected an AbortSignal (from an AbortController, or AbortSignal.timeout(ms)).',
    ]);
  });
});
