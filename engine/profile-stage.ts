import type { RuleObservation } from '../checks/violation.ts';
import type { TenantProfile } from '../contracts/index.ts';
import type { OccConfig } from '../lib/config.ts';
import { driftedQuestions, profileObservations, profileTarget } from '../profiles/index.ts';
import type { Credentials } from '../target-setup/credentials.ts';
import type { RunContext } from '../target-setup/run-context.ts';

/** What asking a profile's questions again found: MUST observations of its rules, and sentences for the report. */
export interface ProfileStageResult {
  readonly observations: readonly RuleObservation[];
  readonly notes: readonly string[];
  readonly requests: number;
}

/**
 * Asks the target the profile's questions again, on an order of its own that it deletes, and turns each answer
 * into an observation of the entry's rules at MUST: a drifted entry is a violation naming both answers.
 */
export async function profileStage(options: {
  readonly profile: TenantProfile;
  readonly context: RunContext;
  readonly credentials: Credentials;
  readonly config: OccConfig;
  readonly log: (line: string) => void;
}): Promise<ProfileStageResult> {
  const { profile, context, config } = options;
  const embedded = context.targetKind === 'embedded-mock';
  const held = heldNote(profile);
  try {
    const {
      profile: now,
      requests,
      cleanup,
    } = await profileTarget({
      baseUrl: context.baseUrl,
      credentials: options.credentials,
      settings: config,
      ...(embedded ? {} : { proxy: config.proxy }),
      ledgerDir: context.ledgerDir,
      runId: `${context.runId}-profile`,
      now: new Date(),
      durable: !embedded,
      log: options.log,
    });
    const drifted = driftedQuestions(profile, now.entries);
    const notes = [
      `${held}; asked again in ${requests} requests: ${drifted.length === 0 ? 'no entry drifted' : `${drifted.length} drifted (${drifted.join(', ')})`}.`,
      ...cleanup.failed.map((f) => `the profile's probes could not delete ${f}; run occ cleanup`),
    ];
    return { observations: profileObservations(profile, now.entries), notes, requests };
  } catch (error) {
    return profileNotAsked(profile, error instanceof Error ? error.message : String(error));
  }
}

/** The profile's rules when its questions could not be asked again: inconclusive, with the reason. */
export function profileNotAsked(profile: TenantProfile, reason: string): ProfileStageResult {
  return {
    // Not asked is not passed: the suites' own checks of these rules are less than the profile holds them to.
    observations: profileObservations(profile, []).map((o) => ({ ...o, setupFailed: reason })),
    notes: [`${heldNote(profile)}; its questions could not be asked again: ${reason}`],
    requests: 0,
  };
}

function heldNote(profile: TenantProfile): string {
  return `held to the tenant profile of ${profile.baseUrl} (${profile.createdAt}): the rules of its ${profile.entries.length} entries are checked at MUST in ${profile.apiVersion}, as observed on the tenant`;
}
