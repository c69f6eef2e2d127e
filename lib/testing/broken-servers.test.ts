import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { type BrokenServer, type BrokenServerKind, startBrokenServer } from './broken-servers.ts';

interface RawResult {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  body: string;
  error?: string;
}

/** A plain node:http GET that records whatever happens, never rejecting. */
function rawGet(url: string): Promise<RawResult> {
  return new Promise((resolve) => {
    const result: RawResult = { body: '' };
    const req = request(url, { agent: false }, (res) => {
      result.status = res.statusCode ?? 0;
      result.headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        result.body += chunk;
      });
      res.on('end', () => resolve(result));
      res.on('error', (error) => resolve({ ...result, error: error.message }));
      res.on('aborted', () => resolve({ ...result, error: 'aborted' }));
    });
    req.on('error', (error) =>
      resolve({ ...result, error: (error as NodeJS.ErrnoException).code ?? error.message }),
    );
    req.end();
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
}

async function closesWhileBusy(server: BrokenServer): Promise<RawResult> {
  const pending = rawGet(server.url);
  await until(() => server.requests > 0);
  await server.close();
  return pending;
}

describe('startBrokenServer', () => {
  it.each<BrokenServerKind>(['hang', 'slow-drip'])(
    'closes cleanly while a %s request is still open',
    async (kind) => {
      const server = await startBrokenServer(kind, { dripIntervalMs: 5 });
      const result = await closesWhileBusy(server);
      expect(result.error).toBeDefined();
      expect(server.requests).toBe(1);
    },
  );

  it('listens on loopback only', async () => {
    const server = await startBrokenServer('echo');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await server.close();
  });

  it('resets the connection on every request', async () => {
    const server = await startBrokenServer('reset');
    expect((await rawGet(server.url)).error).toBe('ECONNRESET');
    await server.close();
  });

  it('refuses connections when down', async () => {
    const server = await startBrokenServer('down');
    expect((await rawGet(server.url)).error).toBe('ECONNREFUSED');
    await server.close();
  });

  it('closes the body short of its declared length', async () => {
    const server = await startBrokenServer('close-mid-body');
    const result = await rawGet(server.url);
    expect(result.status).toBe(200);
    expect(result.headers?.['content-length']).toBe('1000');
    expect(result.body.length).toBeLessThan(1000);
    expect(result.error).toBeDefined();
    await server.close();
  });

  it('answers 429 with Retry-After for the first requests, then 200', async () => {
    const server = await startBrokenServer('429-retry-after', { failures: 2, retryAfter: '3' });
    const answers = [await rawGet(server.url), await rawGet(server.url), await rawGet(server.url)];
    expect(answers.map((a) => a.status)).toEqual([429, 429, 200]);
    expect(answers[0]?.headers?.['retry-after']).toBe('3');
    await server.close();
  });

  it('answers a burst of 503 then a fixed JSON', async () => {
    const server = await startBrokenServer('503-burst', { failures: 1 });
    const answers = [await rawGet(server.url), await rawGet(server.url)];
    expect(answers.map((a) => a.status)).toEqual([503, 200]);
    expect(JSON.parse(answers[1]?.body ?? '')).toEqual({ ok: true });
    await server.close();
  });

  it.each([
    ['garbage', 'application/json', false],
    ['html', 'text/html; charset=utf-8', false],
    ['wrong-content-type', 'text/plain', true],
  ] as const)('answers %s as %s (body JSON: %s)', async (kind, contentType, isJson) => {
    const server = await startBrokenServer(kind);
    const result = await rawGet(server.url);
    expect(result.status).toBe(200);
    expect(result.headers?.['content-type']).toBe(contentType);
    let parses = true;
    try {
      JSON.parse(result.body);
    } catch {
      parses = false;
    }
    expect(parses).toBe(isJson);
    await server.close();
  });

  it('refuses every request with the vendor 401 body', async () => {
    const server = await startBrokenServer('auth-refused');
    const result = await rawGet(server.url);
    expect(result.status).toBe(401);
    expect(JSON.parse(result.body)).toMatchObject({ status: 'UNAUTHORIZED', code: 401 });
    await server.close();
  });
});
