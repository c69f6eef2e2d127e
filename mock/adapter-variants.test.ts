import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { LATENCY_MS } from './adapter-layers.ts';
import { basicAuthorization } from './credentials.ts';
import { type RunningMock, startMockServer } from './node-adapter.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from './options.ts';
import type { VariantName } from './variants.ts';

const AUTH = basicAuthorization(DEFAULT_CLIENT_KEY, DEFAULT_API_TOKEN);
const UNKNOWN = '3b5cb55e-c616-424a-991c-a241d0024896';
const running: RunningMock[] = [];
const agents: Agent[] = [];

afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
  await Promise.all(running.splice(0).map((mock) => mock.close()));
});

async function start(variants: readonly VariantName[] = []): Promise<RunningMock> {
  const mock = await startMockServer({ variants });
  running.push(mock);
  return mock;
}

interface Raw {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  const agent = new Agent();
  agents.push(agent);
  const answer = await request(`${url}/v2.1/orderContacts/${UNKNOWN}`, {
    headers: { authorization: AUTH, ...headers },
    dispatcher: agent,
  });
  return {
    status: answer.statusCode,
    headers: answer.headers,
    body: Buffer.from(await answer.body.arrayBuffer()),
  };
}

/** One request on a fresh connection: what came back, and whether the server closed the socket. */
function rawExchange(
  port: number,
  keepAlive = true,
): Promise<{ text: string; closedByServer: boolean; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let error: string | undefined;
    socket.on('data', (chunk) => {
      text += chunk.toString();
    });
    socket.on('error', (e) => {
      error = e.message;
    });
    socket.on('close', () => resolve({ text, closedByServer: true, ...(error ? { error } : {}) }));
    socket.write(
      `GET /v2.1/orderContacts/${UNKNOWN} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${AUTH}\r\nConnection: ${keepAlive ? 'keep-alive' : 'close'}\r\n\r\n`,
    );
    // A keep-alive connection the server leaves open is ended by us after a while.
    setTimeout(() => {
      if (!socket.destroyed) {
        socket.removeAllListeners('close');
        socket.destroy();
        resolve({ text, closedByServer: false });
      }
    }, 500);
  });
}

describe('mock transport variants over a socket', () => {
  const codings: Array<[VariantName, (data: Buffer) => Buffer]> = [
    ['gzip', gunzipSync],
    ['deflate', inflateSync],
    ['br', brotliDecompressSync],
  ];
  for (const [variant, decompress] of codings) {
    it(`${variant} compresses JSON answers the request accepts, to the same JSON`, async () => {
      const plain = await get((await start()).url);
      const mock = await start([variant]);
      const compressed = await get(mock.url, { 'accept-encoding': `identity;q=0.5, ${variant}` });
      expect(compressed.status).toBe(404);
      expect(compressed.headers['content-encoding']).toBe(variant);
      expect(compressed.headers.vary).toBe('Accept-Encoding');
      expect(compressed.body.equals(plain.body)).toBe(false);
      expect(JSON.parse(decompress(compressed.body).toString())).toEqual(JSON.parse(plain.body.toString()));
      const uncompressed = await get(mock.url, { 'accept-encoding': `${variant};q=0` });
      expect(uncompressed.headers['content-encoding']).toBeUndefined();
      expect(uncompressed.body.equals(plain.body)).toBe(true);
      expect((await get(mock.url)).headers['content-encoding']).toBeUndefined();
    });
  }

  it(`latency holds every answer ${LATENCY_MS} ms`, async () => {
    const mock = await start(['latency']);
    const started = performance.now();
    expect((await get(mock.url)).status).toBe(404);
    expect(performance.now() - started).toBeGreaterThanOrEqual(LATENCY_MS - 5);
  });

  it('connection-close sends Connection: close and closes the socket after the answer', async () => {
    const closing = await start(['connection-close']);
    const closed = await rawExchange(closing.port);
    expect(closed.text).toMatch(/^HTTP\/1\.1 404 /);
    expect(closed.text.toLowerCase()).toContain('connection: close');
    expect(closed.closedByServer).toBe(true);
    const open = await rawExchange((await start()).port);
    expect(open.text).toMatch(/^HTTP\/1\.1 404 /);
    expect(open.closedByServer).toBe(false);
  });

  it('transient-resets resets every 5th connection before its request is processed', async () => {
    const mock = await startMockServer({
      variants: ['transient-resets'],
      onRequest: (entry) => log.push(entry.status),
    });
    running.push(mock);
    const log: number[] = [];
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const exchange = await rawExchange(mock.port, false);
      outcomes.push(exchange.text === '' ? 'reset' : (exchange.text.split(' ')[1] ?? ''));
    }
    expect(outcomes).toEqual(['404', '404', '404', '404', 'reset', '404', '404', '404', '404', 'reset']);
    expect(log).toEqual([404, 404, 404, 404, 0, 404, 404, 404, 404, 0]);
  });

  it('transient-resets counts connections, not requests: a kept-alive connection is never reset later', async () => {
    const mock = await start(['transient-resets']);
    const agent = new Agent({ connections: 1 });
    agents.push(agent);
    for (let i = 0; i < 8; i += 1) {
      const answer = await request(`${mock.url}/x`, { dispatcher: agent });
      await answer.body.dump();
      expect(answer.statusCode).toBe(401);
    }
  });
});
