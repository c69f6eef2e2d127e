import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CleanupLedger,
  ledgerPath,
  ledgerSummary,
  markedLastName,
  pendingResources,
  RUN_MARKER_PROVIDER,
  readLedger,
  removeEmptyLedger,
  runMarkerIdentifier,
  unconfirmedIntents,
} from './ledger.ts';
import { exited, spawnLedgerChild } from './testing/child-process.ts';

let dir: string;
const meta = { baseUrl: 'http://127.0.0.1:8787', startedAt: '2026-01-10T12:00:00.000Z' };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'occ-ledger-test-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('CleanupLedger', () => {
  it('writes one NDJSON file per run, readable line by line', () => {
    const ledger = CleanupLedger.open(dir, 'run-a', meta);
    ledger.record({ kind: 'order', apiVersion: 'v2.1', ref: 'o-1' });
    ledger.record({ kind: 'contact', apiVersion: 'v2.1', ref: 'c-1', orderRef: 'o-1' });
    ledger.markDeleted('contact', 'c-1');
    expect(ledger.path).toBe(ledgerPath(dir, 'run-a'));
    const lines = readFileSync(ledger.path, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { type: string }).type)).toEqual([
      'open',
      'created',
      'created',
      'deleted',
    ]);
    const read = readLedger(ledger.path);
    expect(read.runId).toBe('run-a');
    expect(read.baseUrl).toBe('http://127.0.0.1:8787');
    expect(read.entries[2]).toMatchObject({
      type: 'created',
      kind: 'contact',
      ref: 'c-1',
      orderRef: 'o-1',
      createdBy: 'run-a',
    });
    expect(read.invalidLines).toEqual([]);
    expect(read.tornLine).toBeUndefined();
  });

  it('never writes credentials given in the base URL', () => {
    const ledger = CleanupLedger.open(dir, 'run-a', {
      ...meta,
      baseUrl: 'https://key:token@tenant.example/',
    });
    const text = readFileSync(ledger.path, 'utf8');
    expect(text).not.toContain('key');
    expect(text).not.toContain('token');
    expect(readLedger(ledger.path).baseUrl).toBe('https://tenant.example');
  });

  it('refuses a run id that could escape the ledger folder', () => {
    expect(() => CleanupLedger.open(dir, '../../etc/x', meta)).toThrow(/is not a plain name/);
  });

  it('refuses a line longer than one atomic write', () => {
    const ledger = CleanupLedger.open(dir, 'run-a', meta);
    expect(() => ledger.record({ kind: 'contact', apiVersion: 'v2', ref: 'x'.repeat(5_000) })).toThrow(
      /more than 4096/,
    );
  });

  it('tolerates and reports a torn last line', () => {
    const ledger = CleanupLedger.open(dir, 'run-a', meta);
    ledger.record({ kind: 'order', apiVersion: 'v2.1', ref: 'o-1' });
    appendFileSync(ledger.path, '{"type":"created","kind":"contact","apiVersion":"v2.1","re');
    const read = readLedger(ledger.path);
    expect(read.tornLine).toBe('{"type":"created","kind":"contact","apiVersion":"v2.1","re');
    expect(pendingResources(read.entries)).toEqual([{ kind: 'order', apiVersion: 'v2.1', ref: 'o-1' }]);
  });

  it('starts a fresh line after a torn one, so the next entry survives', () => {
    const ledger = CleanupLedger.open(dir, 'run-a', meta);
    appendFileSync(ledger.path, '{"type":"crea');
    ledger.record({ kind: 'order', apiVersion: 'v2', ref: 'o-2' });
    const read = readLedger(ledger.path);
    expect(read.tornLine).toBeUndefined();
    expect(read.invalidLines).toEqual([2]);
    expect(pendingResources(read.entries)).toEqual([{ kind: 'order', apiVersion: 'v2', ref: 'o-2' }]);
  });

  it('reports lines that are not ledger entries', () => {
    const path = ledgerPath(dir, 'run-b');
    writeFileSync(
      path,
      [
        '{"type":"created","kind":"order","apiVersion":"v2.1","ref":"o-1","createdBy":"run-b","at":"x"}',
        'not json',
        '{"type":"created","kind":"planet","ref":"p"}',
        '[]',
        '',
      ].join('\n'),
    );
    const read = readLedger(path);
    expect(read.runId).toBe('run-b');
    expect(read.baseUrl).toBeUndefined();
    expect(read.entries).toHaveLength(1);
    expect(read.invalidLines).toEqual([2, 3, 4]);
  });

  it('lists pending contacts before guests before orders, without deleted ones', () => {
    const ledger = CleanupLedger.open(dir, 'run-a', meta);
    ledger.record({ kind: 'order', apiVersion: 'v2.1', ref: 'o-1' });
    ledger.record({ kind: 'guest', apiVersion: 'v2.1', ref: 'g-1' });
    ledger.record({ kind: 'contact', apiVersion: 'v2.1', ref: 'c-1', orderRef: 'o-1' });
    ledger.record({ kind: 'contact', apiVersion: 'v2', ref: 'c-2', orderRef: 'o-1' });
    ledger.markDeleted('contact', 'c-1');
    ledger.markDeleted('order', 'c-2');
    const pending = pendingResources(readLedger(ledger.path).entries);
    expect(pending.map((p) => `${p.kind}:${p.ref}`)).toEqual(['contact:c-2', 'guest:g-1', 'order:o-1']);
  });

  it('matches intents with what they created and reports the rest', () => {
    const ledger = CleanupLedger.open(dir, 'run-a', meta);
    const done = ledger.recordIntent({ kind: 'contact', apiVersion: 'v2.1', orderRef: 'o-1' });
    ledger.record({ kind: 'contact', apiVersion: 'v2.1', ref: 'c-1', orderRef: 'o-1', intent: done });
    const lost = ledger.recordIntent({
      kind: 'contact',
      apiVersion: 'v2.1',
      orderRef: 'o-1',
      marker: 'occ-run-a-1',
    });
    expect(unconfirmedIntents(readLedger(ledger.path).entries).map((i) => i.id)).toEqual([lost]);
  });

  it('keeps every line whole when several processes append at once', async () => {
    const children = ['a', 'b', 'c', 'd'].map((tag) =>
      spawnLedgerChild(['append', dir, 'shared', '150', tag]),
    );
    expect(await Promise.all(children.map((child) => exited(child)))).toEqual([0, 0, 0, 0]);
    const read = readLedger(ledgerPath(dir, 'shared'));
    expect(read.invalidLines).toEqual([]);
    expect(read.tornLine).toBeUndefined();
    const refs = pendingResources(read.entries).map((p) => p.ref.split('-').slice(0, 2).join('-'));
    expect(refs).toHaveLength(600);
    for (const tag of ['a', 'b', 'c', 'd']) {
      expect(new Set(refs.filter((r) => r.startsWith(`${tag}-`))).size).toBe(150);
    }
    expect(read.entries.filter((e) => e.type === 'open')).toHaveLength(4);
  }, 60_000);
});

describe('what a ledger still lists', () => {
  it('counts pending resources and unanswered creates in words', () => {
    const ledger = CleanupLedger.open(dir, 'run-a', meta);
    expect(ledgerSummary(ledger.path)).toBeUndefined();
    ledger.record({ kind: 'order', apiVersion: 'v2.1', ref: 'o-1' });
    expect(ledgerSummary(ledger.path)).toBe('1 order');
    ledger.record({ kind: 'contact', apiVersion: 'v2.1', ref: 'c-1', orderRef: 'o-1' });
    ledger.record({ kind: 'contact', apiVersion: 'v2.1', ref: 'c-2', orderRef: 'o-1' });
    ledger.recordIntent({ kind: 'contact', apiVersion: 'v2.1', orderRef: 'o-1', marker: 'm-1' });
    expect(ledgerSummary(ledger.path)).toBe('2 contacts, 1 order and 1 create whose answer never came');
    expect(ledgerSummary(join(dir, 'run-missing.ndjson'))).toBeUndefined();
  });

  it('removes a ledger only when it lists nothing and every line could be read', () => {
    const empty = CleanupLedger.open(dir, 'run-empty', meta);
    const refused = empty.recordIntent({ kind: 'order', apiVersion: 'v2.1' });
    empty.recordNotCreated(refused, 401);
    expect(removeEmptyLedger(empty.path)).toBe(true);
    expect(existsSync(empty.path)).toBe(false);
    const full = CleanupLedger.open(dir, 'run-full', meta);
    full.recordIntent({ kind: 'order', apiVersion: 'v2.1' });
    expect(removeEmptyLedger(full.path)).toBe(false);
    const torn = CleanupLedger.open(dir, 'run-torn', meta);
    appendFileSync(torn.path, '{"type":"created","kind":"ord');
    expect(removeEmptyLedger(torn.path)).toBe(false);
    expect(existsSync(torn.path)).toBe(true);
  });
});

describe('run markers', () => {
  it('marks contacts with the occ-conformance provider and a unique id per contact', () => {
    const first = runMarkerIdentifier('20260110T1200-abc123');
    const second = runMarkerIdentifier('20260110T1200-abc123');
    expect(first.provider).toBe(RUN_MARKER_PROVIDER);
    expect(first.id).toMatch(new RegExp(`^occ-run-20260110T1200-abc123-${process.pid}(\\.\\d+)?-1$`));
    expect(second.id).toBe(first.id.replace(/-1$/, '-2'));
  });

  it('suffixes a last name with the run marker', () => {
    expect(markedLastName('Doe', '20260110T1200-abc123')).toBe('Doe occ-run-20260110T1200-abc123');
  });
});
