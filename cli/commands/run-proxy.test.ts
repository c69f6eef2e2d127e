// `occ run` behind a forward proxy, as in a corporate CI: HTTP_PROXY / NO_PROXY are honoured, counted at a real
// proxy on loopback in front of a standalone `occ mock`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ForwardProxy, startForwardProxy } from '../../lib/testing/forward-proxy.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from '../../mock/index.ts';
import { type OccOutcome, spawnOcc } from '../testing/spawn-occ.ts';
import { type StandaloneMock, startStandaloneMock } from '../testing/standalone-mock.ts';

/** A name that resolves nowhere: only the proxy knows where the tenant is, so a request that bypassed it fails. */
const TENANT = 'http://tenant.occ-proxy-test.invalid';

let mock: StandaloneMock;
const proxies: ForwardProxy[] = [];

beforeAll(async () => {
  mock = await startStandaloneMock();
}, 30_000);
afterEach(async () => {
  for (const proxy of proxies.splice(0)) await proxy.close();
});
afterAll(async () => {
  await mock?.close();
});

async function proxy(options: Parameters<typeof startForwardProxy>[0] = {}): Promise<ForwardProxy> {
  const started = await startForwardProxy(options);
  proxies.push(started);
  return started;
}

async function run(baseUrl: string, env: Record<string, string>, extra: string[] = []): Promise<OccOutcome> {
  return spawnOcc(
    [
      'run',
      '--base-url',
      baseUrl,
      '--client-key',
      DEFAULT_CLIENT_KEY,
      '--api-token',
      DEFAULT_API_TOKEN,
      '--report-dir',
      mkdtempSync(join(tmpdir(), 'occ-proxy-report-')),
      '--ledger-dir',
      mkdtempSync(join(tmpdir(), 'occ-proxy-ledger-')),
      ...extra,
    ],
    env,
  );
}

describe('occ run behind a proxy', () => {
  it('reaches the tenant only through HTTP_PROXY, the Pact stage included', async () => {
    const mockHost = new URL(mock.url).host;
    const forward = await proxy({ route: () => mockHost });
    const before = mock.requests().length;
    const outcome = await run(TENANT, { HTTP_PROXY: forward.url }, ['--allow-insecure']);
    await mock.quiet();
    const reached = mock.requests().length - before;
    expect({ code: outcome.code, out: outcome.stdout.slice(-1500), err: outcome.stderr }).toMatchObject({
      code: 0,
    });
    expect(outcome.stdout).toMatch(/✓ pact v2\.1: /);
    expect(reached).toBeGreaterThan(100);
    expect(forward.received.length).toBeGreaterThan(0);
    // Only the tenant went through the proxy: never Pact's native Verifier calling its local proxy on 127.0.0.1.
    expect(new Set(forward.received.map((r) => r.target))).toEqual(
      new Set(['tenant.occ-proxy-test.invalid:80']),
    );
  }, 300_000);

  it('goes direct to a host NO_PROXY names (lower-case forms too)', async () => {
    const forward = await proxy();
    const before = mock.requests().length;
    const outcome = await run(mock.url, { http_proxy: forward.url, no_proxy: 'localhost,127.0.0.1' }, [
      '--no-pact',
    ]);
    await mock.quiet();
    expect({ code: outcome.code, err: outcome.stderr }).toMatchObject({ code: 0 });
    expect(mock.requests().length - before).toBeGreaterThan(100);
    expect(forward.received).toEqual([]);
  }, 300_000);

  it('ends with exit 3 and says the proxy refused when it does, sending nothing to the tenant', async () => {
    const refusing = await proxy({ refuse: true });
    const before = mock.requests().length;
    const outcome = await run(mock.url, { HTTP_PROXY: refusing.url }, ['--no-pact']);
    await mock.quiet();
    expect(outcome.code).toBe(3);
    expect(refusing.received.length).toBeGreaterThan(0);
    expect(mock.requests().length - before).toBe(0);
    expect(outcome.stdout).toContain(
      'the proxy refused to open a connection to the target (it answered 403)',
    );
    expect(outcome.stdout).toContain('NO_PROXY');
  }, 120_000);
});
