// occ run through its real entry point, as a child process: exit statuses, messages, the report, and secrets.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import reportSchema from '../../contracts/meta/conformance-report.schema.json' with { type: 'json' };
import { createReportValidator } from '../../reports/index.ts';
import { spawnOcc } from '../testing/spawn-occ.ts';

const validateReport = createReportValidator(reportSchema);

const occ = spawnOcc;

const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

describe('occ run', () => {
  it('exits 2 naming the flag, the value and what is expected, for a bad --api-version and a bad --seed', async () => {
    const { code, stderr } = await occ(['run', '--api-version', 'v3', '--seed', 'x']);
    expect(code).toBe(2);
    expect(stderr).toContain('--api-version: received "v3", expected v2.1, v2 or all.');
    expect(stderr).toContain('--seed: received "x", expected a whole number');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for an unknown flag', async () => {
    const { code, stderr } = await occ(['run', '--no-such-flag']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown option/);
  });

  it('exits 3 without a stack trace when the target cannot be reached, and writes an unreachable report', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const dir = mkdtempSync(join(tmpdir(), 'occ-report-'));
    const { code, stdout, stderr } = await occ(
      [
        'run',
        '--base-url',
        `http://127.0.0.1:${port}`,
        '--report-dir',
        dir,
        '--retries',
        '0',
        '--timeout-ms',
        '500',
        '--no-pact',
      ],
      { CDP_CLIENT_KEY: 'k-unreachable', CDP_API_TOKEN: 'token-unreachable-123' },
    );
    expect(code).toBe(3);
    expect(stdout + stderr).toMatch(/Cannot connect to .*: the connection was refused/);
    expect(stdout + stderr).not.toMatch(/\n\s+at /);
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));
    expect(report.verdict).toBe('unreachable');
  });

  it('exits 3 when the target refuses the credentials', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"status":"UNAUTHORIZED","code":401}');
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const { code, stdout } = await occ(
      [
        'run',
        '--base-url',
        `http://127.0.0.1:${port}`,
        '--no-pact',
        '--report-dir',
        mkdtempSync(join(tmpdir(), 'occ-r-')),
      ],
      {
        CDP_CLIENT_KEY: 'k',
        CDP_API_TOKEN: 'wrong-token-456',
      },
    );
    expect(code).toBe(3);
    expect(stdout).toMatch(/Credentials refused by .*: status 401/);
  });

  it('against the embedded mock: exits 0, writes every report, the JSON valid against its schema, and no secret anywhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-report-'));
    const secret = 'occ-test-token-RECOGNISABLE-7f3a';
    const { code, stdout, stderr } = await occ([
      'run',
      '--report-dir',
      dir,
      '--seed',
      '11',
      '--cases',
      '40',
      '--api-token',
      secret,
      '--client-key',
      'occ-test-key-RECOGNISABLE',
    ]);
    expect(code, stdout + stderr).toBe(0);
    expect(stdout).toContain('seed 11');
    expect(stdout).toMatch(/PASSED: \d+ passed, 0 failed/);
    expect(readdirSync(dir).sort()).toEqual([
      'conformance.html',
      'conformance.json',
      'conformance.md',
      'conformance.xml',
    ]);
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));
    expect(validateReport(report)).toEqual([]);
    expect(report.seed).toBe(11);
    expect(report.rules.every((r: { status: string }) => r.status !== 'failed')).toBe(true);
    for (const file of readdirSync(dir))
      expect(readFileSync(join(dir, file), 'utf8')).not.toContain('RECOGNISABLE');
    expect(stdout + stderr).not.toContain('RECOGNISABLE');
    expect(existsSync(join(dir, 'conformance.html'))).toBe(true);
  }, 120_000);

  it('against the embedded mock with a fault switched on: exits 1 and names the broken rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-report-'));
    const { code, stdout } = await occ([
      'run',
      '--report-dir',
      dir,
      '--cases',
      '20',
      '--no-pact',
      '--mock-fault',
      'accept-future-dob',
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/MUST OC-DOB-PAST \(v2\.1\)/);
  }, 120_000);

  it("reports Pact mismatches as rules, one line each, without the Pact Verifier's own report in the output", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-report-'));
    const { code, stdout, stderr } = await occ([
      'run',
      '--report-dir',
      dir,
      '--cases',
      '4',
      '--api-version',
      'v2.1',
      '--mock-fault',
      'create-returns-200',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      '✗ pact v2.1: a request to create an order contact: StatusMismatch: expected 201 but was 200',
    );
    expect(stdout).toMatch(/MUST PACT-v2-1-a-request-to-create-an-order-contact \(v2\.1\)/);
    // The Verifier's native core prints "Verifying a pact between ...", "There were N pact failures" and log lines.
    expect(stdout + stderr).not.toMatch(/Verifying a pact between|pact failures|pact-core@/);
  }, 120_000);
});
