import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Unverified } from '../checks/unverified.ts';
import type { ApiVersion, Order } from '../contracts/index.ts';
import { cleanupLedgers } from '../lib/cleanup.ts';
import type { OccConfig } from '../lib/config.ts';
import { ConfigError, TargetUnreachableError, type UnreachableCause } from '../lib/errors.ts';
import type { SendObserver } from '../lib/exchange.ts';
import { CleanupLedger, ledgerPath, removeEmptyLedger, runMarkerName } from '../lib/ledger.ts';
import { OrderContactClient } from '../lib/order-contact-client.ts';
import type { SettingKey } from '../lib/settings.ts';
import { type Credentials, credentialsFor } from './credentials.ts';
import { type RunContext, runContextOf } from './run-context.ts';
import { type SetupFailureContext, setupFailure, versionSegmentFailure } from './setup-failure.ts';
import { createTargetHttp } from './target-http.ts';

/** Set-up failures in which no request reached the target: nothing it created can exist. */
const NEVER_CONNECTED: ReadonlySet<UnreachableCause> = new Set(['connect-refused', 'dns', 'tls']);
/** A target ready for the suites, and how to put everything back afterwards. */
export interface PreparedTarget {
  readonly context: RunContext;
  readonly credentials: Credentials;
  /** Deletes what the run created (from the ledger), stops the embedded mock. Safe to call twice. */
  teardown(log?: (line: string) => void): Promise<{ deleted: number; failed: readonly string[] }>;
}

/** Options of prepareTarget beyond the configuration. */
export interface PrepareOptions {
  readonly log?: (line: string) => void;
  readonly now?: Date;
  /** The settings the command offers as flags, so a failure's hint names only flags it has. Default: none. */
  readonly flags?: readonly SettingKey[];
  /** The run's id, when the caller made it already (to name what it records); a new one when absent. */
  readonly runId?: string;
  /** Told of every send of the set-up and the teardown (--record). */
  readonly observer?: SendObserver;
}

/** A run id that sorts by time and is unique enough to mark what the run creates: 20261123T0630-a1b2c3. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 13);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * Gets a target ready: starts the embedded mock when no base URL is configured, cleans up what killed runs left
 * (their ledgers), checks the target answers and accepts the credentials, and creates the run's order unless one
 * is given. Throws TargetUnreachableError when nothing could be checked, ConfigError for an unusable order ref.
 */
export async function prepareTarget(
  config: OccConfig,
  options: PrepareOptions = {},
): Promise<PreparedTarget> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const runId = options.runId ?? newRunId(now);
  const flags = options.flags ?? [];
  if (config.baseUrl !== undefined) {
    const segment = versionSegmentFailure(config.baseUrl, flags);
    if (segment) throw segment;
  }
  // The embedded mock is loaded only when it is the target: a run against a URL does not carry it.
  const mock =
    config.baseUrl === undefined
      ? await (await import('../mock/index.ts')).startMockServer({
          faults: [...config.mockFaults],
          variants: [...config.mockVariants],
        })
      : undefined;
  const baseUrl = config.baseUrl ?? (mock?.url as string);
  const credentials = credentialsFor(config);
  const failure = (step: string, creatingOrder = false): SetupFailureContext => ({
    baseUrl,
    step,
    creatingOrder,
    flags,
    timeoutMs: config.timeoutMs,
    secrets: [credentials.clientKey, credentials.apiToken],
  });
  const http = createTargetHttp({
    baseUrl,
    credentials,
    settings: config,
    ...(mock ? {} : { proxy: config.proxy }),
    ...(options.observer ? { observer: options.observer } : {}),
  });
  // The embedded mock dies with the run, so its ledger is only needed while the run lasts.
  const ledgerDir = mock ? mkdtempSync(join(tmpdir(), 'occ-ledger-')) : config.ledgerDir;
  const stopMock = async (): Promise<void> => {
    await http.close();
    await mock?.close();
    if (mock) rmSync(ledgerDir, { recursive: true, force: true });
  };
  try {
    // A read-only run deletes nothing, not even what earlier runs left (occ cleanup does that).
    if (mock === undefined && !config.readOnly) {
      const leftovers = await cleanupLedgers({ dir: config.ledgerDir, client: http, log });
      if (leftovers.deleted > 0 || leftovers.failed.length > 0) {
        log(
          `cleaned up after earlier runs: ${leftovers.deleted} deleted, ${leftovers.failed.length} could not be deleted`,
        );
      }
    }
    const ledger = CleanupLedger.open(
      ledgerDir,
      runId,
      { baseUrl, startedAt: now.toISOString() },
      { durable: mock === undefined },
    );
    const client = new OrderContactClient(http, ledger);
    const version: ApiVersion = config.apiVersions[0] ?? 'v2.1';
    let orderRef = config.orderRef;
    let orderCreated = false;
    if (orderRef !== undefined) {
      const probe = await client.listContacts(version, orderRef);
      const status = probe.response?.status;
      if (status === 404)
        throw new ConfigError([
          `--order-ref / CDP_ORDER_REF: order "${orderRef}" was not found at ${baseUrl} (or the base URL is not the API's root).`,
        ]);
      // Another 4xx is the suites' to judge: the order exists and the target answers.
      if (status === undefined || status === 401 || status === 403 || status >= 500)
        throw setupFailure(probe, failure(`listing the contacts of order ${orderRef}`));
    } else if (config.readOnly) {
      throw new ConfigError([
        '--read-only needs --order-ref / CDP_ORDER_REF: the suite may not create an order to test on.',
      ]);
    } else {
      const created = await client.createOrder(version, {
        referenceId: runMarkerName(runId),
        currencyCode: 'EUR',
        orderedAt: now.toISOString(),
        price: 1,
        pointOfSale: 'occ-conformance',
      });
      const status = created.response?.status;
      const ref = (created.json as Unverified<Order> | undefined)?.ref;
      if (status === undefined || status >= 300 || typeof ref !== 'string')
        throw setupFailure(created, failure("creating the run's order", true));
      orderRef = ref;
      orderCreated = true;
    }
    const context: RunContext = runContextOf(
      {
        runId,
        now: now.toISOString(),
        startedAt: now.toISOString(),
        baseUrl,
        targetKind: mock ? 'embedded-mock' : 'url',
        orderRef,
        orderCreated,
        ledgerDir,
      },
      config,
    );
    let done = false;
    return {
      context,
      credentials,
      async teardown(teardownLog = log) {
        if (done) return { deleted: 0, failed: [] };
        done = true;
        try {
          const result = await cleanupLedgers({
            dir: ledgerDir,
            client: http,
            log: teardownLog,
            only: runId,
          });
          return {
            deleted: result.deleted,
            failed: result.failed.map((f) => `${f.kind} ${f.ref}: ${f.reason}`),
          };
        } finally {
          await stopMock();
        }
      },
    };
  } catch (error) {
    // A run stopped here (refused credentials, say) usually created nothing; its ledger would only nag later runs.
    // When no connection could be made at all, the order create it may list as an intent never left this machine.
    if (mock === undefined) {
      const path = ledgerPath(ledgerDir, runId);
      if (error instanceof TargetUnreachableError && NEVER_CONNECTED.has(error.kind))
        rmSync(path, { force: true });
      else removeEmptyLedger(path);
    }
    await stopMock();
    throw error;
  }
}
