import { describe, expect, it } from 'vitest';
import { isoToEpochMs, validateContactRequest } from '../contracts/index.ts';
import { createFaker, documentedContact, inferredValues } from './index.ts';
import { NOW, SEEDS, TARGETS } from './test-support.ts';

describe('documentedContact', () => {
  it('is documented and passes the request schema for every version and operation, over many seeds', () => {
    for (const { apiVersion, operation } of TARGETS) {
      for (const seed of [...SEEDS, ...Array.from({ length: 40 }, (_, i) => 1000 + i)]) {
        const faker = createFaker(seed);
        for (let i = 0; i < 5; i += 1) {
          const contact = documentedContact(faker, { apiVersion, operation, now: NOW });
          const label = `seed ${seed} ${apiVersion} ${operation} #${i}`;
          expect(inferredValues(contact, apiVersion, { now: NOW }), label).toEqual([]);
          expect(validateContactRequest(apiVersion, operation, contact, NOW), label).toEqual([]);
        }
      }
    }
  });

  it('is a full contact: every field the version documents for a request', () => {
    const v21 = documentedContact(createFaker(4), { apiVersion: 'v2.1', now: NOW });
    expect(Object.keys(v21).sort()).toEqual(
      [
        'city',
        'country',
        'dateOfBirth',
        'emails',
        'firstName',
        'gender',
        'identifiers',
        'lastName',
        'nationality',
        'passportNumber',
        'phoneNumbers',
        'state',
        'street',
        'title',
      ].sort(),
    );
    const v2 = documentedContact(createFaker(4), { apiVersion: 'v2', now: NOW });
    expect(v2).toHaveProperty('passportExpiry');
    expect(v2).not.toHaveProperty('street');
    expect(v2).not.toHaveProperty('guest');
  });

  it('draws a dateOfBirth at least 18 years before now', () => {
    for (const seed of SEEDS) {
      const contact = documentedContact(createFaker(seed), { apiVersion: 'v2.1', now: NOW });
      expect(isoToEpochMs(String(contact.dateOfBirth)), `seed ${seed}`).toBeLessThan(
        NOW - 17 * 365 * 86_400_000,
      );
    }
  });

  it('gives the same contact for the same seed and now, and another for another seed', () => {
    const make = (seed: number) => documentedContact(createFaker(seed), { apiVersion: 'v2.1', now: NOW });
    expect(make(7)).toEqual(make(7));
    expect(make(8)).not.toEqual(make(7));
  });

  it('refuses an operation that takes no contact and a now that is not a time', () => {
    expect(() =>
      documentedContact(createFaker(1), { apiVersion: 'v2', operation: 'replaceOrderContact', now: NOW }),
    ).toThrow(/operation "replaceOrderContact" takes no contact in v2/);
    expect(() => documentedContact(createFaker(1), { apiVersion: 'v2.1', now: Number.NaN })).toThrow(
      /now "NaN" is not a time/,
    );
  });
});
