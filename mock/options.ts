import { randomUUID } from 'node:crypto';
import { nearNames } from '../lib/near-names.ts';
import { FAULT_NAMES, type FaultName } from './faults.ts';
import type { SeedData } from './seed.ts';
import { isVariantName, VARIANT_NAMES, type VariantName } from './variants.ts';

/** The client key the mock accepts unless told otherwise; public, for local use only. */
export const DEFAULT_CLIENT_KEY = 'occ-client-key';
/** The API token the mock accepts unless told otherwise; public, for local use only. */
export const DEFAULT_API_TOKEN = 'occ-api-token';
/** The largest page the mock serves unless told otherwise (the vendor documents none). */
export const DEFAULT_MAX_LIMIT = 100;
/** The page size without a limit parameter (the vendor's examples: offset=0&limit=10). */
export const DEFAULT_LIMIT = 10;
/** How long the slow-responses fault holds each answer unless told otherwise. */
export const DEFAULT_SLOW_RESPONSE_MS = 250;

/** Behaviour where the vendor is silent: how many contacts an order may have. */
export type ContactsPerOrder = 'many' | 'one';

/** Options of the mock's handler. Every one has a default; see README "Mock server". */
export interface MockOptions {
  /** Basic auth user name. Default DEFAULT_CLIENT_KEY. */
  readonly clientKey?: string;
  /** Basic auth password. Default DEFAULT_API_TOKEN. */
  readonly apiToken?: string;
  /** Base of every href (e.g. https://cdp.example.test); default http://{Host header}. */
  readonly publicBaseUrl?: string;
  /** 'many' (default) or 'one': a second contact on one order gets 409. */
  readonly contactsPerOrder?: ContactsPerOrder;
  /** The largest limit honoured; larger ones are clamped. Default 100. */
  readonly maxLimit?: number;
  /** Named deviations from the contract to switch on (see FAULTS). */
  readonly faults?: readonly string[];
  /** Conformant behaviours where the vendor is silent or the network varies (see VARIANTS). */
  readonly variants?: readonly string[];
  /** Delay of the slow-responses fault, in ms. Default 250. */
  readonly slowResponseMs?: number;
  /** Orders, contacts and guests present from the start (and after reset()). */
  readonly seed?: SeedData;
  /** The clock, in ms since the epoch (tests inject a fixed one). */
  readonly now?: () => number;
  /** The ref generator; must return UUIDs (tests inject a sequence). */
  readonly randomUUID?: () => string;
}

/** MockOptions with every default applied and checked. */
export interface ResolvedMockOptions {
  readonly clientKey: string;
  readonly apiToken: string;
  readonly publicBaseUrl: string | undefined;
  readonly contactsPerOrder: ContactsPerOrder;
  readonly maxLimit: number;
  readonly faults: ReadonlySet<FaultName>;
  readonly variants: ReadonlySet<VariantName>;
  readonly slowResponseMs: number;
  readonly seed: SeedData | undefined;
  readonly now: () => number;
  readonly randomUUID: () => string;
}

/** Thrown for options the mock cannot run with; the message says what to pass instead. */
export class MockOptionsError extends Error {
  override readonly name = 'MockOptionsError';
}

/** The fault set for these names; throws MockOptionsError naming every unknown one and listing the known ones. */
export function resolveFaults(names: readonly string[]): ReadonlySet<FaultName> {
  const known = new Set<string>(FAULT_NAMES);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new MockOptionsError(
      `Failed to switch on mock fault${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}: unknown. Known faults: ${FAULT_NAMES.join(', ')}.`,
    );
  }
  return new Set(names as readonly FaultName[]);
}

/** The variant set for these names; throws MockOptionsError naming every unknown one and its near matches. */
export function resolveVariants(names: readonly string[]): ReadonlySet<VariantName> {
  const unknown = names.filter((name) => !isVariantName(name));
  if (unknown.length > 0) {
    const near = nearNames(unknown[0] ?? '', VARIANT_NAMES);
    throw new MockOptionsError(
      `Failed to switch on mock variant${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}: unknown. Near matches: ${near.join(', ')}. Known variants: ${VARIANT_NAMES.join(', ')} (occ mock --list-variants).`,
    );
  }
  return new Set(names as readonly VariantName[]);
}

/** An absolute http(s) URL without query, fragment or trailing slash; throws MockOptionsError naming `option`. */
export function normalisedBaseUrl(value: string, option = 'publicBaseUrl'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MockOptionsError(
      `Failed to use ${option} "${value}": not a URL. Pass an absolute http(s) URL such as https://cdp.example.test.`,
    );
  }
  if (!/^https?:$/.test(url.protocol) || url.search !== '' || url.hash !== '') {
    throw new MockOptionsError(
      `Failed to use ${option} "${value}": it must be http(s) without query or fragment. Pass e.g. https://cdp.example.test.`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function wholeNumber(name: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new MockOptionsError(`Failed to use ${name} ${value}: expected an integer from ${min} to ${max}.`);
  }
  return value;
}

/** Applies the defaults and checks every option; throws MockOptionsError for the first one that is wrong. */
export function resolveMockOptions(options: MockOptions = {}): ResolvedMockOptions {
  const contactsPerOrder = options.contactsPerOrder ?? 'many';
  if (contactsPerOrder !== 'many' && contactsPerOrder !== 'one') {
    throw new MockOptionsError(
      `Failed to use contactsPerOrder "${String(contactsPerOrder)}": expected "many" or "one".`,
    );
  }
  // A client key with a colon could never be sent: Basic auth splits user and password at the first one (RFC 7617).
  if (options.clientKey !== undefined && (options.clientKey === '' || options.clientKey.includes(':'))) {
    throw new MockOptionsError('Failed to use the client key: it must be non-empty and contain no colon.');
  }
  if (options.apiToken !== undefined && options.apiToken === '') {
    throw new MockOptionsError('Failed to use the API token: it must be non-empty.');
  }
  return Object.freeze({
    clientKey: options.clientKey ?? DEFAULT_CLIENT_KEY,
    apiToken: options.apiToken ?? DEFAULT_API_TOKEN,
    publicBaseUrl: options.publicBaseUrl === undefined ? undefined : normalisedBaseUrl(options.publicBaseUrl),
    contactsPerOrder,
    maxLimit: wholeNumber('maxLimit', options.maxLimit ?? DEFAULT_MAX_LIMIT, 1, 1_000_000),
    faults: resolveFaults(options.faults ?? []),
    variants: resolveVariants(options.variants ?? []),
    slowResponseMs: wholeNumber(
      'slowResponseMs',
      options.slowResponseMs ?? DEFAULT_SLOW_RESPONSE_MS,
      0,
      600_000,
    ),
    seed: options.seed,
    now: options.now ?? Date.now,
    randomUUID: options.randomUUID ?? randomUUID,
  });
}
