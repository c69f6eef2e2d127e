import { connect } from 'node:net';
import { Pool, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaName, validateAgainst } from '../contracts/index.ts';
import { basicAuthorization } from './credentials.ts';
import { type RequestLogEntry, type RunningMock, startMockServer } from './node-adapter.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from './options.ts';
import { UNAUTHORIZED_MESSAGE } from './responses.ts';
import { FULL_V21, ORDER_BODY } from './test-support.ts';

const AUTH = basicAuthorization(DEFAULT_CLIENT_KEY, DEFAULT_API_TOKEN);
const running: RunningMock[] = [];
const pools: Pool[] = [];

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  await Promise.all(running.splice(0).map((mock) => mock.close()));
});

async function start(options: Parameters<typeof startMockServer>[0] = {}): Promise<RunningMock> {
  const mock = await startMockServer(options);
  running.push(mock);
  return mock;
}

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

async function call(
  base: string | Pool,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string | Buffer; auth?: string | false; contentType?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.auth !== false) headers.authorization = options.auth ?? AUTH;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const init = { method: method as 'GET', headers, ...(body === undefined ? {} : { body }) };
  const response =
    typeof base === 'string' ? await request(`${base}${path}`, init) : await base.request({ ...init, path });
  const text = await response.body.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON (a 204, or a fault's body): tests read text instead.
  }
  return { status: response.statusCode, headers: response.headers, text, json };
}

async function newOrder(url: string): Promise<string> {
  const created = await call(url, 'POST', '/v2.1/orders', { body: ORDER_BODY });
  expect(created.status).toBe(201);
  return String(created.json.ref);
}

async function stillAnswers(url: string): Promise<void> {
  const answer = await call(url, 'POST', '/v2.1/orders', { body: ORDER_BODY });
  expect(answer.status).toBe(201);
}

describe('mock over a socket', () => {
  it('listens on 127.0.0.1 on a free port and builds hrefs from the Host header', async () => {
    const mock = await start();
    expect(mock.host).toBe('127.0.0.1');
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    const created = await call(mock.url, 'POST', '/v2.1/orders', { body: ORDER_BODY });
    expect(created.json.href).toBe(`${mock.url}/v2.1/orders/${String(created.json.ref)}`);
    expect(created.headers['content-type']).toBe('application/json');
    expect(created.headers['content-length']).toBe(String(Buffer.byteLength(created.text)));
  });

  it('answers the documented 401 without credentials, with wrong ones, and on unknown paths', async () => {
    const mock = await start({ clientKey: 'team-key', apiToken: 'team-token' });
    const body = {
      status: 'UNAUTHORIZED',
      code: 401,
      message: UNAUTHORIZED_MESSAGE,
      moreInfoUrl: 'https://support.sitecore.com',
    };
    for (const auth of [false, AUTH, basicAuthorization('team-key', 'wrong')] as const) {
      for (const path of ['/v2.1/orders/x/contacts', '/no/such/path']) {
        const answer = await call(mock.url, 'GET', path, { auth });
        expect(answer.status).toBe(401);
        expect(answer.json).toEqual(body);
      }
    }
    const ok = await call(mock.url, 'POST', '/v2/orders', {
      body: ORDER_BODY,
      auth: basicAuthorization('team-key', 'team-token'),
    });
    expect(ok.status).toBe(201);
  });

  it('visits every contact exactly once following next links, on valid pages', async () => {
    const mock = await start();
    const orderRef = await newOrder(mock.url);
    const refs: string[] = [];
    for (let i = 0; i < 57; i += 1) {
      const created = await call(mock.url, 'POST', `/v2.1/orders/${orderRef}/contacts`, {
        body: { firstName: `P${i}`, lastName: 'Q' },
      });
      refs.push(String(created.json.ref));
    }
    const seen: string[] = [];
    let next: string | undefined = `${mock.url}/v2.1/orders/${orderRef}/contacts?limit=10`;
    let pages = 0;
    while (next !== undefined) {
      const url = new URL(next);
      const page = await call(mock.url, 'GET', `${url.pathname}${url.search}`);
      expect(validateAgainst(SchemaName.listV21, page.json)).toEqual([]);
      seen.push(...(page.json.items as { ref: string }[]).map((item) => item.ref));
      next = (page.json.next as { href: string } | undefined)?.href;
      pages += 1;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBe(6);
    expect(seen).toEqual(refs);
  });

  it('loses nothing with 500 concurrent creates on one order, then concurrent updates and deletes', async () => {
    const mock = await start();
    const orderRef = await newOrder(mock.url);
    const pool = new Pool(mock.url, { connections: 500, pipelining: 1 });
    pools.push(pool);
    const created = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        call(pool, 'POST', `/v2.1/orders/${orderRef}/contacts`, {
          body: { ...FULL_V21, firstName: `C${i}` },
        }),
      ),
    );
    expect(created.map((c) => c.status)).toEqual(Array(500).fill(201));
    const refs = created.map((c) => String(c.json.ref));
    expect(new Set(refs).size).toBe(500);
    const listed: string[] = [];
    for (let offset = 0; offset < 500; offset += 100) {
      const page = await call(pool, 'GET', `/v2.1/orders/${orderRef}/contacts?offset=${offset}&limit=100`);
      listed.push(...(page.json.items as { ref: string }[]).map((item) => item.ref));
    }
    expect(listed.sort()).toEqual([...refs].sort());

    // Every contact patched while every other one is deleted: each answer whole, each outcome applied.
    const outcomes = await Promise.all(
      refs.map((ref, i) =>
        i % 2 === 0
          ? call(pool, 'PATCH', `/v2.1/orderContacts/${ref}`, { body: { city: `City ${i}` } })
          : call(pool, 'DELETE', `/v2.1/orderContacts/${ref}`),
      ),
    );
    outcomes.forEach((outcome, i) => {
      expect(outcome.status).toBe(i % 2 === 0 ? 200 : 204);
      if (i % 2 === 0) {
        expect(validateAgainst(SchemaName.contactV21, outcome.json)).toEqual([]);
        expect(outcome.json).toMatchObject({
          city: `City ${i}`,
          firstName: `C${i}`,
          emails: FULL_V21.emails,
        });
      }
    });
    const remaining = mock.handler.store.contactsOf(orderRef);
    expect(remaining.map((c) => c.ref)).toEqual(refs.filter((_, i) => i % 2 === 0));
    expect(remaining.every((c, j) => c.fields.city === `City ${j * 2}`)).toBe(true);
    // Concurrent PUTs on one contact: the last one wins whole, never a mix of two bodies.
    const target = refs[0] ?? '';
    const puts = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(pool, 'PUT', `/v2.1/orderContacts/${target}`, {
          body: { firstName: `F${i}`, lastName: `L${i}` },
        }),
      ),
    );
    expect(
      puts.every(
        (p) => p.status === 200 && String(p.json.firstName).slice(1) === String(p.json.lastName).slice(1),
      ),
    ).toBe(true);
    const final = await call(pool, 'GET', `/v2.1/orderContacts/${target}`);
    expect(String(final.json.firstName).slice(1)).toBe(String(final.json.lastName).slice(1));
  });

  it('never answers 5xx to hostile input and keeps answering afterwards', async () => {
    const mock = await start();
    const orderRef = await newOrder(mock.url);
    const path = `/v2.1/orders/${orderRef}/contacts`;
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const hostile: Array<[string, { raw?: string | Buffer; body?: unknown; contentType?: string }]> = [
      ['malformed JSON', { raw: '{"firstName": "A", "lastName": ' }],
      ['5 MiB body', { raw: JSON.stringify({ firstName: 'x'.repeat(5 * 1024 * 1024), lastName: 'L' }) }],
      ['20 MiB body', { raw: Buffer.alloc(20 * 1024 * 1024, 0x61) }],
      ['invalid UTF-8', { raw: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) }],
      [
        'wrong types',
        { body: { firstName: 42, lastName: ['x'], emails: 'a', identifiers: [null, 3, 'x'], gender: {} } },
      ],
      [
        'prototype keys',
        {
          raw: '{"firstName":"A","lastName":"B","__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}',
        },
      ],
      ['a JSON array', { body: [FULL_V21] }],
      ['null', { raw: 'null' }],
      ['deeply nested', { raw: `{"firstName":"A","lastName":"B","emails":${deep}}` }],
      [
        'many keys',
        { raw: JSON.stringify(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]))) },
      ],
      ['xml', { raw: '<contact/>', contentType: 'application/xml' }],
    ];
    for (const [label, options] of hostile) {
      let status: number | string;
      try {
        status = (await call(mock.url, 'POST', path, options)).status;
      } catch (error) {
        status = `transport: ${(error as Error).message}`;
      }
      expect(typeof status === 'number' && status < 500, `${label}: ${status}`).toBe(true);
      if (label !== 'prototype keys') expect(status, label).toBeGreaterThanOrEqual(400);
      await stillAnswers(mock.url);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(mock.handler.store.contactCount).toBe(1); // only the prototype-keys body was valid
  });

  it('survives a request line that is not HTTP and a client that vanishes mid-body', async () => {
    const mock = await start();
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(mock.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
      });
      socket.on('close', () => resolve(data));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    await new Promise<void>((resolve) => {
      const socket = connect(mock.port, '127.0.0.1', () => {
        socket.write(
          `POST /v2.1/orders HTTP/1.1\r\nHost: x\r\nAuthorization: ${AUTH}\r\nContent-Length: 1000\r\n\r\n{"curr`,
        );
        socket.destroy();
        resolve();
      });
    });
    await stillAnswers(mock.url);
  });

  it('answers a body over the limit with 413 before reading the rest, and closes that connection', async () => {
    const mock = await start();
    const orderRef = await newOrder(mock.url);
    const answer = await call(mock.url, 'POST', `/v2.1/orders/${orderRef}/contacts`, {
      raw: Buffer.alloc(8 * 1024 * 1024, 0x20),
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(validateAgainst(SchemaName.error, answer.json)).toEqual([]);
  });

  it('logs each request without credentials', async () => {
    const entries: RequestLogEntry[] = [];
    const mock = await start({ onRequest: (entry) => entries.push(entry) });
    await call(mock.url, 'GET', '/v2.1/orders/abc/contacts?limit=2');
    expect(entries).toEqual([
      {
        method: 'GET',
        path: '/v2.1/orders/abc/contacts?limit=2',
        status: 404,
        durationMs: expect.any(Number),
      },
    ]);
    expect(JSON.stringify(entries)).not.toContain(DEFAULT_API_TOKEN);
  });

  it('stops accepting connections on close, even with keep-alive connections open', async () => {
    const mock = await startMockServer();
    const pool = new Pool(mock.url, { connections: 4 });
    await call(pool, 'GET', '/x');
    await mock.close();
    await expect(call(mock.url, 'GET', '/x')).rejects.toThrow();
    await pool.close();
  });
});

describe('mock transport faults over a socket', () => {
  it('reset-connection resets every 5th GET before answering, and a retry gets through', async () => {
    const mock = await start({ faults: ['reset-connection'] });
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      try {
        outcomes.push(String((await call(mock.url, 'GET', '/nowhere')).status));
      } catch {
        outcomes.push('reset');
      }
    }
    expect(outcomes).toEqual(['404', '404', '404', '404', 'reset', '404', '404', '404', '404', 'reset']);
  });

  it('slow-responses holds answers: a client that gives up sooner gets nothing, without the fault it does', async () => {
    const slow = await start({ faults: ['slow-responses'], slowResponseMs: 5_000 });
    const fast = await start();
    const ask = (url: string) =>
      request(`${url}/nowhere`, { headers: { authorization: AUTH }, signal: AbortSignal.timeout(1_000) });
    await expect(ask(slow.url)).rejects.toThrow();
    expect((await ask(fast.url)).statusCode).toBe(404);
  });

  it('garbage-body sends a body that is not JSON on a successful GET', async () => {
    const mock = await start({ faults: ['garbage-body'] });
    const orderRef = await newOrder(mock.url);
    const listed = await call(mock.url, 'GET', `/v2.1/orders/${orderRef}/contacts`);
    expect(listed.status).toBe(200);
    expect(() => JSON.parse(listed.text)).toThrow();
  });
});
