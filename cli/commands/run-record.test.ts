// `occ run --record FILE.har` through bin/occ.js against a standalone `occ mock` started with credentials of its
// own: the HAR validates against har-schema, holds one entry per request the mock logged (retries included, as
// separate entries of one exchange), names the rules checked, and carries no form of the credentials.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRuleId, operationsOf } from '../../contracts/index.ts';
import type { HarFile } from '../../lib/har/har-format.ts';
import { createHarValidator } from '../../lib/testing/har-validator.ts';
import { CLEAN_ENV, spawnOcc } from '../testing/spawn-occ.ts';
import { type StandaloneMock, startStandaloneMock } from '../testing/standalone-mock.ts';

const KEY = 'ck-record-5f1c9a2e77';
const TOKEN = 'tok-record-8d3b7e41c9';
const SECRETS = [
  KEY,
  TOKEN,
  `${KEY}:${TOKEN}`,
  Buffer.from(`${KEY}:${TOKEN}`).toString('base64'),
  encodeURIComponent(`${KEY}:${TOKEN}`),
];

let plain: StandaloneMock;
let flaky: StandaloneMock;

beforeAll(async () => {
  [plain, flaky] = await Promise.all([
    startStandaloneMock(['--client-key', KEY, '--api-token', TOKEN]),
    startStandaloneMock(['--client-key', KEY, '--api-token', TOKEN, '--variant', 'transient-503']),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all([plain?.close(), flaky?.close()]);
});

/** `occ run --tier smoke` against `mock`, with `record` as --record; what it printed and the requests it made. */
async function run(mock: StandaloneMock, record: string, dir: string) {
  await mock.quiet();
  const before = mock.requests().length;
  const outcome = await spawnOcc([
    'run',
    '--base-url',
    mock.url,
    '--client-key',
    KEY,
    '--api-token',
    TOKEN,
    '--tier',
    'smoke',
    '--seed',
    '11',
    '--report-dir',
    join(dir, 'reports'),
    '--ledger-dir',
    join(dir, 'ledger'),
    '--record',
    record,
  ]);
  await mock.quiet();
  return { outcome, sent: mock.requests().slice(before) };
}

describe('occ run --record', () => {
  it('writes a HAR that validates, one entry per request sent, each with its _occ fields, and no secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-record-'));
    const file = join(dir, 'run.har');
    const { outcome, sent } = await run(plain, file, dir);
    expect({ code: outcome.code, stderr: outcome.stderr }).toMatchObject({ code: 0 });
    expect(outcome.stdout).toMatch(/recorded \d+ attempts in .*run\.har/);

    const text = readFileSync(file, 'utf8');
    const har = JSON.parse(text) as HarFile;
    expect(createHarValidator()(har)).toEqual([]);
    // Nothing but the HAR and what the run always writes: the parts are gone, no temporary file stayed.
    expect(readdirSync(dir).sort()).toEqual(['ledger', 'reports', 'run.har']);
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);

    const { entries } = har.log;
    expect(entries.length).toBe(sent.length);
    expect(har.log._occ).toMatchObject({ seed: 11, tier: 'smoke', baseUrl: plain.url, entries: sent.length });
    // The same requests, method and path, in the same numbers.
    const key = (method: string, url: string): string => `${method} ${new URL(url, plain.url).pathname}`;
    const count = (keys: string[]): Record<string, number> =>
      keys.reduce<Record<string, number>>((n, k) => Object.assign(n, { [k]: (n[k] ?? 0) + 1 }), {});
    expect(count(entries.map((e) => key(e.request.method, e.request.url)))).toEqual(
      count(sent.map((r) => key(r.method, r.path))),
    );

    const ids = new Set<string>();
    for (const { _occ: occ } of entries) {
      expect(occ.exchangeId).toMatch(/^x-/);
      expect(occ.attempt).toBeGreaterThanOrEqual(1);
      expect(occ.attempt).toBeLessThanOrEqual(occ.attempts);
      expect(occ.final).toBe(occ.attempt === occ.attempts);
      expect(['prepare', 'suites', 'teardown']).toContain(occ.stage);
      expect(occ.operation).not.toBe('');
      expect(Number.isInteger(occ.sequence)).toBe(true);
      expect(occ.auth).toBeDefined();
      for (const rule of occ.rules) expect(isRuleId(rule), rule).toBe(true);
      if (occ.stage === 'suites') expect(occ.test).toMatch(/\.conformance\.ts > .+ > .+/);
      if (occ.final) {
        expect(ids.has(occ.exchangeId), occ.exchangeId).toBe(false);
        ids.add(occ.exchangeId);
      }
    }
    expect(entries.filter((e) => e._occ.stage === 'prepare').length).toBeGreaterThan(0);
    expect(entries.filter((e) => e._occ.stage === 'teardown').length).toBeGreaterThan(0);
    // The suites' exchanges carry the rules they were checked against (OC-NO-5XX at least, on every one checked).
    const checked = entries.filter((e) => e._occ.stage === 'suites' && e._occ.rules.length > 0);
    expect(checked.length / entries.filter((e) => e._occ.stage === 'suites').length).toBeGreaterThan(0.9);
    expect(checked.every((e) => e._occ.rules.includes('OC-NO-5XX'))).toBe(true);
    // A test's sends are numbered from 0, each number once.
    const byTest = new Map<string, number[]>();
    for (const e of entries.filter((x) => x._occ.test !== undefined && x._occ.final))
      byTest.set(e._occ.test as string, [...(byTest.get(e._occ.test as string) ?? []), e._occ.sequence]);
    for (const [test, sequence] of byTest)
      expect(
        [...sequence].sort((a, b) => a - b),
        test,
      ).toEqual(sequence.map((_, i) => i));
    // Every order-contact operation of both versions has an entry.
    for (const version of ['v2.1', 'v2'] as const)
      for (const op of operationsOf(version).filter((o) => /OrderContact/.test(o.operationId)))
        expect(
          entries.some((e) => e._occ.apiVersion === version && e._occ.operation === op.operationId),
          `${op.operationId} (${version})`,
        ).toBe(true);
  }, 120_000);

  it('records each attempt of a retried send as its own entry of one exchange', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-record-retry-'));
    const file = join(dir, 'run.har');
    const { outcome, sent } = await run(flaky, file, dir);
    expect({ code: outcome.code, stderr: outcome.stderr }).toMatchObject({ code: 0 });
    const har = JSON.parse(readFileSync(file, 'utf8')) as HarFile;
    expect(createHarValidator()(har)).toEqual([]);
    expect(har.log.entries.length).toBe(sent.length);
    expect(sent.filter((r) => r.status === 503).length).toBeGreaterThan(0);

    const byExchange = new Map<string, HarFile['log']['entries'][number][]>();
    for (const e of har.log.entries)
      byExchange.set(e._occ.exchangeId, [...(byExchange.get(e._occ.exchangeId) ?? []), e]);
    const retried = [...byExchange.values()].filter((attempts) => attempts.length > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const attempts of retried) {
      expect(attempts.map((a) => a._occ.attempt)).toEqual(attempts.map((_, i) => i + 1));
      expect(attempts.every((a) => a._occ.attempts === attempts.length)).toBe(true);
      expect(attempts.map((a) => a._occ.final)).toEqual(attempts.map((_, i) => i === attempts.length - 1));
      for (const early of attempts.slice(0, -1)) {
        expect(early.response.status).toBe(503);
        expect(early._occ.retryReason).toMatch(/^503/);
        expect(early._occ.rules).toEqual([]);
      }
    }
    // Every 503 the mock answered is an entry: as many as it logged.
    expect(har.log.entries.filter((e) => e.response.status === 503).length).toBe(
      sent.filter((r) => r.status === 503).length,
    );
  }, 120_000);

  it('refuses a --record path it cannot write, or that is not a .har file, before any request (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-record-bad-'));
    writeFileSync(join(dir, 'a-file'), '');
    mkdirSync(join(dir, 'folder.har'));
    const cases: [string, RegExp][] = [
      [
        join(dir, 'missing', 'run.har'),
        /--record( \/ OCC_RECORD)?: received ".*run\.har", whose folder ".*missing" does not exist/,
      ],
      [join(dir, 'a-file', 'run.har'), /whose folder ".*a-file" does not exist/],
      [join(dir, 'folder.har'), /--record( \/ OCC_RECORD)?: received ".*folder\.har", a folder/],
      [
        join(dir, 'run.json'),
        /--record( \/ OCC_RECORD)?: received ".*run\.json", expected a file name ending in \.har/,
      ],
    ];
    await plain.quiet();
    const before = plain.requests().length;
    for (const [path, message] of cases) {
      const outcome = await spawnOcc(['run', '--base-url', plain.url, '--record', path], {
        CDP_CLIENT_KEY: KEY,
        CDP_API_TOKEN: TOKEN,
      });
      expect({ code: outcome.code, stderr: outcome.stderr }, path).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(message),
      });
    }
    await plain.quiet();
    expect(plain.requests().length).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'folder.har']);
  }, 60_000);

  it('writes what a cancelled run sent, its teardown included (SIGINT, exit 130)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-record-cancel-'));
    const file = join(dir, 'run.har');
    await plain.quiet();
    const before = plain.requests().length;
    const child = spawn(
      process.execPath,
      [
        fileURLToPath(new URL('../../bin/occ.js', import.meta.url)),
        'run',
        '--base-url',
        plain.url,
        '--seed',
        '12',
        '--report-dir',
        join(dir, 'reports'),
        '--ledger-dir',
        join(dir, 'ledger'),
        '--record',
        file,
      ],
      { env: { ...CLEAN_ENV, CDP_CLIENT_KEY: KEY, CDP_API_TOKEN: TOKEN }, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Cancelled in the suites, once they have sent something.
    while (plain.requests().length - before < 40) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    await plain.quiet();
    const sent = plain.requests().slice(before);

    const har = JSON.parse(readFileSync(file, 'utf8')) as HarFile;
    expect(createHarValidator()(har)).toEqual([]);
    expect(har.log.entries.length).toBe(sent.length);
    expect(new Set(har.log.entries.map((e) => e._occ.stage))).toEqual(
      new Set(['prepare', 'suites', 'teardown']),
    );
    expect(readdirSync(dir).filter((name) => name.startsWith('run.har.'))).toEqual([]);
  }, 120_000);

  it('writes the attempts of a run whose target does not answer (exit 3), each with its error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-record-unreachable-'));
    const file = join(dir, 'run.har');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const outcome = await spawnOcc(
      [
        'run',
        '--base-url',
        `http://127.0.0.1:${port}`,
        '--record',
        file,
        '--report-dir',
        join(dir, 'reports'),
      ],
      { CDP_CLIENT_KEY: KEY, CDP_API_TOKEN: TOKEN, OCC_LEDGER_DIR: join(dir, 'ledger') },
    );
    expect(outcome.code, outcome.stdout + outcome.stderr).toBe(3);
    const har = JSON.parse(readFileSync(file, 'utf8')) as HarFile;
    expect(createHarValidator()(har)).toEqual([]);
    expect(har.log.entries.length).toBeGreaterThan(0);
    for (const entry of har.log.entries) {
      expect(entry._occ.stage).toBe('prepare');
      expect(entry.response.status).toBe(0);
      expect(entry._occ.error?.kind).toBe('connection');
    }
  }, 60_000);

  it("occ verify --record writes the Pact stage: each interaction's sends under its description", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-record-verify-'));
    const file = join(dir, 'verify.har');
    await plain.quiet();
    const before = plain.requests().length;
    const outcome = await spawnOcc(['verify', '--base-url', plain.url, '--record', file], {
      CDP_CLIENT_KEY: KEY,
      CDP_API_TOKEN: TOKEN,
      OCC_LEDGER_DIR: join(dir, 'ledger'),
    });
    expect({ code: outcome.code, stderr: outcome.stderr }).toMatchObject({ code: 0 });
    await plain.quiet();
    const sent = plain.requests().slice(before);
    const text = readFileSync(file, 'utf8');
    const har = JSON.parse(text) as HarFile;
    expect(createHarValidator()(har)).toEqual([]);
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    expect(har.log.entries.length).toBe(sent.length);
    const pacts = har.log.entries.filter((e) => e._occ.stage === 'pacts');
    const interactions = new Set(pacts.map((e) => e._occ.test));
    // Every interaction verified (the summary counts them) has its sends in the HAR, under its own description.
    const passed = Number(/(\d+) passed/.exec(outcome.stdout)?.[1]);
    expect(passed).toBeGreaterThan(0);
    expect(interactions.size).toBe(passed);
    expect(pacts.every((e) => e._occ.test !== undefined && e._occ.rules.length === 0)).toBe(true);
    // The Verifier's requests go out with the configured credentials in place of the pact's placeholder.
    const authorized = pacts.filter((e) => e.request.headers.some((h) => h.name === 'authorization'));
    expect(authorized.length).toBeGreaterThan(0);
    expect(authorized.every((e) => e._occ.auth === 'configured')).toBe(true);
  }, 120_000);
});
