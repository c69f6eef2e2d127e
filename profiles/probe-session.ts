import { rmSync } from 'node:fs';
import type { Unverified } from '../checks/unverified.ts';
import type { ApiVersion, Order } from '../contracts/index.ts';
import { cleanupLedgers } from '../lib/cleanup.ts';
import type { OccConfig, ProxySettings } from '../lib/config.ts';
import type { UnreachableCause } from '../lib/errors.ts';
import type { Credentials, HttpClient } from '../lib/http-client.ts';
import { CleanupLedger, removeEmptyLedger, runMarkerName } from '../lib/ledger.ts';
import { OrderContactClient } from '../lib/order-contact-client.ts';
import type { SettingKey } from '../lib/settings.ts';
import { setupFailure } from '../target-setup/setup-failure.ts';
import { createTargetHttp } from '../target-setup/target-http.ts';

/** Failures in which no request reached the target: nothing it created can exist. */
const NEVER_CONNECTED: ReadonlySet<UnreachableCause> = new Set(['connect-refused', 'dns', 'tls']);

/** Where and how a probe session talks to its target. */
export interface ProbeSessionOptions {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly settings: Pick<OccConfig, 'timeoutMs' | 'retries' | 'concurrency' | 'rps' | 'readOnly'>;
  readonly proxy?: ProxySettings;
  readonly ledgerDir: string;
  /** Marks what the session creates (the order's referenceId, the contacts' last names) and names its ledger. */
  readonly runId: string;
  readonly now: Date;
  /** The settings the command offers as flags, so a failure's hint names only those. */
  readonly flags?: readonly SettingKey[];
  /** For the ledger of an embedded mock, which dies with the run: not fsync'd. */
  readonly durable?: boolean;
}

/** A target with an order of the session's own, every create in a ledger, and a close that deletes them all. */
export interface ProbeSession {
  readonly client: OrderContactClient;
  readonly http: HttpClient;
  readonly orderRef: string;
  readonly version: ApiVersion;
  readonly runId: string;
  /** Deletes what the session created (from its ledger) and closes the client. */
  close(log?: (line: string) => void): Promise<{ deleted: number; failed: readonly string[] }>;
}

/**
 * Opens a probe session: the ledger first, then the session's order (as occ run's set-up makes one), so every
 * probe writes only to data of its own. Throws TargetUnreachableError (exit 3, its cause typed) when the order
 * cannot be created.
 */
export async function openProbeSession(options: ProbeSessionOptions): Promise<ProbeSession> {
  const version: ApiVersion = 'v2.1';
  const http = createTargetHttp({
    baseUrl: options.baseUrl,
    credentials: options.credentials,
    settings: options.settings,
    ...(options.proxy ? { proxy: options.proxy } : {}),
  });
  const ledger = CleanupLedger.open(
    options.ledgerDir,
    options.runId,
    { baseUrl: options.baseUrl, startedAt: options.now.toISOString() },
    { durable: options.durable ?? true },
  );
  const client = new OrderContactClient(http, ledger);
  const close = async (log: (line: string) => void = () => {}) => {
    try {
      const result = await cleanupLedgers({ dir: options.ledgerDir, client: http, log, only: options.runId });
      return { deleted: result.deleted, failed: result.failed.map((f) => `${f.kind} ${f.ref}: ${f.reason}`) };
    } finally {
      removeEmptyLedger(ledger.path);
      await http.close();
    }
  };
  const created = await client.createOrder(version, {
    referenceId: runMarkerName(options.runId),
    currencyCode: 'EUR',
    orderedAt: options.now.toISOString(),
    price: 1,
    pointOfSale: 'occ-conformance',
  });
  const ref = (created.json as Unverified<Order> | undefined)?.ref;
  const status = created.response?.status;
  if (status === undefined || status >= 300 || typeof ref !== 'string') {
    await close();
    const failure = setupFailure(created, {
      baseUrl: options.baseUrl,
      step: "creating the probes' order",
      creatingOrder: false,
      flags: options.flags ?? [],
      timeoutMs: options.settings.timeoutMs,
      secrets: [options.credentials.clientKey, options.credentials.apiToken],
    });
    // No connection was made: the order create the ledger lists as an intent never left this machine.
    if (NEVER_CONNECTED.has(failure.kind)) rmSync(ledger.path, { force: true });
    throw failure;
  }
  return { client, http, orderRef: ref, version, runId: options.runId, close };
}
