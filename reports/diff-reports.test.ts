import { describe, expect, it } from 'vitest';
import { diffReports, failOnBaseline } from './diff-reports.ts';
import type { ConformanceReport, RuleResult } from './model.ts';
import { renderDiffMarkdown, renderDiffText } from './render-diff.ts';
import { withRule } from './testing/edit-report.ts';
import { SAMPLE_OBSERVATIONS, sampleReport } from './testing/sample-report.ts';

const failing: Pick<RuleResult, 'status' | 'violationsTotal' | 'violations'> = {
  status: 'failed',
  violationsTotal: 1,
  violations: [{ operation: 'createOrderContact', message: 'Received: 500 / Expected: 401' }],
};

function changed(): ConformanceReport {
  let report = sampleReport();
  report = withRule(report, 'OC-AUTH-401-MISSING', 'v2.1', failing);
  report = withRule(report, 'OC-CREATE-ECHO', 'v2.1', {
    status: 'passed',
    violations: [],
    violationsTotal: 0,
  });
  report = withRule(report, 'OC-TIMESTAMP-PRECISION', 'v2.1', {
    status: 'passed',
    violations: [],
    violationsTotal: 0,
  });
  report = withRule(report, 'OC-DELETE-THEN-404', 'v2', { level: 'MUST' });
  const added: RuleResult = {
    ...(report.rules[0] as RuleResult),
    id: 'OC-NEW',
    title: 'A new rule',
    ...failing,
  };
  const rules = [...report.rules.filter((r) => !r.id.startsWith('PACT-a-request-to-create')), added];
  const observedShapes = report.observedShapes.map((s) =>
    s.operation === 'createOrderContact'
      ? {
          ...s,
          fields: [...s.fields.filter((f) => f !== 'lastName'), 'vipStatus'],
          unknownFields: [...s.unknownFields, 'vipStatus'],
        }
      : s,
  );
  return {
    ...report,
    runId: 'run-2',
    rules,
    observedShapes: observedShapes.filter((s) => s.apiVersion !== 'v2'),
  };
}

describe('diffReports', () => {
  const diff = diffReports(sampleReport(), changed());

  it('finds nothing between a report and itself', () => {
    const same = diffReports(sampleReport(), sampleReport());
    expect([same.regressions, same.fixes, same.changed, same.drift, same.capabilities]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
    expect(failOnBaseline(same, 'any')).toBe(false);
  });

  it('counts a rule that fails now, or a new rule that fails, as a regression', () => {
    expect(diff.regressions.map((c) => [c.id, c.apiVersion, c.from, c.to])).toEqual([
      ['OC-AUTH-401-MISSING', 'v2.1', 'passed', 'failed'],
      ['OC-NEW', 'v2.1', 'absent', 'failed'],
    ]);
    expect(diff.regressions[0]?.detail).toBe('createOrderContact: Received: 500 / Expected: 401');
  });

  it('counts a rule that failed and passes now as a fix', () => {
    expect(diff.fixes.map((c) => [c.id, c.apiVersion, c.from, c.to])).toEqual([
      ['OC-CREATE-ECHO', 'v2.1', 'failed', 'passed'],
    ]);
  });

  it('lists every other change of status or level', () => {
    expect(diff.changed.map((c) => [c.id, c.apiVersion, c.from, c.to, c.fromLevel, c.toLevel])).toEqual([
      ['OC-DELETE-THEN-404', 'v2', 'inconclusive', 'inconclusive', 'SHOULD', 'MUST'],
      ['OC-TIMESTAMP-PRECISION', 'v2.1', 'warned', 'passed', 'SHOULD', 'SHOULD'],
      [
        'PACT-a-request-to-create-a-contact-on-an-existing-order',
        'v2.1',
        'passed',
        'absent',
        'MUST',
        undefined,
      ],
    ]);
  });

  it('counts inconclusive -> failed as a regression, and neither passed -> inconclusive nor failed -> inconclusive as a fix', () => {
    const inconclusive = {
      status: 'inconclusive' as const,
      violations: [],
      violationsTotal: 0,
      reason: 'inconclusive: none of the 2 exchanges that checked it got a usable answer (connection reset)',
    };
    const before = withRule(
      withRule(sampleReport(), 'OC-CREATE-ECHO', 'v2.1', failing),
      'OC-AUTH-401-MISSING',
      'v2',
      inconclusive,
    );
    const after = withRule(
      withRule(
        withRule(sampleReport(), 'OC-CREATE-ECHO', 'v2.1', inconclusive),
        'OC-AUTH-401-MISSING',
        'v2',
        failing,
      ),
      'OC-LIST-DEFAULTS',
      'v2',
      inconclusive,
    );
    const d = diffReports(before, after);
    expect(d.regressions.map((c) => [c.id, c.apiVersion, c.from, c.to])).toEqual([
      ['OC-AUTH-401-MISSING', 'v2', 'inconclusive', 'failed'],
    ]);
    expect(d.fixes).toEqual([]);
    expect(d.changed.map((c) => [c.id, c.apiVersion, c.from, c.to, c.detail])).toEqual([
      ['OC-CREATE-ECHO', 'v2.1', 'failed', 'inconclusive', inconclusive.reason],
      ['OC-LIST-DEFAULTS', 'v2', 'passed', 'inconclusive', inconclusive.reason],
    ]);
    expect(
      failOnBaseline(
        diffReports(sampleReport(), withRule(sampleReport(), 'OC-LIST-DEFAULTS', 'v2', inconclusive)),
        'regression',
      ),
    ).toBe(false);
  });

  it('finds new unknown fields and fields no longer returned, ignoring shapes the new run did not observe', () => {
    expect(diff.drift).toEqual([
      {
        apiVersion: 'v2.1',
        operation: 'createOrderContact',
        status: 201,
        newUnknownFields: ['vipStatus'],
        missingFields: ['lastName'],
      },
    ]);
  });

  it('fails on regressions, and with any, on any change', () => {
    expect(failOnBaseline(diff, 'regression')).toBe(true);
    const onlyFix = diffReports(
      sampleReport(),
      withRule(sampleReport(), 'OC-CREATE-ECHO', 'v2.1', { status: 'passed', violationsTotal: 0 }),
    );
    expect(failOnBaseline(onlyFix, 'regression')).toBe(false);
    expect(failOnBaseline(onlyFix, 'any')).toBe(true);
  });

  it('notes when the contract changed between the runs', () => {
    const other = { ...sampleReport(), contract: { version: 'ffffffffffff', rules: 72 } };
    expect(diffReports(sampleReport(), other).contractChanged).toBe(true);
    expect(diff.contractChanged).toBe(false);
  });

  it('renders the diff as text', () => {
    const text = renderDiffText(diff).join('\n');
    expect(text).toContain(
      'regressions (2):\n  OC-AUTH-401-MISSING (v2.1) passed -> failed: A request without credentials gets 401\n    createOrderContact: Received: 500 / Expected: 401',
    );
    expect(text).toContain(
      '  OC-DELETE-THEN-404 (v2) inconclusive level SHOULD -> MUST: A deleted contact is not found',
    );
    expect(text).toContain(
      'schema drift (1):\n  v2.1 createOrderContact 201: new fields the contract does not know: vipStatus; no longer returned: lastName',
    );
    expect(text).toMatch(/2 regressions, 1 fix, 3 other changes, 1 drifted response shape$/);
  });

  it('renders the diff as Markdown tables', () => {
    const md = renderDiffMarkdown(diff);
    expect(md).toContain('## Conformance against the baseline: ❌ 2 regressions, 1 fix');
    expect(md).toContain(
      '| `OC-AUTH-401-MISSING` A request without credentials gets 401 | v2.1 | passed → failed | createOrderContact: Received: 500 / Expected: 401 |',
    );
    expect(md).toContain('| v2.1 | `createOrderContact` | 201 | vipStatus | lastName |');
  });
});

describe('capability changes in diffReports', () => {
  // The sample with the create echo fixed in v2.1: the echo capability goes from lacking to ok.
  const fixedEcho = sampleReport({
    observations: SAMPLE_OBSERVATIONS.map((o) =>
      o.rule === 'OC-CREATE-ECHO' && o.apiVersion === 'v2.1' ? { ...o, violations: [] } : o,
    ),
  });

  it('lists the capabilities whose status changed', () => {
    expect(diffReports(sampleReport(), fixedEcho).capabilities).toEqual([
      { id: 'echo', apiVersion: 'v2.1', title: 'Echo of the request', from: 'lacking', to: 'ok' },
    ]);
    expect(diffReports(fixedEcho, sampleReport()).capabilities[0]).toMatchObject({
      from: 'ok',
      to: 'lacking',
    });
  });

  it('compares none when either report has no capabilities (an older report)', () => {
    const { capabilities: _none, ...old } = sampleReport();
    expect(diffReports(old, fixedEcho).capabilities).toEqual([]);
  });

  it('renders them as text and Markdown, leaving the totals line alone', () => {
    const diff = diffReports(sampleReport(), fixedEcho);
    const text = renderDiffText(diff).join('\n');
    expect(text).toContain('capability changes (1):\n  echo (v2.1) lacking -> ok: Echo of the request');
    expect(text).toMatch(/0 regressions, 1 fix, 0 other changes, 0 drifted response shapes$/);
    expect(renderDiffMarkdown(diff)).toContain(
      '### Capability changes (1)\n\n| Capability | Version | Change |\n| --- | --- | --- |\n| `echo` Echo of the request | v2.1 | lacking → ok |',
    );
  });
});
