import { ConfigError } from './errors.ts';
import { ENV_VARIABLES, SETTINGS, type Setting, type SettingKey, type SettingValue } from './settings.ts';

export { ENV_VARIABLES } from './settings.ts';

/** The proxies of the environment, for the target's HTTP client; '' when unset. */
export interface ProxySettings {
  readonly httpProxy: string;
  readonly httpsProxy: string;
  /** Hosts reached directly, as curl reads NO_PROXY: "127.0.0.1,localhost,.corp.example", "*" for all. */
  readonly noProxy: string;
}

/** Everything a run needs, parsed and validated once from SETTINGS (and the proxies). Frozen; never holds anything but what was given. */
export type OccConfig = { readonly [K in SettingKey]: SettingValue<K> } & { readonly proxy: ProxySettings };

/** The standard proxy variables, lower case first as curl and undici read them. */
const PROXY_VARIABLES = {
  httpProxy: ['http_proxy', 'HTTP_PROXY'],
  httpsProxy: ['https_proxy', 'HTTPS_PROXY'],
  noProxy: ['no_proxy', 'NO_PROXY'],
} as const;

/** The proxies the environment names (HTTP_PROXY, HTTPS_PROXY, NO_PROXY and their lower-case forms). */
export function proxyFromEnv(env: Readonly<Record<string, string | undefined>>): ProxySettings {
  const read = (names: readonly string[]): string =>
    names.map((name) => env[name]?.trim()).find((value) => value !== undefined && value !== '') ?? '';
  return {
    httpProxy: read(PROXY_VARIABLES.httpProxy),
    httpsProxy: read(PROXY_VARIABLES.httpsProxy),
    noProxy: read(PROXY_VARIABLES.noProxy),
  };
}

/** Problems with the proxy variables: each must be an http(s) URL. */
function proxyProblems(proxy: ProxySettings): string[] {
  return (['httpProxy', 'httpsProxy'] as const).flatMap((key) => {
    const value = proxy[key];
    if (value === '') return [];
    const names = PROXY_VARIABLES[key].join(' / ');
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    return url && (url.protocol === 'http:' || url.protocol === 'https:')
      ? []
      : [
          `${names}: received "${redactUserinfo(value)}", expected a proxy URL such as http://proxy.example:3128.`,
        ];
  });
}

/** A proxy URL with any password replaced, fit for a message. */
export function redactUserinfo(url: string): string {
  return url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:<redacted>@');
}

/** Values from command-line flags (text as typed, true for a switch, lists for repeatable flags); they win over the environment. */
export type ConfigFlags = Partial<Record<SettingKey, string | boolean | readonly string[] | undefined>>;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

/** True for a host name on this machine (127.0.0.0/8, localhost, [::1]). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** A flag's own text (a switch or a list joined back), so one parser reads flags and environment alike. */
function flagText(value: string | boolean | readonly string[]): string {
  if (typeof value === 'boolean') return String(value);
  return typeof value === 'string' ? value : value.join(',');
}

/**
 * Parses and validates the configuration from flags and environment (flags win; load .env into the environment
 * first, at the entry point). Reports every problem at once: which flag or variable, the value, what is expected.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  flags: ConfigFlags = {},
): OccConfig {
  const { config, problems } = readConfig(env, flags);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * loadConfig without the throw: the configuration (a setting that was wrong at its default) and its problems, so
 * a pre-flight can add its own and refuse the run once with all of them. `optionName`, when given, names a value
 * of `flags` in the messages instead of its flag (the programmatic API's option names), and the fixes with it.
 */
export function readConfig(
  env: Readonly<Record<string, string | undefined>>,
  flags: ConfigFlags = {},
  optionName?: (key: SettingKey) => string,
): { readonly config: OccConfig; readonly problems: readonly string[] } {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  const sources: Partial<Record<SettingKey, string>> = {};
  for (const [key, setting] of Object.entries(SETTINGS) as [SettingKey, Setting<unknown>][]) {
    const flag = flags[key];
    const fromEnv = setting.env === undefined ? undefined : env[setting.env]?.trim();
    const text = flag !== undefined ? flagText(flag) : fromEnv === '' ? undefined : fromEnv;
    const source =
      flag !== undefined
        ? (optionName?.(key) ?? setting.flag.replace(/^--no-/, '--'))
        : (setting.env ?? setting.flag);
    sources[key] = source;
    if (text === undefined) {
      values[key] = setting.fallback();
      continue;
    }
    const parsed = setting.parse(text);
    if (parsed.ok) values[key] = parsed.value;
    else {
      problems.push(`${source}: received "${text}", expected ${parsed.expected}.`);
      values[key] = setting.fallback();
    }
  }
  const proxy = proxyFromEnv(env);
  problems.push(...proxyProblems(proxy));
  const config = { ...values, proxy } as OccConfig;
  problems.push(...crossChecks(config, flags, env, sources, optionName));
  return { config: Object.freeze(config), problems };
}

/** What no single setting can check alone. */
function crossChecks(
  config: OccConfig,
  flags: ConfigFlags,
  env: Readonly<Record<string, string | undefined>>,
  sources: Partial<Record<SettingKey, string>>,
  optionName?: (key: SettingKey) => string,
): string[] {
  const problems: string[] = [];
  // How a fix names a setting: its flag, or for the API the option.
  const fix = (key: SettingKey): string => optionName?.(key) ?? SETTINGS[key].flag;
  const raw = flags.baseUrl ?? env.CDP_BASE_URL;
  if (config.baseUrl !== undefined && typeof raw === 'string') {
    const url = new URL(config.baseUrl);
    if (new URL(raw).username || new URL(raw).password) {
      problems.push(
        `${sources.baseUrl}: the URL holds credentials; pass them as ${fix('clientKey')}/${fix('apiToken')} instead.`,
      );
    }
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !config.allowInsecure) {
      problems.push(
        `${sources.baseUrl}: received "${raw}", a plain http:// URL for a host that is not this machine; use https:// or pass ${fix('allowInsecure')}.`,
      );
    }
  }
  if (config.baseUrl !== undefined && (config.clientKey === undefined || config.apiToken === undefined)) {
    const missing = [
      config.clientKey === undefined ? (optionName?.('clientKey') ?? '--client-key / CDP_CLIENT_KEY') : '',
      config.apiToken === undefined ? (optionName?.('apiToken') ?? '--api-token / CDP_API_TOKEN') : '',
    ]
      .filter(Boolean)
      .join(' and ');
    problems.push(
      `a base URL is set but ${missing} is not: the target needs both (Settings > API access in Sitecore CDP).`,
    );
  }
  if (config.baseUrl !== undefined) {
    for (const key of ['mockFaults', 'mockVariants'] as const)
      if (config[key].length > 0)
        problems.push(
          `${sources[key]}: received "${config[key].join(',')}", but the target is ${config.baseUrl}: faults and variants are switches of the embedded mock; leave out the base URL (or start occ mock with --fault/--variant and point --base-url at it).`,
        );
  }
  return problems;
}

/** The configuration as it may be shown or stored: credentials replaced by whether they were given. */
export function describeConfig(config: OccConfig): Record<string, unknown> {
  const {
    clientKey,
    apiToken,
    referenceClientKey,
    referenceApiToken,
    candidateClientKey,
    candidateApiToken,
    proxy,
    ...rest
  } = config;
  const given = (value: string | undefined): string => (value ? '<set>' : '<unset>');
  return {
    ...rest,
    proxy: {
      ...proxy,
      httpProxy: redactUserinfo(proxy.httpProxy),
      httpsProxy: redactUserinfo(proxy.httpsProxy),
    },
    clientKey: given(clientKey),
    apiToken: given(apiToken),
    referenceClientKey: given(referenceClientKey),
    referenceApiToken: given(referenceApiToken),
    candidateClientKey: given(candidateClientKey),
    candidateApiToken: given(candidateApiToken),
  };
}

/** The environment variable of a setting, for messages ("--order-ref / CDP_ORDER_REF"). */
export function settingSource(key: SettingKey): string {
  const setting: Setting<unknown> = SETTINGS[key];
  return setting.env === undefined ? setting.flag : `${setting.flag} / ${setting.env}`;
}

/** Every environment variable loadConfig reads (for the .env.example test). */
export function environmentVariables(): string[] {
  return Object.keys(ENV_VARIABLES);
}
