import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { API_VERSIONS, type ApiVersion } from '../contracts/index.ts';

/**
 * Requests in flight by default: one per lane order of each of the two versions (suites/support/own-order.ts), so
 * a tenant 120 ms away gets the default run done in about 40 s and one holding one contact per order never sees two.
 */
export const DEFAULT_CONCURRENCY = 16;

/** A parser's answer: the value, or what was expected instead (the caller adds who gave what). */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly expected: string };

/**
 * One setting of occ: where it comes from (a flag, an environment variable), its help, how its text is parsed and
 * what it is when nobody set it. The config type, the env and flag lists, loadConfig, the commander options and
 * the .env.example test all come from SETTINGS below.
 */
export interface Setting<T> {
  /** The long flag, e.g. '--base-url'; `--no-x` for a switch that is on by default. */
  readonly flag: string;
  /** The flag's value placeholder, e.g. '<url>'; absent for a switch. */
  readonly placeholder?: string;
  readonly env?: string;
  readonly help: string;
  readonly parse: (text: string) => Parsed<T>;
  readonly fallback: () => T;
  /** The flag may be given several times and takes comma-separated values. */
  readonly repeatable?: boolean;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const expected = <T>(what: string): Parsed<T> => ({ ok: false, expected: what });

/** A whole number from min to max (digits only: "1e3", "-1" and "0x10" are refused). */
export function parseWholeNumber(text: string, min: number, max: number): Parsed<number> {
  const n = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(n) && n >= min && n <= max
    ? ok(n)
    : expected(`a whole number from ${min} to ${max}`);
}

const wholeNumber =
  (min: number, max: number) =>
  (text: string): Parsed<number> =>
    parseWholeNumber(text, min, max);

function parseBoolean(text: string): Parsed<boolean> {
  if (/^(1|true|yes|on)$/i.test(text)) return ok(true);
  if (/^(0|false|no|off)$/i.test(text)) return ok(false);
  return expected('true or false');
}

const optionalText = (text: string): Parsed<string | undefined> => ok(text);

/** Comma-separated values, trimmed, empty ones dropped. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const list = (text: string): Parsed<readonly string[]> => ok(splitList(text));

function parseBaseUrl(text: string): Parsed<string | undefined> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return expected('an absolute http(s) URL such as https://api-engage-eu.sitecorecloud.io');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return expected('an absolute http(s) URL such as https://api-engage-eu.sitecorecloud.io');
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

function parseApiVersions(text: string): Parsed<readonly ApiVersion[]> {
  const wanted = splitList(text);
  if (wanted.length === 1 && wanted[0] === 'all') return ok([...API_VERSIONS]);
  if (wanted.length === 0 || wanted.some((v) => !API_VERSIONS.includes(v as ApiVersion)))
    return expected('v2.1, v2 or all');
  return ok(API_VERSIONS.filter((v) => wanted.includes(v)));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const parseOrderRef = (text: string): Parsed<string | undefined> =>
  UUID.test(text) ? ok(text) : expected('an order reference (a UUID)');

/** How much a run checks: smoke (every operation, every MUST rule, the fewest requests) or full. */
export type Tier = 'smoke' | 'full';

const parseTier = (text: string): Parsed<Tier> =>
  text === 'smoke' || text === 'full' ? ok(text) : expected('smoke or full');

const parseFailOn = (text: string): Parsed<'regression' | 'any'> =>
  text === 'regression' || text === 'any' ? ok(text) : expected('regression or any');

function parseRps(text: string): Parsed<number | undefined> {
  const n = Number(text);
  return text !== '' && Number.isFinite(n) && n > 0 && n <= 10_000
    ? ok(n)
    : expected('a number of requests per second above 0');
}

function parseShare(text: string): Parsed<number> {
  const n = Number(text.endsWith('%') ? text.slice(0, -1) : text) / (text.endsWith('%') ? 100 : 1);
  return text !== '' && Number.isFinite(n) && n >= 0 && n <= 1
    ? ok(n)
    : expected('a share of the exchanges from 0 to 1 (or a percentage such as 10%)');
}

/** A HAR file to write, made absolute (the suites' worker and the Pact child write beside it from where they run). */
const parseHarPath = (text: string): Parsed<string | undefined> =>
  text.toLowerCase().endsWith('.har') && !/[\\/]$/.test(text)
    ? ok(resolve(text))
    : expected('a file name ending in .har, such as reports/out/run.har');

/** Keeps a setting's value type as declared (a literal would narrow `() => undefined` to undefined). */
const setting = <T>(definition: Setting<T>): Setting<T> => definition;

/** Every setting, in the order help and errors list them. */
export const SETTINGS = {
  baseUrl: setting<string | undefined>({
    flag: '--base-url',
    placeholder: '<url>',
    env: 'CDP_BASE_URL',
    help: 'the API to check; none: the embedded mock',
    parse: parseBaseUrl,
    fallback: () => undefined,
  }),
  clientKey: setting<string | undefined>({
    flag: '--client-key',
    placeholder: '<key>',
    env: 'CDP_CLIENT_KEY',
    help: 'Basic auth user',
    parse: optionalText,
    fallback: () => undefined,
  }),
  apiToken: setting<string | undefined>({
    flag: '--api-token',
    placeholder: '<token>',
    env: 'CDP_API_TOKEN',
    help: 'Basic auth password',
    parse: optionalText,
    fallback: () => undefined,
  }),
  allowInsecure: setting<boolean>({
    flag: '--allow-insecure',
    env: 'OCC_ALLOW_INSECURE',
    help: 'allow a plain http:// base URL for a host that is not this machine',
    parse: parseBoolean,
    fallback: () => false,
  }),
  apiVersions: setting<readonly ApiVersion[]>({
    flag: '--api-version',
    placeholder: '<version>',
    env: 'CDP_API_VERSION',
    help: 'v2.1, v2 or all',
    parse: parseApiVersions,
    fallback: () => [...API_VERSIONS],
  }),
  orderRef: setting<string | undefined>({
    flag: '--order-ref',
    placeholder: '<ref>',
    env: 'CDP_ORDER_REF',
    help: 'test on this existing order instead of creating one',
    parse: parseOrderRef,
    fallback: () => undefined,
  }),
  seed: setting<number>({
    flag: '--seed',
    placeholder: '<n>',
    env: 'OCC_SEED',
    help: 'seed of the generated contacts; printed at the start of every run',
    parse: wholeNumber(0, 2 ** 31 - 1),
    fallback: () => randomInt(2 ** 31 - 1),
  }),
  cases: setting<number | undefined>({
    flag: '--cases',
    placeholder: '<n>',
    env: 'OCC_CASES',
    help: 'how many valid contacts to create per version',
    parse: wholeNumber(1, 1_000_000),
    fallback: () => undefined,
  }),
  tier: setting<Tier>({
    flag: '--tier',
    placeholder: '<tier>',
    env: 'OCC_TIER',
    help: 'smoke: every operation and every MUST rule with the fewest requests (PR gates); full: everything',
    parse: parseTier,
    fallback: () => 'full',
  }),
  maxRequests: setting<number | undefined>({
    flag: '--max-requests',
    placeholder: '<n>',
    env: 'OCC_MAX_REQUESTS',
    help: 'refuse a run estimated above n requests, and stop sending at n (the clean-up still runs)',
    parse: wholeNumber(1, 100_000_000),
    fallback: () => undefined,
  }),
  reportDir: setting<string>({
    flag: '--report-dir',
    placeholder: '<dir>',
    env: 'OCC_REPORT_DIR',
    help: 'where the reports go',
    parse: (text) => ok(text),
    fallback: () => 'reports/out',
  }),
  record: setting<string | undefined>({
    flag: '--record',
    placeholder: '<file>',
    env: 'OCC_RECORD',
    help: 'write every exchange (each attempt) to this HAR 1.2 file, credentials redacted',
    parse: parseHarPath,
    fallback: () => undefined,
  }),
  baseline: setting<string | undefined>({
    flag: '--baseline',
    placeholder: '<file>',
    help: 'a previous conformance.json: exit 1 only on regressions against it',
    parse: optionalText,
    fallback: () => undefined,
  }),
  failOn: setting<'regression' | 'any'>({
    flag: '--fail-on',
    placeholder: '<what>',
    help: 'with --baseline: regression or any',
    parse: parseFailOn,
    fallback: () => 'regression',
  }),
  strict: setting<boolean>({
    flag: '--strict',
    env: 'OCC_STRICT',
    help: 'SHOULD rules fail the run too',
    parse: parseBoolean,
    fallback: () => false,
  }),
  only: setting<readonly string[]>({
    flag: '--only',
    placeholder: '<rules...>',
    env: 'OCC_ONLY',
    help: 'only these rule ids or categories (repeatable, comma-separated)',
    parse: list,
    fallback: () => [],
    repeatable: true,
  }),
  timeoutMs: setting<number>({
    flag: '--timeout-ms',
    placeholder: '<ms>',
    env: 'OCC_TIMEOUT_MS',
    help: 'timeout of one request',
    parse: wholeNumber(50, 600_000),
    fallback: () => 10_000,
  }),
  deadlineMs: setting<number>({
    flag: '--deadline-ms',
    placeholder: '<ms>',
    env: 'OCC_DEADLINE_MS',
    help: "the whole run's deadline: no stage keeps a run alive past it",
    parse: wholeNumber(1_000, 24 * 3_600_000),
    fallback: () => 30 * 60_000,
  }),
  retries: setting<number>({
    flag: '--retries',
    placeholder: '<n>',
    env: 'OCC_RETRIES',
    help: 'retries of a transient failure',
    parse: wholeNumber(0, 10),
    fallback: () => 3,
  }),
  giveUpAfter: setting<number>({
    flag: '--give-up-after',
    placeholder: '<n>',
    env: 'OCC_GIVE_UP_AFTER',
    help: 'stop sending after this many requests in a row failed, retries spent; 0: never',
    parse: wholeNumber(0, 100_000),
    fallback: () => 10,
  }),
  maxInconclusive: setting<number>({
    flag: '--max-inconclusive',
    placeholder: '<share>',
    env: 'OCC_MAX_INCONCLUSIVE',
    help: 'exit 3 when more than this share of exchanges got no usable answer (0 to 1, or 10%)',
    parse: parseShare,
    fallback: () => 0.1,
  }),
  settleMs: setting<number>({
    flag: '--settle-ms',
    placeholder: '<ms>',
    env: 'OCC_SETTLE_MS',
    help: 'how long a read after a write may re-read (backing off) before it reports a violation',
    parse: wholeNumber(0, 120_000),
    fallback: () => 2_000,
  }),
  concurrency: setting<number>({
    flag: '--concurrency',
    placeholder: '<n>',
    env: 'OCC_CONCURRENCY',
    help: `requests in flight at once (default ${DEFAULT_CONCURRENCY})`,
    parse: wholeNumber(1, 256),
    fallback: () => DEFAULT_CONCURRENCY,
  }),
  rps: setting<number | undefined>({
    flag: '--rps',
    placeholder: '<n>',
    env: 'OCC_RPS',
    help: 'at most this many requests per second',
    parse: parseRps,
    fallback: () => undefined,
  }),
  readOnly: setting<boolean>({
    flag: '--read-only',
    env: 'OCC_READ_ONLY',
    help: 'never create, change or delete anything (needs --order-ref)',
    parse: parseBoolean,
    fallback: () => false,
  }),
  ledgerDir: setting<string>({
    flag: '--ledger-dir',
    placeholder: '<dir>',
    env: 'OCC_LEDGER_DIR',
    help: 'where the cleanup ledger is kept',
    parse: (text) => ok(text),
    fallback: () => '.occ/ledger',
  }),
  pact: setting<boolean>({
    flag: '--no-pact',
    help: 'skip the Pact verification',
    parse: parseBoolean,
    fallback: () => true,
  }),
  mockFaults: setting<readonly string[]>({
    flag: '--mock-fault',
    placeholder: '<name>',
    env: 'OCC_MOCK_FAULTS',
    help: 'switch on a fault of the embedded mock (self-tests; see occ mock --list-faults)',
    parse: list,
    fallback: () => [],
    repeatable: true,
  }),
  mockVariants: setting<readonly string[]>({
    flag: '--mock-variant',
    placeholder: '<name>',
    env: 'OCC_MOCK_VARIANTS',
    help: 'make the embedded mock behave as a conformant variant does (see occ mock --list-variants)',
    parse: list,
    fallback: () => [],
    repeatable: true,
  }),
  referenceClientKey: setting<string | undefined>({
    flag: '--reference-client-key',
    placeholder: '<key>',
    env: 'OCC_REFERENCE_CLIENT_KEY',
    help: "occ compare: the reference target's Basic auth user (default: --client-key)",
    parse: optionalText,
    fallback: () => undefined,
  }),
  referenceApiToken: setting<string | undefined>({
    flag: '--reference-api-token',
    placeholder: '<token>',
    env: 'OCC_REFERENCE_API_TOKEN',
    help: "occ compare: the reference target's Basic auth password (default: --api-token)",
    parse: optionalText,
    fallback: () => undefined,
  }),
  candidateClientKey: setting<string | undefined>({
    flag: '--candidate-client-key',
    placeholder: '<key>',
    env: 'OCC_CANDIDATE_CLIENT_KEY',
    help: "occ compare: the candidate target's Basic auth user (default: --client-key)",
    parse: optionalText,
    fallback: () => undefined,
  }),
  candidateApiToken: setting<string | undefined>({
    flag: '--candidate-api-token',
    placeholder: '<token>',
    env: 'OCC_CANDIDATE_API_TOKEN',
    help: "occ compare: the candidate target's Basic auth password (default: --api-token)",
    parse: optionalText,
    fallback: () => undefined,
  }),
  minFidelity: setting<number>({
    flag: '--min-fidelity',
    placeholder: '<share>',
    env: 'OCC_MIN_FIDELITY',
    help: 'occ compare: exit 1 below this share of equivalent exchanges (0 to 1, or 95%)',
    parse: parseShare,
    fallback: () => 1,
  }),
  ownPactDirs: setting<readonly string[]>({
    flag: '--pact-dir',
    placeholder: '<dir>',
    help: 'verify the pact files (*.json) of this folder instead of the committed pacts (repeatable)',
    parse: list,
    fallback: () => [],
    repeatable: true,
  }),
  ownPacts: setting<readonly string[]>({
    flag: '--pact',
    placeholder: '<file>',
    help: 'verify this pact file instead of the committed pacts (repeatable, or comma-separated)',
    parse: list,
    fallback: () => [],
    repeatable: true,
  }),
} as const;

/** The settings of occ compare alone: a run, a verify or the programmatic API has one target and no gate of fidelity. */
export const COMPARE_ONLY_SETTINGS = [
  'referenceClientKey',
  'referenceApiToken',
  'candidateClientKey',
  'candidateApiToken',
  'minFidelity',
] as const satisfies readonly (keyof typeof SETTINGS)[];

/** The name of a setting. */
export type SettingKey = keyof typeof SETTINGS;

/** The value type of a setting. */
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K] extends Setting<infer T> ? T : never;

/** Every environment variable a setting reads, and the setting it sets. .env.example documents each. */
export const ENV_VARIABLES: Readonly<Record<string, SettingKey>> = Object.fromEntries(
  (Object.entries(SETTINGS) as [SettingKey, Setting<unknown>][]).flatMap(([key, s]) =>
    s.env === undefined ? [] : [[s.env, key]],
  ),
);
