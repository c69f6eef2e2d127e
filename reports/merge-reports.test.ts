import { describe, expect, it } from 'vitest';
import type { RuleObservation } from '../checks/violation.ts';
import { buildReport } from './build-report.ts';
import { MergeError, mergeReports } from './merge-reports.ts';
import type { ConformanceReport, RunInfo } from './model.ts';
import { SAMPLE_OBSERVATIONS, SAMPLE_RUN, sampleInput } from './testing/sample-report.ts';

/** The sample run cut in two shards, as vitest --shard would: each shard saw half the tests. */
function shards(count = 2, run: Partial<RunInfo> = {}): ConformanceReport[] {
  const input = sampleInput();
  return Array.from({ length: count }, (_, i) =>
    buildReport({
      ...input,
      observations: SAMPLE_OBSERVATIONS.filter((_, n) => n % count === i),
      observedShapes: (input.observedShapes ?? []).filter((_, n) => n % count === i),
      pactResults: i === 0 ? (input.pactResults ?? []) : [],
      run: {
        ...SAMPLE_RUN,
        runId: `${SAMPLE_RUN.runId}-shard${i + 1}`,
        startedAt: new Date(Date.parse(SAMPLE_RUN.startedAt) + i * 1000).toISOString(),
        durationMs: 10_000,
        shard: { index: i + 1, count },
        ...run,
      },
    }),
  );
}

describe('mergeReports', () => {
  it('gives the same rule results as one unsharded run', () => {
    const whole = buildReport(sampleInput());
    const merged = mergeReports(shards());
    expect(merged.rules).toEqual(whole.rules);
    expect(merged.summary).toEqual(whole.summary);
    expect(merged.observedShapes).toEqual(whole.observedShapes);
    expect(merged.verdict).toBe('failed');
  });

  it('removes the shard, spans every shard in time, and joins distinct run ids', () => {
    const merged = mergeReports(shards().reverse());
    expect(merged.shard).toBeUndefined();
    expect(merged.startedAt).toBe(SAMPLE_RUN.startedAt);
    expect(merged.durationMs).toBe(11_000);
    expect(merged.runId).toBe(`${SAMPLE_RUN.runId}-shard1+${SAMPLE_RUN.runId}-shard2`);
    expect(merged.notes).toContain('merged from 2 partial reports.');
  });

  it('passes a rule one shard skipped and another checked, and keeps a specific skip reason over the default', () => {
    const [one, two] = shards();
    const merged = mergeReports([one as ConformanceReport, two as ConformanceReport]);
    expect(merged.rules.find((r) => r.id === 'OC-LIST-DEFAULTS' && r.apiVersion === 'v2')?.status).toBe(
      'passed',
    );
    expect(merged.rules.find((r) => r.id === 'OC-DELETE-THEN-404' && r.apiVersion === 'v2.1')?.reason).toBe(
      'the delete step did not run: its order could not be created',
    );
  });

  it('sums exchanges and keeps at most 20 violations while counting them all', () => {
    const many: RuleObservation = {
      ...(SAMPLE_OBSERVATIONS[2] as RuleObservation),
      violations: Array.from({ length: 15 }, (_, i) => ({
        ...(SAMPLE_OBSERVATIONS[2]?.violations[1] as RuleObservation['violations'][number]),
        message: `Received: ${i} / Expected: x`,
      })),
    };
    const part = (i: number) =>
      buildReport({
        ...sampleInput(),
        observations: [many],
        run: { ...SAMPLE_RUN, shard: { index: i, count: 2 } },
      });
    const echo = mergeReports([part(1), part(2)]).rules.find(
      (r) => r.id === 'OC-CREATE-ECHO' && r.apiVersion === 'v2.1',
    );
    expect(echo).toMatchObject({ exchanges: 12, violationsTotal: 30, status: 'failed' });
    expect(echo?.violations).toHaveLength(20);
  });

  it('recomputes a pass that needed retries once shards are summed', () => {
    const merged = mergeReports(shards());
    expect(merged.rules.find((r) => r.id === 'OC-LIST-DEFAULTS' && r.apiVersion === 'v2.1')).toMatchObject({
      passedAfterRetries: true,
    });
  });

  it('notes the shards that are missing', () => {
    const [first, , third] = shards(3);
    expect(mergeReports([first as ConformanceReport, third as ConformanceReport]).notes).toContain(
      'shard 2 of 3 missing: their rules may show as skipped.',
    );
  });

  it('is unreachable when a shard could not reach the target', () => {
    const [one, two] = shards();
    expect(
      mergeReports([one as ConformanceReport, { ...(two as ConformanceReport), verdict: 'unreachable' }])
        .verdict,
    ).toBe('unreachable');
  });

  it('refuses reports of different runs, saying why', () => {
    const [one, two] = shards();
    const other = { ...(two as ConformanceReport), seed: 7 };
    expect(() => mergeReports([one as ConformanceReport, other])).toThrow(MergeError);
    expect(() => mergeReports([one as ConformanceReport, other])).toThrow(/different runs .*seeds 424242, 7/);
  });

  it('merges shards of one seed even when each shard has its own run id', () => {
    expect(() => mergeReports(shards())).not.toThrow();
  });

  it('refuses reports of different contracts, of mixed strictness, or the same shard twice', () => {
    const [one, two] = shards() as [ConformanceReport, ConformanceReport];
    expect(() => mergeReports([one, { ...two, contract: { version: 'other', rules: 71 } }])).toThrow(
      /different contracts/,
    );
    expect(() => mergeReports([one, { ...two, strict: true }])).toThrow(/--strict/);
    expect(() => mergeReports([one, one])).toThrow('shard 1/2 is given twice');
    expect(() => mergeReports([])).toThrow('none given');
  });

  describe('exchanges without a usable answer', () => {
    const RULE = sampleInput().rules.filter((r) => r.id === 'OC-LIST-DEFAULTS');
    const part = (index: number, observation: Partial<RuleObservation>, run: Partial<RunInfo> = {}) =>
      buildReport({
        observations: [
          {
            rule: 'OC-LIST-DEFAULTS',
            apiVersion: 'v2.1',
            operations: ['retrieveOrderContacts'],
            exchanges: 2,
            retriedExchanges: 0,
            violations: [],
            ...observation,
          },
        ],
        rules: RULE,
        run: {
          ...SAMPLE_RUN,
          target: { ...SAMPLE_RUN.target, apiVersions: ['v2.1'] },
          shard: { index, count: 2 },
          ...run,
        },
      });

    it('sums the unusable exchanges, unions their reasons and keeps the rule inconclusive when no shard had a usable one', () => {
      const merged = mergeReports([
        part(1, { inconclusiveExchanges: 2, inconclusiveReasons: ['connection reset'] }),
        part(2, {
          inconclusiveExchanges: 2,
          inconclusiveReasons: ['timeout after 10000 ms', 'connection reset'],
        }),
      ]);
      expect(merged.rules[0]).toMatchObject({
        status: 'inconclusive',
        exchanges: 4,
        inconclusiveExchanges: 4,
        inconclusiveReasons: ['connection reset', 'timeout after 10000 ms'],
      });
      expect(merged.summary).toMatchObject({
        inconclusive: 1,
        inconclusiveExchanges: 4,
        inconclusiveShare: 1,
      });
      expect(merged.verdict).toBe('inconclusive');
      expect(merged.maxInconclusive).toBe(0.1);
    });

    it('passes the rule when another shard had a usable exchange, and keeps the longest settle time', () => {
      const merged = mergeReports([
        part(1, { inconclusiveExchanges: 2, inconclusiveReasons: ['connection reset'] }),
        part(2, { exchanges: 20, settledExchanges: 1, settleMs: 320 }),
      ]);
      expect(merged.rules[0]).toMatchObject({
        status: 'passed',
        inconclusiveExchanges: 2,
        passedAfterSettling: true,
        settledExchanges: 1,
        settleMs: 320,
      });
      expect(merged.summary.inconclusiveShare).toBeCloseTo(2 / 22);
      expect(merged.verdict).toBe('passed');
    });

    it('recomputes the verdict with the strictest threshold the shards recorded', () => {
      const merged = mergeReports([
        part(1, { inconclusiveExchanges: 1 }, { maxInconclusive: 0.5 }),
        part(2, { exchanges: 8 }, { maxInconclusive: 0.05 }),
      ]);
      expect([merged.verdict, merged.maxInconclusive]).toEqual(['inconclusive', 0.05]);
    });

    it('keeps a MUST rule warned when every merged violation was lowered by an inferred premise', () => {
      const lowered = {
        rule: 'OC-LIST-DEFAULTS' as const,
        level: 'SHOULD' as const,
        ruleLevel: 'MUST' as const,
        premise: 'inferred' as const,
        apiVersion: 'v2.1' as const,
        operation: 'retrieveOrderContacts',
        title: 'List defaults to offset 0 and limit 10',
        message: 'Received: limit 20 / Expected: limit 10',
      };
      const merged = mergeReports([part(1, { violations: [lowered] }), part(2, { violations: [lowered] })]);
      expect(merged.rules[0]).toMatchObject({ status: 'warned', violationsTotal: 2, loweredViolations: 2 });
      expect(merged.verdict).toBe('passed');
    });
  });

  it('keeps the level a tenant profile set on a shard, and says so', () => {
    const rule = sampleInput().rules.filter((r) => r.id === 'OC-LIST-DEFAULTS');
    const profiled = rule.map((r) => ({ ...r, levels: { 'v2.1': 'SHOULD' as const } }));
    const part = (index: number, rules: typeof rule) =>
      buildReport({
        observations: [],
        rules,
        run: {
          ...SAMPLE_RUN,
          target: { ...SAMPLE_RUN.target, apiVersions: ['v2.1'] },
          shard: { index, count: 2 },
        },
      });
    const fromProfile = profiled.map((r) => ({
      ...r,
      levels: { 'v2.1': 'MUST' as const },
      levelSources: { 'v2.1': 'profile' as const },
    }));
    const merged = mergeReports([part(1, profiled), part(2, fromProfile)]);
    expect(merged.rules[0]).toMatchObject({ level: 'MUST', levelSource: 'profile' });
    expect(mergeReports([part(1, profiled), part(2, profiled)]).rules[0]?.levelSource).toBeUndefined();
  });
});
