import type { TenantProfile } from '../contracts/index.ts';
import packageJson from '../package.json' with { type: 'json' };
import { withoutCredentials } from '../reports/index.ts';
import { openProbeSession, type ProbeSessionOptions } from './probe-session.ts';
import { probeTarget } from './probe-target.ts';

/** A profile, what it cost and what its clean-up left. */
export interface ProfiledTarget {
  readonly profile: TenantProfile;
  /** Requests sent, the order's create and the clean-up included. */
  readonly requests: number;
  readonly cleanup: { readonly deleted: number; readonly failed: readonly string[] };
}

/**
 * Profiles a target: opens a probe session (an order of its own, a ledger), asks every question, deletes what
 * it created, and returns the profile. The credentials are redacted from every excerpt and never kept.
 */
export async function profileTarget(
  options: ProbeSessionOptions & { readonly log?: (line: string) => void },
): Promise<ProfiledTarget> {
  const session = await openProbeSession(options);
  const secrets = [options.credentials.clientKey, options.credentials.apiToken];
  let entries: TenantProfile['entries'];
  let cleanup: ProfiledTarget['cleanup'];
  try {
    ({ entries } = await probeTarget(session, secrets));
  } finally {
    cleanup = await session.close(options.log);
  }
  return {
    profile: {
      profileVersion: 1,
      createdAt: options.now.toISOString(),
      baseUrl: withoutCredentials(options.baseUrl),
      tool: { name: packageJson.name, version: packageJson.version },
      apiVersion: session.version,
      requests: session.http.stats.requests,
      entries,
    },
    requests: session.http.stats.requests,
    cleanup,
  };
}
