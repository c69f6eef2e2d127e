import { describe, expect, it } from 'vitest';
import { contactFieldNames, SchemaName } from '../contracts/index.ts';
import { createMockHandler } from './handler.ts';
import {
  BASE,
  createContact,
  createOrder,
  expectSchema,
  FULL_V2,
  FULL_V21,
  ORDER_BODY,
  send,
  T0,
  testClock,
  testHandler,
  uuidSequence,
} from './test-support.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('mock handler: create', () => {
  it('creates a v2.1 contact with 201 and echoes every field exactly as sent', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const created = send(handler, 'POST', `/v2.1/orders/${orderRef}/contacts`, { body: FULL_V21 });
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toBe('application/json');
    expectSchema(SchemaName.contactV21, created.json);
    for (const [field, value] of Object.entries(FULL_V21)) expect(created.body[field]).toEqual(value);
    // Dates are echoed as sent, not normalised: "2033-01-01T00:00Z" stays as it is.
    expect(created.body.passportExpiry).toBe('2033-01-01T00:00Z');
  });

  it('answers ref, absolute hrefs, links and timestamps with milliseconds and Z', () => {
    const handler = createMockHandler({ now: testClock(), randomUUID: uuidSequence(true) });
    const orderRef = createOrder(handler);
    const contact = createContact(handler, orderRef, FULL_V21);
    expect(contact.ref).toMatch(UUID);
    expect(contact.href).toBe(`${BASE}/v2.1/orderContacts/${String(contact.ref)}`);
    expect(contact.order).toEqual({ href: `${BASE}/v2.1/orders/${orderRef}` });
    expect(contact.guest).toEqual({
      href: expect.stringMatching(/^http:\/\/mock\.test\/v2\.1\/guests\/[0-9a-f-]{36}$/),
    });
    expect(contact.createdAt).toBe(new Date(T0).toISOString());
    expect(contact.modifiedAt).toBe(contact.createdAt);
    expect(contact.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Object.keys(contact).slice(0, 4)).toEqual(['href', 'ref', 'createdAt', 'modifiedAt']);
  });

  it('creates a minimal contact with only firstName and lastName', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler, 'v2');
    const contact = createContact(handler, orderRef, { firstName: 'A', lastName: 'B' }, 'v2');
    expectSchema(SchemaName.contactV2, contact);
    expect(Object.keys(contact).sort()).toEqual(
      ['createdAt', 'firstName', 'guest', 'href', 'lastName', 'modifiedAt', 'order', 'ref'].sort(),
    );
  });

  it('ignores unknown fields, __proto__ and constructor: they are neither stored nor echoed', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const raw =
      '{"firstName":"A","lastName":"B","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"shoeSize":44,"identifiers":[{"provider":"p","id":"1","__proto__":{"x":1},"extra":2}]}';
    const created = send(handler, 'POST', `/v2.1/orders/${orderRef}/contacts`, { raw });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).not.toContain('shoeSize');
    expect(created.text).not.toContain('polluted');
    expect(created.text).not.toContain('extra');
    expect(created.body.identifiers).toEqual([{ provider: 'p', id: '1' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const stored = handler.store.contact(String(created.body.ref));
    expect(Object.keys(stored?.fields ?? {}).sort()).toEqual(['firstName', 'identifiers', 'lastName']);
  });

  it('returns in v2 only the fields v2 knows, with /v2/ hrefs', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const contact = createContact(handler, orderRef, FULL_V21);
    const v2 = send(handler, 'GET', `/v2/orderContacts/${String(contact.ref)}`);
    expect(v2.status).toBe(200);
    expectSchema(SchemaName.contactV2, v2.json);
    expect(v2.body.href).toBe(`${BASE}/v2/orderContacts/${String(contact.ref)}`);
    expect(v2.body.order).toEqual({ href: `${BASE}/v2/orders/${orderRef}` });
    expect(String((v2.body.guest as { href: string }).href)).toContain('/v2/guests/');
    for (const field of ['street', 'city', 'state', 'postCode']) expect(v2.body).not.toHaveProperty(field);
    for (const field of contactFieldNames('v2').filter((f) => f !== 'guest')) {
      expect(v2.body[field]).toEqual(contact[field]);
    }
  });
});

describe('mock handler: guest linking', () => {
  it('links v2.1 contacts with the same identifier to the same guest, and others to new guests', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const same = { provider: 'Loyalty', id: 'L-1' };
    const a = createContact(handler, orderRef, { firstName: 'A', lastName: 'A', identifiers: [same] });
    const b = createContact(handler, orderRef, {
      firstName: 'B',
      lastName: 'B',
      identifiers: [{ provider: 'X', id: '9' }, same],
    });
    const c = createContact(handler, orderRef, {
      firstName: 'C',
      lastName: 'C',
      identifiers: [{ provider: 'Loyalty', id: 'l-1' }],
    });
    const d = createContact(handler, orderRef, { firstName: 'D', lastName: 'D' });
    const e = createContact(handler, orderRef, { firstName: 'E', lastName: 'E' });
    expect(b.guest).toEqual(a.guest);
    expect(c.guest).not.toEqual(a.guest);
    expect(new Set([a, c, d, e].map((x) => JSON.stringify(x.guest))).size).toBe(4);
  });

  it('links a v2.1 contact to a guest created with the same identifier', () => {
    const handler = testHandler();
    const guest = send(handler, 'POST', '/v2.1/guests', {
      body: { guestType: 'customer', identifiers: [{ provider: 'Email', id: 'a@example.com' }] },
    });
    expect(guest.status).toBe(201);
    expectSchema(SchemaName.guest, guest.json);
    const contact = createContact(handler, createOrder(handler), {
      firstName: 'A',
      lastName: 'B',
      identifiers: [{ provider: 'Email', id: 'a@example.com' }],
    });
    expect(contact.guest).toEqual({ href: guest.body.href });
  });

  it('takes the guest.href a v2 request sends', () => {
    const handler = testHandler();
    const href = 'https://api-engage-eu.sitecorecloud.io/v2/guests/9d94ee11-1d62-4dc6-a9b5-e80b30b13c2e';
    const contact = createContact(handler, createOrder(handler, 'v2'), { ...FULL_V2, guest: { href } }, 'v2');
    expect(contact.guest).toEqual({ href });
    expect(handler.store.guestCount).toBe(0);
  });
});

describe('mock handler: retrieve, update, delete', () => {
  it('retrieves what create returned, also by the ref in upper case', () => {
    const handler = testHandler();
    const contact = createContact(handler, createOrder(handler), FULL_V21);
    const ref = String(contact.ref);
    for (const asked of [ref, ref.toUpperCase()]) {
      const retrieved = send(handler, 'GET', `/v2.1/orderContacts/${asked}`);
      expect(retrieved.status).toBe(200);
      expect(retrieved.json).toEqual(contact);
    }
  });

  it('replaces the whole contact on PUT, keeps createdAt and moves modifiedAt on', () => {
    const clock = testClock();
    const handler = createMockHandler({ now: clock, randomUUID: uuidSequence() });
    const contact = createContact(handler, createOrder(handler), FULL_V21);
    clock.advance(1234);
    const put = send(handler, 'PUT', `/v2.1/orderContacts/${String(contact.ref)}`, {
      body: { firstName: 'Max', lastName: 'Power', city: 'Cork' },
    });
    expect(put.status).toBe(200);
    expectSchema(SchemaName.contactV21, put.json);
    expect(put.body).toMatchObject({ ref: contact.ref, href: contact.href, firstName: 'Max', city: 'Cork' });
    for (const gone of ['emails', 'dateOfBirth', 'identifiers', 'street', 'title'])
      expect(put.body).not.toHaveProperty(gone);
    expect(put.body.createdAt).toBe(contact.createdAt);
    expect(put.body.modifiedAt).toBe(new Date(T0 + 1234).toISOString());
    expect(put.body.guest).toEqual(contact.guest);
    expect(send(handler, 'GET', `/v2.1/orderContacts/${String(contact.ref)}`).json).toEqual(put.json);
  });

  it('makes modifiedAt strictly later even when the clock has not moved', () => {
    const handler = testHandler();
    const contact = createContact(handler, createOrder(handler), FULL_V21);
    const path = `/v2.1/orderContacts/${String(contact.ref)}`;
    const first = send(handler, 'PATCH', path, { body: { city: 'Cork' } });
    const second = send(handler, 'PATCH', path, { body: { city: 'Galway' } });
    expect(first.body.modifiedAt).toBe(new Date(T0 + 1).toISOString());
    expect(second.body.modifiedAt).toBe(new Date(T0 + 2).toISOString());
    expect(second.body.createdAt).toBe(contact.createdAt);
  });

  it('merges a PATCH: fields it does not name keep their values', () => {
    const handler = testHandler();
    const contact = createContact(handler, createOrder(handler), FULL_V21);
    const patched = send(handler, 'PATCH', `/v2.1/orderContacts/${String(contact.ref)}`, {
      body: { city: 'Cork', emails: ['new@example.com'] },
    });
    expect(patched.status).toBe(200);
    expectSchema(SchemaName.contactV21, patched.json);
    expect(patched.body).toEqual({
      ...contact,
      city: 'Cork',
      emails: ['new@example.com'],
      modifiedAt: patched.body.modifiedAt,
    });
  });

  it('replaces the v2 fields on a v2 update by POST and keeps the v2.1-only ones', () => {
    const handler = testHandler();
    const contact = createContact(handler, createOrder(handler), FULL_V21);
    const ref = String(contact.ref);
    const updated = send(handler, 'POST', `/v2/orderContacts/${ref}`, {
      body: { firstName: 'New', lastName: 'Name' },
    });
    expect(updated.status).toBe(200);
    expectSchema(SchemaName.contactV2, updated.json);
    expect(updated.body.emails).toBeUndefined();
    expect(updated.body.href).toBe(`${BASE}/v2/orderContacts/${ref}`);
    const v21 = send(handler, 'GET', `/v2.1/orderContacts/${ref}`).body;
    expect(v21).toMatchObject({ firstName: 'New', street: FULL_V21.street, city: FULL_V21.city });
    expect(v21).not.toHaveProperty('title');
  });

  it('deletes with 204 and no body; the contact is then not found and not listed', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const contact = createContact(handler, orderRef, FULL_V21);
    const deleted = send(handler, 'DELETE', `/v2/orderContacts/${String(contact.ref).toUpperCase()}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBeUndefined();
    expect(deleted.headers).toEqual({});
    expect(send(handler, 'GET', `/v2.1/orderContacts/${String(contact.ref)}`).status).toBe(404);
    expect(send(handler, 'GET', `/v2.1/orders/${orderRef}/contacts`).body.items).toEqual([]);
    expect(send(handler, 'DELETE', `/v2.1/orderContacts/${String(contact.ref)}`).status).toBe(404);
  });
});

describe('mock handler: orders and guests for test setup', () => {
  it('creates an order with 201, echoing only the order fields it knows', () => {
    const handler = testHandler();
    const created = send(handler, 'POST', '/v2/orders', { body: { ...ORDER_BODY, sneaky: 1 } });
    expect(created.status).toBe(201);
    expectSchema(SchemaName.order, created.json);
    expect(created.body).toMatchObject({
      ...ORDER_BODY,
      href: `${BASE}/v2/orders/${String(created.body.ref)}`,
    });
    expect(created.body).not.toHaveProperty('sneaky');
  });

  it('refuses an order without its required fields with the vendor 400 body', () => {
    const handler = testHandler();
    const refused = send(handler, 'POST', '/v2.1/orders', { body: { currencyCode: 'EUR' } });
    expect(refused.status).toBe(400);
    expectSchema(SchemaName.error400, refused.json);
    expect(refused.body.message).toBe('orderedAt: may not be null.');
    expect(refused.body.developerMessage).toBe(
      'orderedAt: may not be null.; price: may not be null.; referenceId: may not be null.',
    );
    expect(handler.store.orderCount).toBe(0);
  });

  it('refuses a guest without guestType', () => {
    const handler = testHandler();
    const refused = send(handler, 'POST', '/v2.1/guests', { body: { firstName: 'A' } });
    expect(refused.status).toBe(400);
    expectSchema(SchemaName.error400, refused.json);
    expect(refused.body.message).toBe('guestType: may not be null.');
  });

  it('deletes an order with its contacts', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const kept = createOrder(handler);
    const contact = createContact(handler, orderRef, FULL_V21);
    createContact(handler, kept, FULL_V21);
    expect(send(handler, 'DELETE', `/v2.1/orders/${orderRef.toUpperCase()}`).status).toBe(204);
    expect(send(handler, 'GET', `/v2.1/orderContacts/${String(contact.ref)}`).status).toBe(404);
    expect(send(handler, 'GET', `/v2.1/orders/${orderRef}/contacts`).status).toBe(404);
    expect(handler.store.contactCount).toBe(1);
    expect(send(handler, 'DELETE', `/v2.1/orders/${orderRef}`).status).toBe(404);
  });
});

describe('mock handler: options', () => {
  it('builds hrefs from publicBaseUrl when one is configured', () => {
    const handler = testHandler({ publicBaseUrl: 'https://cdp.example.test/' });
    const contact = createContact(handler, createOrder(handler), FULL_V21);
    expect(contact.href).toBe(`https://cdp.example.test/v2.1/orderContacts/${String(contact.ref)}`);
  });

  it('falls back to http://localhost when the Host header is missing or not a host', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    for (const host of ['evil.test/path?', 'a b', '']) {
      const created = send(handler, 'POST', `/v2.1/orders/${orderRef}/contacts`, { body: FULL_V21, host });
      expect(String(created.body.href)).toMatch(/^http:\/\/localhost\/v2\.1\/orderContacts\//);
    }
  });

  it('refuses a second contact on an order with 409 when contactsPerOrder is one', () => {
    const handler = testHandler({ contactsPerOrder: 'one' });
    const orderRef = createOrder(handler);
    createContact(handler, orderRef, FULL_V21);
    const second = send(handler, 'POST', `/v2.1/orders/${orderRef}/contacts`, { body: FULL_V21 });
    expect(second.status).toBe(409);
    expectSchema(SchemaName.error, second.json);
    expect(second.body).toMatchObject({ status: 409, code: 409 });
    expect(handler.store.contactsOf(orderRef)).toHaveLength(1);
  });

  it('refuses options it cannot run with, saying what to pass', () => {
    expect(() => createMockHandler({ maxLimit: 0 })).toThrow(/maxLimit 0: expected an integer from 1/);
    expect(() => createMockHandler({ clientKey: 'a:b' })).toThrow(/no colon/);
    expect(() => createMockHandler({ publicBaseUrl: 'ftp://x' })).toThrow(/http\(s\)/);
    expect(() => createMockHandler({ contactsPerOrder: 'two' as 'one' })).toThrow(/"many" or "one"/);
  });

  it('forgets everything on reset', () => {
    const handler = testHandler();
    createContact(handler, createOrder(handler), FULL_V21);
    handler.reset();
    expect([handler.store.orderCount, handler.store.contactCount, handler.store.guestCount]).toEqual([
      0, 0, 0,
    ]);
  });
});
