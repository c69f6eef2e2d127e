// `occ run` against an https:// tenant through a corporate forward proxy: the CONNECT tunnel, TLS end to end with a
// certificate of a private CA, as every real tenant is reached from a locked-down CI. The tenant's name resolves
// nowhere; only the proxy knows where it is, so a request that bypassed the proxy fails.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ForwardProxy, startForwardProxy } from '../../lib/testing/forward-proxy.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from '../../mock/index.ts';
import { hasCommand, requireTool } from '../../reports/testing/tools.ts';
import { type OccOutcome, spawnOcc } from '../testing/spawn-occ.ts';
import { type StandaloneMock, startStandaloneMock } from '../testing/standalone-mock.ts';

const HOST = 'tenant.occ-proxy-test.invalid';
const TENANT = `https://${HOST}`;

let mock: StandaloneMock;
let front: Server;
let frontHost: string;
let proxy: ForwardProxy;
let certificate: string;
const sockets = new Set<Socket>();

/** A self-signed certificate for HOST, made for this run only (a private CA of one). */
function makeCertificate(dir: string): { key: string; cert: string } {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${HOST}`,
      '-addext',
      `subjectAltName=DNS:${HOST}`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { key, cert };
}

beforeAll(async () => {
  if (!hasCommand('openssl')) return;
  const dir = mkdtempSync(join(tmpdir(), 'occ-tls-'));
  const { key, cert } = makeCertificate(dir);
  certificate = cert;
  mock = await startStandaloneMock();
  const mockUrl = new URL(mock.url);
  // TLS ends here; the plain bytes go on to the mock, as a TLS-terminating load balancer in front of an API.
  front = createTlsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (tls) => {
    const upstream = connect(Number(mockUrl.port), mockUrl.hostname);
    sockets.add(tls).add(upstream);
    tls.pipe(upstream).pipe(tls);
    const close = () => {
      tls.destroy();
      upstream.destroy();
    };
    tls.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  frontHost = `127.0.0.1:${(front.address() as AddressInfo).port}`;
  proxy = await startForwardProxy({ route: () => frontHost });
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => (front ? front.close(() => resolve()) : resolve()));
  await proxy?.close();
  await mock?.close();
});

async function run(env: Record<string, string>, extra: string[] = []): Promise<OccOutcome> {
  return spawnOcc(
    [
      'run',
      '--base-url',
      TENANT,
      '--client-key',
      DEFAULT_CLIENT_KEY,
      '--api-token',
      DEFAULT_API_TOKEN,
      '--report-dir',
      mkdtempSync(join(tmpdir(), 'occ-https-report-')),
      '--ledger-dir',
      mkdtempSync(join(tmpdir(), 'occ-https-ledger-')),
      ...extra,
    ],
    { HTTPS_PROXY: proxy.url, ...env },
  );
}

describe('occ run to an https tenant through a forward proxy', () => {
  it('tunnels every request through HTTPS_PROXY with CONNECT, the Pact stage included, trusting NODE_EXTRA_CA_CERTS', async (ctx) => {
    requireTool(ctx, hasCommand('openssl'), 'openssl is missing: apt-get install -y openssl');
    const before = mock.requests().length;
    const tunnels = proxy.received.length;
    const outcome = await run({ NODE_EXTRA_CA_CERTS: certificate });
    await mock.quiet();
    expect({ code: outcome.code, out: outcome.stdout.slice(-1500), err: outcome.stderr }).toMatchObject({
      code: 0,
    });
    expect(outcome.stdout).toMatch(/✓ pact v2\.1: /);
    expect(mock.requests().length - before).toBeGreaterThan(100);
    const opened = proxy.received.slice(tunnels);
    // Tunnels only (TLS end to end: the proxy never sees a request line), and only to the tenant.
    expect(opened.length).toBeGreaterThan(0);
    expect(new Set(opened.map((r) => `${r.kind} ${r.target}`))).toEqual(new Set([`connect ${HOST}:443`]));
  }, 300_000);

  it('refuses a certificate it cannot trust before any request reaches the API, naming NODE_EXTRA_CA_CERTS', async (ctx) => {
    requireTool(ctx, hasCommand('openssl'), 'openssl is missing: apt-get install -y openssl');
    const before = mock.requests().length;
    const outcome = await run({});
    await mock.quiet();
    expect(outcome.code).toBe(3);
    expect(mock.requests().length - before).toBe(0);
    expect(outcome.stdout).toContain(`the TLS handshake with ${HOST}`);
    expect(outcome.stdout).toContain('NODE_EXTRA_CA_CERTS=/path/to/ca.pem');
  }, 120_000);
});
