import { describe, expect, it } from 'vitest';
import type { RuleObservation } from '../checks/violation.ts';
import type { ProfileEntry, TenantProfile } from '../contracts/index.ts';
import { OccError } from '../lib/errors.ts';
import { driftedQuestions, profileObservations, setAsideByProfile } from './profile-drift.ts';
import { profileProblems } from './profile-file.ts';
import { variantsOfProfile } from './profile-variants.ts';
import { PROFILE_QUESTIONS, PROFILED_VARIANTS } from './questions.ts';

const EVIDENCE = [
  { method: 'GET', url: 'http://127.0.0.1:1/v2.1/x', status: 200 },
] as ProfileEntry['evidence'];

/** A profile giving each question the answer `pick` chooses (default: the reference's). */
function profileOf(
  pick: (question: (typeof PROFILE_QUESTIONS)[number]) => string = (q) => q.answers[0].id,
): TenantProfile {
  return {
    profileVersion: 1,
    createdAt: '2026-12-04T00:00:00.000Z',
    baseUrl: 'http://127.0.0.1:1/',
    tool: { name: 'order-contact-conformance', version: '0.1.0' },
    apiVersion: 'v2.1',
    requests: 12,
    entries: PROFILE_QUESTIONS.map((q) => ({
      question: q.id,
      rules: [...q.rules] as ProfileEntry['rules'],
      answer: pick(q),
      evidence: EVIDENCE,
    })),
  };
}

function withAnswer(question: string, answer: string): TenantProfile {
  return profileOf((q) => (q.id === question ? answer : q.answers[0].id));
}

describe('a tenant profile', () => {
  it('of reference answers is valid and switches no variant on, every profiled one off', () => {
    expect(profileProblems(profileOf())).toEqual([]);
    expect(variantsOfProfile(profileOf(), 'p.json')).toEqual({ on: [], off: [...PROFILED_VARIANTS] });
  });

  it('switches on the variant each answer names', () => {
    const profile = profileOf((q) =>
      q.id === 'update-status' ? '201' : q.id === 'limit-above-max' ? 'refused-400' : q.answers[0].id,
    );
    expect(variantsOfProfile(profile, 'p.json').on).toEqual(['update-201', 'strict-limit']);
  });

  it('names an unknown question, an unknown answer and the wrong rules', () => {
    const profile = withAnswer('ref-case', 'sideways');
    const entries = [
      ...profile.entries,
      { question: 'colour', rules: ['OC-X'], answer: 'red', evidence: EVIDENCE },
    ];
    (entries[1] as { rules: string[] }).rules = ['OC-NO-5XX'];
    expect(profileProblems({ ...profile, entries })).toEqual([
      '/entries/0/answer "sideways" is not an answer to ref-case (expected lower | upper)',
      '/entries/1/rules OC-NO-5XX are not the rules of date-echo (OC-DATE-INSTANT-ECHO)',
      '/entries/8/question "colour" is not a question occ knows (occ profile --help lists them)',
    ]);
    expect(profileProblems({ ...profileOf(), profileVersion: 2 })).toEqual([
      '/profileVersion must be equal to constant',
    ]);
  });

  it('is refused by the mock, naming the entry, when an answer has no variant', () => {
    expect(() => variantsOfProfile(withAnswer('limit-above-max', 'honoured'), 'p.json')).toThrow(
      /limit-above-max: "honoured" \(200 with limit 1000\) is not something occ mock can do/,
    );
  });

  it('is refused with a --variant that contradicts an answer, and kept with one no question decides', () => {
    expect(() => variantsOfProfile(profileOf(), 'p.json', ['update-201'])).toThrow(OccError);
    expect(() => variantsOfProfile(profileOf(), 'p.json', ['update-201'])).toThrow(
      /--variant update-201 contradicts the profile: update-status is "200" on the tenant/,
    );
    expect(variantsOfProfile(profileOf(), 'p.json', ['gzip']).on).toEqual([]);
  });

  it('held against new answers: a drifted entry is a MUST violation of its rule naming both answers', () => {
    const now = withAnswer('update-status', '201').entries;
    expect(driftedQuestions(profileOf(), now)).toEqual(['update-status']);
    const observations = profileObservations(profileOf(), now);
    expect(observations).toHaveLength(PROFILE_QUESTIONS.length);
    const failed = observations.filter((o) => o.violations.length > 0);
    expect(failed.map((o) => [o.rule, o.violations[0]?.level])).toEqual([['OC-UPDATE-STATUS', 'MUST']]);
    expect(failed[0]?.violations[0]?.message).toMatch(
      /^Received: "201", shown by GET .* \/ Expected: "200" as observed on the tenant/,
    );
  });

  it("sets aside the suites' findings of a rule only where the tenant is profiled off the reference reading", () => {
    const finding = (
      rule: 'OC-NAMES-NOT-EMPTY' | 'OC-UPDATE-STATUS',
      apiVersion: 'v2.1' | 'v2',
    ): RuleObservation => ({
      rule,
      apiVersion,
      operations: ['createOrderContact'],
      exchanges: 1,
      retriedExchanges: 0,
      violations: [
        {
          rule,
          level: 'SHOULD',
          apiVersion,
          operation: 'createOrderContact',
          title: 't',
          message: 'Received: 201 / Expected: 400',
        },
      ],
    });
    const observations = [
      finding('OC-NAMES-NOT-EMPTY', 'v2.1'),
      finding('OC-NAMES-NOT-EMPTY', 'v2'),
      finding('OC-UPDATE-STATUS', 'v2.1'),
    ];
    const read = setAsideByProfile(observations, withAnswer('empty-first-name', 'accepted'));
    expect(read.observations.map((o) => [o.rule, o.apiVersion, o.violations.length, o.exchanges])).toEqual([
      ['OC-NAMES-NOT-EMPTY', 'v2.1', 0, 1],
      ['OC-NAMES-NOT-EMPTY', 'v2', 1, 1],
      ['OC-UPDATE-STATUS', 'v2.1', 1, 1],
    ]);
    expect(read.notes).toEqual([
      '1 finding of the suites on OC-NAMES-NOT-EMPTY (v2.1) set aside: they expect the catalogue\'s reading, and the tenant is profiled as empty-first-name "accepted".',
    ]);
    expect(setAsideByProfile(observations, profileOf()).observations).toEqual(observations);
  });

  it("holds a tenant's page size: clamped to another limit drifts, a lag of other ms does not", () => {
    const measured = (question: string, value: number) =>
      profileOf().entries.map((e) => (e.question === question ? { ...e, measured: value } : e));
    const at50 = { ...profileOf(), entries: measured('limit-above-max', 50) };
    expect(variantsOfProfile(at50, 'p.json').maxLimit).toBe(50);
    expect(driftedQuestions(at50, measured('limit-above-max', 100))).toEqual(['limit-above-max']);
    expect(driftedQuestions(at50, measured('limit-above-max', 50))).toEqual([]);
    const lagging = withAnswer('list-after-delete', 'lagging');
    const lag = (ms: number) =>
      lagging.entries.map((e) => (e.question === 'list-after-delete' ? { ...e, measured: ms } : e));
    expect(driftedQuestions({ ...lagging, entries: lag(300) }, lag(900))).toEqual([]);
  });
});
