// What a pact file holds, read without loading Pact itself: the parent process of the verifier needs the plan (to
// name what a killed child never verified) but must stay free of the native core.
import { readFileSync } from 'node:fs';
import type { ApiVersion } from '../../contracts/index.ts';
import { ProviderState } from './pact-names.ts';

/** The parts of a V4 pact interaction the verification reads. */
export interface PactInteraction {
  readonly description: string;
  readonly request: { readonly method: string; readonly path: string };
  readonly providerStates?: ReadonlyArray<{ readonly name: string }>;
}

/** A pact file: its interactions and whatever else it holds, kept as is when a subset is written out. */
export interface PactDocument {
  readonly interactions: PactInteraction[];
  readonly [key: string]: unknown;
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

/** Provider states whose set-up writes nothing, or only needs an order the run may already have. */
const STATE_WRITES: Readonly<Record<string, 'none' | 'an order' | 'a contact'>> = {
  [ProviderState.contactMissing]: 'none',
  [ProviderState.orderExists]: 'an order',
  [ProviderState.contactExists]: 'a contact',
};

export function readPact(file: string): PactDocument {
  return JSON.parse(readFileSync(file, 'utf8')) as PactDocument;
}

/** The contract operation an interaction exercises, from its method and path. */
export function operationOf(interaction: PactInteraction): string {
  const key = `${interaction.request.method.toUpperCase()} ${interaction.request.path}`;
  return OPERATION_BY_REQUEST.find(([pattern]) => pattern.test(key))?.[1] ?? 'unknown';
}

/**
 * Why a read-only verification must not replay an interaction, or undefined when it may: only GETs, and only
 * provider states that write nothing (or need just an order, when the run was given one).
 */
export function readOnlySkipReason(interaction: PactInteraction, orderRef?: string): string | undefined {
  const method = interaction.request.method.toUpperCase();
  if (method !== 'GET') return `read-only run: the interaction sends ${method}, and only GET may be sent`;
  for (const state of interaction.providerStates ?? []) {
    const needs = STATE_WRITES[state.name] ?? 'a contact';
    if (needs === 'a contact' || (needs === 'an order' && orderRef === undefined))
      return `read-only run: the provider state "${state.name}" needs ${needs} created first`;
  }
  return undefined;
}

/** The interactions of the pact of each version, in the order the verifier replays them. */
export function plannedInteractions(
  apiVersions: readonly ApiVersion[],
  fileOf: (version: ApiVersion) => string,
): Array<{ readonly apiVersion: ApiVersion; readonly interaction: PactInteraction }> {
  return apiVersions.flatMap((apiVersion) =>
    readPact(fileOf(apiVersion)).interactions.map((interaction) => ({ apiVersion, interaction })),
  );
}
