// What a pact file holds, read without loading Pact itself: the parent process of the verifier needs the plan (to
// name what a killed child never verified) but must stay free of the native core.
import { readFileSync } from 'node:fs';
import { type ApiVersion, apiVersionOfPath, operationForRequest } from '../../contracts/index.ts';
import { ProviderState } from './pact-names.ts';

/** A V4 body ({ content, contentType, encoded }); in a V2 or V3 pact the body is the JSON value itself. */
export type PactBody = unknown;

/** Header values: a string (V2, V3) or a list of strings (V4). */
export type PactHeaders = Readonly<Record<string, string | readonly string[]>>;

/** The parts of a pact interaction (V2, V3 or V4) the verification and the contract cross-check read. */
export interface PactInteraction {
  readonly description: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly headers?: PactHeaders;
    readonly body?: PactBody;
  };
  readonly response?: { readonly status?: number; readonly headers?: PactHeaders; readonly body?: PactBody };
  readonly providerStates?: ReadonlyArray<{
    readonly name: string;
    readonly params?: Record<string, unknown>;
  }>;
  /** V2 pacts name a single state. */
  readonly providerState?: string;
}

/** A pact file: its interactions and whatever else it holds, kept as is when a subset is written out. */
export interface PactDocument {
  readonly interactions: PactInteraction[];
  readonly [key: string]: unknown;
}

/** Provider states whose set-up writes nothing, or only needs an order the run may already have. */
const STATE_WRITES: Readonly<Record<string, 'none' | 'an order' | 'a contact'>> = {
  [ProviderState.contactMissing]: 'none',
  [ProviderState.orderExists]: 'an order',
  [ProviderState.contactExists]: 'a contact',
  [ProviderState.anOrderExists]: 'an order',
  [ProviderState.anOrderWithAContactExists]: 'a contact',
};

export function readPact(file: string): PactDocument {
  return JSON.parse(readFileSync(file, 'utf8')) as PactDocument;
}

/** The contract operation an interaction exercises, from its method and path ('unknown' for none). */
export function operationOf(interaction: PactInteraction): string {
  const { method, path } = interaction.request;
  const version = apiVersionOfPath(path);
  return (
    (version && operationForRequest(version, method, path.split('?')[0] ?? path)?.operationId) || 'unknown'
  );
}

/**
 * Why a read-only verification must not replay an interaction, or undefined when it may: only GETs, and only
 * provider states that write nothing (or need just an order, when the run was given one).
 */
export function readOnlySkipReason(interaction: PactInteraction, orderRef?: string): string | undefined {
  const method = interaction.request.method.toUpperCase();
  if (method !== 'GET') return `read-only run: the interaction sends ${method}, and only GET may be sent`;
  for (const state of providerStatesOf(interaction)) {
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

/** The provider states an interaction names: V3 and V4 list them, V2 names one. */
export function providerStatesOf(
  interaction: PactInteraction,
): ReadonlyArray<{ readonly name: string; readonly params?: Record<string, unknown> }> {
  if (interaction.providerStates !== undefined) return interaction.providerStates;
  return interaction.providerState !== undefined ? [{ name: interaction.providerState }] : [];
}
