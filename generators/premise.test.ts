import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractsPath } from '../contracts/index.ts';
import {
  createFaker,
  documentedContact,
  inferredValues,
  invalidCases,
  LISTED_TITLES,
  premiseOf,
  validCases,
} from './index.ts';
import { NOW, TARGETS } from './test-support.ts';

function example(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(contractsPath('examples', name), 'utf8')) as Record<string, unknown>;
}

const V21_EXAMPLE = example('v2.1-create-request.json');
// The stored copy of seed 004 shows the e-mail as "[email protected]": the page copier's obfuscation of an
// address, not the vendor's value. Put an address back in the vendor's form.
const V2_EXAMPLE = { ...example('v2-create-request.json'), emails: ['john.doe@gmail.com'] };

describe('premiseOf', () => {
  it("calls the vendor's own request examples documented", () => {
    expect(premiseOf(V21_EXAMPLE, 'v2.1', { now: NOW })).toEqual({ level: 'documented' });
    expect(premiseOf(V2_EXAMPLE, 'v2', { now: NOW })).toEqual({ level: 'documented' });
  });

  it.each(['1991-01-01T16:17:16Z', '1985-12-24T00:00Z', '2025-10-28T00:00:00.000Z', '2000-02-29T00:00:00Z'])(
    'calls the vendor date form %s documented',
    (dateOfBirth) => {
      expect(premiseOf({ ...V21_EXAMPLE, dateOfBirth }, 'v2.1', { now: NOW }).level).toBe('documented');
      expect(premiseOf({ ...V2_EXAMPLE, dateOfBirth, passportExpiry: dateOfBirth }, 'v2').level).toBe(
        'documented',
      );
    },
  );

  it('calls a date-only dateOfBirth inferred, naming the field, the value and why', () => {
    expect(premiseOf({ ...V21_EXAMPLE, dateOfBirth: '1985-12-24' }, 'v2.1')).toEqual({
      level: 'inferred',
      because: 'dateOfBirth "1985-12-24" is date-only; the vendor shows only date-times',
    });
    expect(premiseOf({ ...V2_EXAMPLE, passportExpiry: '2030-01-01' }, 'v2').because).toBe(
      'passportExpiry "2030-01-01" is date-only; the vendor shows only date-times',
    );
  });

  it.each(['1985-12-24T10:30:00+05:30', '1985-12-23T16:00:00.000-08:00', '1985-12-24T00:00:00+00:00'])(
    'calls the offset date %s inferred',
    (dateOfBirth) => {
      const premise = premiseOf({ ...V21_EXAMPLE, dateOfBirth }, 'v2.1');
      expect(premise.level).toBe('inferred');
      expect(premise.because).toContain('zone offset');
    },
  );

  it.each([
    ['1985-12-24T00:00:00.1Z', 'not in a form the vendor shows'],
    ['2001-02-29T00:00:00Z', 'not a calendar date'],
  ])('calls the dateOfBirth %s inferred', (dateOfBirth, why) => {
    expect(premiseOf({ ...V21_EXAMPLE, dateOfBirth }, 'v2.1').because).toContain(why);
  });

  it('calls a v2.1 dateOfBirth within a day of now inferred, and one in the future too', () => {
    const secondAgo = new Date(NOW - 1000).toISOString();
    expect(premiseOf({ ...V21_EXAMPLE, dateOfBirth: secondAgo }, 'v2.1', { now: NOW }).because).toContain(
      "rests on the server's clock",
    );
    const ahead = new Date(NOW + 1000).toISOString();
    expect(premiseOf({ ...V21_EXAMPLE, dateOfBirth: ahead }, 'v2.1', { now: NOW }).because).toContain(
      'is not in the past',
    );
    // v2 states no "must be in the past" (its own example's date of birth follows its createdAt).
    expect(premiseOf({ ...V2_EXAMPLE, dateOfBirth: ahead }, 'v2', { now: NOW }).level).toBe('documented');
    // Without a reference time only the form is judged.
    expect(premiseOf({ ...V21_EXAMPLE, dateOfBirth: secondAgo }, 'v2.1').level).toBe('documented');
  });

  it('calls fields the version does not list in its request inferred', () => {
    for (const [field, value] of [
      ['postCode', '10001'],
      ['passportExpiry', '2030-01-01T00:00:00.000Z'],
      ['guest', { href: 'https://api-engage-eu.sitecorecloud.io/v2.1/guests/1' }],
      ['nickname', 'Johnny'],
    ] as const) {
      const premise = premiseOf({ ...V21_EXAMPLE, [field]: value }, 'v2.1');
      expect(premise.because, field).toMatch(new RegExp(`^${field} is not a v2\\.1 request field`));
    }
    expect(premiseOf({ ...V2_EXAMPLE, city: 'Dublin' }, 'v2').level).toBe('inferred');
    const withExpiry = [{ provider: 'ProfileSystem', id: 'X1', expiryDate: '2030-01-01T00:00:00Z' }];
    expect(premiseOf({ ...V21_EXAMPLE, identifiers: withExpiry }, 'v2.1').because).toContain(
      'identifiers[0].expiryDate is not a v2.1 request field',
    );
    expect(premiseOf({ ...V2_EXAMPLE, identifiers: withExpiry }, 'v2').level).toBe('documented');
  });

  it('calls empty arrays and arrays longer than the examples show inferred', () => {
    expect(premiseOf({ ...V21_EXAMPLE, emails: [] }, 'v2.1').because).toBe(
      "emails [] is empty; the vendor's examples show 1 to 2 elements",
    );
    const many = Array.from({ length: 25 }, (_, i) => `+35316112${String(i).padStart(4, '0')}`);
    expect(premiseOf({ ...V21_EXAMPLE, phoneNumbers: many }, 'v2.1').because).toContain('has 25 elements');
  });

  it('calls titles outside the 26 listed, other countries, and odd emails or phone numbers inferred', () => {
    for (const title of LISTED_TITLES) {
      expect(premiseOf({ ...V21_EXAMPLE, title }, 'v2.1').level, title).toBe('documented');
    }
    expect(premiseOf({ ...V21_EXAMPLE, title: 'Herr' }, 'v2.1').because).toContain('26 titles');
    expect(premiseOf({ ...V21_EXAMPLE, country: 'XK' }, 'v2.1').because).toContain('alpha-2');
    expect(premiseOf({ ...V21_EXAMPLE, country: 'JP' }, 'v2.1').level).toBe('documented');
    expect(premiseOf({ ...V21_EXAMPLE, emails: ['josé@example.com'] }, 'v2.1').level).toBe('inferred');
    expect(premiseOf({ ...V21_EXAMPLE, phoneNumbers: ['(01) 611 2334'] }, 'v2.1').level).toBe('inferred');
  });

  it('calls names in other scripts documented, but not characters beyond the BMP, nulls or blanks', () => {
    for (const lastName of ['Núñez', "O'Brien", '山田', 'العلي', 'Петрова']) {
      expect(premiseOf({ ...V21_EXAMPLE, lastName }, 'v2.1').level, lastName).toBe('documented');
    }
    expect(premiseOf({ ...V21_EXAMPLE, lastName: '𠮷田' }, 'v2.1').because).toContain(
      'Basic Multilingual Plane',
    );
    expect(premiseOf({ ...V21_EXAMPLE, city: null }, 'v2.1').because).toBe(
      'city null is null; the vendor shows no null values',
    );
    expect(premiseOf({ ...V21_EXAMPLE, city: ' ' }, 'v2.1').because).toContain('is blank');
  });

  it('classifies partial bodies and bodies that are not objects', () => {
    expect(premiseOf({ city: 'Cork' }, 'v2.1')).toEqual({ level: 'documented' });
    expect(premiseOf({ gender: 'Male' }, 'v2.1').level).toBe('inferred');
    expect(premiseOf([V21_EXAMPLE], 'v2.1').because).toMatch(/^the body .* is not a JSON object$/);
    expect(premiseOf(null, 'v2').level).toBe('inferred');
  });

  it('names the first inferred value and counts the rest', () => {
    const body = { ...V21_EXAMPLE, dateOfBirth: '1985-12-24', postCode: '10001', emails: [] };
    expect(inferredValues(body, 'v2.1')).toHaveLength(3);
    expect(premiseOf(body, 'v2.1').because).toMatch(/^emails \[\] is empty.* \(and 2 more\)$/);
  });
});

describe('premise of generated cases', () => {
  it('is set on every valid and invalid case of every version and operation', () => {
    for (const { apiVersion, operation } of TARGETS) {
      const cases = [
        ...validCases({ seed: 7, apiVersion, operation, now: NOW }),
        ...invalidCases({ seed: 7, apiVersion, operation, now: NOW }),
      ];
      for (const c of cases) {
        const label = `${apiVersion} ${operation} ${c.id}`;
        expect(['documented', 'inferred'], label).toContain(c.premise.level);
        if (c.premise.level === 'inferred') expect(c.premise.because, label).toMatch(/\w.{10,}/);
        else expect(c.premise, label).not.toHaveProperty('because');
      }
    }
  });

  it("is premiseOf the valid case's payload", () => {
    for (const { apiVersion, operation } of TARGETS) {
      for (const c of validCases({ seed: 3, apiVersion, operation, now: NOW })) {
        expect(c.premise, c.id).toEqual(premiseOf(c.payload, apiVersion, { now: NOW }));
      }
    }
  });

  it('calls the date-only, offset and a-second-ago dates of birth inferred', () => {
    const cases = validCases({ seed: 7, apiVersion: 'v2.1', now: NOW });
    const reasons = (id: string) =>
      inferredValues(cases.find((c) => c.id === id)?.payload, 'v2.1', { now: NOW });
    expect(reasons('dateOfBirth.date-only')).toContain(
      'dateOfBirth "1985-12-24" is date-only; the vendor shows only date-times',
    );
    for (const id of [
      'dateOfBirth.offset+05:30',
      'dateOfBirth.offset-08:00',
      'dateOfBirth.second-ago-offset+05:30',
    ]) {
      expect(
        reasons(id).some((r) => r.startsWith('dateOfBirth') && r.includes('zone offset')),
        id,
      ).toBe(true);
    }
    expect(reasons('dateOfBirth.second-ago').some((r) => r.includes("server's clock"))).toBe(true);
    for (const id of ['dateOfBirth.minutes-only', 'dateOfBirth.leap-day', 'dateOfBirth.1900-01-01']) {
      expect(
        reasons(id).filter((r) => r.startsWith('dateOfBirth')),
        id,
      ).toEqual([]);
    }
  });

  it('calls the minimal contacts documented in both versions', () => {
    for (const apiVersion of ['v2.1', 'v2'] as const) {
      const minimal = validCases({ seed: 7, apiVersion, now: NOW, count: 2 });
      expect(minimal.map((c) => c.premise.level)).toEqual(['documented', 'documented']);
    }
  });

  it('calls every invalid case of a SHOULD rule inferred, saying the rule is SHOULD', () => {
    let should = 0;
    for (const { apiVersion, operation } of TARGETS) {
      for (const c of invalidCases({ seed: 7, apiVersion, operation, now: NOW })) {
        if (c.level !== 'SHOULD') continue;
        should += 1;
        expect(c.premise.level, c.id).toBe('inferred');
        expect(c.premise.because, c.id).toContain(`${c.rule} is SHOULD in ${apiVersion}`);
      }
    }
    expect(should).toBeGreaterThan(300);
  });

  it('calls MUST cases documented unless the value is our reading', () => {
    const v21 = invalidCases({ seed: 7, apiVersion: 'v2.1', now: NOW });
    const level = (id: string) => v21.find((c) => c.id === id)?.premise.level;
    for (const id of [
      'dateOfBirth.future-1y',
      'dateOfBirth.not-iso-day-first',
      'gender.enum-Male',
      'identifiers.id-null',
    ]) {
      expect(level(id), id).toBe('documented');
    }
    for (const id of [
      'dateOfBirth.future-1s',
      'dateOfBirth.not-iso-no-zone',
      'dateOfBirth.not-iso-empty',
      'gender.enum-empty',
      'identifiers.provider-empty',
    ]) {
      expect(level(id), id).toBe('inferred');
    }
    const v2 = invalidCases({ seed: 7, apiVersion: 'v2', now: NOW });
    expect(v2.find((c) => c.id === 'firstName.null')?.premise).toEqual({ level: 'documented' });
    expect(v21.find((c) => c.id === 'firstName.null')?.premise.level).toBe('inferred');
  });

  it('keeps documentedContact documented after the suites tag it with one more identifier', () => {
    for (const apiVersion of ['v2.1', 'v2'] as const) {
      const contact = documentedContact(createFaker(9), { apiVersion, now: NOW });
      const marker = { provider: 'occ-conformance', id: 'occ-run-x-main-1' };
      const tagged = { ...contact, identifiers: [...(contact.identifiers as object[]), marker] };
      expect(premiseOf(tagged, apiVersion, { now: NOW }), apiVersion).toEqual({ level: 'documented' });
    }
  });
});
