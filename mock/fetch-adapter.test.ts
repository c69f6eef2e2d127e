import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_BODY_BYTES } from '../contracts/index.ts';
import { createFetchAdapter, type FetchAnswer, mockRequestOf } from './fetch-adapter.ts';
import { AUTH, ORDER_BODY, testHandler } from './test-support.ts';

function post(url: string, body: string): Request {
  return new Request(url, {
    method: 'POST',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body,
  });
}

function json(answer: FetchAnswer): Record<string, unknown> {
  if (answer.reset) throw new Error('expected an answer, got a reset');
  return JSON.parse(String(answer.body)) as Record<string, unknown>;
}

describe('the fetch adapter', () => {
  it('routes below the base path, decodes the query and falls back to the URL for the Host', async () => {
    const request = await mockRequestOf(
      new Request('http://cdp.test:8080/cdp/v2.1/orders/a%20b/contacts?limit=2&x=1&x=2', {
        headers: { 'X-Trace': 'on' },
      }),
      '/cdp/',
    );
    expect(request).toEqual({
      method: 'GET',
      path: '/v2.1/orders/a%20b/contacts',
      query: { limit: '2', x: ['1', '2'] },
      headers: { host: 'cdp.test:8080', 'x-trace': 'on' },
    });
  });

  it('answers with the handler, hrefs under the Host when no public base URL is set', async () => {
    const answer = createFetchAdapter(testHandler());
    const created = await answer(post('http://cdp.test/v2.1/orders', JSON.stringify(ORDER_BODY)));
    expect(created).toMatchObject({ reset: false, status: 201, delayMs: 0 });
    expect(json(created).href).toMatch(/^http:\/\/cdp\.test\/v2\.1\/orders\/[0-9a-f-]{36}$/);
  });

  it('answers 413 to a body one byte over the limit, reading no more of it than that', async () => {
    const answer = createFetchAdapter(testHandler());
    const order = json(await answer(post('http://cdp.test/v2.1/orders', JSON.stringify(ORDER_BODY))));
    const big = `{"firstName":"${'a'.repeat(MAX_REQUEST_BODY_BYTES)}"}`;
    const refused = await answer(post(`http://cdp.test/v2.1/orders/${String(order.ref)}/contacts`, big));
    expect(refused).toMatchObject({ reset: false, status: 413 });
  });

  it('applies the transport layers: every 5th GET reset by reset-connection, a delay by slow-responses', async () => {
    const resetting = createFetchAdapter(testHandler({ faults: ['reset-connection'] }));
    const get = () =>
      new Request('http://cdp.test/v2.1/orderContacts/x', { headers: { authorization: AUTH } });
    const resets: boolean[] = [];
    for (let i = 0; i < 10; i += 1) resets.push((await resetting(get())).reset);
    expect(resets).toEqual([false, false, false, false, true, false, false, false, false, true]);
    const slow = createFetchAdapter(testHandler({ faults: ['slow-responses'], slowResponseMs: 40 }));
    expect(await slow(get())).toMatchObject({ reset: false, status: 404, delayMs: 40 });
  });
});
