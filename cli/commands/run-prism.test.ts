// The Prism recipe: `occ run --target prism` starts Prism on the project's OpenAPI documents and checks it. What a
// stateless mock generated from the documents can and cannot do is known, so the verdicts are asserted one by one.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type OccOutcome, spawnOcc } from '../testing/spawn-occ.ts';

interface Report {
  verdict: string;
  target: { kind: string; apiVersions: string[] };
  rules: { id: string; apiVersion: string; status: string }[];
  capabilities: { id: string; apiVersion: string; status: string; failedRules: string[] }[];
}

let run: OccOutcome;
let report: Report;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'occ-prism-report-'));
  run = await spawnOcc([
    'run',
    '--target',
    'prism',
    '--cases',
    '4',
    '--seed',
    '7',
    '--report-dir',
    dir,
    '--ledger-dir',
    mkdtempSync(join(tmpdir(), 'occ-prism-ledger-')),
  ]);
  report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as Report;
}, 180_000);

function statuses(id: string): string[] {
  return report.rules.filter((r) => r.id === id).map((r) => `${r.apiVersion} ${r.status}`);
}

function capability(id: string): string[] {
  return report.capabilities.filter((c) => c.id === id).map((c) => `${c.apiVersion} ${c.status}`);
}

describe('occ run --target prism (both API versions, one Prism per document behind one URL)', () => {
  it('checks Prism as a target of kind prism and fails it (exit 1), without a stack trace', () => {
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/Prism mocking v2\.1 at http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stdout).toMatch(/Prism mocking v2 at http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(report.target).toMatchObject({ kind: 'prism', apiVersions: ['v2.1', 'v2'] });
    expect(report.verdict).toBe('failed');
  });

  it('passes what Prism takes from the documents: status codes, UUID refs, required fields, enums, auth presence', () => {
    for (const id of [
      'OC-CREATE-201',
      'OC-REF-UUID',
      'OC-NAMES-REQUIRED',
      'OC-GENDER-ENUM',
      'OC-AUTH-401-MISSING',
      'OC-NO-5XX',
      'OC-CONTENT-TYPE-JSON',
    ])
      expect(statuses(id), id).toEqual(['v2.1 passed', 'v2 passed']);
    expect(capability('status-codes')).toEqual(['v2.1 ok', 'v2 ok']);
  });

  it('shows the gaps of a stateless mock grouped: no state, no echo, validation beyond the schema, credentials', () => {
    // Every create answers the document's one example: the same ref, the example's fields.
    expect(statuses('OC-REF-UNIQUE')).toEqual(['v2.1 failed', 'v2 failed']);
    expect(statuses('OC-CREATE-ECHO')).toEqual(['v2.1 failed', 'v2 failed']);
    // A delete answers 204 and changes nothing; nor does an update.
    expect(statuses('OC-DELETE-THEN-404')).toEqual(['v2.1 warned', 'v2 warned']);
    expect(statuses('OC-UPDATE-APPLIES')).toEqual(['v2.1 warned', 'v2 failed']);
    // Paging parameters are ignored.
    expect(statuses('OC-PAGING-LIMIT')).toEqual(['v2.1 warned', 'v2 warned']);
    // Prism validates the schema only: "in the past" is beyond it, and so is a password check.
    expect(statuses('OC-DOB-PAST')).toEqual(['v2.1 failed']);
    expect(statuses('OC-AUTH-401-WRONG')).toEqual(['v2.1 failed', 'v2 failed']);
    for (const id of ['state', 'echo', 'input-validation', 'auth'])
      expect(capability(id), id).toEqual(['v2.1 lacking', 'v2 lacking']);
    expect(capability('deletes-applied')).toEqual(['v2.1 partial', 'v2 partial']);
    expect(report.capabilities.find((c) => c.id === 'state')?.failedRules).toContain('OC-REF-UNIQUE');
    expect(run.stdout).toMatch(/lacks \(v2\.1\): State — /);
  });

  it('verifies the committed pacts against Prism: the request-shape ones pass, the stateful ones fail', () => {
    expect(statuses('PACT-v2-1-a-request-without-credentials')).toEqual(['v2.1 passed']);
    expect(statuses('PACT-v2-1-a-request-to-retrieve-an-order-contact')).toEqual(['v2.1 failed']);
  });

  it('stops Prism when the run ends', () => {
    // The run has exited; were Prism still serving, its port would still answer.
    const ports = [...run.stdout.matchAll(/Prism mocking \S+ at (http:\/\/127\.0\.0\.1:\d+)/g)].map(
      (m) => m[1],
    );
    expect(ports).toHaveLength(2);
    return Promise.all(
      ports.map(async (url) => {
        await expect(
          fetch(`${url}/v2.1/orderContacts/x`, { signal: AbortSignal.timeout(2_000) }),
        ).rejects.toThrow();
      }),
    );
  });
});

describe('occ run --target prism: bad combinations', () => {
  it('refuses --target prism with --base-url, and an unknown target, with exit 2', async () => {
    const both = await spawnOcc(['run', '--target', 'prism', '--base-url', 'http://127.0.0.1:9']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--target prism starts its own Prism: leave out --base-url');
    const unknown = await spawnOcc(['run', '--target', 'wiremock']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--target: received "wiremock", expected prism');
  });
});
