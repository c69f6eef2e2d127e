// A target that refuses the contacts the tests start from: the refusal is OC-CREATE-201's finding, with the
// exchange, and the rules those tests would have checked are inconclusive with the set-up named, never passed on
// what other tests saw. Through bin/occ.js against the embedded mock with a fault that refuses every contact that
// carries identifiers (every set-up contact does: the run's marker is one).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../reports/index.ts';
import { spawnOcc } from '../testing/spawn-occ.ts';

describe('occ run: a set-up the target refuses', () => {
  it('reports the refusal as a finding and the rules it kept from being checked as inconclusive', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'occ-setup-refused-'));
    const outcome = await spawnOcc([
      'run',
      '--mock-fault',
      'create-refuses-identifiers',
      '--cases',
      '5',
      '--no-pact',
      '--seed',
      '8',
      '--report-dir',
      reportDir,
    ]);
    expect(outcome.code, outcome.stdout + outcome.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as ConformanceReport;
    const rule = (id: string, version = 'v2.1') =>
      report.rules.find((r) => r.id === id && r.apiVersion === version);

    const create = rule('OC-CREATE-201');
    expect(create?.status).toBe('failed');
    const documented = create?.violations.find((v) => v.premise !== 'inferred');
    expect(documented?.evidence?.response?.status).toBe(400);
    expect(documented?.evidence?.response?.body).toContain('identifiers: must not be set.');

    // The invalid update cases went nowhere: their rules are not passed on the create cases' evidence.
    for (const version of ['v2.1', 'v2']) {
      const notApplied = rule('OC-INVALID-UPDATE-NOT-APPLIED', version);
      expect(notApplied?.status, version).toBe('inconclusive');
      expect(notApplied?.setupFailures?.join(' '), version).toMatch(
        /(replaceOrderContact|updateOrderContact): the contact its \d+ cases go to could not be created \(status 400, exchange x-/,
      );
      const names = rule('OC-NAMES-REQUIRED', version);
      expect(names?.exchanges, version).toBeGreaterThan(0);
      expect(names?.status, version).toBe('inconclusive');
    }
    // The lifecycle's later steps, and paging, name the step that left them nothing to work on.
    expect(rule('OC-PUT-REPLACES')).toMatchObject({
      status: 'inconclusive',
      setupFailures: ['lifecycle (v2.1): the contact could not be created'],
    });
    expect(rule('OC-PAGING-LIMIT', 'v2')?.setupFailures?.[0]).toMatch(
      /^paging \(v2\): the first contact could not be created \(status 400/,
    );
    // No rule a set-up kept from its cases is passed.
    expect(report.rules.filter((r) => r.status === 'passed' && (r.setupFailures?.length ?? 0) > 0)).toEqual(
      [],
    );
    const markdown = readFileSync(join(reportDir, 'conformance.md'), 'utf8');
    expect(markdown).toContain('a set-up its test needed failed');
  }, 90_000);
});
