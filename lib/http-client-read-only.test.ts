import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from './http-client.ts';
import { listenOnLoopback } from './loopback.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A loopback server that answers 200 and counts the connections and requests that reach it. */
async function countingServer(): Promise<{ url: string; connections: () => number; methods: string[] }> {
  const methods: string[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    methods.push(req.method ?? '');
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  server.on('connection', () => {
    connections += 1;
  });
  const { url, close } = await listenOnLoopback(server);
  closers.push(close);
  return { url, connections: () => connections, methods };
}

function readOnlyClient(baseUrl: string): HttpClient {
  const http = new HttpClient({ baseUrl, readOnly: true, retries: 2, timeoutMs: 2_000 });
  closers.push(() => http.close());
  return http;
}

describe('a read-only HttpClient', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])(
    'never sends %s: no connection, no request',
    async (method) => {
      const target = await countingServer();
      const http = readOnlyClient(target.url);
      const exchange = await http.send({ method, path: '/v2.1/orders', json: { a: 1 }, operation: 'write' });
      expect(exchange.response).toBeUndefined();
      expect(exchange.attempts).toBe(0);
      expect(exchange.error?.kind).toBe('not-sent');
      expect(exchange.error?.message).toContain(`read-only run: ${method.toUpperCase()} is never sent`);
      expect(exchange.request.method).toBe(method.toUpperCase());
      expect(http.stats.attempts).toBe(0);
      expect(target.connections()).toBe(0);
      expect(target.methods).toEqual([]);
    },
  );

  it('sends GET, HEAD and OPTIONS as usual', async () => {
    const target = await countingServer();
    const http = readOnlyClient(target.url);
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect((await http.send({ method, path: '/x', operation: 'read' })).response?.status).toBe(200);
    expect(target.methods).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });

  it('sends writes when it is not read-only (the refusal is the option, not the server)', async () => {
    const target = await countingServer();
    const http = new HttpClient({ baseUrl: target.url, timeoutMs: 2_000 });
    closers.push(() => http.close());
    expect((await http.send({ method: 'POST', path: '/x', json: {}, operation: 'w' })).response?.status).toBe(
      200,
    );
    expect(target.methods).toEqual(['POST']);
  });
});
