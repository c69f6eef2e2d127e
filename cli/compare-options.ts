import type { OccConfig } from '../lib/config.ts';
import { SETTINGS, type SettingKey } from '../lib/settings.ts';

/** The settings occ compare takes: both targets' credentials and each one's own, the gate, and the run's shape. */
export const COMPARE_SETTINGS = [
  'clientKey',
  'apiToken',
  'referenceClientKey',
  'referenceApiToken',
  'candidateClientKey',
  'candidateApiToken',
  'minFidelity',
  'seed',
  'tier',
  'apiVersions',
  'cases',
  'reportDir',
  'allowInsecure',
  'pact',
  'timeoutMs',
  'deadlineMs',
  'retries',
  'concurrency',
  'rps',
] as const satisfies readonly SettingKey[];

/** A target of a live comparison: the embedded mock, Prism started on the contract, or a URL. */
export type CompareTarget =
  | { readonly kind: 'embedded' }
  | { readonly kind: 'prism' }
  | { readonly kind: 'url'; readonly url: string };

/** `embedded`, `prism` or an http(s) URL; anything else is a usage error naming the flag. */
export function parseCompareTarget(flag: string, text: string): CompareTarget | string {
  if (text === 'embedded' || text === 'prism') return { kind: text };
  const parsed = SETTINGS.baseUrl.parse(text);
  if (parsed.ok && parsed.value !== undefined) return { kind: 'url', url: parsed.value };
  return `${flag}: received "${text}", expected embedded, prism or an absolute http(s) URL such as https://api-engage-eu.sitecorecloud.io.`;
}

/** The secrets of a comparison, to keep out of every file and line it writes. */
export function compareSecrets(config: OccConfig): (string | undefined)[] {
  return [
    config.clientKey,
    config.apiToken,
    config.referenceClientKey,
    config.referenceApiToken,
    config.candidateClientKey,
    config.candidateApiToken,
  ];
}
