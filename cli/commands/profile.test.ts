// occ profile, occ mock --profile and occ run --profile through bin/occ.js against standalone mocks, as a team
// would use them: profile a tenant, start a mock like it, hold the tenant (or another target) to the profile.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceReport, TenantProfile } from '../../contracts/index.ts';
import { PROFILE_QUESTIONS, PROFILED_VARIANTS } from '../../profiles/questions.ts';
import { spawnOcc } from '../testing/spawn-occ.ts';
import { type LoggedRequest, type StandaloneMock, startStandaloneMock } from '../testing/standalone-mock.ts';

// Credentials of the mocks' own, so the profile file can be searched for them.
const KEY = 'profile-key-4711';
const TOKEN = 'profile-token-0815';
const CREDENTIALS = ['--client-key', KEY, '--api-token', TOKEN];
const REFERENCE = PROFILE_QUESTIONS.map((q) => [q.id, q.answers[0].id]);
const dir = mkdtempSync(join(tmpdir(), 'occ-profile-test-'));

let plain: StandaloneMock;
let variant: StandaloneMock;

beforeAll(async () => {
  [plain, variant] = await Promise.all([
    startStandaloneMock(CREDENTIALS),
    startStandaloneMock([...CREDENTIALS, '--variant', 'strict-limit', '--variant', 'update-201']),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all([plain?.close(), variant?.close()]);
});

function profile(mock: StandaloneMock, out: string, extra: readonly string[] = []) {
  return spawnOcc(['profile', '--base-url', mock.url, ...CREDENTIALS, '--out', out, ...extra]);
}

function answers(file: string): string[][] {
  const read = JSON.parse(readFileSync(file, 'utf8')) as TenantProfile;
  return read.entries.map((e) => [e.question, e.answer]);
}

/** Creates (201) minus deletes (204) per kind in a stretch of a mock's log: what is left on it. */
function left(requests: readonly LoggedRequest[]): { orders: number; contacts: number } {
  const count = (method: string, status: number, path: RegExp) =>
    requests.filter((r) => r.method === method && r.status === status && path.test(r.path)).length;
  return {
    orders: count('POST', 201, /\/orders$/) - count('DELETE', 204, /\/orders\/[^/]+$/),
    contacts: count('POST', 201, /\/contacts$/) - count('DELETE', 204, /\/orderContacts\/[^/]+$/),
  };
}

async function since(mock: StandaloneMock, before: number): Promise<LoggedRequest[]> {
  await mock.quiet(200);
  return mock.requests().slice(before);
}

describe('occ profile', () => {
  it('profiles the plain mock as the reference on every question, in few requests, leaving nothing and no secret', async () => {
    const before = plain.requests().length;
    const out = join(dir, 'plain.profile.json');
    const outcome = await profile(plain, out);
    expect(outcome.code, outcome.stdout + outcome.stderr).toBe(0);
    expect(answers(out)).toEqual(REFERENCE);
    const sent = await since(plain, before);
    const printed = Number(/occ: (\d+) requests; /.exec(outcome.stdout)?.[1]);
    expect(printed).toBe(sent.length);
    expect(sent.length).toBeLessThan(30);
    expect(left(sent)).toEqual({ orders: 0, contacts: 0 });
    // A create of each kind happened: "nothing left" is not "nothing made".
    expect(sent.filter((r) => r.method === 'POST' && r.status === 201).length).toBeGreaterThanOrEqual(3);
    const text = readFileSync(out, 'utf8');
    for (const secret of [KEY, TOKEN, Buffer.from(`${KEY}:${TOKEN}`).toString('base64')])
      expect(text).not.toContain(secret);
    expect((JSON.parse(text) as TenantProfile).baseUrl).toBe(plain.url);
  });

  it('refuses read-only mode before any request', async () => {
    const before = plain.requests().length;
    const outcome = await profile(plain, join(dir, 'never.json'), ['--read-only']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/cannot run in read-only mode\. Leave out --read-only \/ OCC_READ_ONLY/);
    expect(await since(plain, before)).toEqual([]);
  });

  it('says why it cannot reach a target (exit 3), leaving no ledger behind', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'occ-profile-cwd-'));
    const refused = await spawnOcc(
      ['profile', '--base-url', 'http://127.0.0.1:9', ...CREDENTIALS, '--out', 'x.json', '--retries', '0'],
      {},
      cwd,
    );
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('Cannot connect to http://127.0.0.1:9: the connection was refused');
    const wrong = await spawnOcc(
      [
        'profile',
        '--base-url',
        plain.url,
        '--client-key',
        'wrong-key',
        '--api-token',
        'wrong-token',
        '--out',
        'x.json',
      ],
      {},
      cwd,
    );
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain("status 401 to creating the probes' order");
    expect(existsSync(join(cwd, 'x.json'))).toBe(false);
    expect(existsSync(join(cwd, '.occ', 'ledger')) ? readdirSync(join(cwd, '.occ', 'ledger')) : []).toEqual(
      [],
    );
  });

  it('names the variants of occ mock --variant strict-limit --variant update-201, and only those', async () => {
    const outcome = await profile(variant, join(dir, 'variant.profile.json'));
    expect(outcome.code, outcome.stdout + outcome.stderr).toBe(0);
    const differ = answers(join(dir, 'variant.profile.json')).filter(
      ([question, answer]) => !REFERENCE.some(([q, a]) => q === question && a === answer),
    );
    expect(differ).toEqual([
      ['update-status', '201'],
      ['limit-above-max', 'refused-400'],
    ]);
  });

  it('round trip: occ mock --profile of that profile profiles the same', async () => {
    const copy = await startStandaloneMock([...CREDENTIALS, '--profile', join(dir, 'variant.profile.json')]);
    try {
      const outcome = await profile(copy, join(dir, 'copy.profile.json'));
      expect(outcome.code, outcome.stdout + outcome.stderr).toBe(0);
      expect(answers(join(dir, 'copy.profile.json'))).toEqual(answers(join(dir, 'variant.profile.json')));
    } finally {
      await copy.close();
    }
  });
});

describe('occ profile of every variant a question decides', () => {
  it('names each, and occ mock --profile of it profiles the same', async () => {
    const all = await startStandaloneMock([...CREDENTIALS, '--variant', [...PROFILED_VARIANTS].join(',')]);
    let copy: StandaloneMock | undefined;
    try {
      const out = join(dir, 'all.profile.json');
      const outcome = await profile(all, out);
      expect(outcome.code, outcome.stdout + outcome.stderr).toBe(0);
      const expected = PROFILE_QUESTIONS.map((q) => [q.id, q.answers[1].id]);
      expect(answers(out)).toEqual(expected);
      expect(outcome.stdout).toMatch(/list-after-delete: lagging \(gone from the list after about \d+ ms\)/);
      copy = await startStandaloneMock([...CREDENTIALS, '--profile', out]);
      const again = await profile(copy, join(dir, 'all-copy.profile.json'));
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect(answers(join(dir, 'all-copy.profile.json'))).toEqual(expected);
    } finally {
      await Promise.all([all.close(), copy?.close()]);
    }
  }, 60_000);
});

describe("a tenant's page size", () => {
  it('is kept: occ mock --profile clamps where the tenant does, and a contradicting --max-limit is refused', async () => {
    const small = await startStandaloneMock([...CREDENTIALS, '--max-limit', '50']);
    let copy: StandaloneMock | undefined;
    try {
      const out = join(dir, 'small.profile.json');
      expect((await profile(small, out)).code).toBe(0);
      const entry = (JSON.parse(readFileSync(out, 'utf8')) as TenantProfile).entries.find(
        (e) => e.question === 'limit-above-max',
      );
      expect(entry).toMatchObject({ answer: 'clamped', measured: 50 });
      copy = await startStandaloneMock([...CREDENTIALS, '--profile', out]);
      expect((await profile(copy, join(dir, 'small-copy.profile.json'))).code).toBe(0);
      const again = (JSON.parse(readFileSync(join(dir, 'small-copy.profile.json'), 'utf8')) as TenantProfile)
        .entries;
      expect(again.find((e) => e.question === 'limit-above-max')?.measured).toBe(50);
      const refused = await spawnOcc(['mock', '--port', '0', '--profile', out, '--max-limit', '100']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--max-limit 100 contradicts --profile');
    } finally {
      await Promise.all([small.close(), copy?.close()]);
    }
  }, 60_000);
});

describe('occ run --profile', () => {
  function run(mock: StandaloneMock, file: string) {
    const reportDir = mkdtempSync(join(tmpdir(), 'occ-profile-run-'));
    const outcome = spawnOcc([
      'run',
      '--tier',
      'smoke',
      '--base-url',
      mock.url,
      ...CREDENTIALS,
      '--profile',
      file,
      '--report-dir',
      reportDir,
    ]);
    const report = () =>
      JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as ConformanceReport;
    return { outcome, report };
  }

  it('passes on the mock the profile was taken of, its rules at MUST as observed on the tenant', async () => {
    const { outcome, report } = run(variant, join(dir, 'variant.profile.json'));
    const done = await outcome;
    expect(done.code, done.stdout + done.stderr).toBe(0);
    expect(done.stdout).toContain('no entry drifted');
    const updateStatus = report().rules.find((r) => r.id === 'OC-UPDATE-STATUS' && r.apiVersion === 'v2.1');
    expect(updateStatus).toMatchObject({ level: 'MUST', levelSource: 'profile', status: 'passed' });
    // The other version keeps the catalogue's level: the profile was taken in v2.1.
    const v2 = report().rules.find((r) => r.id === 'OC-UPDATE-STATUS' && r.apiVersion === 'v2');
    expect(v2?.level).toBe('SHOULD');
    expect(v2?.levelSource).toBeUndefined();
  }, 120_000);

  it('fails (exit 1) on the plain mock at MUST, naming the drifted entries and both answers', async () => {
    const before = plain.requests().length;
    const { outcome, report } = run(plain, join(dir, 'variant.profile.json'));
    const done = await outcome;
    expect(done.code, done.stdout + done.stderr).toBe(1);
    expect(done.stdout).toContain('2 drifted (update-status, limit-above-max)');
    expect(done.stdout).toMatch(/MUST \(as observed on the tenant\) OC-UPDATE-STATUS \(v2\.1\)/);
    expect(done.stdout).toMatch(/MUST \(as observed on the tenant\) OC-PAGING-LIMIT \(v2\.1\)/);
    const failed = report().rules.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.id).sort()).toEqual(['OC-PAGING-LIMIT', 'OC-UPDATE-STATUS']);
    const message = failed.find((r) => r.id === 'OC-UPDATE-STATUS')?.violations[0]?.message ?? '';
    expect(message).toMatch(
      /^Received: "200", shown by PATCH .*→ 200 .* \/ Expected: "201" as observed on the tenant .*→ 201/,
    );
    expect(left(await since(plain, before))).toEqual({ orders: 0, contacts: 0 });
  }, 120_000);

  it('refuses a bad profile file with exit 2 before any request, as occ mock --profile does', async () => {
    const bad = join(dir, 'bad.profile.json');
    const profileText = JSON.parse(readFileSync(join(dir, 'variant.profile.json'), 'utf8')) as TenantProfile;
    writeFileSync(
      bad,
      JSON.stringify({ ...profileText, entries: [{ ...profileText.entries[0], answer: 'sideways' }] }),
    );
    const before = plain.requests().length;
    const done = await run(plain, bad).outcome;
    expect(done.code).toBe(2);
    expect(done.stderr).toContain(`Failed to read --profile "${bad}": 1 problem:`);
    expect(done.stderr).toContain(
      '/entries/0/answer "sideways" is not an answer to ref-case (expected lower | upper)',
    );
    expect(await since(plain, before)).toEqual([]);
    const mock = await spawnOcc(['mock', '--port', '0', '--profile', bad]);
    expect(mock.code).toBe(2);
    expect(mock.stderr).toContain('is not an answer to ref-case');
    const readOnly = await spawnOcc([
      'run',
      '--base-url',
      plain.url,
      ...CREDENTIALS,
      '--read-only',
      '--order-ref',
      '4f1a2b3c-0000-4000-8000-000000000000',
      '--profile',
      join(dir, 'variant.profile.json'),
    ]);
    expect(readOnly.code).toBe(2);
    expect(readOnly.stderr).toContain("asking the profile's questions again creates and deletes contacts");
    expect(await since(plain, before)).toEqual([]);
    const missing = await spawnOcc(['run', '--profile', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Failed to read --profile ".*nope\.json": ENOENT/);
  }, 60_000);
});
