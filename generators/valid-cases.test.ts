import { describe, expect, it } from 'vitest';
import { isoToEpochMs, validateContactRequest } from '../contracts/index.ts';
import {
  ALPHA2_CODES,
  DEFAULT_VALID_CASES,
  GENDERS,
  LISTED_TITLES,
  UNICODE_NAMES,
  type ValidCase,
  validCaseGroups,
  validCases,
  validCasesOf,
} from './index.ts';
import { NOW, SEEDS, TARGETS } from './test-support.ts';
import { coveragePlans } from './valid-strategies.ts';

const v21 = validCases({ seed: 7, apiVersion: 'v2.1', now: NOW });

function byId(cases: readonly ValidCase[], id: string): ValidCase {
  const found = cases.find((c) => c.id === id);
  if (!found) throw new Error(`no case ${id}`);
  return found;
}

describe('validCases', () => {
  it('passes the request schema for every version and operation, from many seeds', () => {
    for (const { apiVersion, operation } of TARGETS) {
      for (const seed of SEEDS) {
        for (const c of validCases({ seed, apiVersion, operation, now: NOW })) {
          expect(
            validateContactRequest(apiVersion, operation, c.payload, NOW),
            `seed ${seed} ${c.id}`,
          ).toEqual([]);
        }
      }
    }
  });

  it('always sends firstName and lastName', () => {
    for (const { apiVersion, operation } of TARGETS) {
      for (const c of validCases({ seed: 3, apiVersion, operation, now: NOW })) {
        expect(typeof c.payload.firstName, c.id).toBe('string');
        expect(typeof c.payload.lastName, c.id).toBe('string');
      }
    }
  });

  it('uses all 26 titles, 3 genders and 249 country codes at the default size', () => {
    for (const apiVersion of ['v2.1', 'v2'] as const) {
      const cases = validCases({ seed: 99, apiVersion, now: NOW });
      expect(cases).toHaveLength(DEFAULT_VALID_CASES);
      const used = (field: string) => new Set(cases.map((c) => c.payload[field]));
      expect(LISTED_TITLES).toHaveLength(26);
      for (const title of LISTED_TITLES) expect(used('title').has(title), title).toBe(true);
      expect(GENDERS).toHaveLength(3);
      for (const gender of GENDERS) expect(used('gender').has(gender), gender).toBe(true);
      expect(ALPHA2_CODES).toHaveLength(249);
      for (const code of ALPHA2_CODES) expect(used('country').has(code), code).toBe(true);
    }
  });

  it('has a default size that holds every coverage case of either version', () => {
    for (const apiVersion of ['v2.1', 'v2'] as const) {
      expect(coveragePlans(apiVersion).length).toBeLessThanOrEqual(DEFAULT_VALID_CASES);
    }
  });

  it('puts the coverage strategies first, then random full contacts up to count', () => {
    const cases = validCases({ seed: 7, apiVersion: 'v2.1', now: NOW, count: 400 });
    const coverage = coveragePlans('v2.1').length;
    expect(cases.slice(0, coverage).every((c) => c.strategy !== 'random')).toBe(true);
    expect(cases.slice(coverage).map((c) => c.id)).toEqual(
      Array.from({ length: 400 - coverage }, (_, i) => `random.${i + 1}`),
    );
  });

  it('keeps the first count cases when count is below the coverage size', () => {
    expect(validCases({ seed: 7, apiVersion: 'v2.1', now: NOW, count: 5 })).toEqual(v21.slice(0, 5));
    expect(validCases({ seed: 7, apiVersion: 'v2.1', now: NOW, count: 0 })).toEqual([]);
  });

  it('gives every case a unique id', () => {
    for (const apiVersion of ['v2.1', 'v2'] as const) {
      const ids = validCases({ seed: 7, apiVersion, now: NOW, count: 500 }).map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('sends minimal contacts with names only', () => {
    const minimal = v21.filter((c) => c.strategy === 'minimal');
    expect(minimal.length).toBeGreaterThan(0);
    for (const c of minimal) expect(Object.keys(c.payload)).toEqual(['firstName', 'lastName']);
  });

  it('sends names with accents, apostrophes, hyphens, CJK and right-to-left scripts', () => {
    const names = v21
      .filter((c) => c.strategy === 'unicode-names')
      .map((c) => `${c.payload.firstName} ${c.payload.lastName}`);
    expect(names).toHaveLength(UNICODE_NAMES.length);
    expect(names.some((n) => /[éñü]/.test(n))).toBe(true);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => n.includes('-'))).toBe(true);
    expect(names.some((n) => /\p{Script=Han}/u.test(n))).toBe(true);
    expect(names.some((n) => /\p{Script=Arabic}/u.test(n))).toBe(true);
    expect(names.some((n) => /\p{Script=Hebrew}/u.test(n))).toBe(true);
    expect(names.some((n) => [...n].some((ch) => (ch.codePointAt(0) ?? 0) > 0xffff))).toBe(true);
  });

  it('sends boundary dates of birth measured from now', () => {
    const dob = (id: string) => byId(v21, `dateOfBirth.${id}`).payload.dateOfBirth;
    expect(dob('second-ago')).toBe('2026-11-23T11:59:59.000Z');
    expect(dob('second-ago-no-millis')).toBe('2026-11-23T11:59:59Z');
    expect(dob('second-ago-offset+05:30')).toBe('2026-11-23T17:29:59.000+05:30');
    expect(isoToEpochMs(String(dob('second-ago-offset+05:30')))).toBe(NOW - 1000);
    expect(dob('leap-day')).toBe('2000-02-29T00:00:00.000Z');
    expect(dob('1900-01-01')).toBe('1900-01-01T00:00:00.000Z');
    expect(dob('1900-01-01-no-millis')).toBe('1900-01-01T00:00:00Z');
  });

  it('sends empty and many-element arrays', () => {
    const empty = byId(v21, 'arrays.empty').payload;
    const many = byId(v21, 'arrays.many').payload;
    for (const field of ['emails', 'phoneNumbers', 'identifiers', 'street']) {
      expect(empty[field], field).toEqual([]);
      expect((many[field] as unknown[]).length, field).toBe(25);
      expect(
        new Set((many[field] as unknown[]).map((v) => JSON.stringify(v))).size,
        `${field} distinct`,
      ).toBe(25);
    }
  });

  it('links a guest in v2 only', () => {
    const v2 = validCases({ seed: 7, apiVersion: 'v2', now: NOW });
    expect(byId(v2, 'guest.link').payload.guest).toMatchObject({
      href: expect.stringMatching(/\/v2\/guests\/[0-9a-f-]{36}$/),
    });
    expect(v21.some((c) => 'guest' in c.payload)).toBe(false);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => validCases({ seed: 1, apiVersion: 'v2.1', now: NOW, count: -1 })).toThrow(/count "-1"/);
    expect(() => validCases({ seed: 1, apiVersion: 'v2.1', now: NOW, count: 2.5 })).toThrow(/count "2.5"/);
  });
});

describe('validCasesOf and validCaseGroups', () => {
  it('build, strategy by strategy, the very cases validCases returns, and group them as validCases orders them', () => {
    const options = { seed: 11, apiVersion: 'v2.1' as const, now: NOW, count: 400 };
    const all = validCases(options);
    const groups = validCaseGroups(options);
    expect(groups.map((g) => g.strategy)).toEqual([...new Set(all.map((c) => c.strategy))]);
    expect(groups.reduce((n, g) => n + g.size, 0)).toBe(400);
    for (const { strategy, size } of groups) {
      const built = [...validCasesOf({ ...options, strategy })];
      expect(built).toHaveLength(size);
      expect(built).toEqual(all.filter((c) => c.strategy === strategy));
    }
  });
});
