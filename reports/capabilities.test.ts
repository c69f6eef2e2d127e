import { describe, expect, it } from 'vitest';
import type { RuleObservation } from '../checks/violation.ts';
import { capabilities, type RuleId, ruleCatalogue } from '../contracts/index.ts';
import reportSchema from '../contracts/meta/conformance-report.schema.json' with { type: 'json' };
import {
  type ApiVersion,
  buildReport,
  type CapabilityGap,
  type CapabilityResult,
  type ConformanceReport,
  capabilityCountsText,
  capabilityGaps,
  capabilityOverview,
  capabilityStatusText,
  createReportValidator,
  gapSentence,
  mergeReports,
  type RuleInfo,
  renderHtml,
  renderMarkdown,
} from './index.ts';
import { SAMPLE_RUN, sampleInput, sampleReport } from './testing/sample-report.ts';

// The real catalogues, as `occ run` passes them.
const RULES: Array<RuleInfo & { id: RuleId }> = ruleCatalogue().map((r) => ({
  id: r.id,
  title: r.title,
  category: r.category,
  source: r.source,
  levels: r.levels,
  operations: [...r.operations],
}));
const CAPABILITIES = capabilities();
const VERSIONS: readonly ApiVersion[] = ['v2.1', 'v2'];

interface Behaviour {
  /** Rules the target breaks (in every version they apply to). */
  readonly breaks?: readonly string[];
  /** Rules nothing checked. */
  readonly skips?: readonly string[];
  /** Rules the target breaks only on an inferred premise: each finding lowered to SHOULD. */
  readonly lowers?: readonly string[];
  /** Rules every exchange of which got no usable answer. */
  readonly unusable?: readonly string[];
}

/** One observation per rule and version: a pass, a violation, or a skip. */
function observations({ breaks = [], skips = [], lowers = [], unusable = [] }: Behaviour): RuleObservation[] {
  return RULES.flatMap((rule) =>
    VERSIONS.flatMap((apiVersion): RuleObservation[] => {
      const level = rule.levels[apiVersion];
      if (level === undefined) return [];
      const operation = rule.operations[0] as string;
      if (skips.includes(rule.id))
        return [
          {
            rule: rule.id,
            apiVersion,
            operations: [],
            exchanges: 0,
            retriedExchanges: 0,
            violations: [],
            skipped: 'read-only',
          },
        ];
      const broken = breaks.includes(rule.id);
      const lowered = lowers.includes(rule.id);
      return [
        {
          rule: rule.id,
          apiVersion,
          operations: [operation],
          exchanges: 2,
          retriedExchanges: 0,
          ...(unusable.includes(rule.id)
            ? { inconclusiveExchanges: 2, inconclusiveReasons: ['connection reset'] }
            : {}),
          violations:
            broken || lowered
              ? [
                  {
                    rule: rule.id,
                    level: lowered ? 'SHOULD' : level,
                    ...(lowered ? { ruleLevel: level, premise: 'inferred' as const } : {}),
                    apiVersion,
                    operation,
                    title: rule.title,
                    message: 'Received: x / Expected: y',
                  },
                ]
              : [],
        },
      ];
    }),
  );
}

function report(behaviour: Behaviour, strict = false): ConformanceReport {
  return buildReport({
    observations: observations(behaviour),
    rules: RULES,
    capabilities: CAPABILITIES,
    run: { ...SAMPLE_RUN, strict },
  });
}

function status(r: ConformanceReport, id: string, apiVersion: ApiVersion): CapabilityResult['status'] {
  const found = r.capabilities?.find((c) => c.id === id && c.apiVersion === apiVersion);
  if (!found) throw new Error(`no capability ${id} (${apiVersion}) in the report`);
  return found.status;
}

// What Prism answers when it mocks the OpenAPI document: creates and reads succeed with the document's examples,
// but nothing is stored, nothing is echoed, and requests are validated only against the schemas (no dateOfBirth
// in the past, no names required in v2.1, no malformed-JSON handling), and no credentials are checked.
const STATELESS_MOCK: Behaviour = {
  breaks: [
    'OC-REF-UNIQUE',
    'OC-LIST-CONTAINS-CREATED',
    'OC-RETRIEVE-MATCHES-CREATE',
    'OC-HREF-FOLLOWABLE',
    'OC-REF-CASE-INSENSITIVE',
    'OC-EXPAND-MATCHES-RETRIEVE',
    'OC-CREATE-ECHO',
    'OC-UNICODE-ECHO',
    'OC-UPDATE-APPLIES',
    'OC-DELETE-THEN-404',
    'OC-DELETE-GONE-FROM-LIST',
    'OC-DOB-PAST',
    'OC-GENDER-ENUM',
    'OC-NAMES-REQUIRED',
    'OC-MALFORMED-JSON',
    'OC-PAGING-LIMIT',
    'OC-PAGING-OFFSET',
    'OC-UNKNOWN-CONTACT-404',
  ],
};

describe('capabilities in buildReport', () => {
  const mock = report(STATELESS_MOCK);

  it('shows a stateless mock as lacking state and input validation, with auth and status codes in place', () => {
    for (const version of VERSIONS) {
      expect(status(mock, 'state', version), version).toBe('lacking');
      expect(status(mock, 'input-validation', version), version).toBe('lacking');
      expect(status(mock, 'echo', version), version).toBe('lacking');
      expect(status(mock, 'auth', version), version).toBe('ok');
      expect(status(mock, 'status-codes', version), version).toBe('ok');
      expect(status(mock, 'robustness', version), version).toBe('partial');
      expect(status(mock, 'errors', version), version).toBe('partial');
    }
    // PAGING-LIMIT and -OFFSET are SHOULD rules: paging is partial, not lacking.
    expect(status(mock, 'paging', 'v2.1')).toBe('partial');
    // Delete rules are SHOULD in v2.1, but DELETE-GONE-FROM-LIST is MUST in v2.
    expect(status(mock, 'deletes-applied', 'v2.1')).toBe('partial');
    expect(status(mock, 'deletes-applied', 'v2')).toBe('lacking');
  });

  it('names the failed and warned rules of each capability, sorted, with counts and the lacking sentence', () => {
    const state = mock.capabilities?.find((c) => c.id === 'state' && c.apiVersion === 'v2.1');
    const definition = CAPABILITIES.find((c) => c.id === 'state');
    expect(state).toMatchObject({
      title: definition?.title,
      lacking: definition?.lacking,
      hint: definition?.hint,
      failedRules: ['OC-LIST-CONTAINS-CREATED', 'OC-REF-UNIQUE'],
      warnedRules: [
        'OC-EXPAND-MATCHES-RETRIEVE',
        'OC-HREF-FOLLOWABLE',
        'OC-REF-CASE-INSENSITIVE',
        'OC-RETRIEVE-MATCHES-CREATE',
      ],
      counts: { passed: 2, failed: 2, warned: 4, skipped: 0, total: 8 },
    });
    expect(state?.rules).toEqual([...(definition?.rules ?? [])].sort());
    expect(capabilityCountsText(state as CapabilityResult)).toBe('2 of 8 rules failed, 4 warned');
  });

  it('gives each capability one result per version in the catalogue order, for only the rules of that version', () => {
    const ids = [...new Set(mock.capabilities?.map((c) => c.id))];
    expect(ids).toEqual(CAPABILITIES.map((c) => c.id));
    expect(mock.capabilities?.map((c) => c.apiVersion).slice(0, 2)).toEqual(['v2.1', 'v2']);
    const paging = mock.capabilities?.find((c) => c.id === 'paging' && c.apiVersion === 'v2');
    expect(paging?.rules).toEqual(['OC-LIST-DEFAULTS', 'OC-PAGING-LIMIT', 'OC-PAGING-OFFSET']);
  });

  it('says ok when nothing failed, even with some rules skipped, and unchecked when all were skipped', () => {
    const readOnly = report({
      skips: ['OC-DELETE-THEN-404', 'OC-DELETE-GONE-FROM-LIST', 'OC-UPDATE-APPLIES'],
    });
    expect(status(readOnly, 'deletes-applied', 'v2.1')).toBe('unchecked');
    expect(status(readOnly, 'updates-applied', 'v2.1')).toBe('ok');
    expect(readOnly.capabilities?.every((c) => c.status === 'ok' || c.status === 'unchecked')).toBe(true);
  });

  it('keeps a SHOULD rule failed under --strict partial: lacking means a MUST rule failed', () => {
    const strict = report({ breaks: ['OC-PAGING-LIMIT'] }, true);
    expect(strict.rules.find((r) => r.id === 'OC-PAGING-LIMIT')?.status).toBe('failed');
    const paging = strict.capabilities?.find((c) => c.id === 'paging' && c.apiVersion === 'v2.1');
    expect(paging).toMatchObject({ status: 'partial', failedRules: ['OC-PAGING-LIMIT'], warnedRules: [] });
  });

  it('shows every capability unchecked for an unreachable target', () => {
    const unreachable = buildReport({
      observations: [],
      rules: RULES,
      capabilities: CAPABILITIES,
      run: { ...SAMPLE_RUN, unreachable: true },
    });
    expect(unreachable.capabilities?.length).toBe(CAPABILITIES.length * 2);
    expect(unreachable.capabilities?.every((c) => c.status === 'unchecked')).toBe(true);
  });

  it('keeps the per-rule results as they are', () => {
    const without = buildReport({
      observations: observations(STATELESS_MOCK),
      rules: RULES,
      run: SAMPLE_RUN,
    });
    expect(mock.rules).toEqual(without.rules);
    expect(mock.summary).toEqual(without.summary);
    expect(without.capabilities).toBeUndefined();
    expect('capabilities' in without).toBe(false);
  });

  it('leaves Pact results out of every capability', () => {
    const sample = sampleReport();
    expect(sample.rules.some((r) => r.origin === 'pact' && r.status === 'failed')).toBe(true);
    expect(sample.capabilities?.flatMap((c) => c.rules).some((id) => id.startsWith('PACT-'))).toBe(false);
  });

  it('writes reports the schema accepts, and old reports without capabilities still pass it', () => {
    const validate = createReportValidator(reportSchema);
    expect(validate(JSON.parse(JSON.stringify(mock)))).toEqual([]);
    const { capabilities: _dropped, ...old } = JSON.parse(JSON.stringify(mock)) as ConformanceReport;
    expect(validate(old)).toEqual([]);
    const bad = JSON.parse(JSON.stringify(mock));
    bad.capabilities[0].status = 'missing';
    expect(validate(bad).join('\n')).toContain('/capabilities/0/status');
  });
});

describe('capabilities in mergeReports', () => {
  const shard = (index: number, behaviour: Behaviour) =>
    buildReport({
      observations: observations(behaviour),
      rules: RULES,
      capabilities: CAPABILITIES,
      run: { ...SAMPLE_RUN, shard: { index, count: 2 } },
    });
  const all = RULES.map((r) => r.id);

  it('recomputes them from the merged rule results', () => {
    // Shard 1 checked only the state rules and found them broken; shard 2 checked everything else, cleanly.
    const stateRules: readonly string[] = CAPABILITIES.find((c) => c.id === 'state')?.rules ?? [];
    const one = shard(1, {
      breaks: ['OC-LIST-CONTAINS-CREATED'],
      skips: all.filter((id) => !stateRules.includes(id)),
    });
    const two = shard(2, { skips: [...stateRules] });
    expect(status(one, 'auth', 'v2.1')).toBe('unchecked');
    expect(status(two, 'state', 'v2.1')).toBe('unchecked');
    const merged = mergeReports([one, two]);
    expect(status(merged, 'state', 'v2.1')).toBe('lacking');
    expect(status(merged, 'auth', 'v2.1')).toBe('ok');
    expect(merged.capabilities).toEqual(
      buildReport({
        observations: [...observations({ breaks: ['OC-LIST-CONTAINS-CREATED'] })],
        rules: RULES,
        capabilities: CAPABILITIES,
        run: SAMPLE_RUN,
      }).capabilities,
    );
  });

  it('adds none when no shard has them', () => {
    const input = sampleInput();
    const { capabilities: _none, ...withoutCapabilities } = input;
    const part = (index: number) =>
      buildReport({ ...withoutCapabilities, run: { ...input.run, shard: { index, count: 2 } } });
    expect(mergeReports([part(1), part(2)]).capabilities).toBeUndefined();
  });
});

describe('capabilities on partial, lowered or unusable evidence', () => {
  const stateRules: readonly string[] = CAPABILITIES.find((c) => c.id === 'state')?.rules ?? [];
  const stateMust = stateRules.filter((id) => RULES.find((r) => r.id === id)?.levels['v2.1'] === 'MUST');

  it('never tells a stateful target it is a stateless mock when its state rules only warned on an inferred premise', () => {
    const stateful = report({ lowers: stateMust });
    expect(status(stateful, 'state', 'v2.1')).toBe('partial');
    const gap = capabilityGaps(stateful).find((g) => g.id === 'state');
    expect(gap?.status).toBe('partial');
    expect(gapSentence(gap as CapabilityGap)).not.toMatch(/stateless|Prism/);
    for (const text of [renderMarkdown(stateful), renderHtml(stateful)])
      expect(text).not.toContain('stateless mock');
    // Only a failure of its own MUST rules earns the catalogue's sentence.
    expect(renderMarkdown(report(STATELESS_MOCK))).toContain('typical of a stateless mock such as Prism');
  });

  it('says on the evidence of how many of its rules a capability is lacking', () => {
    const [first, ...others] = stateRules;
    const partly = report({ breaks: [first as string], skips: others });
    const state = partly.capabilities?.find(
      (c) => c.id === 'state' && c.apiVersion === 'v2.1',
    ) as CapabilityResult;
    expect(state.status).toBe('lacking');
    expect(capabilityStatusText(state)).toBe(
      `lacking, on the evidence of 1 of its ${state.counts.total} rules`,
    );
    expect(capabilityCountsText(state)).toBe(`1 failed; ${state.counts.total - 1} skipped`);
    const whole = report({ breaks: [first as string] }).capabilities?.find(
      (c) => c.id === 'state' && c.apiVersion === 'v2.1',
    ) as CapabilityResult;
    expect(capabilityStatusText(whole)).toBe('lacking');
  });

  it('makes a capability none of whose rules has usable evidence inconclusive, and never lacking', () => {
    const cut = report({ unusable: [...stateRules], breaks: [] });
    expect(status(cut, 'state', 'v2.1')).toBe('inconclusive');
    expect(capabilityOverview(cut)?.inconclusive).toContain('State');
    expect(capabilityOverview(cut)?.unchecked).not.toContain('State');
    const state = cut.capabilities?.find((c) => c.id === 'state' && c.apiVersion === 'v2.1');
    expect(state?.counts.inconclusive).toBe(state?.counts.total);
  });
});

describe('capabilityGaps', () => {
  it('lists lacking capabilities before partial ones, each with the failed and warned results behind it', () => {
    const gaps = capabilityGaps(report(STATELESS_MOCK));
    const statuses = gaps.map((g) => g.status);
    expect(statuses).toEqual([...statuses].sort());
    expect(gaps.map((g) => g.id).slice(0, 3)).toEqual(['state', 'echo', 'updates-applied']);
    const state = gaps[0];
    expect(state?.versions.map((c) => c.apiVersion)).toEqual(['v2.1', 'v2']);
    expect(state?.findings.map((r) => `${r.id} ${r.apiVersion} ${r.status}`)).toContain(
      'OC-LIST-CONTAINS-CREATED v2.1 failed',
    );
    expect(state?.findings.every((r) => r.status === 'failed' || r.status === 'warned')).toBe(true);
  });

  it('is empty when nothing is lacking', () => {
    expect(capabilityGaps(report({}))).toEqual([]);
  });
});
