import type { Unverified } from '../checks/unverified.ts';
import type { ApiVersion, Order } from '../contracts/index.ts';
import { cleanupLedgers } from '../lib/cleanup.ts';
import type { OccConfig, ProxySettings } from '../lib/config.ts';
import { OccError } from '../lib/errors.ts';
import type { Credentials, HttpClient } from '../lib/http-client.ts';
import { CleanupLedger, removeEmptyLedger, runMarkerName } from '../lib/ledger.ts';
import { OrderContactClient } from '../lib/order-contact-client.ts';
import { createTargetHttp } from '../target-setup/target-http.ts';

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
 * probe writes only to data of its own. Throws OccError when the order cannot be created.
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
    const got = status === undefined ? (created.error?.message ?? 'no answer') : `status ${status}`;
    throw new OccError(
      `Failed to create the probes' order at ${options.baseUrl}: ${got}. Check --base-url and the credentials (occ run --tier smoke says more).`,
    );
  }
  return { client, http, orderRef: ref, version, runId: options.runId, close };
}
