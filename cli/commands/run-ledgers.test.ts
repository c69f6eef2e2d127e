// A run that created nothing must leave no ledger behind, or every later run would have something to say about it.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DEFAULT_CLIENT_KEY, startMockServer } from '../../mock/index.ts';
import { spawnOcc } from '../testing/spawn-occ.ts';

it('a run whose credentials are refused creates nothing and leaves no ledger', async () => {
  const requests: string[] = [];
  const mock = await startMockServer({ onRequest: (e) => requests.push(`${e.status} ${e.method}`) });
  const ledgerDir = mkdtempSync(join(tmpdir(), 'occ-ledgers-'));
  const reportDir = mkdtempSync(join(tmpdir(), 'occ-ledgers-reports-'));
  try {
    const run = await spawnOcc([
      'run',
      '--base-url',
      mock.url,
      '--client-key',
      DEFAULT_CLIENT_KEY,
      '--api-token',
      'wrong-token',
      '--ledger-dir',
      ledgerDir,
      '--report-dir',
      reportDir,
    ]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/Credentials refused by/);
    // The create of the run's order was sent and refused: the ledger existed, and listed nothing.
    expect(requests).toContain('401 POST');
    expect(mock.handler.store.orderCount).toBe(0);
    expect(existsSync(ledgerDir) ? readdirSync(ledgerDir) : []).toEqual([]);
  } finally {
    await mock.close();
  }
});

it('a run against a port where nothing listens leaves no ledger', async () => {
  // A port that was just free: nothing listens there once the server is closed.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const ledgerDir = mkdtempSync(join(tmpdir(), 'occ-ledgers-'));
  const reportDir = mkdtempSync(join(tmpdir(), 'occ-ledgers-reports-'));
  const run = await spawnOcc([
    'run',
    '--base-url',
    `http://127.0.0.1:${port}`,
    '--client-key',
    DEFAULT_CLIENT_KEY,
    '--api-token',
    'any-token',
    '--ledger-dir',
    ledgerDir,
    '--report-dir',
    reportDir,
  ]);
  expect(run.code).toBe(3);
  expect(run.stdout).toMatch(/connection was refused/);
  expect(existsSync(ledgerDir) ? readdirSync(ledgerDir) : []).toEqual([]);
});
