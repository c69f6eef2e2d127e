import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, type HttpClientOptions } from './http-client.ts';
import {
  type BrokenServer,
  type BrokenServerKind,
  type BrokenServerOptions,
  OK_BODY,
  startBrokenServer,
} from './testing/broken-servers.ts';

const CLIENT_KEY = 'ck-5d1e8a0c4f3b';
const API_TOKEN = 'tok-9b7c2e61aa40';
const BASIC = Buffer.from(`${CLIENT_KEY}:${API_TOKEN}`).toString('base64');
const TIMEOUT = 200;
/** A hang guard, not a speed assertion: generous on purpose. */
const SLACK = 3_000;

const open: { servers: BrokenServer[]; clients: HttpClient[] } = { servers: [], clients: [] };

afterEach(async () => {
  await Promise.all(open.clients.splice(0).map((c) => c.close()));
  await Promise.all(open.servers.splice(0).map((s) => s.close()));
});

async function server(kind: BrokenServerKind, options?: BrokenServerOptions): Promise<BrokenServer> {
  const s = await startBrokenServer(kind, options);
  open.servers.push(s);
  return s;
}

/** A client with small timeouts and instant backoff; `waits` collects every wait it asked for. */
function client(
  baseUrl: string,
  options: Partial<HttpClientOptions> = {},
): { http: HttpClient; waits: number[] } {
  const waits: number[] = [];
  const http = new HttpClient({
    baseUrl,
    credentials: { clientKey: CLIENT_KEY, apiToken: API_TOKEN },
    timeoutMs: TIMEOUT,
    retries: 2,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  open.clients.push(http);
  return { http, waits };
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await work;
  return { value, ms: performance.now() - t0 };
}

const get = { method: 'GET', path: '/v2.1/orders/o-1/contacts', operation: 'retrieveOrderContacts' } as const;
const post = {
  method: 'POST',
  path: '/v2.1/orders/o-1/contacts',
  operation: 'createOrderContact',
  json: { firstName: 'Ann' },
} as const;

describe('against broken servers', () => {
  it('times out a GET on a server that never answers, retrying a bounded number of times', async () => {
    const s = await server('hang');
    const { http } = client(s.url);
    const { value: x, ms } = await timed(http.send(get));
    expect(x.error?.kind).toBe('timeout');
    expect(x.response).toBeUndefined();
    expect(x.attempts).toBe(3);
    expect(x.retryReasons).toEqual(['timeout', 'timeout']);
    expect(s.requests).toBe(3);
    expect(ms).toBeLessThan(TIMEOUT * 3 + SLACK);
  });

  it('does not retry a POST that timed out after it was sent', async () => {
    const s = await server('hang');
    const { http } = client(s.url);
    const x = await http.send(post);
    expect(x.error?.kind).toBe('timeout');
    expect(x.attempts).toBe(1);
    expect(s.requests).toBe(1);
  });

  it('reports a reset connection as a connection error after retrying a GET', async () => {
    const s = await server('reset');
    const { http } = client(s.url);
    const { value: x, ms } = await timed(http.send(get));
    expect(x.error?.kind).toBe('connection');
    expect(x.attempts).toBe(3);
    expect(s.requests).toBe(3);
    expect(ms).toBeLessThan(TIMEOUT * 3 + SLACK);
  });

  it('never retries a POST on a reset: the server may have created the contact', async () => {
    const s = await server('reset');
    const { http } = client(s.url);
    const x = await http.send(post);
    expect(x.error?.kind).toBe('connection');
    expect(x.attempts).toBe(1);
    expect(x.retryReasons).toEqual([]);
    expect(s.requests).toBe(1);
  });

  it('ends a slow-drip body at the attempt timeout', async () => {
    const s = await server('slow-drip', { dripIntervalMs: 20 });
    const { http } = client(s.url, { retries: 1 });
    const { value: x, ms } = await timed(http.send(get));
    expect(x.error?.kind).toBe('timeout');
    expect(x.attempts).toBe(2);
    expect(ms).toBeLessThan(TIMEOUT * 2 + SLACK);
  });

  it('ends a slow drip at the send deadline even when the attempt timeout is long', async () => {
    const s = await server('slow-drip', { dripIntervalMs: 20 });
    const { http } = client(s.url, { timeoutMs: 60_000, deadlineMs: 300 });
    const { value: x, ms } = await timed(http.send(get));
    expect(x.error?.kind).toBe('timeout');
    expect(x.error?.message).toContain('deadline');
    expect(x.attempts).toBe(1);
    expect(ms).toBeLessThan(300 + SLACK);
  });

  it('keeps a non-JSON body that claims to be JSON as text, without json', async () => {
    const s = await server('garbage');
    const { http } = client(s.url);
    const x = await http.send(get);
    expect(x.error).toBeUndefined();
    expect(x.response?.status).toBe(200);
    expect(x.response?.headers['content-type']).toBe('application/json');
    expect(x.response?.body).toContain('<<<this is not JSON');
    expect(x).not.toHaveProperty('json');
  });

  it('treats an HTML page as data, not an exception', async () => {
    const s = await server('html');
    const { http } = client(s.url);
    const x = await http.send(get);
    expect(x.response?.status).toBe(200);
    expect(x.response?.headers['content-type']).toContain('text/html');
    expect(x.response?.body).toContain('<h1>');
    expect(x.json).toBeUndefined();
    expect(x.attempts).toBe(1);
  });

  it('parses a JSON body even under the wrong content type, and records that content type', async () => {
    const s = await server('wrong-content-type');
    const { http } = client(s.url);
    const x = await http.send(get);
    expect(x.response?.headers['content-type']).toBe('text/plain');
    expect(x.json).toEqual(OK_BODY);
  });

  it('honours Retry-After on 429, then succeeds', async () => {
    const s = await server('429-retry-after');
    const { http, waits } = client(s.url);
    const x = await http.send(post);
    expect(x.response?.status).toBe(200);
    expect(x.attempts).toBe(2);
    expect(x.retryReasons).toEqual(['429 Retry-After 1s']);
    expect(waits).toEqual([1000]);
    expect(http.stats.retries).toBe(1);
  });

  it('waits out a real Retry-After before retrying', async () => {
    const s = await server('429-retry-after');
    const http = new HttpClient({ baseUrl: s.url, timeoutMs: TIMEOUT, retries: 1 });
    open.clients.push(http);
    const { value: x, ms } = await timed(http.send(get));
    expect(x.response?.status).toBe(200);
    expect(s.arrivals.length).toBe(2);
    expect((s.arrivals[1] as number) - (s.arrivals[0] as number)).toBeGreaterThanOrEqual(990);
    expect(ms).toBeLessThan(1000 + TIMEOUT * 2 + SLACK);
  });

  it('caps a long Retry-After', async () => {
    const s = await server('429-retry-after', { retryAfter: '3600' });
    const { http, waits } = client(s.url, { maxRetryAfterMs: 50 });
    const x = await http.send(get);
    expect(x.response?.status).toBe(200);
    expect(waits).toEqual([50]);
    expect(x.retryReasons).toEqual(['429 Retry-After 3600s']);
  });

  it('reads Retry-After given as an HTTP-date', async () => {
    const at = new Date(Date.now() + 20_000).toUTCString();
    const s = await server('429-retry-after', { retryAfter: at });
    const { http, waits } = client(s.url);
    await http.send(get);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(15_000);
    expect(waits[0]).toBeLessThanOrEqual(20_000);
  });

  it('returns the last 429 when the Retry-After wait would outlast the deadline', async () => {
    const s = await server('429-retry-after', { retryAfter: '10' });
    const { http, waits } = client(s.url, { deadlineMs: 2_000 });
    const x = await http.send(get);
    expect(x.response?.status).toBe(429);
    expect(x.attempts).toBe(1);
    expect(waits).toEqual([]);
  });

  it('retries a POST through a 503 burst: a 503 means it was not processed', async () => {
    const s = await server('503-burst', { failures: 2 });
    // Full jitter may draw a wait of 0 ms, which is not slept: a fixed draw keeps the count of waits exact.
    const { http, waits } = client(s.url, { random: () => 0.5 });
    const x = await http.send(post);
    expect(x.response?.status).toBe(200);
    expect(x.json).toEqual(OK_BODY);
    expect(x.attempts).toBe(3);
    expect(x.retryReasons).toEqual(['503', '503']);
    expect(waits).toHaveLength(2);
  });

  it('retries a GET on 502 but never a POST', async () => {
    const forGet = await server('503-burst', { status: 502, failures: 1 });
    const forPost = await server('503-burst', { status: 502, failures: 1 });
    expect((await client(forGet.url).http.send(get)).response?.status).toBe(200);
    const x = await client(forPost.url).http.send(post);
    expect(x.response?.status).toBe(502);
    expect(x.attempts).toBe(1);
    expect(forPost.requests).toBe(1);
  });

  it('stops retrying after the configured number of retries', async () => {
    const s = await server('503-burst', { failures: 1_000 });
    const { http } = client(s.url, { retries: 4 });
    const x = await http.send(get);
    expect(x.response?.status).toBe(503);
    expect(x.attempts).toBe(5);
    expect(s.requests).toBe(5);
  });

  it('makes one attempt when retry is false', async () => {
    const s = await server('503-burst');
    const x = await client(s.url).http.send({ ...get, retry: false });
    expect(x.response?.status).toBe(503);
    expect(x.attempts).toBe(1);
  });

  it('reports a connection closed mid-body as a protocol error', async () => {
    const s = await server('close-mid-body');
    const { http } = client(s.url);
    const x = await http.send(get);
    expect(x.error?.kind).toBe('protocol');
    expect(x.error?.message).toContain('status 200');
    expect(x.response).toBeUndefined();
    const p = await http.send(post);
    expect(p.error?.kind).toBe('protocol');
    expect(p.attempts).toBe(1);
  });

  it('retries even a POST when the connection is refused: nothing was sent', async () => {
    const s = await server('down');
    const { http } = client(s.url);
    const { value: x, ms } = await timed(http.send(post));
    expect(x.error?.kind).toBe('connection');
    expect(x.error?.message).toContain('ECONNREFUSED');
    expect(x.attempts).toBe(3);
    expect(x.retryReasons).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
    expect(ms).toBeLessThan(TIMEOUT * 3 + SLACK);
  });

  it('answers 401 as data and does not retry it', async () => {
    const s = await server('auth-refused');
    const x = await client(s.url).http.send(get);
    expect(x.response?.status).toBe(401);
    expect((x.json as { code?: number }).code).toBe(401);
    expect(x.attempts).toBe(1);
  });

  it('refuses a response body above maxResponseBytes', async () => {
    const s = await server('huge', { sizeBytes: 64 * 1024 });
    const x = await client(s.url, { maxResponseBytes: 1024 }).http.send(get);
    expect(x.error?.kind).toBe('protocol');
    expect(x.error?.message).toContain('1024');
    expect(x.attempts).toBe(1);
  });
});

describe('requests and records', () => {
  it('never records the credentials, even when the server echoes them', async () => {
    const s = await server('echo');
    const x = await client(s.url).http.send({
      ...post,
      query: { token: API_TOKEN },
      json: { note: `key ${CLIENT_KEY}` },
    });
    const echoed = x.json as { headers: Record<string, string> };
    expect(echoed.headers.authorization).toBe('Basic <redacted>');
    expect(x.request.headers.authorization).toBe('Basic <redacted>');
    const all = JSON.stringify(x);
    for (const secret of [CLIENT_KEY, API_TOKEN, BASIC]) expect(all).not.toContain(secret);
    expect(x.request.url).toContain('token=<redacted>');
  });

  it('sends Accept, User-Agent, Basic auth and a JSON body', async () => {
    const s = await server('echo');
    const x = await client(s.url).http.send(post);
    const echoed = x.json as { method: string; headers: Record<string, string>; body: string };
    expect(echoed.method).toBe('POST');
    expect(echoed.headers.accept).toBe('application/json');
    expect(echoed.headers['user-agent']).toMatch(/^order-contact-conformance\/\d+\.\d+\.\d+/);
    expect(echoed.headers['content-type']).toBe('application/json');
    expect(JSON.parse(echoed.body)).toEqual({ firstName: 'Ann' });
    expect(x.request.body).toBe('{"firstName":"Ann"}');
  });

  it('sends a raw body as-is and no Content-Type when told', async () => {
    const s = await server('echo');
    const x = await client(s.url).http.send({
      ...post,
      rawBody: '{"firstName": ',
      contentType: null,
      auth: 'none',
    });
    const echoed = x.json as { headers: Record<string, string>; body: string };
    expect(echoed.body).toBe('{"firstName": ');
    expect(echoed.headers['content-type']).toBeUndefined();
    expect(echoed.headers.authorization).toBeUndefined();
    expect(x.request.headers.authorization).toBeUndefined();
  });

  it('uses per-request credentials and redacts them too', async () => {
    const s = await server('echo');
    const x = await client(s.url).http.send({
      ...get,
      auth: { clientKey: 'other-key-1', apiToken: 'other-token-1' },
    });
    expect(JSON.stringify(x)).not.toContain('other-token-1');
    expect(x.request.headers.authorization).toBe('Basic <redacted>');
  });

  it('appends the query, skipping undefined values, and keeps the path as written', async () => {
    const s = await server('echo');
    const x = await client(s.url).http.send({
      ...get,
      path: '/v2.1/orders/a%2Fb/contacts',
      query: { offset: 0, limit: 10, expand: true, sort: undefined },
    });
    expect((x.json as { url: string }).url).toBe('/v2.1/orders/a%2Fb/contacts?offset=0&limit=10&expand=true');
  });

  it('follows an absolute URL on the target origin and refuses one elsewhere without sending', async () => {
    const s = await server('echo');
    const { http } = client(`${s.url}/`);
    const same = await http.send({ ...get, path: `${s.url}/v2.1/orders/o-1/contacts?offset=10` });
    expect((same.json as { url: string }).url).toBe('/v2.1/orders/o-1/contacts?offset=10');
    const other = await http.send({
      ...get,
      path: 'https://api-engage-eu.sitecorecloud.io/v2.1/orders/o-1/contacts',
    });
    expect(other.error?.kind).toBe('aborted');
    expect(other.attempts).toBe(0);
    expect(s.requests).toBe(1);
  });

  it('resolves instead of throwing when the request cannot be sent', async () => {
    const s = await server('echo');
    const x = await client(s.url).http.send({ ...get, path: '/v2.1/orders/has space' });
    expect(x.error).toBeDefined();
    expect(x.response).toBeUndefined();
    expect(s.requests).toBe(0);
  });

  it('gives every exchange a distinct id naming its process', async () => {
    const s = await server('echo');
    const { http } = client(s.url);
    const xs = await Promise.all(Array.from({ length: 5 }, () => http.send(get)));
    const ids = new Set(xs.map((x) => x.id));
    expect(ids.size).toBe(5);
    for (const id of ids) expect(id).toMatch(new RegExp(`^x-${process.pid}(\\.\\d+)?-[0-9a-f]{4}-\\d{6}$`));
  });

  it('aborts a send when the caller signals', async () => {
    const s = await server('hang');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { value: x, ms } = await timed(
      client(s.url, { timeoutMs: 10_000 }).http.send({ ...get, signal: controller.signal }),
    );
    expect(x.error?.kind).toBe('aborted');
    expect(x.attempts).toBe(1);
    expect(ms).toBeLessThan(SLACK);
  });

  it('answers sends after close with an aborted exchange', async () => {
    const s = await server('echo');
    const { http } = client(s.url);
    await http.close();
    const x = await http.send(get);
    expect(x.error?.kind).toBe('aborted');
    expect(s.requests).toBe(0);
  });
});

describe('limits', () => {
  it('keeps no more requests in flight than the concurrency limit', async () => {
    const s = await server('ok-delayed', { delayMs: 100 });
    const { http } = client(s.url, { concurrency: 3 });
    const xs = await Promise.all(Array.from({ length: 10 }, () => http.send(get)));
    expect(xs.every((x) => x.response?.status === 200)).toBe(true);
    expect(s.requests).toBe(10);
    expect(s.maxInFlight).toBe(3);
    expect(http.stats.maxInFlight).toBe(3);
  });

  it('spaces requests at the configured rate', async () => {
    const s = await server('echo');
    const http = new HttpClient({ baseUrl: s.url, rps: 20, concurrency: 8 });
    open.clients.push(http);
    await Promise.all(Array.from({ length: 5 }, () => http.send(get)));
    const arrivals = s.arrivals;
    // Four gaps of at least 50 ms each: a lower bound the limiter guarantees (a slow machine only widens them).
    expect((arrivals[4] as number) - (arrivals[0] as number)).toBeGreaterThanOrEqual(4 * 50 - 15);
  });

  it('counts requests, attempts and retries', async () => {
    const s = await server('503-burst', { failures: 1 });
    const { http } = client(s.url);
    await http.send(get);
    await http.send(get);
    expect(http.stats).toMatchObject({ requests: 2, attempts: 3, retries: 1, failures: 0, inFlight: 0 });
  });
});
