import { describe, expect, it } from 'vitest';
import {
  API_VERSIONS,
  contactFieldNames,
  MAX_REQUEST_BODY_BYTES,
  parseRequestBody,
  ruleCatalogue,
  ruleNamed,
  validateContactRequest,
} from '../contracts/index.ts';
import { seedForCase } from './faker.ts';
import { createFaker, type InvalidCase, invalidCases, validCases, validContact } from './index.ts';
import { FIELD_KINDS } from './invalid-types.ts';
import { NOW, SEEDS, TARGETS } from './test-support.ts';
import { writeOperations } from './write-operations.ts';

/** The rules a case's body breaks, by the rule's own checker: the parser for raw text, the contract for JSON. */
function rulesBroken(c: InvalidCase): string[] {
  if (c.rawBody !== undefined) {
    const parsed = parseRequestBody(c.rawBody);
    return parsed.ok ? [] : [parsed.violation.rule];
  }
  return validateContactRequest(c.apiVersion, c.operation, c.payload, NOW).map((v) => v.rule);
}

const all = TARGETS.flatMap(({ apiVersion, operation }) =>
  invalidCases({ seed: 7, apiVersion, operation, now: NOW }),
);

describe('invalidCases', () => {
  it('breaks exactly the rule each case names, for every version, operation and seed', () => {
    for (const { apiVersion, operation } of TARGETS) {
      for (const seed of SEEDS) {
        for (const c of invalidCases({ seed, apiVersion, operation, now: NOW })) {
          const broken = rulesBroken(c);
          expect(
            broken.length,
            `seed ${seed} ${apiVersion} ${operation} ${c.id}: ${c.description}`,
          ).toBeGreaterThan(0);
          expect(new Set(broken), `seed ${seed} ${apiVersion} ${operation} ${c.id}`).toEqual(
            new Set([c.rule]),
          );
        }
      }
    }
  });

  it('changes one top-level field of a valid contact, or the body as a whole', () => {
    for (const c of all) {
      if (
        c.rawBody !== undefined ||
        c.payload === null ||
        typeof c.payload !== 'object' ||
        Array.isArray(c.payload)
      )
        continue;
      const base = validContact(seedForCase(createFaker(c.seed), c.seed, c.id), {
        apiVersion: c.apiVersion,
        operation: c.operation,
        now: NOW,
      });
      const body = c.payload as Record<string, unknown>;
      const changed = [...new Set([...Object.keys(base), ...Object.keys(body)])].filter(
        (key) => JSON.stringify(base[key]) !== JSON.stringify(body[key]),
      );
      expect(changed, `${c.apiVersion} ${c.operation} ${c.id}`).toHaveLength(1);
    }
  });

  it('has a case for every input rule of the catalogue, in every version and operation it applies to', () => {
    const missing: string[] = [];
    for (const rule of ruleCatalogue().filter((r) => r.input !== undefined)) {
      for (const apiVersion of API_VERSIONS.filter((v) => rule.levels[v] !== undefined)) {
        for (const operation of rule.operations.filter((op) => writeOperations(apiVersion).includes(op))) {
          const cases = invalidCases({ seed: 1, apiVersion, operation, now: NOW });
          if (!cases.some((c) => c.rule === rule.id)) missing.push(`${rule.id} ${apiVersion} ${operation}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('takes level and expected status from the catalogue', () => {
    for (const c of all) {
      const rule = ruleNamed(c.rule);
      expect(c.level, c.id).toBe(rule.levels[c.apiVersion]);
      expect(c.expectedStatus, c.id).toEqual(rule.input?.expectedStatus);
    }
  });

  it('gives every case of an operation a unique id, and no valid case shares one', () => {
    for (const { apiVersion, operation } of TARGETS) {
      const ids = invalidCases({ seed: 7, apiVersion, operation, now: NOW }).map((c) => c.id);
      expect(new Set(ids).size, `${apiVersion} ${operation}`).toBe(ids.length);
      const validIds = new Set(
        validCases({ seed: 7, apiVersion, operation, now: NOW, count: 400 }).map((c) => c.id),
      );
      expect(
        ids.filter((id) => validIds.has(id)),
        `${apiVersion} ${operation}`,
      ).toEqual([]);
    }
  });

  it('leaves names out only where the operation requires them, and nulls them everywhere', () => {
    const ids = (apiVersion: 'v2.1' | 'v2', operation: string) =>
      invalidCases({ seed: 7, apiVersion, operation, now: NOW }).map((c) => c.id);
    expect(ids('v2.1', 'partiallyUpdateOrderContact')).not.toContain('firstName.missing');
    expect(ids('v2.1', 'partiallyUpdateOrderContact')).toContain('firstName.null');
    expect(ids('v2.1', 'createOrderContact')).toContain('lastName.missing');
    expect(ids('v2', 'updateOrderContact')).toContain('firstName.missing');
  });

  it('sends a dateOfBirth in the future only in v2.1, a second and a year after now', () => {
    const v21 = invalidCases({ seed: 7, apiVersion: 'v2.1', now: NOW });
    const dob = (id: string) =>
      (v21.find((c) => c.id === id)?.payload as { dateOfBirth?: string } | undefined)?.dateOfBirth;
    expect(dob('dateOfBirth.future-1s')).toBe('2026-11-23T12:00:01.000Z');
    expect(dob('dateOfBirth.future-1y')).toBe('2027-11-23T12:00:00Z');
    expect(
      validateContactRequest(
        'v2.1',
        'createOrderContact',
        { firstName: 'A', lastName: 'B', dateOfBirth: dob('dateOfBirth.future-1s') },
        NOW + 2000,
      ),
    ).toEqual([]);
    expect(all.filter((c) => c.rule === 'OC-DOB-PAST').every((c) => c.apiVersion === 'v2.1')).toBe(true);
  });

  it('sends the gender variants the enum excludes', () => {
    const genders = all
      .filter((c) => c.rule === 'OC-GENDER-ENUM')
      .map((c) => (c.payload as { gender: unknown }).gender);
    for (const g of ['Male', 'FEMALE', 'other', '']) expect(genders).toContain(g);
  });

  it('gives every contract field a wrong-type case in each version that has it', () => {
    for (const apiVersion of API_VERSIONS) {
      const ids = invalidCases({ seed: 7, apiVersion, now: NOW }).map((c) => c.id);
      for (const field of contactFieldNames(apiVersion)) {
        expect(FIELD_KINDS[field], `${field} has no kind`).toBeDefined();
        expect(
          ids.some((id) => id.startsWith(`${field}.type-`)),
          `${apiVersion} ${field}`,
        ).toBe(true);
      }
    }
  });

  it('sends an oversized body as raw text that is otherwise a valid contact', () => {
    const c = all.find((x) => x.id === 'body.too-large' && x.apiVersion === 'v2.1');
    const raw = c?.rawBody ?? '';
    expect(Buffer.byteLength(raw)).toBeGreaterThan(2 * 1024 * 1024);
    expect(Buffer.byteLength(raw)).toBeGreaterThan(MAX_REQUEST_BODY_BYTES);
    expect(validateContactRequest('v2.1', 'createOrderContact', JSON.parse(raw), NOW)).toEqual([]);
    expect(c?.payload).toBeUndefined();
  });

  it('sends malformed JSON as raw text with no payload', () => {
    const malformed = all.filter((c) => c.rule === 'OC-MALFORMED-JSON');
    expect(malformed.map((c) => c.id)).toEqual(
      expect.arrayContaining(['json.truncated', 'json.trailing-comma', 'json.single-quotes', 'json.nan']),
    );
    for (const c of malformed) {
      expect(c.payload).toBeUndefined();
      expect(() => JSON.parse(c.rawBody ?? '')).toThrow();
    }
  });

  it('carries its seed and now, and a description naming the field', () => {
    for (const c of all) {
      expect(c.seed).toBe(7);
      expect(c.now).toBe('2026-11-23T12:00:00.000Z');
      expect(c.description.length, c.id).toBeGreaterThan(0);
    }
    const future = all.find((c) => c.id === 'dateOfBirth.future-1s');
    expect(future?.description).toBe(
      'dateOfBirth 2026-11-23T12:00:01.000Z is in the future (now is 2026-11-23T12:00:00.000Z)',
    );
  });
});
