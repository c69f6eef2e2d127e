// A concurrent load of creates, updates and deletes that also proves nothing was lost: every client keeps a model of
// what the API told it succeeded, and afterwards the whole store is read back through the API and compared with
// the union of those models. bench/load.ts runs it against a standalone mock; bench/load.test.ts at a tiny size.
//
// Determinism: each client draws its operations and bodies from its own seeded Faker and touches only the contacts
// it created, one request at a time, so for a given seed (and a server that answers every valid request with a 2xx)
// each client sends the same requests in the same order and ends with the same model, whatever the interleaving
// with the other clients. The clients share orders (several per order), so every order sees concurrent writes.
import type { Faker } from '@faker-js/faker';
import { type ApiVersion, contactFieldNames } from '../../contracts/index.ts';
import { createFaker, minimalContact, validContact } from '../../generators/index.ts';
import type { Exchange } from '../../lib/exchange.ts';
import { type Credentials, HttpClient } from '../../lib/http-client.ts';
import { OrderContactClient } from '../../lib/order-contact-client.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY, DEFAULT_MAX_LIMIT } from '../../mock/index.ts';
import { formatStatuses, quantile } from './measure.ts';

/** The operations of the load, each a contract operation in one version. */
export const LOAD_OPERATIONS = [
  'create v2.1 (POST)',
  'create v2 (POST)',
  'replace v2.1 (PUT)',
  'patch v2.1 (PATCH)',
  'update v2 (POST)',
  'delete v2.1 (DELETE)',
  'delete v2 (DELETE)',
] as const;
export type LoadOperation = (typeof LOAD_OPERATIONS)[number];

/** How to run the load. */
export interface LoadOptions {
  /** e.g. http://127.0.0.1:8787. */
  readonly baseUrl: string;
  /** Default: the mock's default credentials. */
  readonly credentials?: Credentials;
  /** Concurrent clients, each with one request in flight at a time. */
  readonly clients: number;
  /** Requests of the load phase in all (set-up and read-back come on top); split evenly over the clients. */
  readonly requests: number;
  /** Seeds the operation mix and the bodies. */
  readonly seed: number;
  /** Orders the clients share; default one per 5 clients (at least 1). */
  readonly orders?: number;
  /** The generators' reference time (dates of birth before it); default 2026-01-01T00:00:00Z, fixed so a seed
   *  always sends the same bodies. */
  readonly now?: number;
  /** Timeout of one request, in ms. Default 30 000. */
  readonly timeoutMs?: number;
  /** The limit of the read-back's list pages. Default the mock's largest page, 100. */
  readonly pageSize?: number;
}

/** Latency and status figures of one operation (or of all). */
export interface OperationFigures {
  readonly requests: number;
  /** Milliseconds. */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  /** Status (or "error" for no answer) -> count. */
  readonly statuses: ReadonlyMap<string, number>;
}

/** Something the store holds that the clients' models say it should not, or the other way round. */
export interface Mismatch {
  readonly kind:
    | 'missing'
    | 'list-failed'
    | 'not-listed'
    | 'listed-on-another-order'
    | 'listed-twice'
    | 'fields-differ'
    | 'order-link-wrong'
    | 'not-deleted'
    | 'deleted-still-listed'
    | 'unexpected'
    | 'acknowledged-without-ref';
  readonly ref: string;
  readonly orderRef?: string;
  readonly detail: string;
}

/** The store as read back, compared with the union of the clients' models. */
export interface StoreComparison {
  readonly orders: number;
  readonly pages: number;
  readonly listed: number;
  readonly retrieved: number;
  /** Contacts the models hold (acknowledged and not deleted since). */
  readonly expectedLive: number;
  /** Contacts whose delete was acknowledged. */
  readonly expectedDeleted: number;
  readonly mismatches: readonly Mismatch[];
  /** Requests the read-back sent. */
  readonly requests: number;
  readonly wallMs: number;
}

/** What the load did and found. */
export interface LoadReport {
  readonly clients: number;
  readonly orders: number;
  readonly seed: number;
  /** Requests of the load phase. */
  readonly requests: number;
  /** Wall time of the load phase, ms. */
  readonly wallMs: number;
  /** CPU time (user + system) this process spent during the load phase, ms: the clients' own cost. */
  readonly clientCpuMs: number;
  readonly setupRequests: number;
  readonly setupWallMs: number;
  readonly perOperation: ReadonlyMap<LoadOperation, OperationFigures>;
  readonly all: OperationFigures;
  /** Answers 500-599 to any request the driver sent (set-up, load and read-back). */
  readonly serverErrors: number;
  /** Requests without an answer (any phase): their outcome is unknown, so they make the comparison unsound. */
  readonly transportErrors: number;
  readonly store: StoreComparison;
}

const DEFAULT_NOW = Date.parse('2026-01-01T00:00:00Z');
/** Fields a contact can hold (v2.1 knows every v2 field), without the v2 guest link. */
const PERSON_FIELDS = contactFieldNames('v2.1').filter((name) => name !== 'guest');

/** A contact as a client was told it is: created in `version` on `orderRef`, holding `fields`. */
export interface ModelContact {
  readonly version: ApiVersion;
  readonly orderRef: string;
  fields: Record<string, unknown>;
}

/** What one client was told succeeded. */
export interface ClientModel {
  /** ref -> the contact after its last acknowledged write. */
  readonly live: Map<string, ModelContact>;
  /** ref -> order, for every acknowledged delete. */
  readonly deleted: Map<string, string>;
  /** 2xx creates whose answer carried no ref: acknowledged, but nothing to compare. */
  readonly untracked: string[];
}

/** A shared tally of every request the driver sends. */
class Tally {
  serverErrors = 0;
  transportErrors = 0;
  readonly count = (exchange: Exchange): void => {
    const status = exchange.response?.status;
    if (status === undefined) this.transportErrors += 1;
    else if (status >= 500) this.serverErrors += 1;
  };
}

interface Sample {
  readonly operation: LoadOperation;
  readonly ms: number;
  readonly status: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function ok(exchange: Exchange): boolean {
  const status = exchange.response?.status;
  return status !== undefined && status >= 200 && status < 300;
}

function statusOf(exchange: Exchange): string {
  return exchange.response ? String(exchange.response.status) : 'error';
}

function refOfAnswer(exchange: Exchange): string | undefined {
  return isObject(exchange.json) && typeof exchange.json.ref === 'string' ? exchange.json.ref : undefined;
}

/** JSON equality that ignores key order. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key])]),
  );
}

/** A PATCH body: 1 to 4 fields of a valid contact. */
function patchBody(faker: Faker, now: number): Record<string, unknown> {
  const full = validContact(faker, { apiVersion: 'v2.1', operation: 'partiallyUpdateOrderContact', now });
  const names = faker.helpers.arrayElements(Object.keys(full), { min: 1, max: 4 });
  return Object.fromEntries(names.map((name) => [name, full[name]]));
}

/** A create or full-update body: mostly full contacts, some minimal ones (so a full update drops fields). */
function contactBody(faker: Faker, apiVersion: ApiVersion, operation: string, now: number) {
  return faker.number.int({ min: 1, max: 5 }) === 1
    ? minimalContact(faker, { apiVersion, operation, now })
    : validContact(faker, { apiVersion, operation, now });
}

/** One client: `requests` requests on `orderRef`, touching only the contacts it created. */
async function runClient(
  api: OrderContactClient,
  index: number,
  orderRef: string,
  requests: number,
  options: { seed: number; now: number },
  samples: Sample[],
  tally: Tally,
): Promise<ClientModel> {
  const faker = createFaker(options.seed);
  faker.seed([options.seed, index + 1]);
  const { now } = options;
  const model: ClientModel = { live: new Map(), deleted: new Map(), untracked: [] };
  // The live refs in creation order, so that a seeded pick is the same pick on every run.
  const refs: string[] = [];
  const timed = async (operation: LoadOperation, send: () => Promise<Exchange>): Promise<Exchange> => {
    const started = performance.now();
    const exchange = await send();
    samples.push({ operation, ms: performance.now() - started, status: statusOf(exchange) });
    tally.count(exchange);
    return exchange;
  };
  for (let sent = 0; sent < requests; sent += 1) {
    const roll = faker.number.int({ min: 1, max: 100 });
    if (refs.length === 0 || roll <= 35) {
      const version: ApiVersion = faker.number.int({ min: 1, max: 3 }) === 1 ? 'v2' : 'v2.1';
      const body = contactBody(faker, version, 'createOrderContact', now);
      const exchange = await timed(version === 'v2.1' ? 'create v2.1 (POST)' : 'create v2 (POST)', () =>
        api.createContact(version, orderRef, body, { retry: false }),
      );
      if (!ok(exchange)) continue;
      const ref = refOfAnswer(exchange);
      if (ref === undefined) {
        model.untracked.push(`create ${version} answered ${statusOf(exchange)} without a ref`);
        continue;
      }
      model.live.set(ref, { version, orderRef, fields: body });
      refs.push(ref);
      continue;
    }
    const at = faker.number.int({ min: 0, max: refs.length - 1 });
    const ref = refs[at] as string;
    const contact = model.live.get(ref) as ModelContact;
    if (roll <= 80) {
      if (contact.version === 'v2') {
        const body = contactBody(faker, 'v2', 'updateOrderContact', now);
        const exchange = await timed('update v2 (POST)', () =>
          api.updateContactV2(ref, body, { retry: false }),
        );
        // The v2 update replaces the whole contact (OC-V2-UPDATE-REPLACES); v2 contacts hold v2 fields only.
        if (ok(exchange)) contact.fields = body;
      } else if (faker.datatype.boolean()) {
        const body = contactBody(faker, 'v2.1', 'replaceOrderContact', now);
        const exchange = await timed('replace v2.1 (PUT)', () =>
          api.replaceContact(ref, body, { retry: false }),
        );
        // PUT replaces the whole contact (OC-PUT-REPLACES).
        if (ok(exchange)) contact.fields = body;
      } else {
        const body = patchBody(faker, now);
        const exchange = await timed('patch v2.1 (PATCH)', () =>
          api.patchContact(ref, body, { retry: false }),
        );
        // PATCH changes only the keys sent (OC-PATCH-MERGES).
        if (ok(exchange)) contact.fields = { ...contact.fields, ...body };
      }
      continue;
    }
    const exchange = await timed(
      contact.version === 'v2.1' ? 'delete v2.1 (DELETE)' : 'delete v2 (DELETE)',
      () => api.deleteContact(contact.version, ref, { retry: false }),
    );
    if (ok(exchange)) {
      model.live.delete(ref);
      model.deleted.set(ref, orderRef);
      refs.splice(at, 1);
    }
  }
  return model;
}

function figures(samples: readonly Sample[]): OperationFigures {
  const latencies = Float64Array.from(samples, (s) => s.ms).sort();
  const statuses = new Map<string, number>();
  for (const sample of samples) statuses.set(sample.status, (statuses.get(sample.status) ?? 0) + 1);
  return {
    requests: samples.length,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? 0,
    statuses,
  };
}

/** Runs `work` over `items` with at most `concurrency` at once. */
async function eachLimited<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/** The refs a v2.1 list item names: its ref, else the last segment of its href. */
function itemRef(item: unknown): string | undefined {
  if (!isObject(item)) return undefined;
  if (typeof item.ref === 'string') return item.ref;
  return typeof item.href === 'string'
    ? item.href.split('?')[0]?.split('/').filter(Boolean).pop()
    : undefined;
}

/** How compareStore reads. */
export interface ReadBackOptions {
  /** The limit of each list page. Default 100. */
  readonly pageSize?: number;
  /** Called with every exchange of the read-back. */
  readonly onExchange?: (exchange: Exchange) => void;
}

/**
 * Reads every contact of `orders` back through the API (v2.1 list, every page, following `next`; then a v2.1
 * retrieve of every listed, live or deleted contact) and compares the store with the clients' models: every
 * acknowledged contact present, listed on its order and holding exactly the fields of its last acknowledged write;
 * every acknowledged delete gone from retrieve and list; nothing listed that no client was told about.
 */
export async function compareStore(
  api: OrderContactClient,
  orders: readonly string[],
  models: readonly ClientModel[],
  concurrency: number,
  { pageSize = DEFAULT_MAX_LIMIT, onExchange = () => {} }: ReadBackOptions = {},
): Promise<StoreComparison> {
  const started = performance.now();
  let requests = 0;
  const send = async (call: () => Promise<Exchange>): Promise<Exchange> => {
    requests += 1;
    const exchange = await call();
    onExchange(exchange);
    return exchange;
  };
  const mismatches: Mismatch[] = [];
  const live = new Map<string, ModelContact>();
  const deleted = new Map<string, string>();
  for (const model of models) {
    for (const [ref, contact] of model.live) live.set(ref, contact);
    for (const [ref, orderRef] of model.deleted) deleted.set(ref, orderRef);
    for (const detail of model.untracked)
      mismatches.push({ kind: 'acknowledged-without-ref', ref: '', detail });
  }

  // Every page of every order.
  const listedOn = new Map<string, string[]>();
  let pages = 0;
  let listed = 0;
  await eachLimited(orders, concurrency, async (orderRef) => {
    const seen = new Set<string>();
    let exchange = await send(() =>
      api.listContacts('v2.1', orderRef, { offset: 0, limit: pageSize }, { retry: false }),
    );
    // A guard against a next link that never ends: no more pages than the store could fill, plus a few.
    for (let page = 0; page < (live.size + deleted.size) / pageSize + 10; page += 1) {
      pages += 1;
      const body = exchange.json;
      if (!ok(exchange) || !isObject(body) || !Array.isArray(body.items)) {
        mismatches.push({
          kind: 'list-failed',
          ref: '',
          orderRef,
          detail: `listing order ${orderRef} answered ${statusOf(exchange)} without items`,
        });
        return;
      }
      for (const item of body.items) {
        const ref = itemRef(item);
        if (ref === undefined) continue;
        listed += 1;
        if (seen.has(ref)) {
          mismatches.push({
            kind: 'listed-twice',
            ref,
            orderRef,
            detail: `listed twice on order ${orderRef}`,
          });
          continue;
        }
        seen.add(ref);
        listedOn.set(ref, [...(listedOn.get(ref) ?? []), orderRef]);
      }
      const next = isObject(body.next) && typeof body.next.href === 'string' ? body.next.href : undefined;
      if (next === undefined || body.items.length === 0) return;
      exchange = await send(() => api.follow('v2.1', 'retrieveOrderContacts', next, { retry: false }));
    }
  });

  // Every contact anyone knows of: listed, live in a model, or deleted in one.
  const refs = [...new Set([...listedOn.keys(), ...live.keys(), ...deleted.keys()])];
  const retrieved = new Map<string, Exchange>();
  await eachLimited(refs, concurrency, async (ref) => {
    retrieved.set(ref, await send(() => api.retrieveContact('v2.1', ref, { retry: false })));
  });

  for (const [ref, contact] of live) {
    const exchange = retrieved.get(ref);
    const body = exchange?.json;
    if (exchange?.response?.status !== 200 || !isObject(body)) {
      mismatches.push({
        kind: 'missing',
        ref,
        orderRef: contact.orderRef,
        detail: `retrieve answered ${exchange ? statusOf(exchange) : 'nothing'}`,
      });
    } else {
      const differ = PERSON_FIELDS.filter((name) => !sameJson(body[name], contact.fields[name]));
      if (differ.length > 0) {
        mismatches.push({
          kind: 'fields-differ',
          ref,
          orderRef: contact.orderRef,
          detail: differ
            .map(
              (name) =>
                `${name}: ${JSON.stringify(body[name]) ?? 'absent'}, expected ${JSON.stringify(contact.fields[name]) ?? 'absent'}`,
            )
            .join('; '),
        });
      }
      const orderHref = isObject(body.order) ? body.order.href : undefined;
      if (typeof orderHref !== 'string' || !orderHref.endsWith(`/orders/${contact.orderRef}`)) {
        mismatches.push({
          kind: 'order-link-wrong',
          ref,
          orderRef: contact.orderRef,
          detail: `order.href ${JSON.stringify(orderHref)}`,
        });
      }
    }
    const on = listedOn.get(ref) ?? [];
    if (!on.includes(contact.orderRef)) {
      mismatches.push({
        kind: 'not-listed',
        ref,
        orderRef: contact.orderRef,
        detail: `not on its order's list`,
      });
    }
    for (const other of on.filter((o) => o !== contact.orderRef)) {
      mismatches.push({
        kind: 'listed-on-another-order',
        ref,
        orderRef: other,
        detail: `listed on order ${other}`,
      });
    }
  }
  for (const [ref, orderRef] of deleted) {
    const status = retrieved.get(ref)?.response?.status;
    if (status !== 404) {
      mismatches.push({
        kind: 'not-deleted',
        ref,
        orderRef,
        detail: `retrieve after the delete answered ${status}`,
      });
    }
    if (listedOn.has(ref)) {
      mismatches.push({
        kind: 'deleted-still-listed',
        ref,
        orderRef,
        detail: 'still listed after the delete',
      });
    }
  }
  for (const [ref, on] of listedOn) {
    if (!live.has(ref) && !deleted.has(ref)) {
      mismatches.push({
        kind: 'unexpected',
        ref,
        orderRef: on[0] ?? '',
        detail: `listed, but no client was told it was created (retrieve answered ${retrieved.get(ref)?.response?.status})`,
      });
    }
  }
  return {
    orders: orders.length,
    pages,
    listed,
    retrieved: retrieved.size,
    expectedLive: live.size,
    expectedDeleted: deleted.size,
    mismatches,
    requests,
    wallMs: performance.now() - started,
  };
}

/**
 * Creates the orders, runs `clients` concurrent clients sending `requests` requests in all (a seeded mix of
 * creates, v2.1 PUT and PATCH, v2 updates and deletes), then reads the store back and compares it with what the
 * clients were told. Never throws for what the server answers: statuses, 5xx and mismatches are in the report.
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const clients = Math.max(1, Math.floor(options.clients));
  const requests = Math.max(0, Math.floor(options.requests));
  const orderCount = Math.max(1, Math.floor(options.orders ?? Math.ceil(clients / 5)));
  const now = options.now ?? DEFAULT_NOW;
  const http = new HttpClient({
    baseUrl: options.baseUrl,
    credentials: options.credentials ?? { clientKey: DEFAULT_CLIENT_KEY, apiToken: DEFAULT_API_TOKEN },
    concurrency: clients,
    retries: 0,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  const api = new OrderContactClient(http);
  const tally = new Tally();
  try {
    const setupStarted = performance.now();
    const orders: string[] = [];
    for (let i = 0; i < orderCount; i += 1) {
      const exchange = await api.createOrder(
        'v2.1',
        {
          referenceId: `load-${options.seed}-${i + 1}`,
          currencyCode: 'EUR',
          orderedAt: new Date(now).toISOString(),
          price: 10 + i,
        },
        { retry: false },
      );
      tally.count(exchange);
      const ref = refOfAnswer(exchange);
      if (!ok(exchange) || ref === undefined) {
        throw new Error(
          `Failed to create order ${i + 1} of the load at ${options.baseUrl}: it answered ${statusOf(exchange)}` +
            `${exchange.error ? ` (${exchange.error.message})` : ''}. Is the target an Order contact API that accepts the credentials?`,
        );
      }
      orders.push(ref);
    }
    const setupWallMs = performance.now() - setupStarted;

    const samples: Sample[] = [];
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const models = await Promise.all(
      Array.from({ length: clients }, (_, i) =>
        runClient(
          api,
          i,
          orders[i % orderCount] as string,
          Math.floor(requests / clients) + (i < requests % clients ? 1 : 0),
          { seed: options.seed, now },
          samples,
          tally,
        ),
      ),
    );
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const store = await compareStore(api, orders, models, clients, {
      onExchange: tally.count,
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    });
    const perOperation = new Map<LoadOperation, OperationFigures>();
    for (const operation of LOAD_OPERATIONS) {
      const of = samples.filter((s) => s.operation === operation);
      if (of.length > 0) perOperation.set(operation, figures(of));
    }
    return {
      clients,
      orders: orderCount,
      seed: options.seed,
      requests: samples.length,
      wallMs,
      clientCpuMs: (cpu.user + cpu.system) / 1000,
      setupRequests: orderCount,
      setupWallMs,
      perOperation,
      all: figures(samples),
      serverErrors: tally.serverErrors,
      transportErrors: tally.transportErrors,
      store,
    };
  } finally {
    await http.close();
  }
}

/** The report as printable lines (Markdown tables), for bench/load.ts. */
export function formatLoadReport(report: LoadReport): string[] {
  const ms = (value: number) => value.toFixed(1);
  const row = (name: string, f: OperationFigures) =>
    `| ${name} | ${f.requests} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${ms(f.max)} | ${formatStatuses(f.statuses)} |`;
  const { store } = report;
  const lines = [
    `load: ${report.requests} requests in ${(report.wallMs / 1000).toFixed(2)} s = ${Math.round((report.requests / report.wallMs) * 1000).toLocaleString('en-US')} requests/s ` +
      `(${report.clients} clients, one request in flight each; ${report.orders} orders, ~${Math.ceil(report.clients / report.orders)} clients per order; seed ${report.seed})`,
    '',
    '| operation | requests | p50 ms | p95 ms | p99 ms | max ms | statuses |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...[...report.perOperation].map(([name, f]) => row(name, f)),
    row('all', report.all),
    '',
    `load generator CPU: ${(report.clientCpuMs / 1000).toFixed(2)} s over the ${(report.wallMs / 1000).toFixed(2)} s of the load ` +
      `(${Math.round((report.clientCpuMs / report.wallMs) * 100)}% of one core: generating bodies, sending, parsing answers)`,
    `set-up: ${report.setupRequests} orders created in ${ms(report.setupWallMs)} ms`,
    `read-back: ${store.orders} orders, ${store.pages} pages, ${store.listed} contacts listed, ${store.retrieved} retrieved ` +
      `(${store.requests} requests in ${(store.wallMs / 1000).toFixed(2)} s)`,
    `expected: ${store.expectedLive} acknowledged contacts present, ${store.expectedDeleted} acknowledged deletes gone`,
    `5xx answers: ${report.serverErrors}`,
    `requests without an answer: ${report.transportErrors}`,
    `mismatches: ${store.mismatches.length}`,
  ];
  const byKind = new Map<string, number>();
  for (const m of store.mismatches) byKind.set(m.kind, (byKind.get(m.kind) ?? 0) + 1);
  if (byKind.size > 0) lines.push(`  by kind: ${[...byKind].map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
  for (const m of store.mismatches.slice(0, 10)) {
    lines.push(
      `  - ${m.kind} ${m.ref}${m.orderRef ? ` (order ${m.orderRef})` : ''}: ${m.detail.slice(0, 300)}`,
    );
  }
  return lines;
}

/** True when the load found nothing wrong: no 5xx, no unanswered request, no mismatch. */
export function loadPassed(report: LoadReport): boolean {
  return report.serverErrors === 0 && report.transportErrors === 0 && report.store.mismatches.length === 0;
}
