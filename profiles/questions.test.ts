import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../contracts/index.ts';
import { isVariantName, VARIANTS } from '../mock/variants.ts';
import { PROFILE_QUESTIONS, PROFILED_VARIANTS, type ProfileQuestion } from './questions.ts';

const QUESTIONS: readonly ProfileQuestion[] = PROFILE_QUESTIONS;
const ID = /^[a-z0-9-]+$/;

describe('the profile questions', () => {
  it('each has a unique id and unique answer ids in the form the profile schema takes', () => {
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(QUESTIONS.length);
    for (const question of QUESTIONS) {
      expect(question.id).toMatch(ID);
      const ids = question.answers.map((a) => a.id);
      expect(new Set(ids).size, question.id).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(ID);
    }
  });

  it("each has the reference mock's reading first, and no other answer is the reference's", () => {
    for (const question of QUESTIONS) {
      expect(question.answers[0]?.variant, question.id).toBeNull();
      expect(question.answers.filter((a) => a.variant === null).length, question.id).toBe(1);
    }
  });

  it('maps every other answer to a variant the mock knows, a behaviour one, or says the mock cannot do it', () => {
    for (const question of QUESTIONS)
      for (const answer of question.answers.slice(1)) {
        if (answer.variant === 'unreproducible') continue;
        expect(isVariantName(answer.variant as string), `${question.id}: ${answer.id}`).toBe(true);
        expect(VARIANTS.find((v) => v.name === answer.variant)?.kind).toBe('behaviour');
      }
  });

  it('names each variant in one question only, so a profile decides it once', () => {
    const named = QUESTIONS.flatMap((q) =>
      q.answers.flatMap((a) => (a.variant !== null && a.variant !== 'unreproducible' ? [a.variant] : [])),
    );
    expect(new Set(named).size).toBe(named.length);
    expect(PROFILED_VARIANTS.size).toBe(named.length);
  });

  it('concerns only catalogue rules that are SHOULD (inferred) in v2.1, the version the probes use', () => {
    const catalogue = new Map(ruleCatalogue().map((rule) => [rule.id, rule]));
    for (const question of QUESTIONS) {
      expect(question.rules.length, question.id).toBeGreaterThan(0);
      for (const id of question.rules) {
        expect(catalogue.has(id), `${question.id}: ${id}`).toBe(true);
        expect(catalogue.get(id)?.levels['v2.1'], `${question.id}: ${id}`).toBe('SHOULD');
      }
    }
  });
});
