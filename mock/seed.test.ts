import { describe, expect, it } from 'vitest';
import { SchemaName } from '../contracts/index.ts';
import { parseSeedData, type SeedData } from './seed.ts';
import { BASE, createContact, expectSchema, send, T0, testHandler } from './test-support.ts';

const ORDER = '2d7de9df-45a2-45ea-872c-30e45139007d';
const GUEST = '9d94ee11-1d62-4dc6-a9b5-e80b30b13c2e';
const CONTACT = 'F8D1F0D5-365D-46B7-BECF-D041E93A5705';

const FILE = {
  guests: [
    { ref: GUEST, guestType: 'customer', identifiers: [{ provider: 'Email', id: 'ann@example.com' }] },
  ],
  orders: [
    {
      ref: ORDER,
      referenceId: 'B94TXY-1',
      contacts: [
        { ref: CONTACT, firstName: 'Ann', lastName: 'Lee', city: 'Dublin', guestRef: GUEST },
        { firstName: 'Bob', lastName: 'Ray', identifiers: [{ provider: 'Email', id: 'ann@example.com' }] },
      ],
    },
  ],
};

function seeded(): SeedData {
  const result = parseSeedData(FILE, T0);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.data;
}

describe('mock seed data', () => {
  it('starts with the seeded orders, contacts and guests, refs lower-cased', () => {
    const handler = testHandler({ seed: seeded() });
    const list = send(handler, 'GET', `/v2.1/orders/${ORDER}/contacts`, { query: { expand: 'true' } });
    expect(list.status).toBe(200);
    expectSchema(SchemaName.listExpandedV21, list.json);
    const items = list.body.items as Record<string, unknown>[];
    expect(items.map((i) => [i.firstName, i.ref])).toEqual([
      ['Ann', CONTACT.toLowerCase()],
      ['Bob', expect.stringMatching(/^[0-9a-f-]{36}$/)],
    ]);
    // Both link the seeded guest: one by guestRef, one through the guest's identifier.
    expect(items.map((i) => i.guest)).toEqual([
      { href: `${BASE}/v2.1/guests/${GUEST}` },
      { href: `${BASE}/v2.1/guests/${GUEST}` },
    ]);
    expect(items[0]?.createdAt).toBe(new Date(T0).toISOString());
  });

  it('keeps the seed through reset() and drops what was added', () => {
    const handler = testHandler({ seed: seeded() });
    createContact(handler, ORDER, { firstName: 'New', lastName: 'One' });
    expect(handler.store.contactsOf(ORDER)).toHaveLength(3);
    handler.reset();
    expect(handler.store.contactsOf(ORDER).map((c) => c.fields.firstName)).toEqual(['Ann', 'Bob']);
  });

  it('adds seed data to a running handler until reset(), which brings back only the seed of the options', () => {
    const handler = testHandler();
    handler.seed(seeded());
    expect(handler.store.contactsOf(ORDER).map((c) => c.fields.firstName)).toEqual(['Ann', 'Bob']);
    expect(send(handler, 'GET', `/v2.1/orderContacts/${CONTACT}`).status).toBe(200);
    handler.reset();
    expect(handler.store.order(ORDER)).toBeUndefined();
    expect(send(handler, 'GET', `/v2.1/orderContacts/${CONTACT}`).status).toBe(404);
  });

  it('reports every problem with where it is', () => {
    const result = parseSeedData(
      {
        orders: [
          { ref: 'not-a-uuid', contacts: [{ firstName: 'A' }] },
          {
            ref: ORDER,
            shoeSize: 4,
            contacts: [{ firstName: 'A', lastName: 'B', dateOfBirth: '2999-01-01' }],
          },
          { ref: ORDER.toUpperCase(), contacts: [{ firstName: 'A', lastName: 'B', guestRef: GUEST }] },
          { ref: '11111111-1111-4111-8111-111111111111', price: 'free', contacts: 'none' },
        ],
        guests: [{ ref: GUEST, guestType: 'alien' }],
        extra: true,
      },
      T0,
    );
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    for (const expected of [
      '(file): unknown field "extra"',
      'orders[0].ref: expected a UUID, received "not-a-uuid".',
      'orders[0].contacts[0].lastName: may not be null.',
      'orders[1]: unknown field "shoeSize"',
      'orders[1].contacts[0].dateOfBirth: must be in the past.',
      `orders[2].ref: "${ORDER.toUpperCase()}" is used twice.`,
      'orders[3].price: must be number.',
      'orders[3].contacts: expected an array.',
      'guests[0].guestType: must be equal to one of the allowed values.',
    ]) {
      expect(
        problems.some((p) => p.startsWith(expected)),
        `${expected}\nin:\n${problems.join('\n')}`,
      ).toBe(true);
    }
  });

  it('refuses a guestRef that no seeded guest has, and a file that is not an object', () => {
    const result = parseSeedData(
      { orders: [{ ref: ORDER, contacts: [{ firstName: 'A', lastName: 'B', guestRef: GUEST }] }] },
      T0,
    );
    expect(result).toEqual({
      ok: false,
      problems: [`orders[0].contacts[0].guestRef: no guest "${GUEST}" in guests.`],
    });
    expect(parseSeedData([], T0)).toEqual({
      ok: false,
      problems: ['(file): expected a JSON object with orders and guests.'],
    });
  });
});
