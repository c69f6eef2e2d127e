import { readFileSync } from 'node:fs';
import { Verifier } from '@pact-foundation/pact';
import type { ApiVersion } from '../../contracts/index.ts';
import { HttpClient } from '../../lib/http-client.ts';
import { type CreationRecorder, OrderContactClient } from '../../lib/order-contact-client.ts';
import { redactSecrets } from '../../lib/redact.ts';
import type { PactResult } from '../../reports/index.ts';
import { ProviderState, pactFile, pactProvider } from './pact-names.ts';

/** The verdict on one interaction of a pact (the report model's type: one shape for both). */
export type { PactResult } from '../../reports/index.ts';

/** What verifyPacts needs: the target and its credentials, the versions, and somewhere to record creations. */
export interface VerifyOptions {
  readonly baseUrl: string;
  readonly credentials: { readonly clientKey: string; readonly apiToken: string };
  readonly apiVersions: readonly ApiVersion[];
  readonly recorder?: CreationRecorder;
  /** Pact files to verify instead of the committed ones (tests). */
  readonly pactFiles?: Partial<Record<ApiVersion, string>>;
  readonly timeoutMs?: number;
}

interface PactInteraction {
  description: string;
  request: { method: string; path: string };
}

const OPERATION_BY_REQUEST: ReadonlyArray<[RegExp, string]> = [
  [/^POST \/v2(\.1)?\/orders\/[^/]+\/contacts$/, 'createOrderContact'],
  [/^GET \/v2(\.1)?\/orders\/[^/]+\/contacts$/, 'retrieveOrderContacts'],
  [/^GET \/v2(\.1)?\/orderContacts\/[^/]+$/, 'retrieveOrderContact'],
  [/^PUT \/v2\.1\/orderContacts\/[^/]+$/, 'replaceOrderContact'],
  [/^PATCH \/v2\.1\/orderContacts\/[^/]+$/, 'partiallyUpdateOrderContact'],
  [/^POST \/v2\/orderContacts\/[^/]+$/, 'updateOrderContact'],
  [/^DELETE \/v2(\.1)?\/orderContacts\/[^/]+$/, 'deleteOrderContact'],
];

function operationOf(interaction: PactInteraction): string {
  const key = `${interaction.request.method.toUpperCase()} ${interaction.request.path}`;
  return OPERATION_BY_REQUEST.find(([pattern]) => pattern.test(key))?.[1] ?? 'unknown';
}

/** The mismatch texts per interaction description from the Verifier's JSON result (pact_ffi's verifier JSON). */
export function mismatchesByInteraction(resultJson: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let result: { errors?: Array<{ interaction?: string; mismatch?: unknown }> };
  try {
    result = JSON.parse(resultJson) as typeof result;
  } catch {
    return out;
  }
  for (const error of result.errors ?? []) {
    const description = error.interaction ?? '(unknown interaction)';
    const texts = describeMismatch(error.mismatch);
    out.set(description, [...(out.get(description) ?? []), ...texts]);
  }
  return out;
}

function describeMismatch(mismatch: unknown): string[] {
  if (mismatch === null || typeof mismatch !== 'object') return [String(mismatch)];
  const m = mismatch as { type?: string; mismatches?: unknown[]; message?: string; error?: string };
  if (Array.isArray(m.mismatches)) {
    return m.mismatches.map((item) => {
      const i = item as {
        type?: string;
        mismatch?: string;
        path?: string;
        expected?: unknown;
        actual?: unknown;
      };
      const where = i.path ? ` at ${i.path}` : '';
      return `${i.type ?? 'mismatch'}${where}: ${i.mismatch ?? `expected ${JSON.stringify(i.expected)} but got ${JSON.stringify(i.actual)}`}`;
    });
  }
  return [m.message ?? m.error ?? JSON.stringify(mismatch)];
}

/**
 * Replays the committed pacts against a target with the Pact Verifier. Provider states are set up through the API
 * itself (an order, a contact on it) and torn down after each interaction; every interaction becomes a result.
 */
export async function verifyPacts(options: VerifyOptions): Promise<PactResult[]> {
  const secrets = [options.credentials.clientKey, options.credentials.apiToken];
  const http = new HttpClient({
    baseUrl: options.baseUrl,
    credentials: options.credentials,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  const client = new OrderContactClient(http, options.recorder);
  const authorization = `Basic ${Buffer.from(`${options.credentials.clientKey}:${options.credentials.apiToken}`).toString('base64')}`;
  const results: PactResult[] = [];
  try {
    for (const version of options.apiVersions) {
      const file = options.pactFiles?.[version] ?? pactFile(version);
      const interactions = (JSON.parse(readFileSync(file, 'utf8')) as { interactions: PactInteraction[] })
        .interactions;
      const created: { orders: string[]; contacts: string[] } = { orders: [], contacts: [] };
      const createOrder = async (): Promise<string> => {
        const exchange = await client.createOrder(version, {
          referenceId: `OCC-PACT-${Date.now()}`,
          currencyCode: 'EUR',
          orderedAt: new Date().toISOString(),
          price: 1,
        });
        const ref = (exchange.json as { ref?: unknown } | undefined)?.ref;
        if (typeof ref !== 'string')
          throw new Error(
            `Failed to set up a provider state: creating an order answered ${exchange.response?.status ?? exchange.error?.message}.`,
          );
        created.orders.push(ref);
        return ref;
      };
      const tearDown = async (): Promise<undefined> => {
        for (const orderRef of created.orders.splice(0)) {
          const list = await client.listContacts(version, orderRef, { limit: 100 });
          for (const item of (list.json as { items?: Array<{ ref?: string; href?: string }> } | undefined)
            ?.items ?? []) {
            const ref = item.ref ?? item.href?.split('/').pop();
            if (ref) await client.deleteContact(version, ref);
          }
          await client.deleteOrder(version, orderRef);
        }
        for (const ref of created.contacts.splice(0)) await client.deleteContact(version, ref);
        return undefined;
      };
      const verifier = new Verifier({
        provider: pactProvider(version),
        providerBaseUrl: options.baseUrl,
        pactUrls: [file],
        logLevel: 'error',
        // pact-js types stateHandlers as the intersection of the proxy's and pact-core's shapes, which no object
        // satisfies; these are the proxy's setup/teardown handlers its documentation describes.
        stateHandlers: {
          [ProviderState.orderExists]: {
            setup: async () => ({ orderRef: await createOrder() }),
            teardown: tearDown,
          },
          [ProviderState.contactExists]: {
            setup: async () => {
              const orderRef = await createOrder();
              const exchange = await client.createContact(version, orderRef, {
                firstName: 'John',
                lastName: 'Doe',
                gender: 'male',
              });
              let ref = (exchange.json as { ref?: unknown } | undefined)?.ref;
              if (typeof ref !== 'string') {
                // A provider that leaves ref out of its 201 is what some verifications are about: find the contact
                // through the order's list instead, so the state still holds.
                const list = await client.listContacts(version, orderRef);
                const item = (list.json as { items?: Array<{ ref?: string; href?: string }> } | undefined)
                  ?.items?.[0];
                ref = item?.ref ?? item?.href?.split('/').pop();
              }
              if (typeof ref !== 'string')
                throw new Error(
                  `Failed to set up a provider state: creating a contact answered ${exchange.response?.status}.`,
                );
              return { orderRef, orderContactRef: ref };
            },
            teardown: tearDown,
          },
          [ProviderState.contactMissing]: async () => undefined,
        } as never,
        // The pacts hold a placeholder Authorization header; the target gets its real credentials instead. A request
        // recorded without one (the 401 interaction) stays without.
        requestFilter: (
          req: { headers: Record<string, string | string[] | undefined> },
          _res: unknown,
          next: () => void,
        ) => {
          if (req.headers.authorization) req.headers.authorization = authorization;
          next();
        },
      });
      let resultJson: string;
      try {
        resultJson = String(await verifier.verifyProvider());
      } catch (error) {
        resultJson = error instanceof Error ? error.message : String(error);
      }
      const mismatches = mismatchesByInteraction(resultJson);
      const parsed = mismatches.size > 0 || resultJson.trim().startsWith('{');
      for (const interaction of interactions) {
        // The Verifier names an interaction "Verifying a pact between … Given <state> - <description>".
        const key = [...mismatches.keys()].find(
          (k) => k === interaction.description || k.endsWith(` - ${interaction.description}`),
        );
        const found = key !== undefined ? (mismatches.get(key) ?? []) : parsed ? [] : [resultJson];
        results.push({
          interaction: interaction.description,
          apiVersion: version,
          operation: operationOf(interaction),
          passed: found.length === 0,
          mismatches: found.map((text) => redactSecrets(text, secrets)),
        });
      }
    }
  } finally {
    await http.close();
  }
  return results;
}
