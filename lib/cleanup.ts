import { existsSync, readdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { Exchange } from './exchange.ts';
import type { HttpClient } from './http-client.ts';
import {
  appendLedgerLine,
  type LedgerContents,
  ledgerPath,
  type PendingResource,
  pendingResources,
  type ResourceKind,
  readLedger,
  runMarkerOf,
  unconfirmedIntents,
} from './ledger.ts';

/** The file (in the ledger folder) that keeps what the tool cannot delete after its ledger is gone. */
export const LEFTOVERS_FILE = 'leftovers.ndjson';

/** Deletes in flight at once during cleanup (the client's own concurrency limit applies too). */
const CLEANUP_WORKERS = 4;

/**
 * A ledger opened longer ago than this is not a live run, whatever its pid says: pids are reused, and a ledger must
 * not be skipped for ever because an unrelated process now holds its dead run's pid.
 */
const LIVE_RUN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Options of cleanupLedgers. */
export interface CleanupOptions {
  readonly dir: string;
  /** Configured by the caller for the ledgers' target; ledgers of other targets are skipped. */
  readonly client: Pick<HttpClient, 'baseUrl' | 'send'>;
  readonly log?: (line: string) => void;
  /** Only this run's ledger. */
  readonly only?: string;
  /** Also clean up ledgers whose run still seems to be alive on this host. */
  readonly force?: boolean;
}

/** Something cleanup could not delete, and why. */
export interface CleanupFailure {
  readonly kind: ResourceKind;
  readonly ref: string;
  readonly reason: string;
}

/** What cleanupLedgers did. */
export interface CleanupResult {
  /** Deleted now (2xx). */
  deleted: number;
  /** Already gone (404). */
  alreadyGone: number;
  /** Still on the target; kept in their ledgers for the next cleanup. */
  failed: CleanupFailure[];
  /** Created, but not deletable through this API (guests), or possibly created (a create the run did not see end). */
  notDeletable: CleanupFailure[];
  /** Ledgers left alone: another target's (its base URL), or a run still in progress. */
  skipped: { ledger: string; reason: string; baseUrl?: string }[];
}

/**
 * Deletes what killed or finished runs left on the target, from their ledgers: contacts first, then orders. A 2xx
 * or 404 means gone; anything else keeps the entry (reported in `failed`). A ledger whose resources are all gone
 * is removed. Stops sending after a transport failure or 401/403 (the rest is reported, not attempted), so an
 * unreachable target costs one request's retries, not one per resource.
 */
export async function cleanupLedgers(options: CleanupOptions): Promise<CleanupResult> {
  const log = options.log ?? (() => {});
  const result: CleanupResult = { deleted: 0, alreadyGone: 0, failed: [], notDeletable: [], skipped: [] };
  const state: { stop?: string } = {};
  for (const path of ledgerFiles(options.dir, options.only)) {
    const ledger = readIfPresent(path);
    // Another cleanup (a parallel CI job's) finished it first.
    if (ledger === undefined) continue;
    if (ledger.tornLine !== undefined)
      log(`ledger ${path}: its last line was cut short (a run killed mid-write); read the rest`);
    if (ledger.invalidLines.length > 0)
      log(`ledger ${path}: skipped unreadable lines ${ledger.invalidLines.join(', ')}`);
    const skip = skipReason(ledger, options);
    if (skip) {
      result.skipped.push({
        ledger: path,
        reason: skip.reason,
        ...(skip.baseUrl ? { baseUrl: skip.baseUrl } : {}),
      });
      continue;
    }
    await cleanupLedger(ledger, options.client, log, result, state);
  }
  // Once per cleanup, grouped: a note per ledger per run was nagging, and said less than the command to run.
  for (const line of skippedNotes(result.skipped)) log(line);
  return result;
}

/** One line per target whose ledgers were left alone, and one for runs still alive, each with what to run. */
export function skippedNotes(skipped: CleanupResult['skipped']): string[] {
  const byTarget = new Map<string, number>();
  let alive = 0;
  for (const s of skipped) {
    if (s.baseUrl !== undefined) byTarget.set(s.baseUrl, (byTarget.get(s.baseUrl) ?? 0) + 1);
    else alive += 1;
  }
  const lines = [...byTarget].map(
    ([url, n]) =>
      `${n} ledger${n === 1 ? '' : 's'} of earlier runs against ${url} left alone: run occ cleanup --base-url ${url} to delete what ${n === 1 ? 'it lists' : 'they list'}`,
  );
  if (alive > 0)
    lines.push(
      `${alive} ledger${alive === 1 ? '' : 's'} of runs still in progress left alone: run occ cleanup once they have ended (or --force)`,
    );
  return lines;
}

async function cleanupLedger(
  ledger: LedgerContents,
  client: CleanupOptions['client'],
  log: (line: string) => void,
  result: CleanupResult,
  state: { stop?: string },
): Promise<void> {
  const pending = pendingResources(ledger.entries);
  const before = { deleted: result.deleted, alreadyGone: result.alreadyGone, failed: result.failed.length };
  const leftovers: CleanupFailure[] = [];
  // Contacts before their orders: deleting an order first could orphan its contacts or fail because of them.
  await deleteAll(
    pending.filter((p) => p.kind === 'contact'),
    ledger.path,
    client,
    log,
    result,
    state,
  );
  for (const guest of pending.filter((p) => p.kind === 'guest')) {
    leftovers.push({
      kind: 'guest',
      ref: guest.ref,
      reason: 'guests cannot be deleted through the Order contact API',
    });
  }
  // Unanswered contact creates are looked for on their order (by their marker) before orders go.
  const unresolved = await resolveIntents(ledger, client, log, result, state);
  await deleteAll(
    pending.filter((p) => p.kind === 'order'),
    ledger.path,
    client,
    log,
    result,
    state,
  );
  for (const intent of unresolved) {
    const marker = intent.marker !== undefined ? ` marked ${intent.marker}` : '';
    const where = intent.orderRef !== undefined ? ` on order ${intent.orderRef}` : '';
    leftovers.push({
      kind: intent.kind,
      ref: `unknown${marker}`,
      reason: `a create${where} was sent but its answer never recorded`,
    });
  }
  // A create the run never saw answered is a leftover only if the target is up and still unable to tell: against a
  // dead target it is unknown, and writing it down would leave a phantom (and drop the ledger that could settle it).
  if (unresolved.length > 0 && state.stop === undefined) {
    const down = await unreachable(client, unresolved[0]?.apiVersion ?? 'v2.1');
    if (down !== undefined) state.stop = down;
  }
  if (state.stop !== undefined && unresolved.length > 0) {
    for (const intent of unresolved)
      result.failed.push({ kind: intent.kind, ref: 'unknown', reason: `not settled: ${state.stop}` });
    log(`run ${ledger.runId}: ${unresolved.length} unanswered creates kept in ${ledger.path}: ${state.stop}`);
    return;
  }
  for (const leftover of leftovers) log(`cannot delete ${leftover.kind} ${leftover.ref}: ${leftover.reason}`);
  result.notDeletable.push(...leftovers);
  const failed = result.failed.length - before.failed;
  if (pending.length > 0 || leftovers.length > 0) {
    log(
      `run ${ledger.runId}: ${result.deleted - before.deleted} deleted, ${result.alreadyGone - before.alreadyGone} already gone, ${failed} could not be deleted, ${leftovers.length} not deletable`,
    );
  }
  if (failed > 0) return;
  // Everything deletable is gone. What cannot be deleted moves to a file that outlives the ledger, so a tenant
  // admin can still find it.
  const at = new Date().toISOString();
  for (const leftover of leftovers) {
    appendLedgerLine(join(dirname(ledger.path), LEFTOVERS_FILE), {
      type: 'leftover',
      kind: leftover.kind,
      ref: leftover.ref,
      runId: ledger.runId,
      ...(ledger.baseUrl !== undefined ? { baseUrl: ledger.baseUrl } : {}),
      reason: leftover.reason,
      at,
    });
  }
  rmSync(ledger.path, { force: true });
}

type Intent = ReturnType<typeof unconfirmedIntents>[number];

/** Pages of an order's contacts read while looking for an unanswered create; enough for any test order. */
const MAX_SEARCH_PAGES = 20;
const SEARCH_PAGE = 100;

/**
 * Looks for the contacts of unanswered creates (a run killed between the request and the ledger line) on their
 * order, by the run-marker identifier they were sent with, and deletes what it finds. Returns the intents it could
 * not settle: no marker or order to search by, or the search failed (kept for the next cleanup).
 */
async function resolveIntents(
  ledger: LedgerContents,
  client: CleanupOptions['client'],
  log: (line: string) => void,
  result: CleanupResult,
  state: { stop?: string },
): Promise<Intent[]> {
  const unresolved: Intent[] = [];
  for (const intent of unconfirmedIntents(ledger.entries)) {
    if (intent.kind !== 'contact' || intent.orderRef === undefined || intent.marker === undefined) {
      unresolved.push(intent);
      continue;
    }
    if (state.stop !== undefined) {
      result.failed.push({
        kind: 'contact',
        ref: `unknown marked ${intent.marker}`,
        reason: `not looked for: ${state.stop}`,
      });
      continue;
    }
    const found = await findMarked(client, intent.apiVersion, intent.orderRef, intent.marker);
    if (typeof found === 'string') {
      if (found.startsWith('status 404')) {
        // The order is gone, and its contacts with it.
        appendLedgerLine(ledger.path, { type: 'not-created', intent: intent.id, status: 404, at: now() });
        continue;
      }
      state.stop ??= `looking for an unanswered create failed (${found})`;
      result.failed.push({ kind: 'contact', ref: `unknown marked ${intent.marker}`, reason: found });
      log(`could not look for the contact marked ${intent.marker} on order ${intent.orderRef}: ${found}`);
      continue;
    }
    if (found.length === 0) {
      // Never created: the request died before the server acted on it.
      appendLedgerLine(ledger.path, { type: 'not-created', intent: intent.id, status: 0, at: now() });
      continue;
    }
    for (const ref of found) {
      log(`found contact ${ref} (marked ${intent.marker}), whose create the run never saw answered`);
      appendLedgerLine(ledger.path, {
        type: 'created',
        kind: 'contact',
        apiVersion: intent.apiVersion,
        ref,
        orderRef: intent.orderRef,
        intent: intent.id,
        createdBy: ledger.runId,
        at: now(),
      });
      await deleteOne(
        { kind: 'contact', apiVersion: intent.apiVersion, ref, orderRef: intent.orderRef },
        ledger.path,
        client,
        log,
        result,
        state,
      );
    }
  }
  return unresolved;
}

/** The refs of an order's contacts that carry a marker identifier, or why the order's list could not be read. */
async function findMarked(
  client: CleanupOptions['client'],
  apiVersion: Intent['apiVersion'],
  orderRef: string,
  marker: string,
): Promise<string[] | string> {
  const found: string[] = [];
  for (let page = 0; page < MAX_SEARCH_PAGES; page += 1) {
    const exchange = await client.send({
      method: 'GET',
      path: `/${apiVersion}/orders/${encodeURIComponent(orderRef)}/contacts`,
      query: { expand: true, limit: SEARCH_PAGE, offset: page * SEARCH_PAGE },
      operation: 'retrieveOrderContacts',
      apiVersion,
    });
    const items = (exchange.json as { items?: unknown } | undefined)?.items;
    if (exchange.response?.status !== 200 || !Array.isArray(items)) return describe(exchange);
    for (const item of items as { ref?: unknown }[]) {
      if (runMarkerOf(item) === marker && typeof item.ref === 'string') found.push(item.ref);
    }
    if (items.length < SEARCH_PAGE) break;
  }
  return found;
}

/** Why the target cannot settle anything now (no answer, or credentials refused), or undefined when it answers. */
async function unreachable(
  client: CleanupOptions['client'],
  apiVersion: Intent['apiVersion'],
): Promise<string | undefined> {
  const exchange = await client.send({
    method: 'GET',
    path: `/${apiVersion}/orders/00000000-0000-0000-0000-000000000000/contacts`,
    query: { limit: 1 },
    operation: 'retrieveOrderContacts',
    apiVersion,
  });
  const status = exchange.response?.status;
  if (status === undefined || status === 401 || status === 403)
    return `the target did not answer usefully (${describe(exchange)})`;
  return undefined;
}

function now(): string {
  return new Date().toISOString();
}

/** Deletes with a few workers that each check the stop flag before sending, so a dead target stops them early. */
async function deleteAll(
  items: readonly PendingResource[],
  path: string,
  client: CleanupOptions['client'],
  log: (line: string) => void,
  result: CleanupResult,
  state: { stop?: string },
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as PendingResource;
      next += 1;
      await deleteOne(item, path, client, log, result, state);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CLEANUP_WORKERS, items.length) }, worker));
}

async function deleteOne(
  item: PendingResource,
  path: string,
  client: CleanupOptions['client'],
  log: (line: string) => void,
  result: CleanupResult,
  state: { stop?: string },
): Promise<void> {
  const fail = (reason: string): void => {
    result.failed.push({ kind: item.kind, ref: item.ref, reason });
    log(`could not delete ${item.kind} ${item.ref}: ${reason}`);
  };
  if (state.stop !== undefined) return fail(`not attempted: ${state.stop}`);
  const resource = item.kind === 'contact' ? 'orderContacts' : 'orders';
  const exchange = await client.send({
    method: 'DELETE',
    path: `/${item.apiVersion}/${resource}/${encodeURIComponent(item.ref)}`,
    operation: item.kind === 'contact' ? 'deleteOrderContact' : 'deleteOrder',
    apiVersion: item.apiVersion,
  });
  const status = exchange.response?.status;
  if (status !== undefined && ((status >= 200 && status < 300) || status === 404)) {
    appendLedgerLine(path, { type: 'deleted', kind: item.kind, ref: item.ref, at: new Date().toISOString() });
    if (status === 404) result.alreadyGone += 1;
    else result.deleted += 1;
    return;
  }
  const reason = describe(exchange);
  // After a transport failure (retries already spent) or refused credentials, every other DELETE would fail the
  // same way: stop rather than wait out the retries of each.
  if (status === undefined || status === 401 || status === 403)
    state.stop ??= `an earlier delete failed (${reason})`;
  fail(reason);
}

function describe(exchange: Exchange): string {
  if (exchange.response) return `status ${exchange.response.status}`;
  return `${exchange.error?.kind ?? 'error'}: ${exchange.error?.message ?? 'no response'}`;
}

function ledgerFiles(dir: string, only: string | undefined): string[] {
  if (only !== undefined) {
    const path = ledgerPath(dir, only);
    return existsSync(path) ? [path] : [];
  }
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^run-.+\.ndjson$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

function skipReason(
  ledger: LedgerContents,
  options: CleanupOptions,
): { reason: string; baseUrl?: string } | undefined {
  const target = options.client.baseUrl.replace(/\/+$/, '');
  if (ledger.baseUrl !== undefined && ledger.baseUrl !== target) {
    return {
      reason: `it lists resources on ${ledger.baseUrl}, not on ${target}; run occ cleanup against that target`,
      baseUrl: ledger.baseUrl,
    };
  }
  if (options.force || options.only === ledger.runId) return undefined;
  const host = hostname();
  const recent = Date.now() - LIVE_RUN_MAX_AGE_MS;
  const alive = ledger.entries.flatMap((e) =>
    e.type === 'open' &&
    e.host === host &&
    e.pid !== process.pid &&
    Date.parse(e.at) > recent &&
    isAlive(e.pid)
      ? [e.pid]
      : [],
  );
  if (alive.length > 0)
    return {
      reason: `run ${ledger.runId} still seems to be running (process ${alive[0]}); clean it up once it has ended`,
    };
  return undefined;
}

function readIfPresent(path: string): LedgerContents | undefined {
  try {
    return readLedger(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
