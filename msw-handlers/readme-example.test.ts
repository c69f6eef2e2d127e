import { setupServer } from 'msw/node';
import { orderContactHandlers } from 'order-contact-conformance/msw';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

const ORDER = '2d7de9df-45a2-45ea-872c-30e45139007d';
const cdp = orderContactHandlers({
  baseUrl: 'https://api-eu.boxever.com',
  seedData: { orders: [{ ref: ORDER, contacts: [{ firstName: 'Ann', lastName: 'Lee' }] }] },
});
const server = setupServer(...cdp.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => cdp.reset()); // back to the seed data
afterAll(() => server.close());

it('adds a contact to the order', async () => {
  // Your code under test would send this request.
  const response = await fetch(`${cdp.baseUrl}/v2.1/orders/${ORDER}/contacts`, {
    method: 'POST',
    headers: { authorization: cdp.authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ firstName: 'Bob', lastName: 'Ray', emails: ['bob@example.com'] }),
  });
  expect(response.status).toBe(201);
  const contact = (await response.json()) as { href: string };
  expect(contact.href).toMatch(`${cdp.baseUrl}/v2.1/orderContacts/`);
  expect(cdp.store.contactsOf(ORDER)).toHaveLength(2);
});
