import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import {
  API_VERSIONS,
  type ApiVersion,
  operation,
  type SchemaName,
  validateAgainst,
} from '../contracts/index.ts';
import { basicAuthorization } from './credentials.ts';
import { type RunningMock, startMockServer } from './node-adapter.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from './options.ts';
import { UNAUTHORIZED_MESSAGE } from './responses.ts';
import { FULL_V2, FULL_V21, ORDER_BODY } from './test-support.ts';

// The reads a client's flow around contacts makes (as a public Postman collection for Sitecore CDP does), over a
// real socket: find the order by its referenceId, retrieve it, create a contact, follow its guest.href and
// order.href.

const AUTH = basicAuthorization(DEFAULT_CLIENT_KEY, DEFAULT_API_TOKEN);
const UNKNOWN = '3b5cb55e-c616-424a-991c-a241d0024896';
const running: RunningMock[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((mock) => mock.close()));
});

async function start(): Promise<string> {
  const mock = await startMockServer();
  running.push(mock);
  return mock.url;
}

interface Reply {
  readonly status: number;
  readonly allow: string | undefined;
  readonly json: Record<string, unknown>;
}

/** One request: `target` is a path under `url`, or an absolute href the mock gave. */
async function call(
  url: string,
  method: string,
  target: string,
  options: { body?: unknown; auth?: string | false } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.auth !== false) headers.authorization = options.auth ?? AUTH;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await request(target.startsWith('http') ? target : `${url}${target}`, {
    method: method as 'GET',
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.body.text();
  const allow = response.headers.allow;
  return {
    status: response.statusCode,
    allow: typeof allow === 'string' ? allow : undefined,
    json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

/** Asserts an answer matches the schema the contract gives the operation for its status. */
function expectContract(version: ApiVersion, operationId: string, reply: Reply): void {
  const schema = operation(version, operationId).responses[String(reply.status)];
  expect(schema, `${operationId} ${reply.status} has a schema`).toBeTypeOf('string');
  const errors = validateAgainst(schema as typeof SchemaName.order, reply.json);
  expect(errors.map((e) => `${e.instancePath} ${e.message ?? ''}`)).toEqual([]);
}

function contactBody(version: ApiVersion): unknown {
  return version === 'v2.1' ? FULL_V21 : FULL_V2;
}

async function createOrder(url: string, version: ApiVersion, referenceId: string): Promise<string> {
  const created = await call(url, 'POST', `/${version}/orders`, { body: { ...ORDER_BODY, referenceId } });
  expect(created.status).toBe(201);
  return String(created.json.ref);
}

function hrefOf(value: unknown): string {
  return String((value as { href?: unknown } | undefined)?.href);
}

describe.each(API_VERSIONS)('the order and guest reads over a socket (%s)', (version) => {
  it('answers a client flow: find the order by referenceId, retrieve it, follow the contact’s guest and order links', async () => {
    const url = await start();
    const referenceId = `PNR ${version}/1&2`;
    const orderRef = await createOrder(url, version, referenceId);
    await createOrder(url, version, 'SOMEONE-ELSE');

    const found = await call(url, 'GET', `/${version}/orders?referenceId=${encodeURIComponent(referenceId)}`);
    expect(found.status).toBe(200);
    expectContract(version, 'retrieveOrders', found);
    const orderHref = `${url}/${version}/orders/${orderRef}`;
    expect(found.json.items).toEqual(
      version === 'v2.1' ? [{ ref: orderRef, href: orderHref }] : [{ href: orderHref }],
    );
    expect(found.json.href).toBe(
      `${url}/${version}/orders?offset=0&limit=10&referenceId=${encodeURIComponent(referenceId)}`,
    );

    const order = await call(url, 'GET', hrefOf((found.json.items as unknown[])[0]));
    expect(order.status).toBe(200);
    expectContract(version, 'retrieveOrder', order);
    expect(order.json).toMatchObject({
      href: orderHref,
      ref: orderRef,
      referenceId,
      currencyCode: ORDER_BODY.currencyCode,
      price: ORDER_BODY.price,
      contacts: { href: `${orderHref}/contacts` },
    });
    expect((await call(url, 'GET', hrefOf(order.json.contacts))).json.items).toEqual([]);

    const contact = await call(url, 'POST', `/${version}/orders/${orderRef}/contacts`, {
      body: contactBody(version),
    });
    expect(contact.status).toBe(201);
    const viaContact = await call(url, 'GET', hrefOf(contact.json.order));
    expect(viaContact.status).toBe(200);
    expect(viaContact.json).toEqual(order.json);

    const guestHref = hrefOf(contact.json.guest);
    expect(guestHref).toMatch(new RegExp(`^${url}/${version}/guests/[0-9a-f-]{36}$`));
    const guest = await call(url, 'GET', guestHref);
    expect(guest.status).toBe(200);
    expectContract(version, 'retrieveGuest', guest);
    const guestRef = guestHref.split('/').pop() as string;
    expect(guest.json).toMatchObject({ href: guestHref, ref: guestRef, guestType: 'customer' });

    const expanded = await call(url, 'GET', `${orderHref}?expand=contacts`);
    expect(expanded.json.contacts).toEqual({ href: `${orderHref}/contacts`, items: [contact.json] });

    const ofGuest = await call(url, 'GET', `/${version}/orders?guestRef=${guestRef}`);
    expect(ofGuest.status).toBe(200);
    expectContract(version, 'retrieveOrders', ofGuest);
    expect((ofGuest.json.items as unknown[]).map(hrefOf)).toEqual([orderHref]);
  });

  it('refuses every read without credentials or with a wrong token: the documented 401', async () => {
    const url = await start();
    const orderRef = await createOrder(url, version, 'R-1');
    const contact = await call(url, 'POST', `/${version}/orders/${orderRef}/contacts`, {
      body: contactBody(version),
    });
    const reads = [
      `/${version}/orders/${orderRef}`,
      `/${version}/orders?referenceId=R-1`,
      hrefOf(contact.json.guest),
    ];
    for (const auth of [false, basicAuthorization(DEFAULT_CLIENT_KEY, 'wrong')] as const) {
      for (const target of reads) {
        const answer = await call(url, 'GET', target, { auth });
        expect(answer.status, target).toBe(401);
        expect(answer.json).toEqual({
          status: 'UNAUTHORIZED',
          code: 401,
          message: UNAUTHORIZED_MESSAGE,
          moreInfoUrl: 'https://support.sitecore.com',
        });
      }
    }
  });

  it('answers 404 in the error envelope for an unknown order or guest, whatever the case of the ref', async () => {
    const url = await start();
    for (const [operationId, target] of [
      ['retrieveOrder', `/${version}/orders/${UNKNOWN}`],
      ['retrieveGuest', `/${version}/guests/${UNKNOWN}`],
      ['retrieveOrders', `/${version}/orders?guestRef=${UNKNOWN}`],
    ] as const) {
      const answer = await call(url, 'GET', target);
      expect(answer.status, target).toBe(404);
      expectContract(version, operationId, answer);
      expect(String(answer.json.message)).toContain(UNKNOWN);
    }
    const orderRef = await createOrder(url, version, 'R-1');
    expect((await call(url, 'GET', `/${version}/orders/${orderRef.toUpperCase()}`)).status).toBe(200);
    expect((await call(url, 'DELETE', `/${version}/orders/${orderRef}`)).status).toBe(204);
    expect((await call(url, 'GET', `/${version}/orders/${orderRef}`)).status).toBe(404);
    expect((await call(url, 'GET', `/${version}/orders?referenceId=R-1`)).json.items).toEqual([]);
  });

  it('still answers 405 with Allow for the methods those paths do not have', async () => {
    const url = await start();
    for (const [method, path, allow] of [
      ['PUT', `/${version}/orders/${UNKNOWN}`, 'GET, DELETE'],
      ['PATCH', `/${version}/orders/${UNKNOWN}`, 'GET, DELETE'],
      ['DELETE', `/${version}/orders`, 'GET, POST'],
      ['POST', `/${version}/guests/${UNKNOWN}`, 'GET'],
      ['DELETE', `/${version}/guests/${UNKNOWN}`, 'GET'],
    ] as const) {
      const answer = await call(url, method, path, method === 'DELETE' ? {} : { body: {} });
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.allow, `${method} ${path}`).toBe(allow);
    }
  });

  it('lists orders only by exactly one of referenceId and guestRef: 400 otherwise', async () => {
    const url = await start();
    for (const query of ['', '?offset=0', '?referenceId=', `?referenceId=R-1&guestRef=${UNKNOWN}`]) {
      const answer = await call(url, 'GET', `/${version}/orders${query}`);
      expect(answer.status, query).toBe(400);
      expectContract(version, 'retrieveOrders', answer);
      expect(String(answer.json.message), query).toMatch(/^(referenceId|guestRef): /);
    }
    expect((await call(url, 'GET', `/${version}/orders?referenceId=R-1&limit=0`)).status).toBe(400);
    const none = await call(url, 'GET', `/${version}/orders?referenceId=NOBODY`);
    expect(none.status).toBe(200);
    expect(none.json.items).toEqual([]);
  });
});

describe('the order list pages like the contact list', () => {
  it('v2.1: pages with first, last and next links that keep the referenceId, and expand=true gives whole orders', async () => {
    const url = await start();
    const refs = [
      await createOrder(url, 'v2.1', 'SAME'),
      await createOrder(url, 'v2.1', 'OTHER'),
      await createOrder(url, 'v2.1', 'SAME'),
      await createOrder(url, 'v2.1', 'SAME'),
    ];
    const page = await call(url, 'GET', '/v2.1/orders?referenceId=SAME&limit=2');
    expect(page.json).toMatchObject({
      offset: 0,
      limit: 2,
      first: { href: `${url}/v2.1/orders?offset=0&limit=2&referenceId=SAME` },
      last: { href: `${url}/v2.1/orders?offset=2&limit=2&referenceId=SAME` },
      next: { href: `${url}/v2.1/orders?offset=2&limit=2&referenceId=SAME` },
    });
    const next = await call(url, 'GET', hrefOf(page.json.next));
    expect(next.status).toBe(200);
    expect(next.json.next).toBeUndefined();
    const seen = [...(page.json.items as unknown[]), ...(next.json.items as unknown[])].map(
      (item) => (item as { ref: string }).ref,
    );
    expect(seen).toEqual([refs[0], refs[2], refs[3]]);

    const expanded = await call(url, 'GET', '/v2.1/orders?referenceId=OTHER&expand=true');
    expectContract('v2.1', 'retrieveOrders', expanded);
    expect(expanded.json.items).toEqual([(await call(url, 'GET', `/v2.1/orders/${refs[1] as string}`)).json]);
  });

  it('v2: a guest sent as guest.href on a contact is the guest the link resolves to, and lists its orders', async () => {
    const url = await start();
    const guest = await call(url, 'POST', '/v2/guests', {
      body: { guestType: 'customer', firstName: 'Jane' },
    });
    expect(guest.status).toBe(201);
    const orderRef = await createOrder(url, 'v2', 'R-2');
    const contact = await call(url, 'POST', `/v2/orders/${orderRef}/contacts`, {
      body: { ...FULL_V2, guest: { href: hrefOf(guest.json) } },
    });
    expect(contact.status).toBe(201);
    const followed = await call(url, 'GET', hrefOf(contact.json.guest));
    expect(followed.status).toBe(200);
    expect(followed.json).toEqual(guest.json);
    const orders = await call(url, 'GET', `/v2/orders?guestRef=${String(guest.json.ref).toUpperCase()}`);
    expect(orders.json).toEqual({
      href: `${url}/v2/orders?offset=0&limit=10&guestRef=${String(guest.json.ref).toUpperCase()}`,
      offset: 0,
      limit: 10,
      items: [{ href: `${url}/v2/orders/${orderRef}` }],
    });
  });
});
