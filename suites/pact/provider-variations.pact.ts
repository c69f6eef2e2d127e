// Provider verification against what a real tenant may legitimately do (it must pass), against what it must not
// (it must fail), and against targets that cannot be reached (it must end, bounded, with inconclusive results).
// Real sockets on 127.0.0.1: the mock, a proxy in front of it, broken servers.
import { afterEach, describe, expect, it } from 'vitest';
import { startBrokenServer } from '../../lib/testing/broken-servers.ts';
import { startFailingProxy } from '../../lib/testing/failing-proxy.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY, startMockServer } from '../../mock/index.ts';
import { startTenantVariationProxy, type TenantVariations } from './tenant-variation-proxy.ts';
import { type PactResult, type VerifyOptions, verifyPacts } from './verify-pacts.ts';
import { forkVerifierChild, verifyPactsInChild } from './verify-pacts-process.ts';

const credentials = { clientKey: DEFAULT_CLIENT_KEY, apiToken: DEFAULT_API_TOKEN };
const versions = ['v2.1', 'v2'] as const;
const toClose: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  for (const server of toClose.splice(0).reverse()) await server.close();
});

async function throughVariations(variations: TenantVariations, options: Partial<VerifyOptions> = {}) {
  const mock = await startMockServer({});
  toClose.push(mock);
  const proxy = await startTenantVariationProxy(mock.url, variations);
  toClose.push(proxy);
  const results = await verifyPacts({ baseUrl: proxy.url, credentials, apiVersions: versions, ...options });
  return { results, requests: proxy.requests };
}

const failed = (results: readonly PactResult[]) =>
  results.filter((r) => !r.passed && r.inconclusive === undefined && r.skipped === undefined);

const UPDATES = [
  'v2.1: a request to update an order contact',
  'v2.1: a request to partially update an order contact',
  'v2: a request to update an order contact',
];
const LISTS = [
  'v2.1: a request to list the contacts of an order',
  'v2.1: a request to list the contacts of an order with expand=true',
  'v2: a request to list the contacts of an order',
];

describe('Pact provider verification against legitimate variation', () => {
  it('passes every interaction: upper-case refs, other ISO date forms, extra fields, 201 updates, gzip, charset, a lagging list, Connection: close', async () => {
    const { results } = await throughVariations({
      upperCaseRefs: true,
      otherDateForms: true,
      extraFields: true,
      updateStatus: 201,
      gzip: true,
      charset: true,
      listLagMs: 300,
      connectionClose: true,
    });
    expect(results.length).toBeGreaterThanOrEqual(18);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('fails the update interactions, and only those, when updates answer 202: the status matcher allows 200 and 201 only', async () => {
    const { results } = await throughVariations({ updateStatus: 202 });
    expect(
      failed(results)
        .map((r) => r.interaction)
        .sort(),
    ).toEqual([...UPDATES].sort());
    expect(failed(results)[0]?.mismatches.join(' ')).toMatch(/202/);
  });

  it('fails the list interactions against a lagging list when the provider state does not wait', async () => {
    const { results } = await throughVariations(
      { listLagMs: 1_000 },
      { listedWait: { budgetMs: 0, firstDelayMs: 0 } },
    );
    expect(failed(results).map((r) => r.interaction)).toEqual(expect.arrayContaining(LISTS));
  });
});

describe('read-only Pact verification', () => {
  it('sends only GET, replays the interactions that need no writes and skips the rest with the reason', async () => {
    const { results, requests } = await throughVariations({}, { readOnly: true });
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => !r.startsWith('GET '))).toEqual([]);
    const replayed = results.filter((r) => r.skipped === undefined);
    expect(replayed.map((r) => r.interaction).sort()).toEqual(
      [
        'v2.1: a request to retrieve an order contact that does not exist',
        'v2.1: a request without credentials',
        'v2: a request to retrieve an order contact that does not exist',
        'v2: a request without credentials',
      ].sort(),
    );
    expect(replayed.every((r) => r.passed)).toBe(true);
    const skipped = results.filter((r) => r.skipped !== undefined);
    expect(skipped.length).toBe(results.length - 4);
    expect(skipped.every((r) => /^read-only run: /.test(r.skipped ?? '') && !r.passed)).toBe(true);
  });
});

describe('a bounded Pact stage', () => {
  it('makes an interaction whose connection was reset inconclusive, not failed, and ends', async () => {
    const mock = await startMockServer({});
    toClose.push(mock);
    const proxy = await startFailingProxy(mock.url, (n) => (n % 5 === 0 ? 'reset' : 'forward'));
    toClose.push(proxy);
    const results = await verifyPacts({
      baseUrl: proxy.url,
      credentials,
      apiVersions: versions,
      timeoutMs: 2_000,
    });
    expect(results.length).toBeGreaterThanOrEqual(18);
    expect(failed(results)).toEqual([]);
    expect(results.some((r) => r.inconclusive !== undefined)).toBe(true);
  });

  it('ends against a hanging target with every interaction inconclusive', async () => {
    const hang = await startBrokenServer('hang');
    toClose.push(hang);
    const t0 = performance.now();
    const results = await verifyPacts({
      baseUrl: hang.url,
      credentials,
      apiVersions: versions,
      timeoutMs: 300,
    });
    expect(performance.now() - t0).toBeLessThan(30_000);
    expect(results.length).toBeGreaterThanOrEqual(18);
    expect(results.filter((r) => r.inconclusive === undefined)).toEqual([]);
  });

  it('kills the verifier at its deadline and returns every unverified interaction inconclusive', async () => {
    const hang = await startBrokenServer('hang');
    toClose.push(hang);
    const deadlineMs = 5_000;
    const t0 = performance.now();
    const results = await verifyPactsInChild(
      { baseUrl: hang.url, apiVersions: versions, timeoutMs: 60_000, deadlineMs },
      credentials,
    );
    expect(performance.now() - t0).toBeLessThan(deadlineMs + 3_000);
    expect(results.length).toBeGreaterThanOrEqual(18);
    expect(results.filter((r) => !/deadline of 5000 ms passed/.test(r.inconclusive ?? ''))).toEqual([]);
  });
});

describe('Pact verification in a child forked ahead of its request', () => {
  it('verifies every interaction, 8 at once, in a child forked while something else ran', async () => {
    const mock = await startMockServer({});
    toClose.push(mock);
    const child = forkVerifierChild(credentials, 8);
    // The suites would run meanwhile: the child loads tsx and Pact and waits for its request.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(child.process.exitCode).toBeNull();
    const results = await verifyPactsInChild(
      { baseUrl: mock.url, apiVersions: versions, concurrency: 8 },
      credentials,
      undefined,
      child,
    );
    expect(child.process.exitCode).toBe(0);
    expect(results.length).toBeGreaterThanOrEqual(18);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('ends a child disposed of unused, and a dead one is replaced by a new child', async () => {
    const mock = await startMockServer({});
    toClose.push(mock);
    const unused = forkVerifierChild(credentials);
    const exited = new Promise((resolve) => unused.process.once('exit', resolve));
    unused.dispose();
    await exited;
    expect(unused.process.signalCode).toBe('SIGKILL');
    // Handed a child that has died, verification forks its own and still verifies.
    const results = await verifyPactsInChild(
      { baseUrl: mock.url, apiVersions: ['v2'] },
      credentials,
      undefined,
      unused,
    );
    expect(results.length).toBeGreaterThanOrEqual(8);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });
});
