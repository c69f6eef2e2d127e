// --max-requests before the first request: a run estimated above its cap does not start. occ run and
// runConformance both refuse it here, each naming the settings its own way.
import type { OccConfig } from '../lib/config.ts';
import { SETTINGS, type SettingKey } from '../lib/settings.ts';
import type { RequestEstimate } from '../suites/support/request-estimate.ts';

/** How a message names a setting given a value: `--tier smoke` for the CLI, `tier: 'smoke'` for the API. */
export type SettingWithValue = (key: SettingKey, value?: string | number) => string;

/** The flag, and the value after it. */
export const flagWithValue: SettingWithValue = (key, value) =>
  value === undefined ? SETTINGS[key].flag : `${SETTINGS[key].flag} ${value}`;

/** The run's request estimate (loaded only when asked: the generators take a moment to load). */
export async function estimateOf(config: OccConfig): Promise<RequestEstimate> {
  const { estimateRequests } = await import('../suites/support/request-estimate.ts');
  return estimateRequests({ ...config, now: Date.now() });
}

/** "v2.1 70, v2 45". */
export function perVersionText(estimate: RequestEstimate): string {
  return Object.entries(estimate.perVersion)
    .map(([version, n]) => `${version} ${n}`)
    .join(', ');
}

/** Why a run with this estimate must not start (above --max-requests, with what would fit), or undefined. */
export async function requestCapProblem(
  config: OccConfig,
  estimate: RequestEstimate,
  name: SettingWithValue = flagWithValue,
): Promise<string | undefined> {
  if (config.maxRequests === undefined || estimate.total <= config.maxRequests) return undefined;
  const smoke =
    config.tier === 'full'
      ? `${name('tier', 'smoke')} (about ${(await estimateOf({ ...config, tier: 'smoke' })).total}), `
      : '';
  return `${name('maxRequests', config.maxRequests)}: this run is estimated at about ${estimate.total} requests (${perVersionText(estimate)}), above the cap, so nothing was sent. Raise ${name('maxRequests')}, or send fewer: ${smoke}fewer cases (${name('cases')}), one API version (${name('apiVersions')}).`;
}
