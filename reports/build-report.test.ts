import { describe, expect, it } from 'vitest';
import type { RuleObservation, Violation } from '../checks/violation.ts';
import type { RuleId } from '../contracts/index.ts';
import { buildReport, withoutCredentials } from './build-report.ts';
import { trimBody } from './evidence.ts';
import { DEFAULT_MAX_INCONCLUSIVE, MAX_EVIDENCE, MAX_VIOLATIONS, type RuleInfo } from './model.ts';
import { slug } from './pact-results.ts';
import { NOT_CHECKED } from './rule-status.ts';
import { SAMPLE_RUN, sampleReport } from './testing/sample-report.ts';
import { verdictReason } from './text.ts';

const RULE: RuleInfo = {
  id: 'OC-X',
  title: 'X holds',
  category: 'body',
  source: 'seeds/x.txt',
  levels: { 'v2.1': 'MUST', v2: 'SHOULD' },
  operations: ['createOrderContact'],
};

// Not catalogue rules: the report is built against a one-rule catalogue of its own.
const RULE_X = 'OC-X' as RuleId;
const TYPO = 'OC-TYPO' as RuleId;

function violation(n: number, overrides: Partial<Violation> = {}): Violation {
  return {
    rule: RULE_X,
    level: 'MUST',
    apiVersion: 'v2.1',
    operation: 'createOrderContact',
    title: 'X holds',
    message: `Received: ${String(n).padStart(3, '0')} / Expected: x`,
    evidence: {
      exchangeId: `x-${n}`,
      request: { method: 'POST', url: 'http://127.0.0.1:1/v2.1/x', headers: {} },
      response: { status: 201, headers: {}, body: '{}' },
      curl: 'curl http://127.0.0.1:1/v2.1/x',
    },
    ...overrides,
  };
}

function observation(overrides: Partial<RuleObservation> = {}): RuleObservation {
  return {
    rule: RULE_X,
    apiVersion: 'v2.1',
    operations: ['createOrderContact'],
    exchanges: 1,
    retriedExchanges: 0,
    violations: [],
    ...overrides,
  };
}

function build(observations: RuleObservation[], run = SAMPLE_RUN, rules: RuleInfo[] = [RULE]) {
  return buildReport({ observations, rules, run });
}

describe('buildReport', () => {
  it('gives one result per rule and covered version, v2.1 before v2', () => {
    const report = build([]);
    expect(report.rules.map((r) => `${r.id} ${r.apiVersion} ${r.level}`)).toEqual([
      'OC-X v2.1 MUST',
      'OC-X v2 SHOULD',
    ]);
  });

  it('leaves out versions the run did not cover and versions the rule has no level in', () => {
    const v21Only = build([], { ...SAMPLE_RUN, target: { ...SAMPLE_RUN.target, apiVersions: ['v2.1'] } });
    expect(v21Only.rules.map((r) => r.apiVersion)).toEqual(['v2.1']);
    const noV2 = build([], SAMPLE_RUN, [{ ...RULE, levels: { 'v2.1': 'MUST' } }]);
    expect(noV2.rules.map((r) => r.apiVersion)).toEqual(['v2.1']);
  });

  it('skips a rule no test reported on, with the default reason, never passing it', () => {
    const [result] = build([]).rules;
    expect(result).toMatchObject({
      status: 'skipped',
      reason: NOT_CHECKED,
      exchanges: 0,
      operations: ['createOrderContact'],
    });
  });

  it('merges the observations of several tests of one rule', () => {
    const report = build([
      observation({ exchanges: 2, operations: ['retrieveOrderContact'] }),
      observation({ exchanges: 3, retriedExchanges: 1, violations: [violation(1)] }),
    ]);
    expect(report.rules[0]).toMatchObject({
      status: 'failed',
      exchanges: 5,
      retriedExchanges: 1,
      operations: ['createOrderContact', 'retrieveOrderContact'],
      violationsTotal: 1,
      passedAfterRetries: false,
    });
  });

  it('warns on a SHOULD violation, and fails it when the run is strict', () => {
    const v2 = observation({
      apiVersion: 'v2',
      violations: [violation(1, { apiVersion: 'v2', level: 'SHOULD' })],
    });
    expect(build([v2]).rules[1]?.status).toBe('warned');
    expect(build([v2], { ...SAMPLE_RUN, strict: true }).rules[1]?.status).toBe('failed');
  });

  it('keeps the first 20 violations in a stable order, evidence on the first 5, and counts them all', () => {
    const many = Array.from({ length: 30 }, (_, i) => violation(29 - i));
    const [result] = build([observation({ exchanges: 30, violations: many })]).rules;
    expect(result?.violations).toHaveLength(MAX_VIOLATIONS);
    expect(result?.violationsTotal).toBe(30);
    expect(result?.violations[0]?.message).toBe('Received: 000 / Expected: x');
    expect(result?.violations.filter((v) => v.evidence !== undefined)).toHaveLength(MAX_EVIDENCE);
  });

  it('trims evidence bodies to 4 KiB with a marker saying how much was cut', () => {
    const body = 'é'.repeat(3000);
    const big = violation(1, {
      evidence: {
        exchangeId: 'x',
        request: { method: 'GET', url: 'u', headers: {}, body },
        response: { status: 200, headers: {}, body },
        curl: 'c',
      },
    });
    const [result] = build([observation({ violations: [big] })]).rules;
    const trimmed = result?.violations[0]?.evidence?.response?.body ?? '';
    expect(Buffer.byteLength(trimmed.replace(/…\[trimmed \d+ bytes\]$/, ''))).toBeLessThanOrEqual(4096);
    expect(trimmed).toMatch(/^é+…\[trimmed 1904 bytes\]$/);
    expect(result?.violations[0]?.evidence?.request.body).toBe(trimmed);
  });

  it('leaves a body of 4 KiB or less as it is', () => {
    expect(trimBody('a'.repeat(4096))).toBe('a'.repeat(4096));
  });

  it('marks a pass that needed retries', () => {
    const [result] = build([observation({ exchanges: 2, retriedExchanges: 2 })]).rules;
    expect(result).toMatchObject({ status: 'passed', passedAfterRetries: true });
    expect(result?.reason).toContain('retries');
  });

  it('reports violations of a rule the catalogue does not list, with a note', () => {
    const stray = observation({
      rule: TYPO,
      violations: [violation(1, { rule: TYPO, title: 'Typo rule' })],
    });
    const report = build([stray]);
    expect(report.rules.find((r) => r.id === 'OC-TYPO')).toMatchObject({
      status: 'failed',
      category: 'uncatalogued',
    });
    expect(report.notes?.join('\n')).toContain('OC-TYPO (v2.1)');
    expect(report.verdict).toBe('failed');
  });

  it('turns Pact results into MUST rules with origin pact', () => {
    const report = buildReport({
      observations: [],
      rules: [],
      run: SAMPLE_RUN,
      pactResults: [
        {
          interaction: 'Create a contact (v2.1)!',
          apiVersion: 'v2.1',
          operation: 'createOrderContact',
          passed: true,
          mismatches: [],
        },
        {
          interaction: 'a missing contact',
          apiVersion: 'v2',
          operation: 'retrieveOrderContact',
          passed: false,
          mismatches: [],
        },
      ],
    });
    expect(report.rules.map((r) => [r.id, r.origin, r.level, r.status])).toEqual([
      ['PACT-a-missing-contact', 'pact', 'MUST', 'failed'],
      ['PACT-create-a-contact-v2-1', 'pact', 'MUST', 'passed'],
    ]);
    expect(report.rules[0]?.violations[0]?.message).toMatch(/^Received: .* \/ Expected: /);
  });

  it('makes slugs of interaction names', () => {
    expect(slug('  A request for a CONTACT: 404 ')).toBe('a-request-for-a-contact-404');
  });

  it('says the verdict is unreachable when the caller says so, whatever the rules', () => {
    expect(build([observation()], { ...SAMPLE_RUN, unreachable: true }).verdict).toBe('unreachable');
    expect(build([observation()]).verdict).toBe('passed');
    expect(build([observation({ violations: [violation(1)] })]).verdict).toBe('failed');
  });

  it('removes credentials from the base URL', () => {
    expect(withoutCredentials('https://key:token@api.example.com/base')).toBe('https://api.example.com/base');
    const report = build([], {
      ...SAMPLE_RUN,
      target: { ...SAMPLE_RUN.target, baseUrl: 'https://key:secret-token@api.example.com' },
    });
    expect(report.target.baseUrl).toBe('https://api.example.com/');
  });

  it('counts the sample: every status, both versions, a pact rule', () => {
    const report = sampleReport();
    expect(report.summary).toEqual({
      passed: 7,
      failed: 2,
      warned: 2,
      skipped: 1,
      inconclusive: 1,
      total: 13,
      exchanges: 40,
      retriedExchanges: 3,
      inconclusiveExchanges: 3,
      inconclusiveShare: 3 / 40,
    });
    expect(report.verdict).toBe('failed');
    expect(report.maxInconclusive).toBe(DEFAULT_MAX_INCONCLUSIVE);
    expect(report.observedShapes.map((s) => `${s.apiVersion} ${s.operation}`)).toEqual([
      'v2.1 createOrderContact',
      'v2.1 retrieveOrderContacts',
      'v2 retrieveOrderContacts',
    ]);
  });

  describe('a run that stopped before its end', () => {
    it('is inconclusive when nothing failed, says why, and keeps a failure a failure', () => {
      const stopped = { ...SAMPLE_RUN, stoppedEarly: true };
      const quiet = build([observation()], stopped);
      expect([quiet.verdict, quiet.stoppedEarly]).toEqual(['inconclusive', true]);
      expect(verdictReason(quiet)).toMatch(
        /^the run stopped before its end \(see the notes\), so only \d+ of \d+ rule results were checked; nothing failed/,
      );
      expect(build([observation()]).verdict).toBe('passed');
      expect(build([observation({ violations: [violation(1)] })], stopped).verdict).toBe('failed');
    });
  });

  describe('exchanges without a usable answer', () => {
    const unusable = (n: number, reasons = ['connection reset']) =>
      observation({ exchanges: n, inconclusiveExchanges: n, inconclusiveReasons: reasons });

    it('makes a rule whose only evidence is unusable exchanges inconclusive, never failed, with how many and why', () => {
      const report = build([unusable(2, ['timeout after 10000 ms']), unusable(1)]);
      expect(report.rules[0]).toMatchObject({
        status: 'inconclusive',
        exchanges: 3,
        inconclusiveExchanges: 3,
        inconclusiveReasons: ['connection reset', 'timeout after 10000 ms'],
        reason:
          'inconclusive: none of the 3 exchanges that checked it got a usable answer (connection reset; timeout after 10000 ms)',
      });
      expect(report.verdict).not.toBe('failed');
      expect(report.summary).toMatchObject({ inconclusive: 1, failed: 0, passed: 0 });
    });

    it('passes a rule with one usable exchange among unusable ones, and shows the unusable count', () => {
      const [result] = build([
        observation({ exchanges: 4, inconclusiveExchanges: 3, inconclusiveReasons: ['connection reset'] }),
      ]).rules;
      expect(result).toMatchObject({ status: 'passed', inconclusiveExchanges: 3 });
      expect(result?.reason).toBe(
        '3 of the 4 exchanges that checked it got no usable answer (connection reset)',
      );
    });

    it('still fails a rule a usable exchange violated, whatever the unusable ones', () => {
      const [result] = build([unusable(5), observation({ exchanges: 1, violations: [violation(1)] })]).rules;
      expect(result).toMatchObject({ status: 'failed', inconclusiveExchanges: 5 });
    });

    it('makes the verdict inconclusive when nothing failed and the unusable share exceeds the threshold, and records it', () => {
      const run = { ...SAMPLE_RUN, target: { ...SAMPLE_RUN.target, apiVersions: ['v2.1' as const] } };
      const some = build([observation({ exchanges: 10, inconclusiveExchanges: 1 })], run);
      expect(some.summary.inconclusiveShare).toBe(0.1);
      expect(some.verdict).toBe('passed');
      const many = build([observation({ exchanges: 10, inconclusiveExchanges: 2 })], run);
      expect(many.verdict).toBe('inconclusive');
      expect(many.maxInconclusive).toBe(0.1);
      const lenient = build([observation({ exchanges: 10, inconclusiveExchanges: 2 })], {
        ...run,
        maxInconclusive: 0.5,
      });
      expect([lenient.verdict, lenient.maxInconclusive]).toEqual(['passed', 0.5]);
    });

    it('makes a rule a test could not set up for inconclusive, the set-up named, and the verdict inconclusive', () => {
      const report = build([
        observation({ exchanges: 3 }),
        observation({ exchanges: 0, setupFailed: 'replaceOrderContact: the contact could not be created' }),
      ]);
      expect(report.rules[0]).toMatchObject({
        status: 'inconclusive',
        exchanges: 3,
        setupFailures: ['replaceOrderContact: the contact could not be created'],
      });
      expect(report.verdict).toBe('inconclusive');
      expect(verdictReason(report)).toContain(
        'a set-up a test needed failed (replaceOrderContact: the contact could not be created)',
      );
      const failedToo = build([
        observation({ setupFailed: 'x' }),
        observation({ violations: [violation(1)] }),
      ]);
      expect(failedToo.verdict).toBe('failed');
    });

    it('keeps failed over inconclusive, and unreachable over both', () => {
      const failedToo = build([
        observation({ apiVersion: 'v2', exchanges: 9, inconclusiveExchanges: 9 }),
        observation({ violations: [violation(1)] }),
      ]);
      expect(failedToo.verdict).toBe('failed');
      expect(build([unusable(9)], { ...SAMPLE_RUN, unreachable: true }).verdict).toBe('unreachable');
    });

    it('makes a Pact interaction that could not be verified an inconclusive PACT rule, never failed', () => {
      const report = buildReport({
        observations: [],
        rules: [],
        run: SAMPLE_RUN,
        pactResults: [
          {
            interaction: 'a slow contact',
            apiVersion: 'v2.1',
            operation: 'retrieveOrderContact',
            passed: false,
            mismatches: [],
            inconclusive: 'the deadline passed before the interaction was verified',
          },
        ],
      });
      expect(report.rules[0]).toMatchObject({
        id: 'PACT-a-slow-contact',
        status: 'inconclusive',
        violationsTotal: 0,
        inconclusiveReasons: ['the deadline passed before the interaction was verified'],
      });
      expect(report.verdict).toBe('inconclusive');
    });
  });

  describe('findings on an inferred premise', () => {
    const lowered = (n: number) =>
      violation(n, {
        level: 'SHOULD',
        ruleLevel: 'MUST',
        premise: 'inferred',
        premiseNote: 'dateOfBirth "1985-12-24" is date-only; the vendor shows date-times only',
      });

    it('warns on a MUST rule whose only violations were lowered to SHOULD, and keeps premise and levels', () => {
      const report = build([observation({ exchanges: 2, violations: [lowered(1), lowered(2)] })]);
      const [result] = report.rules;
      expect(result).toMatchObject({
        level: 'MUST',
        status: 'warned',
        violationsTotal: 2,
        loweredViolations: 2,
      });
      expect(result?.violations[0]).toMatchObject({
        level: 'SHOULD',
        ruleLevel: 'MUST',
        premise: 'inferred',
        premiseNote: 'dateOfBirth "1985-12-24" is date-only; the vendor shows date-times only',
      });
      expect(report.verdict).toBe('passed');
    });

    it('fails it when one violation kept the rule level, or the run is strict', () => {
      expect(build([observation({ violations: [lowered(1), violation(2)] })]).rules[0]?.status).toBe(
        'failed',
      );
      expect(
        build([observation({ violations: [lowered(1)] })], { ...SAMPLE_RUN, strict: true }).rules[0]?.status,
      ).toBe('failed');
    });

    it('writes no level fields on a violation found at its rule level', () => {
      const [result] = build([observation({ violations: [violation(1, { premise: 'documented' })] })]).rules;
      expect(result?.violations[0]?.level).toBeUndefined();
      expect(result?.violations[0]?.premise).toBe('documented');
      expect(result?.loweredViolations).toBeUndefined();
    });
  });

  it('says a rule passed after settling, with the longest settle time of its observations', () => {
    const [result] = build([
      observation({ exchanges: 2, settledExchanges: 1, settleMs: 120 }),
      observation({ exchanges: 2, settledExchanges: 2, settleMs: 320 }),
    ]).rules;
    expect(result).toMatchObject({
      status: 'passed',
      passedAfterRetries: false,
      passedAfterSettling: true,
      settledExchanges: 3,
      settleMs: 320,
    });
    expect(result?.reason).toBe(
      'passed after settling: 3 reads showed the write only after re-reading (longest 320 ms)',
    );
  });

  it('keeps list-valued evidence whole in the report', () => {
    const refs = Array.from({ length: 300 }, (_, i) => `ref-${i}`);
    const [result] = build([
      observation({ violations: [violation(1, { items: { missing: refs, duplicated: ['ref-1'] } })] }),
    ]).rules;
    expect(result?.violations[0]?.items).toEqual({ missing: refs, duplicated: ['ref-1'] });
  });
});
