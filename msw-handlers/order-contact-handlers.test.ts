import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { MockOptionsError, orderContactHandlers } from 'order-contact-conformance/msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../mock/node-adapter.ts';
import { UNAUTHORIZED_MESSAGE } from '../mock/responses.ts';
import { parseSeedData } from '../mock/seed.ts';
import { ORDER_BODY, T0, testClock, uuidSequence } from '../mock/test-support.ts';

const BASE = 'https://api-eu.boxever.com';
const ORDER = '2d7de9df-45a2-45ea-872c-30e45139007d';
const SEEDED = 'f8d1f0d5-365d-46b7-becf-d041e93a5705';
const SEED = { orders: [{ ref: ORDER, contacts: [{ ref: SEEDED, firstName: 'Ann', lastName: 'Lee' }] }] };
const ANN = { firstName: 'Ann', lastName: 'Lee', city: 'Dublin', emails: ['ann@example.com'] };

const cdp = orderContactHandlers({ baseUrl: BASE, seedData: SEED });
const unhandled: string[] = [];
const server = setupServer(...cdp.handlers);

beforeAll(() =>
  server.listen({
    // Real sockets on loopback (the node:http mock compared below) go through; anything else is an error.
    onUnhandledRequest(request, print) {
      if (new URL(request.url).hostname === '127.0.0.1') return;
      unhandled.push(`${request.method} ${request.url}`);
      print.error();
    },
  }),
);
afterEach(() => {
  cdp.reset();
  server.resetHandlers();
  unhandled.length = 0;
});
afterAll(() => server.close());

interface Reply {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: Record<string, unknown> | undefined;
}

async function send(
  url: string,
  method = 'GET',
  body?: unknown,
  authorization = cdp.authorization,
): Promise<Reply> {
  const response = await fetch(url, {
    method,
    headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
  };
}

describe('orderContactHandlers', () => {
  it('serves a v2.1 lifecycle: create, list, retrieve, PUT, PATCH, delete, hrefs under baseUrl', async () => {
    const created = await send(`${BASE}/v2.1/orders/${ORDER}/contacts`, 'POST', ANN);
    expect(created.status).toBe(201);
    const ref = String(created.body?.ref);
    const self = `${BASE}/v2.1/orderContacts/${ref}`;
    expect(created.body).toMatchObject({
      ...ANN,
      href: self,
      order: { href: `${BASE}/v2.1/orders/${ORDER}` },
    });

    const list = await send(`${BASE}/v2.1/orders/${ORDER}/contacts?limit=1&offset=1`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ offset: 1, limit: 1, items: [{ href: self }] });

    expect(await send(self)).toMatchObject({ status: 200, body: { ref, city: 'Dublin' } });
    const put = await send(self, 'PUT', { firstName: 'Ann', lastName: 'Byrne' });
    expect(put).toMatchObject({ status: 200, body: { lastName: 'Byrne' } });
    expect(put.body).not.toHaveProperty('city');
    const patch = await send(self, 'PATCH', { city: 'Cork' });
    expect(patch).toMatchObject({ status: 200, body: { lastName: 'Byrne', city: 'Cork' } });

    expect(await send(self, 'DELETE')).toEqual({ status: 204, contentType: null, body: undefined });
    expect((await send(self)).status).toBe(404);
    expect(cdp.store.contact(ref)).toBeUndefined();
  });

  it('serves v2 as well: its POST update replaces the contact', async () => {
    const created = await send(`${BASE}/v2/orders/${ORDER}/contacts`, 'POST', ANN);
    expect(created.status).toBe(201);
    const self = `${BASE}/v2/orderContacts/${String(created.body?.ref)}`;
    expect(created.body?.href).toBe(self);
    const updated = await send(self, 'POST', { firstName: 'Ann', lastName: 'Byrne' });
    expect(updated).toMatchObject({ status: 200, body: { firstName: 'Ann', lastName: 'Byrne' } });
    expect(updated.body).not.toHaveProperty('city');
    expect((await send(self, 'DELETE')).status).toBe(204);
  });

  it('answers 401 with the documented body to wrong credentials, and changes nothing', async () => {
    const wrong = `Basic ${Buffer.from('occ-client-key:wrong').toString('base64')}`;
    const refused = await send(`${BASE}/v2.1/orders/${ORDER}/contacts`, 'POST', ANN, wrong);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ status: 'UNAUTHORIZED', code: 401, message: UNAUTHORIZED_MESSAGE });
    expect(cdp.store.contactsOf(ORDER)).toHaveLength(1);
  });

  it('starts each test from the seed data: reset() forgot the contacts the tests above created', () => {
    expect(cdp.store.contactsOf(ORDER).map((c) => c.ref)).toEqual([SEEDED]);
    expect(cdp.store.contactCount).toBe(1);
  });

  it('seeds more data until the next reset(), and refuses bad seed data and refs already present', async () => {
    const other = '9d94ee11-1d62-4dc6-a9b5-e80b30b13c2e';
    cdp.seed({ orders: [{ ref: other, contacts: [{ firstName: 'Bob', lastName: 'Ray' }] }] });
    expect((await send(`${BASE}/v2.1/orders/${other}/contacts`)).body).toMatchObject({ items: [{}] });
    expect(() => cdp.seed({ orders: [{ ref: ORDER }] })).toThrow(
      new MockOptionsError(
        `Failed to seed the mock: order ${ORDER} already in the store. Use other refs, or reset() first.`,
      ),
    );
    expect(() =>
      cdp.seed({ orders: [{ ref: 'not-a-uuid', contacts: [{ firstName: 'Bob', gender: 'x' as 'male' }] }] }),
    ).toThrow(/orders\[0\]\.ref: expected a UUID.*gender/s);
    cdp.reset();
    expect(cdp.store.order(other)).toBeUndefined();
    expect(cdp.store.order(ORDER)).toBeDefined();
  });

  it('shows a fault: create-returns-200 answers a create 200 instead of 201', async () => {
    const faulty = orderContactHandlers({ baseUrl: BASE, faults: ['create-returns-200'] });
    server.use(...faulty.handlers);
    const order = await send(`${BASE}/v2.1/orders`, 'POST', ORDER_BODY);
    const created = await send(`${BASE}/v2.1/orders/${String(order.body?.ref)}/contacts`, 'POST', ANN);
    expect(created).toMatchObject({ status: 200, body: { firstName: 'Ann' } });
  });

  it('shows a transport fault: reset-connection makes every 5th GET fail as a network error', async () => {
    const faulty = orderContactHandlers({ baseUrl: BASE, faults: ['reset-connection'], seedData: SEED });
    server.use(...faulty.handlers);
    const gets = async (count: number): Promise<string[]> => {
      const outcomes: string[] = [];
      for (let i = 0; i < count; i += 1) {
        outcomes.push(
          await fetch(`${BASE}/v2.1/orderContacts/${SEEDED}`, {
            headers: { authorization: faulty.authorization },
          })
            .then((r) => String(r.status))
            .catch((error: unknown) => (error instanceof TypeError ? 'network error' : String(error))),
        );
      }
      return outcomes;
    };
    expect(await gets(5)).toEqual(['200', '200', '200', '200', 'network error']);
    await gets(3);
    faulty.reset(); // restarts the count: the 5th GET after it is the one reset
    expect(await gets(5)).toEqual(['200', '200', '200', '200', 'network error']);
  });

  it('shows a variant: update-201 answers PUT 201, and the charset-utf8 Content-Type', async () => {
    const variant = orderContactHandlers({ baseUrl: BASE, variants: ['update-201', 'charset-utf8'] });
    server.use(...variant.handlers);
    const order = await send(`${BASE}/v2.1/orders`, 'POST', ORDER_BODY);
    const created = await send(`${BASE}/v2.1/orders/${String(order.body?.ref)}/contacts`, 'POST', ANN);
    const put = await send(String(created.body?.href), 'PUT', ANN);
    expect(put).toMatchObject({ status: 201, contentType: 'application/json; charset=UTF-8' });
  });

  it('shows a transport variant: gzip compresses for a request that accepts it, and fetch decodes it', async () => {
    const variant = orderContactHandlers({ baseUrl: BASE, variants: ['gzip'], seedData: SEED });
    server.use(...variant.handlers);
    const url = `${BASE}/v2.1/orderContacts/${SEEDED}`;
    const plain = await fetch(url, { headers: { authorization: variant.authorization } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const gzipped = await fetch(url, {
      headers: { authorization: variant.authorization, 'accept-encoding': 'gzip' },
    });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipped.json()).toMatchObject({ ref: SEEDED, firstName: 'Ann' });
  });

  it('serves a baseUrl with a path prefix, and only under it', async () => {
    const prefixed = orderContactHandlers({ baseUrl: 'http://localhost/cdp/', seedData: SEED });
    server.use(...prefixed.handlers);
    expect(prefixed.baseUrl).toBe('http://localhost/cdp');
    const created = await send(`http://localhost/cdp/v2.1/orders/${ORDER}/contacts`, 'POST', ANN);
    expect(created.body?.href).toBe(`http://localhost/cdp/v2.1/orderContacts/${String(created.body?.ref)}`);
    await expect(fetch(`http://localhost/v2.1/orders/${ORDER}/contacts`)).rejects.toThrow(TypeError);
    expect(unhandled).toEqual([`GET http://localhost/v2.1/orders/${ORDER}/contacts`]);
  });

  it('leaves requests outside baseUrl and its versions to onUnhandledRequest', async () => {
    await expect(fetch(`https://api-us.boxever.com/v2.1/orders/${ORDER}/contacts`)).rejects.toThrow(
      TypeError,
    );
    await expect(fetch(`${BASE}/v3/orders`)).rejects.toThrow(TypeError);
    await expect(fetch(`${BASE}/v2.10/orders`)).rejects.toThrow(TypeError);
    expect(unhandled).toEqual([
      `GET https://api-us.boxever.com/v2.1/orders/${ORDER}/contacts`,
      `GET ${BASE}/v3/orders`,
      `GET ${BASE}/v2.10/orders`,
    ]);
  });

  it('refuses a baseUrl that is not a URL or already names a version', () => {
    expect(() => orderContactHandlers({ baseUrl: 'api-eu.boxever.com' })).toThrow(
      'Failed to use baseUrl "api-eu.boxever.com": not a URL.',
    );
    expect(() => orderContactHandlers({ baseUrl: `${BASE}/v2.1` })).toThrow(
      `Failed to use baseUrl "${BASE}/v2.1": it ends in /v2.1, and the handlers add the version. Pass ${BASE}.`,
    );
  });

  it('answers as the node:http mock does, exchange for exchange', async () => {
    const viaMsw = orderContactHandlers({
      baseUrl: BASE,
      seedData: SEED,
      now: testClock(),
      randomUUID: uuidSequence(),
    });
    server.use(...viaMsw.handlers);
    const seed = parseSeedData(SEED, T0);
    if (!seed.ok) throw new Error(seed.problems.join(' '));
    const node = await startMockServer({
      publicBaseUrl: BASE,
      seed: seed.data,
      now: testClock(),
      randomUUID: uuidSequence(),
    });
    try {
      const exchanges = async (base: string): Promise<Reply[]> => [
        await send(`${base}/v2.1/orders/${ORDER}/contacts`, 'POST', ANN),
        await send(`${base}/v2.1/orders/${ORDER}/contacts`, 'POST', { ...ANN, gender: 'x' }),
        await send(`${base}/v2.1/orders/${ORDER}/contacts?expand=true`),
        await send(`${base}/v2/orders/${ORDER}/contacts`, 'POST', ANN, 'Basic bad'),
      ];
      const fromMsw = await exchanges(BASE);
      const fromNode = await exchanges(node.url);
      expect(fromMsw.map((r) => r.status)).toEqual([201, 400, 200, 401]);
      expect(fromMsw).toEqual(fromNode);
    } finally {
      await node.close();
    }
  });

  it('is the example in the README, word for word', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Use the mock in your tests (MSW)'));
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBe(readFileSync(new URL('./readme-example.test.ts', import.meta.url), 'utf8'));
  });
});
