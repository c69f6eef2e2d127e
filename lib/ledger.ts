import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { ApiVersion } from '../contracts/index.ts';
import { makeDirectory } from './make-directory.ts';

/** What a run can create on a target. Guests cannot be deleted through this API; the ledger still lists them. */
export type ResourceKind = 'order' | 'contact' | 'guest';

/** The provider of the identifier every marked contact carries: search a tenant for it to find leftovers. */
export const RUN_MARKER_PROVIDER = 'occ-conformance';

/** The prefix of every run marker (identifier ids, order referenceIds, last-name suffixes). */
export const RUN_MARKER_PREFIX = 'occ-run-';

/** Default folder of the ledgers, relative to the working directory. */
export const DEFAULT_LEDGER_DIR = '.occ/ledger';

/** A ledger line: who opened it, what was about to be created, created, or deleted. */
export type LedgerEntry =
  | {
      readonly type: 'open';
      readonly runId: string;
      readonly baseUrl: string;
      readonly startedAt: string;
      readonly pid: number;
      readonly host: string;
      readonly at: string;
    }
  | {
      readonly type: 'intent';
      readonly id: string;
      readonly kind: ResourceKind;
      readonly apiVersion: ApiVersion;
      readonly orderRef?: string;
      readonly marker?: string;
      readonly at: string;
    }
  | {
      readonly type: 'created';
      readonly kind: ResourceKind;
      readonly apiVersion: ApiVersion;
      readonly ref: string;
      readonly orderRef?: string;
      readonly intent?: string;
      readonly createdBy: string;
      readonly at: string;
    }
  | { readonly type: 'deleted'; readonly kind: ResourceKind; readonly ref: string; readonly at: string }
  | {
      /** The answer to an intended create came and created nothing (a 4xx, say): the intent is settled. */
      readonly type: 'not-created';
      readonly intent: string;
      readonly status: number;
      readonly at: string;
    }
  | {
      readonly type: 'leftover';
      readonly kind: ResourceKind;
      readonly ref: string;
      readonly runId: string;
      readonly baseUrl?: string;
      readonly reason: string;
      readonly at: string;
    };

/** What a run records when it has created something. */
export interface CreatedResource {
  readonly kind: ResourceKind;
  readonly apiVersion: ApiVersion;
  readonly ref: string;
  readonly orderRef?: string;
  /** The run id; defaults to the ledger's. */
  readonly createdBy?: string;
  /** The id recordIntent returned, when there was one. */
  readonly intent?: string;
}

/** Something created and not yet known to be deleted. */
export interface PendingResource {
  readonly kind: ResourceKind;
  readonly apiVersion: ApiVersion;
  readonly ref: string;
  readonly orderRef?: string;
}

/** A ledger as read back: its entries, and what could not be read. */
export interface LedgerContents {
  readonly path: string;
  readonly runId: string;
  readonly baseUrl?: string;
  readonly entries: readonly LedgerEntry[];
  /** The last line, when it was cut short (the process died mid-write). */
  readonly tornLine?: string;
  /** Line numbers (1-based) of other lines that are not ledger entries. */
  readonly invalidLines: readonly number[];
}

/** Under PIPE_BUF, so an O_APPEND write of one line is never interleaved with another process's line. */
const MAX_LINE_BYTES = 4096;
const RUN_ID = /^[\w.-]{1,100}$/;
const markerCounters = new Map<string, number>();
/** This process (and worker thread) among the run's writers: test workers may be forks or threads of one process. */
const WRITER = threadId === 0 ? `${process.pid}` : `${process.pid}.${threadId}`;

/** The ledger file of a run. */
export function ledgerPath(dir: string, runId: string): string {
  return join(dir, `run-${runId}.ndjson`);
}

/**
 * The identifier that marks a contact as test data of a run: `{ provider: 'occ-conformance', id:
 * 'occ-run-<runId>-<n>' }`, where n is `<pid>[.<thread>]-<counter>` so parallel workers never mint the same id
 * (two contacts sharing an identifier could be merged into one guest by identity resolution).
 */
export function runMarkerIdentifier(runId: string): { provider: string; id: string } {
  const next = (markerCounters.get(runId) ?? 0) + 1;
  markerCounters.set(runId, next);
  return { provider: RUN_MARKER_PROVIDER, id: `${RUN_MARKER_PREFIX}${runId}-${WRITER}-${next}` };
}

/** The id of the run-marker identifier a contact (sent or listed) carries, or undefined when it carries none. */
export function runMarkerOf(contact: unknown): string | undefined {
  const identifiers = (contact as { identifiers?: unknown } | null | undefined)?.identifiers;
  if (!Array.isArray(identifiers)) return undefined;
  const marker = identifiers.find(
    (i): i is { provider: string; id: string } =>
      i !== null &&
      typeof i === 'object' &&
      (i as { provider?: unknown }).provider === RUN_MARKER_PROVIDER &&
      typeof (i as { id?: unknown }).id === 'string',
  );
  return marker?.id;
}

/** The name marker of a run, `occ-run-<runId>`: used as the order referenceId stem and the last-name suffix. */
export function runMarkerName(runId: string): string {
  return `${RUN_MARKER_PREFIX}${runId}`;
}

/** A last name carrying the run marker, e.g. "Doe occ-run-20261123T0630-a1b2c3", for tenants searched by name. */
export function markedLastName(lastName: string, runId: string): string {
  return `${lastName} ${runMarkerName(runId)}`;
}

/**
 * The on-disk record of everything a run creates on a target (one NDJSON file per run). Every line is appended
 * with one write() on an O_APPEND descriptor before the call returns, so several worker processes can share the
 * file and a run killed at any moment (SIGKILL included: the kernel keeps what was written) leaves a ledger that
 * `occ cleanup` can finish. A `created` line is also fsync'd, so it survives the machine going down; that flushes
 * every earlier line of the file too. Intents, deletions and refusals are not fsync'd on their own: only a machine
 * crash can lose them (a deletion then costs cleanup a 404; an intent, the trace of a create in flight at that very
 * moment), while an fsync per line was a quarter of a run's time.
 * A ledger opened with `durable: false` (the embedded mock's, which dies with the run) is never fsync'd.
 *
 * @example const ledger = CleanupLedger.open('.occ/ledger', runId, { baseUrl, startedAt }); ledger.record({ kind: 'order', apiVersion: 'v2.1', ref });
 */
export class CleanupLedger {
  private intentCounter = 0;

  private constructor(
    readonly path: string,
    readonly runId: string,
    private readonly durable: boolean,
  ) {}

  /** Opens (creating when needed) the ledger of a run and records who opened it. Never pass credentials in meta. */
  static open(
    dir: string,
    runId: string,
    meta: { baseUrl: string; startedAt: string },
    options: { durable?: boolean } = {},
  ): CleanupLedger {
    if (!RUN_ID.test(runId)) {
      throw new Error(
        `Failed to open the cleanup ledger: run id "${runId}" is not a plain name ([A-Za-z0-9_.-]). Pass a run id made by newRunId.`,
      );
    }
    makeDirectory(dir);
    const ledger = new CleanupLedger(ledgerPath(dir, runId), runId, options.durable ?? true);
    const baseUrl = new URL(meta.baseUrl);
    // Whatever the caller passed, userinfo in a URL is a credential: it never reaches the disk.
    baseUrl.username = '';
    baseUrl.password = '';
    ledger.append({
      type: 'open',
      runId,
      baseUrl: baseUrl.href.replace(/\/+$/, ''),
      startedAt: meta.startedAt,
      pid: process.pid,
      host: hostname(),
      at: new Date().toISOString(),
    });
    fsyncDir(dir);
    return ledger;
  }

  /** Records a resource the run created; on disk before this returns. */
  record(resource: CreatedResource): void {
    this.append({
      type: 'created',
      kind: resource.kind,
      apiVersion: resource.apiVersion,
      ref: resource.ref,
      ...(resource.orderRef !== undefined ? { orderRef: resource.orderRef } : {}),
      ...(resource.intent !== undefined ? { intent: resource.intent } : {}),
      createdBy: resource.createdBy ?? this.runId,
      at: new Date().toISOString(),
    });
  }

  /**
   * Records that a create is about to be sent; returns an id to pass to record(). A run killed between the server
   * creating the resource and record() leaves the intent unmatched, and cleanup names its marker so it can be found.
   */
  recordIntent(intent: {
    kind: ResourceKind;
    apiVersion: ApiVersion;
    orderRef?: string;
    marker?: string;
  }): string {
    this.intentCounter += 1;
    const id = `${WRITER}-${this.intentCounter}`;
    this.append({ type: 'intent', id, ...intent, at: new Date().toISOString() });
    return id;
  }

  /** Records that the create of an intent was answered without creating anything (its status, e.g. 400). */
  recordNotCreated(intent: string, status: number): void {
    this.append({ type: 'not-created', intent, status, at: new Date().toISOString() });
  }

  /** Records that a resource is gone (deleted, or 404 on delete). */
  markDeleted(kind: ResourceKind, ref: string): void {
    this.append({ type: 'deleted', kind, ref, at: new Date().toISOString() });
  }

  private append(entry: LedgerEntry): void {
    appendLedgerLine(this.path, entry, {
      sync: this.durable && (entry.type === 'created' || entry.type === 'open'),
    });
  }
}

/** Appends one entry to a ledger file (or the leftovers file): one write() of one whole line, then (by default) fsync. */
export function appendLedgerLine(path: string, entry: LedgerEntry, options: { sync?: boolean } = {}): void {
  const line = `${JSON.stringify(entry)}\n`;
  if (Buffer.byteLength(line) > MAX_LINE_BYTES) {
    throw new Error(
      `Failed to record a ${'kind' in entry ? entry.kind : entry.type} in the cleanup ledger: the line is ${Buffer.byteLength(line)} bytes, more than ${MAX_LINE_BYTES}. A ref that long is not a CDP reference; check what the target returned.`,
    );
  }
  // Opened per line rather than held: a held descriptor would keep writing to a file that cleanup has removed.
  const fd = openSync(path, 'a+');
  try {
    // A process killed mid-write leaves a line without its newline; start on a fresh line so the next entry
    // is not glued to the fragment.
    const prefix = endsWithoutNewline(fd) ? '\n' : '';
    appendFileSync(fd, `${prefix}${line}`);
    if (options.sync ?? true) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Reads a ledger, skipping (and reporting) a torn last line and any other unreadable lines. */
export function readLedger(path: string): LedgerContents {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const entries: LedgerEntry[] = [];
  const invalidLines: number[] = [];
  let tornLine: string | undefined;
  const lastIndex = text.endsWith('\n') ? lines.length - 2 : lines.length - 1;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const entry = parseEntry(line);
    if (entry) entries.push(entry);
    else if (index === lastIndex && !text.endsWith('\n')) tornLine = line;
    else invalidLines.push(index + 1);
  });
  const open = entries.find((e) => e.type === 'open');
  const runId = open?.runId ?? runIdOf(path);
  return {
    path,
    runId,
    ...(open ? { baseUrl: open.baseUrl } : {}),
    entries,
    ...(tornLine !== undefined ? { tornLine } : {}),
    invalidLines,
  };
}

/** What was created and not deleted: contacts first, then guests, then orders (contacts hang off orders). */
export function pendingResources(entries: readonly LedgerEntry[]): PendingResource[] {
  const pending = new Map<string, PendingResource>();
  for (const entry of entries) {
    if (entry.type === 'created') {
      pending.set(`${entry.kind}:${entry.ref}`, {
        kind: entry.kind,
        apiVersion: entry.apiVersion,
        ref: entry.ref,
        ...(entry.orderRef !== undefined ? { orderRef: entry.orderRef } : {}),
      });
    } else if (entry.type === 'deleted') {
      pending.delete(`${entry.kind}:${entry.ref}`);
    }
  }
  const rank: Record<ResourceKind, number> = { contact: 0, guest: 1, order: 2 };
  return [...pending.values()].sort((a, b) => rank[a.kind] - rank[b.kind]);
}

/** Intents no created entry answered: creates that may have succeeded unrecorded. */
export function unconfirmedIntents(
  entries: readonly LedgerEntry[],
): Extract<LedgerEntry, { type: 'intent' }>[] {
  const answered = new Set(
    entries.flatMap((e) =>
      (e.type === 'created' || e.type === 'not-created') && e.intent !== undefined ? [e.intent] : [],
    ),
  );
  return entries.filter(
    (e): e is Extract<LedgerEntry, { type: 'intent' }> => e.type === 'intent' && !answered.has(e.id),
  );
}

/** The run id in a ledger file name, run-<runId>.ndjson. */
export function runIdOf(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? '';
  return name.replace(/^run-/, '').replace(/\.ndjson$/, '');
}

function parseEntry(line: string): LedgerEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const e = value as Record<string, unknown>;
  const str = (k: string): boolean => typeof e[k] === 'string';
  const kind = e.kind === 'order' || e.kind === 'contact' || e.kind === 'guest';
  const version = e.apiVersion === 'v2.1' || e.apiVersion === 'v2';
  switch (e.type) {
    case 'open':
      return str('runId') && str('baseUrl') ? (e as LedgerEntry) : undefined;
    case 'intent':
      return str('id') && kind && version ? (e as LedgerEntry) : undefined;
    case 'created':
      return kind && version && str('ref') ? (e as LedgerEntry) : undefined;
    case 'deleted':
      return kind && str('ref') ? (e as LedgerEntry) : undefined;
    case 'not-created':
      return str('intent') && typeof e.status === 'number' ? (e as LedgerEntry) : undefined;
    case 'leftover':
      return kind && str('ref') && str('runId') && str('reason') ? (e as LedgerEntry) : undefined;
    default:
      return undefined;
  }
}

function endsWithoutNewline(fd: number): boolean {
  const { size } = fstatSync(fd);
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

function fsyncDir(dir: string): void {
  // Makes the new file's directory entry durable too; not every platform lets a directory be opened.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows: directories cannot be fsync'd; the file's own fsync is the best there is.
  }
}

/**
 * What a ledger still lists, in words ("1 order, 3 contacts and 1 create whose answer never came"), or undefined
 * when it lists nothing; a missing or unreadable file counts as listing nothing.
 */
export function ledgerSummary(path: string): string | undefined {
  let entries: readonly LedgerEntry[];
  try {
    entries = readLedger(path).entries;
  } catch {
    return undefined;
  }
  const counts = new Map<ResourceKind, number>();
  for (const p of pendingResources(entries)) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`);
  const unanswered = unconfirmedIntents(entries).length;
  if (unanswered > 0)
    parts.push(`${unanswered} create${unanswered === 1 ? '' : 's'} whose answer never came`);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Removes a ledger that lists nothing left on the target, so later runs have nothing to say about it. */
export function removeEmptyLedger(path: string): boolean {
  if (!existsSync(path)) return false;
  const ledger = readLedger(path);
  // A line it could not read might have listed something: keep the file for a person to look at.
  if (ledger.tornLine !== undefined || ledger.invalidLines.length > 0) return false;
  if (pendingResources(ledger.entries).length > 0 || unconfirmedIntents(ledger.entries).length > 0)
    return false;
  rmSync(path, { force: true });
  return true;
}
