import { randomInt } from 'node:crypto';
import { API_VERSIONS, type ApiVersion } from '../contracts/index.ts';
import { ConfigError } from './errors.ts';

/** Everything a run needs, parsed and validated once. Frozen; never holds anything but what was given. */
export interface OccConfig {
  /** The target; undefined means the embedded mock. */
  readonly baseUrl: string | undefined;
  readonly clientKey: string | undefined;
  readonly apiToken: string | undefined;
  readonly apiVersions: readonly ApiVersion[];
  readonly orderRef: string | undefined;
  readonly seed: number;
  /** How many valid contacts the coverage suite creates; undefined = the generators' default. */
  readonly cases: number | undefined;
  readonly reportDir: string;
  readonly baseline: string | undefined;
  readonly failOn: 'regression' | 'any';
  readonly strict: boolean;
  /** Rule ids or categories to run; empty = all. */
  readonly only: readonly string[];
  readonly timeoutMs: number;
  /** The whole run's deadline. */
  readonly deadlineMs: number;
  readonly retries: number;
  /** Requests in a row that may fail (after retries) before the run stops sending; 0 never stops. */
  readonly giveUpAfter: number;
  readonly concurrency: number;
  readonly rps: number | undefined;
  readonly readOnly: boolean;
  readonly allowInsecure: boolean;
  readonly pact: boolean;
  readonly ledgerDir: string;
}

/** Values from command-line flags (already typed by the CLI); they win over the environment. */
export type ConfigFlags = Partial<Record<keyof OccConfig, string | boolean | readonly string[] | undefined>>;

/** Every environment variable loadConfig reads, and what it sets. .env.example documents each. */
export const ENV_VARIABLES = {
  CDP_BASE_URL: 'baseUrl',
  CDP_CLIENT_KEY: 'clientKey',
  CDP_API_TOKEN: 'apiToken',
  CDP_API_VERSION: 'apiVersions',
  CDP_ORDER_REF: 'orderRef',
  OCC_SEED: 'seed',
  OCC_CASES: 'cases',
  OCC_REPORT_DIR: 'reportDir',
  OCC_STRICT: 'strict',
  OCC_ONLY: 'only',
  OCC_TIMEOUT_MS: 'timeoutMs',
  OCC_DEADLINE_MS: 'deadlineMs',
  OCC_RETRIES: 'retries',
  OCC_GIVE_UP_AFTER: 'giveUpAfter',
  OCC_CONCURRENCY: 'concurrency',
  OCC_RPS: 'rps',
  OCC_READ_ONLY: 'readOnly',
  OCC_ALLOW_INSECURE: 'allowInsecure',
  OCC_LEDGER_DIR: 'ledgerDir',
} as const satisfies Record<string, keyof OccConfig>;

const FLAG_NAMES: Partial<Record<keyof OccConfig, string>> = {
  baseUrl: '--base-url',
  clientKey: '--client-key',
  apiToken: '--api-token',
  apiVersions: '--api-version',
  orderRef: '--order-ref',
  seed: '--seed',
  cases: '--cases',
  reportDir: '--report-dir',
  baseline: '--baseline',
  failOn: '--fail-on',
  only: '--only',
  timeoutMs: '--timeout-ms',
  deadlineMs: '--deadline-ms',
  retries: '--retries',
  giveUpAfter: '--give-up-after',
  concurrency: '--concurrency',
  rps: '--rps',
  ledgerDir: '--ledger-dir',
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

/** True for a host name on this machine (127.0.0.0/8, localhost, [::1]). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * Parses and validates the configuration from flags and environment (flags win; load .env into the environment
 * first, at the entry point). Reports every problem at once: which flag or variable, the value, what is expected.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  flags: ConfigFlags = {},
): OccConfig {
  const problems: string[] = [];
  const envName = (key: keyof OccConfig): string | undefined =>
    Object.entries(ENV_VARIABLES).find(([, k]) => k === key)?.[0];
  const source = (key: keyof OccConfig): string => {
    if (flags[key] !== undefined) return FLAG_NAMES[key] ?? `--${key}`;
    return envName(key) ?? key;
  };
  const raw = (key: keyof OccConfig): string | boolean | readonly string[] | undefined => {
    if (flags[key] !== undefined) return flags[key];
    const name = envName(key);
    const value = name ? env[name] : undefined;
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const text = (key: keyof OccConfig): string | undefined => {
    const value = raw(key);
    return typeof value === 'string' ? value : undefined;
  };
  const bool = (key: keyof OccConfig): boolean => {
    const value = raw(key);
    if (value === undefined || typeof value === 'boolean') return value ?? false;
    if (typeof value !== 'string') return false;
    if (/^(1|true|yes|on)$/i.test(value)) return true;
    if (/^(0|false|no|off)$/i.test(value)) return false;
    problems.push(`${source(key)}: received "${value}", expected true or false.`);
    return false;
  };
  const integer = (
    key: keyof OccConfig,
    min: number,
    max: number,
    fallback: number | undefined,
  ): number | undefined => {
    const value = text(key);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      problems.push(`${source(key)}: received "${value}", expected a whole number from ${min} to ${max}.`);
      return fallback;
    }
    return n;
  };

  let baseUrl = text('baseUrl');
  const allowInsecure = bool('allowInsecure');
  if (baseUrl !== undefined) {
    try {
      const url = new URL(baseUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
      if (url.username || url.password) {
        problems.push(
          `${source('baseUrl')}: the URL holds credentials; pass them as --client-key/--api-token instead.`,
        );
      }
      if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecure) {
        problems.push(
          `${source('baseUrl')}: received "${baseUrl}", a plain http:// URL for a host that is not this machine; use https:// or pass --allow-insecure.`,
        );
      }
      baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    } catch {
      problems.push(
        `${source('baseUrl')}: received "${baseUrl}", expected an absolute http(s) URL such as https://api-engage-eu.sitecorecloud.io.`,
      );
    }
  }
  const clientKey = text('clientKey');
  const apiToken = text('apiToken');
  if (baseUrl !== undefined && (clientKey === undefined || apiToken === undefined)) {
    const missing = [
      clientKey === undefined ? '--client-key / CDP_CLIENT_KEY' : '',
      apiToken === undefined ? '--api-token / CDP_API_TOKEN' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    problems.push(
      `a base URL is set but ${missing} is not: the target needs both (Settings > API access in Sitecore CDP).`,
    );
  }

  const versionText = raw('apiVersions');
  let apiVersions: ApiVersion[] = [...API_VERSIONS];
  const versionValues = Array.isArray(versionText)
    ? versionText
    : typeof versionText === 'string'
      ? versionText.split(',')
      : [];
  if (versionValues.length > 0) {
    const wanted = versionValues.map((v) => v.trim());
    if (wanted.length === 1 && wanted[0] === 'all') apiVersions = [...API_VERSIONS];
    else {
      const bad = wanted.filter((v) => !API_VERSIONS.includes(v as ApiVersion));
      if (bad.length > 0)
        problems.push(`${source('apiVersions')}: received "${bad.join(',')}", expected v2.1, v2 or all.`);
      else apiVersions = API_VERSIONS.filter((v) => wanted.includes(v));
    }
  }

  const orderRef = text('orderRef');
  if (
    orderRef !== undefined &&
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(orderRef)
  ) {
    problems.push(`${source('orderRef')}: received "${orderRef}", expected an order reference (a UUID).`);
  }
  const onlyRaw = raw('only');
  const only = (Array.isArray(onlyRaw) ? onlyRaw : typeof onlyRaw === 'string' ? onlyRaw.split(',') : [])
    .map((s) => s.trim())
    .filter(Boolean);
  const failOn = text('failOn') ?? 'regression';
  if (failOn !== 'regression' && failOn !== 'any') {
    problems.push(`${source('failOn')}: received "${failOn}", expected regression or any.`);
  }
  const rps = text('rps');
  let rpsValue: number | undefined;
  if (rps !== undefined) {
    rpsValue = Number(rps);
    if (!Number.isFinite(rpsValue) || rpsValue <= 0 || rpsValue > 10_000) {
      problems.push(`${source('rps')}: received "${rps}", expected a number of requests per second above 0.`);
      rpsValue = undefined;
    }
  }

  const config: OccConfig = {
    baseUrl,
    clientKey,
    apiToken,
    apiVersions,
    orderRef,
    seed: integer('seed', 0, 2 ** 31 - 1, undefined) ?? randomInt(2 ** 31 - 1),
    cases: integer('cases', 1, 1_000_000, undefined),
    reportDir: text('reportDir') ?? 'reports/out',
    baseline: text('baseline'),
    failOn: failOn === 'any' ? 'any' : 'regression',
    strict: bool('strict'),
    only,
    timeoutMs: integer('timeoutMs', 50, 600_000, 10_000) ?? 10_000,
    deadlineMs: integer('deadlineMs', 1_000, 24 * 3_600_000, 30 * 60_000) ?? 30 * 60_000,
    retries: integer('retries', 0, 10, 3) ?? 3,
    giveUpAfter: integer('giveUpAfter', 0, 100_000, 10) ?? 10,
    concurrency: integer('concurrency', 1, 256, 8) ?? 8,
    rps: rpsValue,
    readOnly: bool('readOnly'),
    allowInsecure,
    pact: raw('pact') === undefined ? true : bool('pact'),
    ledgerDir: text('ledgerDir') ?? '.occ/ledger',
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** The configuration as it may be shown or stored: credentials replaced by whether they were given. */
export function describeConfig(config: OccConfig): Record<string, unknown> {
  const { clientKey, apiToken, ...rest } = config;
  return { ...rest, clientKey: clientKey ? '<set>' : '<unset>', apiToken: apiToken ? '<set>' : '<unset>' };
}
