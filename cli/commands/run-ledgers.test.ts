// A run that created nothing must leave no ledger behind, or every later run would have something to say about it.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
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
