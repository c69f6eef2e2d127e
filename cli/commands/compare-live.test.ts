import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import compareSchema from '../../contracts/meta/compare-report.schema.json' with { type: 'json' };
import type { CompareReport } from '../../contracts/types.gen.ts';
import { createHarValidator } from '../../lib/testing/har-validator.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY, FAULTS } from '../../mock/index.ts';
import { createReportValidator } from '../../reports/validate-report.ts';
import { spawnOcc } from '../testing/spawn-occ.ts';
import { type StandaloneMock, startStandaloneMock } from '../testing/standalone-mock.ts';

// Each test runs two smoke-tier runs (about 140 requests each) against standalone `occ mock`s, one after the other.
const validate = createReportValidator(compareSchema);
const mocks: StandaloneMock[] = [];

afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close()));
});

async function mock(args: string[] = []): Promise<string> {
  const started = await startStandaloneMock(args);
  mocks.push(started);
  return started.url;
}

/** `occ compare --reference A --candidate B --tier smoke --seed 11` with the mocks' credentials through the env. */
async function compare(
  reference: string,
  candidate: string,
): Promise<{ code: number | null; out: string; report: CompareReport; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'occ-compare-live-'));
  const run = await spawnOcc(
    [
      'compare',
      '--reference',
      reference,
      '--candidate',
      candidate,
      '--tier',
      'smoke',
      '--seed',
      '11',
      '--report-dir',
      dir,
    ],
    { CDP_CLIENT_KEY: DEFAULT_CLIENT_KEY, CDP_API_TOKEN: DEFAULT_API_TOKEN },
  );
  const out = run.stdout + run.stderr;
  expect(existsSync(join(dir, 'compare.json')), out).toBe(true);
  const data: unknown = JSON.parse(readFileSync(join(dir, 'compare.json'), 'utf8'));
  expect(validate(data)).toEqual([]);
  expect(out).not.toContain(DEFAULT_API_TOKEN);
  return { code: run.code, out, report: data as CompareReport, dir };
}

describe('occ compare --reference URL --candidate URL (live, smoke tier)', () => {
  it('finds the mock like itself: fidelity 100%, exit 0, both recordings and both runs kept', {
    timeout: 120_000,
  }, async () => {
    const { code, out, report, dir } = await compare(await mock(), await mock());
    expect(code, out).toBe(0);
    expect(report).toMatchObject({ mode: 'live', fidelity: 1, passed: true, differences: [], unpaired: [] });
    expect(report.summary.paired).toBeGreaterThan(100);
    expect(report.reference.seed).toBe(11);
    expect(report.candidate).toMatchObject({ seed: 11, tier: 'smoke', har: join(dir, 'candidate.har') });
    const har = createHarValidator();
    for (const side of ['reference', 'candidate']) {
      expect(har(JSON.parse(readFileSync(join(dir, `${side}.har`), 'utf8')))).toEqual([]);
      expect(existsSync(join(dir, side, 'conformance.json')), side).toBe(true);
    }
  });

  it('finds a fault of the candidate on the operation it breaks, and nothing else', {
    timeout: 120_000,
  }, async () => {
    const fault = FAULTS.find((f) => f.name === 'retrieve-returns-201');
    const { code, out, report } = await compare(
      await mock(),
      await mock(['--fault', 'retrieve-returns-201']),
    );
    expect(code, out).toBe(1);
    expect(report.differences.length).toBeGreaterThan(0);
    const touched = new Set([...report.differences, ...report.unpaired].map((d) => d.operation));
    expect([...touched]).toEqual(fault?.operations);
    expect(new Set(report.differences.map((d) => `${d.kind} ${d.reference} ${d.candidate}`))).toEqual(
      new Set(['status 200 201']),
    );
    expect(report.fidelity).toBeLessThan(1);
  });

  it("finds only a conformant variant's choice: updates answering 201", { timeout: 120_000 }, async () => {
    const { code, out, report } = await compare(await mock(), await mock(['--variant', 'update-201']));
    expect(code, out).toBe(1);
    expect(new Set(report.differences.map((d) => d.operation))).toEqual(
      new Set(['replaceOrderContact', 'partiallyUpdateOrderContact', 'updateOrderContact']),
    );
    expect(new Set(report.differences.map((d) => `${d.kind} ${d.reference} ${d.candidate}`))).toEqual(
      new Set(['status 200 201']),
    );
    expect(report.unpaired).toEqual([]);
  });

  it('round trip: a mock started from the profile of a tenant that chose otherwise is like that tenant, 100%', {
    timeout: 180_000,
  }, async () => {
    // The "tenant": the reference mock with five of the choices the vendor leaves open made the other way.
    const choices = ['update-201', 'upper-case-refs', 'extra-fields', 'dates-reformatted', 'strict-limit'];
    const tenant = await mock(choices.flatMap((v) => ['--variant', v]));
    const profilePath = join(mkdtempSync(join(tmpdir(), 'occ-compare-profile-')), 'tenant.profile.json');
    const profiled = await spawnOcc(['profile', '--base-url', tenant, '--out', profilePath], {
      CDP_CLIENT_KEY: DEFAULT_CLIENT_KEY,
      CDP_API_TOKEN: DEFAULT_API_TOKEN,
    });
    expect(profiled.code, profiled.stdout + profiled.stderr).toBe(0);
    const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as {
      entries: { question: string; answer: string }[];
    };
    expect(Object.fromEntries(profile.entries.map((e) => [e.question, e.answer]))).toMatchObject({
      'update-status': '201',
      'ref-case': 'upper',
      'error-body-fields': 'additive',
      'date-echo': 'reformatted',
      'limit-above-max': 'refused-400',
    });
    const { code, out, report } = await compare(tenant, await mock(['--profile', profilePath]));
    expect(code, `${out.slice(-3000)}\n${JSON.stringify(report.unpaired, null, 1)}`).toBe(0);
    expect(report).toMatchObject({ fidelity: 1, differences: [], unpaired: [] });
    expect(report.summary.paired).toBeGreaterThan(100);
    // Not a comparison that finds everything alike: the plain reference mock is not like this tenant.
    const plain = await compare(tenant, await mock());
    expect(plain.code).toBe(1);
    expect(plain.report.fidelity).toBeLessThan(0.9);
  });

  it('exits 3 naming the side when a target does not answer, and compares nothing', {
    timeout: 60_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-compare-live-'));
    const run = await spawnOcc(
      [
        'compare',
        '--reference',
        await mock(),
        '--candidate',
        'http://127.0.0.1:9',
        '--tier',
        'smoke',
        '--report-dir',
        dir,
      ],
      { CDP_CLIENT_KEY: DEFAULT_CLIENT_KEY, CDP_API_TOKEN: DEFAULT_API_TOKEN },
    );
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(run.stderr).toContain('candidate (http://127.0.0.1:9) could not be run: Cannot connect to');
    expect(existsSync(join(dir, 'compare.json'))).toBe(false);
  });
});
