import { describe, expect, it } from 'vitest';
import { contactFieldNames, isoToEpochMs, validateContactRequest } from '../contracts/index.ts';
import { createFaker, minimalContact, validContact } from './index.ts';
import { NOW, SEEDS, TARGETS } from './test-support.ts';

describe('validContact', () => {
  it('passes the request schema for every version and operation, from many seeds', () => {
    for (const { apiVersion, operation } of TARGETS) {
      for (const seed of SEEDS) {
        const faker = createFaker(seed);
        for (let i = 0; i < 25; i += 1) {
          const contact = validContact(faker, { apiVersion, operation, now: NOW });
          expect(
            validateContactRequest(apiVersion, operation, contact, NOW),
            `seed ${seed} ${apiVersion} ${operation} #${i}`,
          ).toEqual([]);
        }
      }
    }
  });

  it('fills every field the version knows, except the v2 guest link', () => {
    for (const apiVersion of ['v2.1', 'v2'] as const) {
      const contact = validContact(createFaker(3), { apiVersion, now: NOW });
      const expected = contactFieldNames(apiVersion).filter((f) => f !== 'guest');
      expect(Object.keys(contact)).toEqual(expected);
    }
  });

  it('sends street, city, state and postCode in v2.1 only', () => {
    const v2 = validContact(createFaker(5), { apiVersion: 'v2', now: NOW });
    for (const field of ['street', 'city', 'state', 'postCode']) expect(v2).not.toHaveProperty(field);
    const v21 = validContact(createFaker(5), { apiVersion: 'v2.1', now: NOW });
    for (const field of ['street', 'city', 'state', 'postCode']) expect(v21).toHaveProperty(field);
  });

  it('gives identifiers a provider, an id and an expiryDate after now', () => {
    const contact = validContact(createFaker(11), { apiVersion: 'v2.1', now: NOW });
    const [first] = contact.identifiers as { provider: string; id: string; expiryDate: string }[];
    expect(first?.provider).toBe('ProfileSystem');
    expect(first?.id).toMatch(/^[0-9A-F-]{36}$/);
    expect(isoToEpochMs(first?.expiryDate ?? '')).toBeGreaterThan(NOW);
  });

  it('draws a dateOfBirth before now and a passportExpiry after it', () => {
    for (const seed of SEEDS) {
      const contact = validContact(createFaker(seed), { apiVersion: 'v2.1', now: NOW });
      expect(isoToEpochMs(String(contact.dateOfBirth)), `seed ${seed}`).toBeLessThan(NOW);
      expect(isoToEpochMs(String(contact.passportExpiry)), `seed ${seed}`).toBeGreaterThan(NOW);
    }
  });

  it('applies overrides and leaves out a field overridden with undefined', () => {
    const contact = validContact(createFaker(1), {
      apiVersion: 'v2.1',
      now: NOW,
      overrides: { city: 'Cork', nationality: undefined },
    });
    expect(contact.city).toBe('Cork');
    expect(contact).not.toHaveProperty('nationality');
  });

  it('draws the same contact from the same seed and another from another seed', () => {
    const a = validContact(createFaker(9), { apiVersion: 'v2.1', now: NOW });
    expect(validContact(createFaker(9), { apiVersion: 'v2.1', now: NOW })).toEqual(a);
    expect(validContact(createFaker(10), { apiVersion: 'v2.1', now: NOW })).not.toEqual(a);
  });

  it('refuses an operation that takes no contact', () => {
    expect(() =>
      validContact(createFaker(1), { apiVersion: 'v2', operation: 'replaceOrderContact', now: NOW }),
    ).toThrow(
      /operation "replaceOrderContact" takes no contact in v2\. Use one of createOrderContact, updateOrderContact/,
    );
    expect(() =>
      validContact(createFaker(1), { apiVersion: 'v2.1', operation: 'createOrder', now: NOW }),
    ).toThrow(/takes no contact/);
  });

  it('refuses a now that is not a time', () => {
    expect(() => validContact(createFaker(1), { apiVersion: 'v2.1', now: Number.NaN })).toThrow(/now "NaN"/);
  });

  it('refuses a seed that is not a non-negative integer', () => {
    expect(() => createFaker(-1)).toThrow(/seed "-1"/);
    expect(() => createFaker(1.5)).toThrow(/seed "1.5"/);
  });
});

describe('minimalContact', () => {
  it('holds firstName and lastName only, and passes every operation schema', () => {
    for (const { apiVersion, operation } of TARGETS) {
      const contact = minimalContact(createFaker(4), { apiVersion, operation, now: NOW });
      expect(Object.keys(contact)).toEqual(['firstName', 'lastName']);
      expect(validateContactRequest(apiVersion, operation, contact, NOW)).toEqual([]);
    }
  });
});
