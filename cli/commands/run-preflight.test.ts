// occ run's pre-flight through the real entry point: every refusal exits 2 within two seconds, names what was wrong,
// sends nothing to the target and leaves the report folder as it was.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { spawnOcc } from '../testing/spawn-occ.ts';

const CREDENTIALS = { CDP_CLIENT_KEY: 'k-preflight', CDP_API_TOKEN: 'token-preflight-123' };
const EARLIER_REPORT = '{"an":"earlier report"}\n';

let server: Server;
let baseUrl = '';
let requests = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A report folder holding an earlier run's report, and a snapshot of it to compare with afterwards. */
function reportFolderWithEarlierReport(): { dir: string; snapshot: () => string } {
  const dir = mkdtempSync(join(tmpdir(), 'occ-preflight-'));
  writeFileSync(join(dir, 'conformance.json'), EARLIER_REPORT);
  const mtime = statSync(join(dir, 'conformance.json')).mtimeMs;
  return {
    dir,
    snapshot: () =>
      JSON.stringify([readdirSync(dir).sort(), readFileSync(join(dir, 'conformance.json'), 'utf8'), mtime]),
  };
}

/** Runs occ run against the counting server with these extra arguments and checks what every refusal must do. */
async function refused(args: readonly string[], env: Record<string, string> = CREDENTIALS) {
  const folder = reportFolderWithEarlierReport();
  const before = folder.snapshot();
  const sentBefore = requests;
  const ledger = join(mkdtempSync(join(tmpdir(), 'occ-preflight-ledger-')), 'ledger');
  const outcome = await spawnOcc(['run', '--report-dir', folder.dir, '--ledger-dir', ledger, ...args], env);
  // How fast a refusal comes is bench/start-up.ts's to measure, not a test's to assert on a shared machine.
  expect(outcome.code, outcome.stderr).toBe(2);
  expect(requests - sentBefore).toBe(0);
  expect(folder.snapshot()).toBe(before);
  expect(existsSync(ledger)).toBe(false);
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
  expect(outcome.stdout).not.toMatch(/seed \d+/);
  return outcome;
}

describe('occ run pre-flight', () => {
  it('refuses an unknown --only id with its near matches', async () => {
    const { stderr } = await refused(['--base-url', baseUrl, '--only', 'OC-CREATE-20']);
    expect(stderr).toContain(
      '--only / OCC_ONLY: received "OC-CREATE-20", not a rule id or category of the catalogue; near matches: OC-CREATE-201,',
    );
    expect(stderr).toContain('(occ rules lists them all)');
  });

  it('refuses unknown categories and ids given in OCC_ONLY, each named', async () => {
    const { stderr } = await refused(['--base-url', baseUrl], {
      ...CREDENTIALS,
      OCC_ONLY: 'paging,pagin,OC-NOPE',
    });
    expect(stderr).toContain(
      'received "pagin", not a rule id or category of the catalogue; near matches: paging',
    );
    expect(stderr).toContain('received "OC-NOPE"');
    expect(stderr).not.toContain('received "paging"');
  });

  it.runIf(process.platform === 'linux')(
    'refuses a report folder that cannot be created (under /proc) at once, where it used to hang',
    async () => {
      const { stderr } = await refused(['--base-url', baseUrl, '--report-dir', '/proc/occ-nope/out']);
      expect(stderr).toContain(
        '--report-dir / OCC_REPORT_DIR: received "/proc/occ-nope/out": Failed to create the folder /proc/occ-nope/out: mkdir /proc/occ-nope answered ENOENT.',
      );
    },
  );

  it('refuses a ledger folder under a file, naming the file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'occ-preflight-'));
    writeFileSync(join(root, 'plain-file'), 'x');
    const { stderr } = await refused([
      '--base-url',
      baseUrl,
      '--ledger-dir',
      join(root, 'plain-file', 'ledger'),
    ]);
    expect(stderr).toContain(`${join(root, 'plain-file')} is a file, not a folder`);
  });

  it('refuses a missing or invalid baseline', async () => {
    const root = mkdtempSync(join(tmpdir(), 'occ-preflight-'));
    const missing = await refused(['--base-url', baseUrl, '--baseline', join(root, 'nope.json')]);
    expect(missing.stderr).toContain(
      `--baseline: Failed to read the baseline report "${join(root, 'nope.json')}": ENOENT`,
    );
    writeFileSync(join(root, 'other.json'), '{"not":"a report"}');
    const invalid = await refused(['--base-url', baseUrl, '--baseline', join(root, 'other.json')]);
    expect(invalid.stderr).toContain('it does not match the conformance report schema');
  });

  it('refuses unknown mock faults and variants with near matches', async () => {
    const { stderr } = await refused(['--mock-fault', 'refs-reuse', '--mock-variant', 'gzp']);
    expect(stderr).toContain(
      '--mock-fault / OCC_MOCK_FAULTS: received "refs-reuse", not a fault of the mock; near matches: refs-reused',
    );
    expect(stderr).toContain(
      '--mock-variant / OCC_MOCK_VARIANTS: received "gzp", not a variant of the mock; near matches: gzip',
    );
    expect(stderr).toContain('occ mock --list-faults');
  });

  it('names every problem at once, the configuration’s own with the pre-flight’s, and creates no folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'occ-preflight-'));
    const { stderr } = await refused([
      '--base-url',
      baseUrl,
      '--seed',
      'x',
      '--only',
      'OC-NOPE',
      '--baseline',
      join(root, 'nope.json'),
      '--report-dir',
      join(root, 'new', 'out'),
    ]);
    const problems = stderr.split('\n').filter((line) => line.startsWith('  - '));
    expect(problems).toHaveLength(3);
    expect(stderr).toContain('--seed: received "x"');
    // The report folder could be created, so it is no problem; the probe took it back.
    expect(readdirSync(root)).toEqual([]);
  });

  it('counts what a run that is not refused sends (the control of the zero counts above)', async () => {
    const sentBefore = requests;
    const dir = mkdtempSync(join(tmpdir(), 'occ-preflight-'));
    const { code } = await spawnOcc(
      [
        'run',
        '--base-url',
        baseUrl,
        '--only',
        'OC-CREATE-201',
        '--no-pact',
        '--retries',
        '0',
        '--report-dir',
        dir,
        '--ledger-dir',
        join(dir, 'ledger'),
      ],
      CREDENTIALS,
    );
    expect(code).toBe(3);
    expect(requests - sentBefore).toBeGreaterThan(0);
  }, 60_000);
});

describe('occ --version', () => {
  it('prints the package version for --version and -V', async () => {
    for (const flag of ['--version', '-V']) {
      const { code, stdout } = await spawnOcc([flag]);
      expect(code).toBe(0);
      expect(stdout.trim()).toBe(packageJson.version);
    }
  });
});

describe('occ run at its end', () => {
  it('says NOT CHECKED, exit 3, when its --only selects rules no test of the run checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-preflight-'));
    const { code, stdout } = await spawnOcc([
      'run',
      '--only',
      'OC-V2-UPDATE-REPLACES',
      '--api-version',
      'v2.1',
      '--no-pact',
      '--report-dir',
      dir,
      '--ledger-dir',
      join(dir, 'ledger'),
    ]);
    expect(code).toBe(3);
    expect(stdout).toMatch(/NOT CHECKED: 0 passed, 0 failed, 0 warned, 73 skipped/);
    expect(stdout).not.toContain('PASSED');
  }, 120_000);

  it('writes the reports elsewhere, says where, and exits 2 when its report folder fails at the end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-preflight-'));
    // A folder where conformance.json should go: the pre-flight can write into dir, the rename at the end cannot.
    mkdirSync(join(dir, 'conformance.json', 'blocker'), { recursive: true });
    const { code, stdout, stderr } = await spawnOcc([
      'run',
      '--only',
      'OC-CREATE-201',
      '--api-version',
      'v2.1',
      '--no-pact',
      '--report-dir',
      dir,
      '--ledger-dir',
      join(dir, 'ledger'),
    ]);
    expect(code, stdout + stderr).toBe(2);
    const match = /Failed to write the reports to (\S+): (.+)\. Wrote them to (\S+) instead/.exec(stderr);
    expect(match?.[1]).toBe(dir);
    expect(match?.[2]).toContain('conformance.json');
    const fallback = match?.[3] ?? '';
    expect(JSON.parse(readFileSync(join(fallback, 'conformance.json'), 'utf8')).verdict).toBe('passed');
    expect(stdout).toContain(`reports: ${fallback}/conformance.{json,xml,html,md}`);
    expect(stdout).toMatch(/PASSED: 1 passed/);
  }, 120_000);
});
