import type { OccConfig } from '../lib/config.ts';
import type { Credentials } from '../lib/http-client.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from '../mock/options.ts';

export type { Credentials } from '../lib/http-client.ts';

/** The credentials a run sends: the configured ones, or the embedded mock's local defaults. */
export function credentialsFor(config: Pick<OccConfig, 'baseUrl' | 'clientKey' | 'apiToken'>): Credentials {
  if (config.baseUrl === undefined) return { clientKey: DEFAULT_CLIENT_KEY, apiToken: DEFAULT_API_TOKEN };
  return { clientKey: config.clientKey ?? '', apiToken: config.apiToken ?? '' };
}

/** The variables that carry the run's credentials to its test workers: their environment, never files or arguments. */
export function credentialsEnv(credentials: Credentials): Record<string, string> {
  return { CDP_CLIENT_KEY: credentials.clientKey, CDP_API_TOKEN: credentials.apiToken };
}

/** The credentials a test worker was given by credentialsEnv. */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): Credentials {
  return { clientKey: env.CDP_CLIENT_KEY ?? '', apiToken: env.CDP_API_TOKEN ?? '' };
}
