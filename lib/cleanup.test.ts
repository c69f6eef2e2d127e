import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanupLedgers, LEFTOVERS_FILE } from './cleanup.ts';
import { HttpClient } from './http-client.ts';
import { CleanupLedger, ledgerPath, pendingResources, readLedger } from './ledger.ts';
import { startBrokenServer } from './testing/broken-servers.ts';
import { exited, ready, spawnLedgerChild } from './testing/child-process.ts';
import { type ResourceServer, startResourceServer } from './testing/resource-server.ts';

let dir: string;
let target: ResourceServer;
let http: HttpClient;
const startedAt = '2026-01-10T12:00:00.000Z';

function newClient(baseUrl: string): HttpClient {
  return new HttpClient({ baseUrl, timeoutMs: 500, retries: 1, backoff: { baseMs: 1, maxMs: 5 } });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'occ-cleanup-test-'));
  target = await startResourceServer();
  http = newClient(target.url);
});

afterEach(async () => {
  await http.close();
  await target.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A ledger listing an order with contacts that exist on the target. */
function ledgerWith(
  runId: string,
  orderRef: string,
  contactRefs: readonly string[],
  baseUrl = target.url,
): CleanupLedger {
  target.seed(orderRef, contactRefs);
  const ledger = CleanupLedger.open(dir, runId, { baseUrl, startedAt });
  ledger.record({ kind: 'order', apiVersion: 'v2.1', ref: orderRef });
  for (const ref of contactRefs) ledger.record({ kind: 'contact', apiVersion: 'v2.1', ref, orderRef });
  return ledger;
}

describe('cleanupLedgers', () => {
  it('deletes contacts, then orders, and removes the ledger', async () => {
    const ledger = ledgerWith('run-a', 'o-1', ['c-1', 'c-2', 'c-3']);
    const result = await cleanupLedgers({ dir, client: http });
    expect(result).toEqual({ deleted: 4, alreadyGone: 0, failed: [], notDeletable: [], skipped: [] });
    expect(target.orders.size + target.contacts.size).toBe(0);
    expect(target.log.at(-1)).toBe('DELETE /v2.1/orders/o-1');
    expect(existsSync(ledger.path)).toBe(false);
  });

  it('counts a 404 as already gone', async () => {
    const ledger = ledgerWith('run-a', 'o-1', ['c-1']);
    ledger.record({ kind: 'contact', apiVersion: 'v2', ref: 'c-never-there', orderRef: 'o-1' });
    const result = await cleanupLedgers({ dir, client: http });
    expect(result).toMatchObject({ deleted: 2, alreadyGone: 1, failed: [] });
    expect(target.log).toContain('DELETE /v2/orderContacts/c-never-there');
  });

  it('reports what it could not delete, keeps it in the ledger and finishes it next time', async () => {
    const ledger = ledgerWith('run-a', 'o-1', ['c-1', 'c-2']);
    target.failDeletes.set('c-2', 500);
    const lines: string[] = [];
    const first = await cleanupLedgers({ dir, client: http, log: (line) => lines.push(line) });
    expect(first.deleted).toBe(1);
    expect(first.failed).toEqual([
      { kind: 'contact', ref: 'c-2', reason: 'status 500' },
      { kind: 'order', ref: 'o-1', reason: 'status 409' },
    ]);
    expect(lines).toContain('could not delete contact c-2: status 500');
    expect(pendingResources(readLedger(ledger.path).entries).map((p) => p.ref)).toEqual(['c-2', 'o-1']);

    target.failDeletes.clear();
    target.log.length = 0;
    const second = await cleanupLedgers({ dir, client: http });
    expect(second).toMatchObject({ deleted: 2, failed: [] });
    expect(target.log).toEqual(['DELETE /v2.1/orderContacts/c-2', 'DELETE /v2.1/orders/o-1']);
    expect(existsSync(ledger.path)).toBe(false);
  });

  it('stops sending once the target is unreachable and reports the rest as not attempted', async () => {
    const down = await startBrokenServer('down');
    const client = newClient(down.url);
    const contacts = Array.from({ length: 12 }, (_, i) => `c-${i}`);
    ledgerWith('run-a', 'o-1', contacts, down.url);
    const result = await cleanupLedgers({ dir, client });
    await client.close();
    expect(result.deleted).toBe(0);
    expect(result.failed).toHaveLength(13);
    expect(client.stats.requests).toBeLessThanOrEqual(4);
    expect(result.failed.filter((f) => f.reason.startsWith('not attempted')).length).toBeGreaterThanOrEqual(
      9,
    );
    expect(result.failed[0]?.reason).toContain('ECONNREFUSED');
    expect(existsSync(ledgerPath(dir, 'run-a'))).toBe(true);
  });

  it('stops after the target refuses the credentials', async () => {
    const refusing = await startBrokenServer('auth-refused');
    const client = newClient(refusing.url);
    ledgerWith(
      'run-a',
      'o-1',
      Array.from({ length: 8 }, (_, i) => `c-${i}`),
      refusing.url,
    );
    const result = await cleanupLedgers({ dir, client });
    await client.close();
    await refusing.close();
    expect(refusing.requests).toBeLessThanOrEqual(4);
    expect(result.failed).toHaveLength(9);
    expect(result.failed.some((f) => f.reason === 'status 401')).toBe(true);
  });

  it('leaves alone a ledger of another target', async () => {
    ledgerWith('run-a', 'o-1', ['c-1'], 'https://tenant.example');
    const result = await cleanupLedgers({ dir, client: http });
    expect(result.skipped).toEqual([
      {
        ledger: ledgerPath(dir, 'run-a'),
        reason: expect.stringContaining('https://tenant.example'),
        baseUrl: 'https://tenant.example',
      },
    ]);
    expect(target.log).toEqual([]);
  });

  it('says once, grouped by target, which ledgers it left alone and the command that deletes their data', async () => {
    ledgerWith('run-a', 'o-1', ['c-1'], 'https://tenant.example');
    ledgerWith('run-b', 'o-2', [], 'https://tenant.example');
    ledgerWith('run-c', 'o-3', [], 'https://other.example');
    const lines: string[] = [];
    await cleanupLedgers({ dir, client: http, log: (line) => lines.push(line) });
    expect(lines).toEqual([
      '2 ledgers of earlier runs against https://tenant.example left alone: run occ cleanup --base-url https://tenant.example to delete what they list',
      '1 ledger of earlier runs against https://other.example left alone: run occ cleanup --base-url https://other.example to delete what it lists',
    ]);
  });

  it('writes nothing when the target is down: an unanswered create stays unknown, not a phantom leftover', async () => {
    const down = await startBrokenServer('down');
    const client = newClient(down.url);
    try {
      const ledger = CleanupLedger.open(dir, 'run-dead', { baseUrl: down.url, startedAt });
      ledger.recordIntent({ kind: 'order', apiVersion: 'v2.1' });
      const before = readFileSync(ledger.path, 'utf8');
      const lines: string[] = [];
      const result = await cleanupLedgers({ dir, client, log: (line) => lines.push(line) });
      expect(readFileSync(ledger.path, 'utf8')).toBe(before);
      expect(existsSync(join(dir, LEFTOVERS_FILE))).toBe(false);
      expect(result.notDeletable).toEqual([]);
      expect(result.failed).toHaveLength(1);
      expect(lines).toHaveLength(1);
      expect(new Set(lines).size).toBe(lines.length);
    } finally {
      await client.close();
      await down.close();
    }
  });

  it('leaves alone the ledger of a run still alive, unless asked for that run', async () => {
    const child = spawnLedgerChild(['hold', dir, 'run-live', target.url]);
    try {
      await ready(child);
      const ledger = CleanupLedger.open(dir, 'run-live', { baseUrl: target.url, startedAt });
      target.seed('o-1');
      ledger.record({ kind: 'order', apiVersion: 'v2.1', ref: 'o-1' });
      const skipped = await cleanupLedgers({ dir, client: http });
      expect(skipped.skipped[0]?.reason).toContain(`process ${child.pid}`);
      expect(target.orders.size).toBe(1);
      const forced = await cleanupLedgers({ dir, client: http, only: 'run-live' });
      expect(forced.deleted).toBe(1);
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
  }, 30_000);

  it('cleans only the run it is asked to', async () => {
    ledgerWith('run-a', 'o-1', ['c-1']);
    const other = ledgerWith('run-b', 'o-2', ['c-2']);
    const result = await cleanupLedgers({ dir, client: http, only: 'run-a' });
    expect(result.deleted).toBe(2);
    expect([...target.orders]).toEqual(['o-2']);
    expect(existsSync(other.path)).toBe(true);
  });

  it('finds the contact of an unanswered create on its order by its marker, and deletes it before the order', async () => {
    const ledger = ledgerWith('run-a', 'o-1', ['c-1']);
    const marker = 'occ-run-run-a-77';
    ledger.recordIntent({ kind: 'contact', apiVersion: 'v2.1', orderRef: 'o-1', marker });
    // The server created it, but the run died before it could write the answer down.
    target.seed('o-1', ['c-lost'], [{ provider: 'occ-conformance', id: marker }]);
    target.seed('o-1', ['c-other'], [{ provider: 'crm', id: 'someone-else' }]);
    const result = await cleanupLedgers({ dir, client: http });
    expect(result.notDeletable).toEqual([]);
    expect([...target.contacts.keys()]).toEqual(['c-other']);
    expect(result.failed.map((f) => f.ref)).toEqual(['o-1']);
    expect(existsSync(ledger.path)).toBe(true);
  });

  it('settles an unanswered create that the order does not hold, and answered refusals, without leftovers', async () => {
    const ledger = ledgerWith('run-a', 'o-1', []);
    ledger.recordIntent({ kind: 'contact', apiVersion: 'v2', orderRef: 'o-1', marker: 'occ-run-run-a-1' });
    ledger.recordNotCreated(
      ledger.recordIntent({ kind: 'contact', apiVersion: 'v2', orderRef: 'o-1', marker: 'occ-run-run-a-2' }),
      400,
    );
    const result = await cleanupLedgers({ dir, client: http });
    expect(result).toMatchObject({ deleted: 1, failed: [], notDeletable: [] });
    expect(target.log.filter((l) => l.startsWith('GET'))).toEqual(['GET /v2/orders/o-1/contacts']);
    expect(existsSync(ledger.path)).toBe(false);
    expect(existsSync(join(dir, LEFTOVERS_FILE))).toBe(false);
  });

  it('reports guests and unanswered creates as not deletable and keeps them in the leftovers file', async () => {
    const ledger = ledgerWith('run-a', 'o-1', []);
    ledger.record({ kind: 'guest', apiVersion: 'v2.1', ref: 'g-1' });
    // A minimal contact carries no marker: nothing to look for it by.
    ledger.recordIntent({ kind: 'contact', apiVersion: 'v2.1', orderRef: 'o-1' });
    const result = await cleanupLedgers({ dir, client: http });
    expect(result.deleted).toBe(1);
    expect(result.notDeletable.map((n) => n.ref)).toEqual(['g-1', 'unknown']);
    expect(existsSync(ledger.path)).toBe(false);
    const leftovers = readFileSync(join(dir, LEFTOVERS_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { ref: string; runId: string });
    expect(leftovers.map((l) => [l.ref, l.runId])).toEqual([
      ['g-1', 'run-a'],
      ['unknown', 'run-a'],
    ]);
    // The leftovers file is not a ledger: the next cleanup does not trip over it.
    expect(await cleanupLedgers({ dir, client: http })).toMatchObject({
      deleted: 0,
      failed: [],
      skipped: [],
    });
  });

  it('finishes the ledger of a child process killed mid-run', async () => {
    const child = spawnLedgerChild(['create', dir, 'run-killed', target.url]);
    await ready(child);
    expect(target.orders.size).toBe(1);
    expect(target.contacts.size).toBe(3);
    child.kill('SIGKILL');
    expect(await exited(child)).toBe('SIGKILL');
    const lines: string[] = [];
    const result = await cleanupLedgers({ dir, client: http, log: (line) => lines.push(line) });
    expect(result).toMatchObject({ deleted: 4, alreadyGone: 0, failed: [], skipped: [] });
    expect(target.orders.size + target.contacts.size).toBe(0);
    expect(existsSync(ledgerPath(dir, 'run-killed'))).toBe(false);
    expect(lines).toContain(
      'run run-killed: 4 deleted, 0 already gone, 0 could not be deleted, 0 not deletable',
    );
  }, 30_000);

  it('does nothing when the ledger folder does not exist', async () => {
    const result = await cleanupLedgers({ dir: join(dir, 'missing'), client: http });
    expect(result).toEqual({ deleted: 0, alreadyGone: 0, failed: [], notDeletable: [], skipped: [] });
  });
});
