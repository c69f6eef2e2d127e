import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../lib/http-client.ts';
import { type LoopbackServer, listenOnLoopback } from '../../lib/loopback.ts';
import { ProviderForwarder } from './provider-forwarder.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of open.splice(0).reverse()) await s.close();
});

/** A target that logs every request and answers 200 {"seen":...}, or resets the connection when told. */
async function target(reset = false): Promise<LoopbackServer & { seen: string[] }> {
  const seen: string[] = [];
  const server = await listenOnLoopback(
    createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
      if (reset) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ seen: req.url }));
    }),
  );
  open.push(server);
  return { ...server, seen };
}

/** Pact's proxy, reduced to what the forwarder sees: a server whose every request goes through the filter. */
async function inFront(forwarder: ProviderForwarder): Promise<string> {
  const server = await listenOnLoopback(
    createServer((req, res) =>
      forwarder.filter(
        Object.assign(req, { path: (req.url ?? '/').split('?')[0] ?? '/', originalUrl: req.url ?? '/' }),
        res,
        () => {
          res.writeHead(299);
          res.end();
        },
      ),
    ),
  );
  open.push(server);
  return server.url;
}

function forwarderTo(url: string, readOnly: boolean): ProviderForwarder {
  const http = new HttpClient({
    baseUrl: url,
    credentials: { clientKey: 'real', apiToken: 'secret' },
    timeoutMs: 1_000,
    retries: 0,
  });
  open.push(http);
  return new ProviderForwarder({ http, readOnly });
}

describe('ProviderForwarder', () => {
  it("forwards a request with the real Authorization and answers with the target's answer", async () => {
    const t = await target();
    const url = await inFront(forwarderTo(t.url, false));
    const answer = await fetch(`${url}/v2.1/orders/o/contacts?expand=true`, {
      headers: { authorization: 'Basic placeholder' },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ seen: '/v2.1/orders/o/contacts?expand=true' });
    expect(t.seen).toEqual([
      `GET /v2.1/orders/o/contacts?expand=true Basic ${Buffer.from('real:secret').toString('base64')}`,
    ]);
  });

  it('forwards a request recorded without an Authorization without one (the auth tests pact such requests)', async () => {
    const t = await target();
    const url = await inFront(forwarderTo(t.url, false));
    expect((await fetch(`${url}/v2.1/orders/o/contacts`)).status).toBe(200);
    expect(t.seen).toEqual(['GET /v2.1/orders/o/contacts -']);
  });

  it('in a read-only run, never sends anything but GET', async () => {
    const t = await target();
    const forwarder = forwarderTo(t.url, true);
    const url = await inFront(forwarder);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      forwarder.begin();
      const answer = await fetch(`${url}/v2.1/orderContacts/c`, {
        method,
        body: method === 'DELETE' ? null : '{}',
      });
      expect(answer.status).toBe(405);
      expect(forwarder.blocked()).toBe(`read-only run: ${method} is never sent`);
    }
    forwarder.begin();
    expect((await fetch(`${url}/v2.1/orderContacts/c`)).status).toBe(200);
    expect(t.seen.map((line) => line.split(' ')[0])).toEqual(['GET']);
  });

  it("records a reset connection as the interaction's transport failure and answers 502", async () => {
    const t = await target(true);
    const forwarder = forwarderTo(t.url, false);
    const url = await inFront(forwarder);
    forwarder.begin();
    expect((await fetch(`${url}/v2/orderContacts/c`, { method: 'POST', body: '{}' })).status).toBe(502);
    expect(forwarder.transportFailure()).toMatch(/POST \/v2\/orderContacts\/c got no answer \(connection/);
    forwarder.begin();
    expect(forwarder.transportFailure()).toBeUndefined();
  });

  it('sends nothing for an interaction whose set-up failed', async () => {
    const t = await target();
    const forwarder = forwarderTo(t.url, false);
    const url = await inFront(forwarder);
    forwarder.begin();
    forwarder.block('creating an order answered status 500', false);
    expect((await fetch(`${url}/v2/orderContacts/c`)).status).toBe(502);
    expect(t.seen).toEqual([]);
    expect(forwarder.transportFailure()).toBeUndefined();
  });

  it("leaves Pact's own paths to Pact", async () => {
    const t = await target();
    const url = await inFront(forwarderTo(t.url, true));
    expect((await fetch(`${url}/_pactSetup`, { method: 'POST', body: '{}' })).status).toBe(299);
    expect(t.seen).toEqual([]);
  });
});
