import { describe, expect, it } from 'vitest';
import { SchemaName } from '../contracts/index.ts';
import {
  BASE,
  createContact,
  createOrder,
  expectSchema,
  FULL_V21,
  send,
  testHandler,
} from './test-support.ts';
import type { MockHandler } from './types.ts';

function withContacts(count: number, handler: MockHandler = testHandler()) {
  const orderRef = createOrder(handler);
  const refs: string[] = [];
  for (let i = 0; i < count; i += 1) {
    refs.push(String(createContact(handler, orderRef, { firstName: `N${i}`, lastName: 'L' }).ref));
  }
  return { handler, orderRef, refs };
}

function page(handler: MockHandler, orderRef: string, query: Record<string, string> = {}, version = 'v2.1') {
  const answer = send(handler, 'GET', `/${version}/orders/${orderRef}/contacts`, { query });
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
}

const href = (orderRef: string, offset: number, limit: number, extra = '') =>
  `${BASE}/v2.1/orders/${orderRef}/contacts?offset=${offset}&limit=${limit}${extra}`;

describe('mock handler: list', () => {
  it('lists an empty order: offset 0, limit 10, first and last at 0, no next or previous', () => {
    const { handler, orderRef } = withContacts(0);
    const body = page(handler, orderRef);
    expectSchema(SchemaName.listV21, body);
    expect(body).toEqual({
      href: href(orderRef, 0, 10),
      offset: 0,
      limit: 10,
      first: { href: href(orderRef, 0, 10) },
      last: { href: href(orderRef, 0, 10) },
      items: [],
    });
  });

  it('lists refs and hrefs in creation order', () => {
    const { handler, orderRef, refs } = withContacts(3);
    const body = page(handler, orderRef);
    expectSchema(SchemaName.listV21, body);
    expect(body.items).toEqual(refs.map((ref) => ({ ref, href: `${BASE}/v2.1/orderContacts/${ref}` })));
  });

  it('pages through an exact multiple of the limit: next while items remain, last at the last full page', () => {
    const { handler, orderRef, refs } = withContacts(20);
    const first = page(handler, orderRef, { limit: '10' });
    expect(first).toMatchObject({
      offset: 0,
      limit: 10,
      next: { href: href(orderRef, 10, 10) },
      last: { href: href(orderRef, 10, 10) },
    });
    expect(first).not.toHaveProperty('previous');
    const second = page(handler, orderRef, { offset: '10', limit: '10' });
    expectSchema(SchemaName.listV21, second);
    expect(second).not.toHaveProperty('next');
    expect(second.previous).toEqual({ href: href(orderRef, 0, 10) });
    expect((second.items as { ref: string }[]).map((i) => i.ref)).toEqual(refs.slice(10));
  });

  it('ends with a short last page when the total is not a multiple of the limit', () => {
    const { handler, orderRef, refs } = withContacts(7);
    const third = page(handler, orderRef, { offset: '6', limit: '3' });
    expect(third).toMatchObject({
      last: { href: href(orderRef, 6, 3) },
      previous: { href: href(orderRef, 3, 3) },
    });
    expect(third).not.toHaveProperty('next');
    expect((third.items as { ref: string }[]).map((i) => i.ref)).toEqual(refs.slice(6));
  });

  it('answers an empty page past the end, still with first and last', () => {
    const { handler, orderRef } = withContacts(3);
    const past = page(handler, orderRef, { offset: '50', limit: '2' });
    expectSchema(SchemaName.listV21, past);
    expect(past).toMatchObject({ offset: 50, items: [], last: { href: href(orderRef, 2, 2) } });
    expect(past).not.toHaveProperty('next');
  });

  it('clamps a limit above maxLimit and says so in the envelope and every link', () => {
    const { handler, orderRef } = withContacts(12, testHandler({ maxLimit: 5 }));
    const body = page(handler, orderRef, { limit: '1000' });
    expect(body.limit).toBe(5);
    expect(body.items).toHaveLength(5);
    expect(body.href).toBe(href(orderRef, 0, 5));
    expect(body.next).toEqual({ href: href(orderRef, 5, 5) });
    expect(body.last).toEqual({ href: href(orderRef, 10, 5) });
    expect(page(handler, orderRef, { limit: '9'.repeat(400) }).limit).toBe(5);
  });

  it('clamps to 100 by default', () => {
    const { handler, orderRef } = withContacts(1);
    expect(page(handler, orderRef, { limit: '101' }).limit).toBe(100);
  });

  it('inlines full contacts with expand=true in v2.1, equal to what retrieve answers', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const contact = createContact(handler, orderRef, FULL_V21);
    const body = page(handler, orderRef, { expand: 'true', limit: '5' });
    expectSchema(SchemaName.listExpandedV21, body);
    expect(body.items).toEqual([send(handler, 'GET', `/v2.1/orderContacts/${String(contact.ref)}`).json]);
    expect(body.href).toBe(href(orderRef, 0, 5, '&expand=true'));
    expect(body.first).toEqual({ href: href(orderRef, 0, 5, '&expand=true') });
    expect(page(handler, orderRef, { expand: 'false' }).items).toEqual([
      { ref: contact.ref, href: contact.href },
    ]);
  });

  it('answers the v2 envelope: href, offset, limit and items of hrefs, without links, ignoring expand', () => {
    const { handler, orderRef, refs } = withContacts(3);
    const body = page(handler, orderRef, { limit: '2', expand: 'true' }, 'v2');
    expectSchema(SchemaName.listV2, body);
    expect(body).toEqual({
      href: `${BASE}/v2/orders/${orderRef}/contacts?offset=0&limit=2`,
      offset: 0,
      limit: 2,
      items: refs.slice(0, 2).map((ref) => ({ href: `${BASE}/v2/orderContacts/${ref}` })),
    });
  });

  it('takes the first value of a repeated parameter', () => {
    const { handler, orderRef } = withContacts(4);
    const answer = send(handler, 'GET', `/v2.1/orders/${orderRef}/contacts`, {
      query: { limit: ['2', '3'] },
    });
    expect(answer.body.limit).toBe(2);
  });

  it('reads a query string left on the path', () => {
    const { handler, orderRef } = withContacts(4);
    const answer = send(handler, 'GET', `/v2.1/orders/${orderRef}/contacts?offset=1&limit=2`);
    expect(answer.body).toMatchObject({ offset: 1, limit: 2 });
  });

  it('finds the order by its ref in upper case and links with the stored ref', () => {
    const { handler, orderRef } = withContacts(1);
    const answer = send(handler, 'GET', `/v2.1/orders/${orderRef.toUpperCase()}/contacts`);
    expect(answer.body.href).toBe(href(orderRef, 0, 10));
  });
});
