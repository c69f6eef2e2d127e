// A run against a standalone mock is killed (SIGKILL) part-way; occ cleanup then deletes everything its ledger
// lists, and nothing the run created is left on the mock.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../lib/http-client.ts';
import { pendingResources, readLedger } from '../../lib/ledger.ts';

const BIN = fileURLToPath(new URL('../../bin/occ.js', import.meta.url));
const ENV = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(CDP_|OCC_|VITEST|NODE_OPTIONS)/.test(k)),
  ),
  CDP_CLIENT_KEY: 'occ-client-key',
  CDP_API_TOKEN: 'occ-api-token',
};
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

function startMock(): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'mock', '--port', '0', '--no-log'], {
    env: ENV,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(child);
  return new Promise((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening on (http:\/\/\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve(match[1]);
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

describe('occ cleanup after a killed run', () => {
  // Kill points after the run's ledger exists: at once, and two random moments later (printed, to replay a failure).
  const points = [0, 200 + Math.floor(Math.random() * 1500), 2000 + Math.floor(Math.random() * 3000)];
  it.each(points)(
    'deletes everything a run killed %i ms after it began creating had created',
    async (killAfterMs) => {
      const url = await startMock();
      const ledgerDir = mkdtempSync(join(tmpdir(), 'occ-ledger-'));
      const run = spawn(
        process.execPath,
        [
          BIN,
          'run',
          '--base-url',
          url,
          '--ledger-dir',
          ledgerDir,
          '--no-pact',
          // Enough contacts that the run is still going at the latest kill point (a default run can end in 5 s).
          '--cases',
          '3000',
          '--report-dir',
          join(ledgerDir, 'out'),
        ],
        {
          env: ENV,
          stdio: 'ignore',
        },
      );
      children.push(run);
      const ledgerExists = () =>
        readdirSync(ledgerDir).some((f) => f.startsWith('run-') && f.endsWith('.ndjson'));
      for (let waited = 0; !ledgerExists() && waited < 30_000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      // A run that ended on its own before the kill proves nothing about killed runs.
      expect(run.exitCode, 'the run ended before it could be killed: give it more cases').toBeNull();
      run.kill('SIGKILL');
      await exited(run);

      const ledgers = readdirSync(ledgerDir).filter((f) => f.endsWith('.ndjson') && f.startsWith('run-'));
      expect(ledgers).toHaveLength(1);
      const created = pendingResources(readLedger(join(ledgerDir, ledgers[0] as string)).entries);
      // At the earliest point the ledger may list nothing yet (the order's 201 not back): cleanup must still succeed.

      const cleanup = spawn(
        process.execPath,
        [BIN, 'cleanup', '--base-url', url, '--ledger-dir', ledgerDir, '--force'],
        { env: ENV, stdio: 'ignore' },
      );
      expect(await exited(cleanup)).toBe(0);

      const http = new HttpClient({
        baseUrl: url,
        credentials: { clientKey: 'occ-client-key', apiToken: 'occ-api-token' },
        retries: 0,
      });
      for (const resource of created) {
        const path =
          resource.kind === 'order'
            ? `/${resource.apiVersion}/orders/${resource.ref}/contacts`
            : `/${resource.apiVersion}/orderContacts/${resource.ref}`;
        const exchange = await http.send({ method: 'GET', path, operation: 'probe' });
        expect(exchange.response?.status, `${resource.kind} ${resource.ref}`).toBe(404);
      }
      await http.close();
      expect(existsSync(join(ledgerDir, ledgers[0] as string))).toBe(false);
    },
    60_000,
  );
});
