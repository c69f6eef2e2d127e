// occ replay through the real entry point: a run against a standalone mock with faults finds failures, and
// replaying their exchanges reproduces them, with the same kind of credentials and a date computed at replay time,
// leaving the mock holding nothing more (every create the mock logged is matched by a delete).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from '../../mock/options.ts';
import type { ConformanceReport, ReportEvidence } from '../../reports/index.ts';
import { spawnOcc } from '../testing/spawn-occ.ts';
import { type LoggedRequest, type StandaloneMock, startStandaloneMock } from '../testing/standalone-mock.ts';

let mock: StandaloneMock;
let reportDir: string;
let report: ConformanceReport;
const credentials = ['--client-key', DEFAULT_CLIENT_KEY, '--api-token', DEFAULT_API_TOKEN];

function evidenceOf(rule: string, pick: (e: ReportEvidence) => boolean): ReportEvidence {
  const found = report.rules
    .find((r) => r.id === rule)
    ?.violations.map((v) => v.evidence)
    .find((e): e is ReportEvidence => e !== undefined && pick(e));
  if (!found) throw new Error(`no evidence of ${rule} in the report`);
  return found;
}

/** Creates minus deletes the mock answered with success, per kind: what it holds that it did not before. */
function held(requests: readonly LoggedRequest[]): { orders: number; contacts: number } {
  const ok = (r: LoggedRequest) => typeof r.status === 'number' && r.status < 300;
  const count = (method: string, pattern: RegExp) =>
    requests.filter((r) => ok(r) && r.method === method && pattern.test(r.path)).length;
  return {
    orders: count('POST', /^\/v2(\.1)?\/orders$/) - count('DELETE', /^\/v2(\.1)?\/orders\/[^/]+$/),
    contacts:
      count('POST', /^\/v2(\.1)?\/orders\/[^/]+\/contacts$/) -
      count('DELETE', /^\/v2(\.1)?\/orderContacts\//),
  };
}

async function replay(id: string, ...args: string[]) {
  await mock.quiet();
  const before = mock.requests().length;
  const outcome = await spawnOcc([
    'replay',
    id,
    '--report',
    reportDir,
    '--base-url',
    mock.url,
    ...credentials,
    '--ledger-dir',
    mkdtempSync(join(tmpdir(), 'occ-replay-ledger-')),
    ...args,
  ]);
  await mock.quiet();
  return { ...outcome, sent: mock.requests().slice(before) };
}

beforeAll(async () => {
  mock = await startStandaloneMock(['--fault', 'auth-ignores-token', '--fault', 'accept-future-dob']);
  reportDir = mkdtempSync(join(tmpdir(), 'occ-replay-report-'));
  const run = await spawnOcc([
    'run',
    '--base-url',
    mock.url,
    ...credentials,
    '--seed',
    '5',
    '--cases',
    '8',
    '--no-pact',
    '--api-version',
    'v2.1',
    '--only',
    'OC-AUTH-401-WRONG,OC-DOB-PAST',
    '--report-dir',
    reportDir,
    '--ledger-dir',
    mkdtempSync(join(tmpdir(), 'occ-replay-run-ledger-')),
  ]);
  expect(run.code, run.stdout + run.stderr).toBe(1);
  report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as ConformanceReport;
}, 180_000);

afterAll(async () => {
  await mock?.close();
});

describe('occ replay', () => {
  it('reproduces a wrong-token finding with the same wrong token, and its curl carries no configured secret', async () => {
    const evidence = evidenceOf('OC-AUTH-401-WRONG', (e) => e.wrongCredentials?.apiToken !== undefined);
    expect(evidence.auth).toBe('wrong');
    expect(evidence.curl).toContain(`-u "$CDP_CLIENT_KEY:${evidence.wrongCredentials?.apiToken}"`);
    expect(evidence.curl).not.toContain(DEFAULT_CLIENT_KEY);
    expect(evidence.curl).not.toContain(DEFAULT_API_TOKEN);
    const { code, stdout, sent } = await replay(evidence.exchangeId);
    expect(code, stdout).toBe(0);
    expect(stdout).toContain(`reproduced: the same status as recorded (${evidence.response?.status})`);
    expect(stdout).toContain(`API token ${evidence.wrongCredentials?.apiToken}`);
    expect(stdout).not.toContain(DEFAULT_API_TOKEN);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(held(sent)).toEqual({ orders: 0, contacts: 0 });
  }, 60_000);

  it('sends a future dateOfBirth computed at replay time, and deletes the contact the fault let it create', async () => {
    const evidence = evidenceOf('OC-DOB-PAST', (e) =>
      (e.timeRelative ?? []).some((v) => v.offsetMs === 1000 && v.pointer === '/dateOfBirth'),
    );
    const recordedDob = String(
      (JSON.parse(evidence.request.body ?? '{}') as { dateOfBirth?: unknown }).dateOfBirth,
    );
    // The message quotes the value sent, not the one built for the run's reference time.
    const violation = report.rules
      .find((r) => r.id === 'OC-DOB-PAST')
      ?.violations.find((v) => v.evidence?.exchangeId === evidence.exchangeId);
    expect(violation?.message).toContain(recordedDob);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const startedAt = Date.now();
    const { code, stdout, sent } = await replay(evidence.exchangeId);
    expect(code, stdout).toBe(0);
    const computed = /computed again for now: \/dateOfBirth = (\S+)/.exec(stdout)?.[1];
    expect(Date.parse(computed ?? '')).toBeGreaterThan(startedAt);
    expect(Date.parse(computed ?? '')).toBeGreaterThan(Date.parse(recordedDob));
    expect(sent.filter((r) => r.method === 'POST' && r.path.endsWith('/contacts'))).toHaveLength(1);
    expect(held(sent)).toEqual({ orders: 0, contacts: 0 });
  }, 60_000);

  it('says which ids the report has for an unknown one (exit 2), and refuses a write with --read-only', async () => {
    const unknown = await replay('x-nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/keeps no evidence with that exchange id\. Ids it has: \S+/);
    expect(unknown.sent).toHaveLength(0);
    const write = evidenceOf('OC-DOB-PAST', () => true);
    const readOnly = await replay(write.exchangeId, '--read-only');
    expect(readOnly.code).toBe(2);
    expect(readOnly.stderr).toMatch(/a write, and --read-only forbids writes/);
    expect(readOnly.sent).toHaveLength(0);
  }, 60_000);
});
