// What a real tenant's gateway may legitimately do to an answer: compress it, add media-type parameters, close the
// connection after each response. Real sockets on 127.0.0.1.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, type HttpClientOptions } from './http-client.ts';
import { type LoopbackServer, listenOnLoopback } from './loopback.ts';

const BODY = { ref: 'F8D1F0D5-365D-46B7-BECF-D041E93A5705', firstName: 'Ann', note: 'é'.repeat(50) };
const TEXT = JSON.stringify(BODY);
const get = { method: 'GET', path: '/v2.1/orderContacts/x', operation: 'retrieveOrderContact' } as const;

const open: { servers: LoopbackServer[]; clients: HttpClient[] } = { servers: [], clients: [] };

afterEach(async () => {
  await Promise.all(open.clients.splice(0).map((c) => c.close()));
  await Promise.all(open.servers.splice(0).map((s) => s.close()));
});

/** A server answering every request with `answer`; `seen` holds each request's headers. */
async function serve(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; seen: IncomingMessage['headers'][] }> {
  const seen: IncomingMessage['headers'][] = [];
  const server = await listenOnLoopback(
    createServer((req, res) => {
      seen.push(req.headers);
      answer(req, res);
    }),
  );
  open.servers.push(server);
  return { url: server.url, seen };
}

function client(baseUrl: string, options: Partial<HttpClientOptions> = {}): HttpClient {
  const http = new HttpClient({ baseUrl, timeoutMs: 1_000, retries: 0, ...options });
  open.clients.push(http);
  return http;
}

function encoded(encoding: string, body: Buffer, contentType = 'application/json') {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      'content-type': contentType,
      'content-encoding': encoding,
      'content-length': body.length,
    });
    res.end(body);
  };
}

describe('content encodings', () => {
  it('asks for gzip, deflate and br', async () => {
    const s = await serve((_req, res) => res.end('{}'));
    await client(s.url).send(get);
    expect(s.seen[0]?.['accept-encoding']).toBe('gzip, deflate, br');
  });

  it.each([
    ['gzip', gzipSync(TEXT)],
    ['deflate', deflateSync(TEXT)],
    ['deflate', deflateRawSync(TEXT)],
    ['br', brotliCompressSync(TEXT)],
    ['gzip, br', brotliCompressSync(gzipSync(TEXT))],
  ])('decodes a %s body, parses its JSON and records the encoding', async (encoding, body) => {
    const s = await serve(encoded(encoding, body));
    const x = await client(s.url).send(get);
    expect(x.error).toBeUndefined();
    expect(x.response?.body).toBe(TEXT);
    expect(x.json).toEqual(BODY);
    expect(x.contentEncoding).toEqual({ codings: encoding, encodedBytes: body.length });
    expect(x.response?.headers['content-encoding']).toBe(encoding);
  });

  it('records no encoding for a plain body', async () => {
    const s = await serve((_req, res) => res.end(TEXT));
    const x = await client(s.url).send(get);
    expect(x.json).toEqual(BODY);
    expect(x.contentEncoding).toBeUndefined();
  });

  it('answers a body that does not decode as a protocol error naming the encoding, and keeps going', async () => {
    let calls = 0;
    const s = await serve((req, res) => {
      calls += 1;
      if (calls === 1) encoded('gzip', Buffer.from(TEXT))(req, res);
      else res.end(TEXT);
    });
    const http = client(s.url);
    const broken = await http.send(get);
    expect(broken.response).toBeUndefined();
    expect(broken.error?.kind).toBe('protocol');
    expect(broken.error?.message).toMatch(/after status 200.*Content-Encoding "gzip".*does not decode/);
    expect((await http.send(get)).json).toEqual(BODY);
  });

  it('refuses a coding it did not ask for', async () => {
    const s = await serve(encoded('zstd', Buffer.from('(+\u00b5/')));
    const x = await client(s.url).send(get);
    expect(x.error?.kind).toBe('protocol');
    expect(x.error?.message).toContain('"zstd" is not one the client asked for');
  });

  it('holds the decoded body to maxResponseBytes: a small gzip cannot inflate past the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    const s = await serve(encoded('gzip', bomb));
    const x = await client(s.url, { maxResponseBytes: 64 * 1024 }).send(get);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(x.error?.kind).toBe('protocol');
    expect(x.error?.message).toContain(`exceeded the limit of ${64 * 1024} bytes`);
  });

  it('ends a gzip body that drips at the attempt timeout', async () => {
    const body = gzipSync(TEXT);
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.write(body.subarray(0, 10));
    });
    const t0 = performance.now();
    const x = await client(s.url, { timeoutMs: 200 }).send(get);
    expect(x.error?.kind).toBe('timeout');
    expect(performance.now() - t0).toBeLessThan(3_000);
  });
});

describe('media types and connections', () => {
  it.each([
    'application/json; charset=UTF-8',
    'application/json;charset=utf-8',
    'application/hal+json; charset="UTF-8"; profile=x',
  ])('parses JSON under %s', async (contentType) => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': contentType });
      res.end(TEXT);
    });
    const x = await client(s.url).send(get);
    expect(x.json).toEqual(BODY);
    expect(x.response?.headers['content-type']).toBe(contentType);
  });

  it('parses JSON that starts with a byte-order mark', async () => {
    const s = await serve((_req, res) => res.end(`\uFEFF${TEXT}`));
    expect((await client(s.url).send(get)).json).toEqual(BODY);
  });

  it('copes with Connection: close after every answer, sequential and concurrent', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
      res.end(TEXT);
    });
    const http = client(s.url, { concurrency: 3 });
    for (let i = 0; i < 4; i += 1) expect((await http.send(get)).json).toEqual(BODY);
    const together = await Promise.all(Array.from({ length: 6 }, () => http.send(get)));
    expect(together.map((x) => x.response?.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(http.stats.retries).toBe(0);
  });

  it('reads a body delimited by the connection closing (no Content-Length, no chunking)', async () => {
    const server = await listenOnLoopback(
      createServer().on('connection', (socket) => {
        socket.once('data', () => {
          socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${TEXT}`);
        });
      }),
    );
    open.servers.push(server);
    const x = await client(server.url).send(get);
    expect(x.json).toEqual(BODY);
  });
});
