import type { RuleObservation, Violation } from '../checks/violation.ts';
import type { ProfileEntry, RuleId, TenantProfile } from '../contracts/index.ts';
import { excerptLine } from './exchange-excerpt.ts';
import { questionById } from './questions.ts';

function answerText(entry: ProfileEntry): string {
  return `"${entry.answer}"${entry.detail ? ` (${entry.detail})` : ''}`;
}

// A lag is a timing: that the list lags is what must hold, not by how many ms. A page size is a fact of the
// tenant: clamped to another limit is another answer.
function drifted(expected: ProfileEntry, observed: ProfileEntry): boolean {
  if (expected.answer !== observed.answer) return true;
  return (
    expected.question === 'limit-above-max' &&
    expected.measured !== undefined &&
    observed.measured !== undefined &&
    expected.measured !== observed.measured
  );
}

/**
 * What re-asking a profile's questions showed, as rule observations at MUST: an entry the target still matches
 * checks its rules; one it no longer matches is a violation of each, naming both answers and both exchanges.
 */
export function profileObservations(
  profile: TenantProfile,
  observed: readonly ProfileEntry[],
): RuleObservation[] {
  return profile.entries.flatMap((expected) => {
    const now = observed.find((e) => e.question === expected.question);
    const question = questionById(expected.question);
    const operation = `profile:${expected.question}`;
    return expected.rules.map((rule): RuleObservation => {
      const violations: Violation[] =
        now === undefined || !drifted(expected, now)
          ? []
          : [
              {
                rule: rule as RuleId,
                level: 'MUST',
                apiVersion: profile.apiVersion,
                operation,
                title: question?.question ?? expected.question,
                message: `Received: ${answerText(now)}, shown by ${now.evidence.map(excerptLine).join(' then ')} / Expected: ${answerText(expected)} as observed on the tenant (profile of ${profile.createdAt}), shown by ${expected.evidence.map(excerptLine).join(' then ')}`,
              },
            ];
      return {
        rule: rule as RuleId,
        apiVersion: profile.apiVersion,
        operations: [operation],
        exchanges: now === undefined ? 0 : now.evidence.length,
        retriedExchanges: 0,
        violations,
        ...(now === undefined
          ? { skipped: `the profile's question ${expected.question} could not be asked again` }
          : {}),
      };
    });
  });
}

/** The question ids whose answer the target no longer gives. */
export function driftedQuestions(profile: TenantProfile, observed: readonly ProfileEntry[]): string[] {
  return profile.entries
    .filter((expected) => {
      const now = observed.find((e) => e.question === expected.question);
      return now !== undefined && drifted(expected, now);
    })
    .map((entry) => entry.question);
}

/**
 * The suites' observations as a run held to the profile reads them: where the tenant's answer is not the
 * reference's reading, the suites' violations of that entry's rules hold the target to a reading the tenant is
 * profiled not to follow, so they are set aside (and counted in a note); the profile's own re-asking checks them.
 */
export function setAsideByProfile(
  observations: readonly RuleObservation[],
  profile: TenantProfile,
): { observations: RuleObservation[]; notes: string[] } {
  const otherReading = new Map<string, ProfileEntry>();
  for (const entry of profile.entries) {
    const reference = questionById(entry.question)?.answers[0]?.id;
    if (reference !== undefined && entry.answer !== reference)
      for (const rule of entry.rules) otherReading.set(rule, entry);
  }
  const setAside = new Map<string, number>();
  const kept = observations.map((observation) => {
    const entry = otherReading.get(observation.rule);
    if (!entry || observation.apiVersion !== profile.apiVersion || observation.violations.length === 0)
      return observation;
    setAside.set(observation.rule, (setAside.get(observation.rule) ?? 0) + observation.violations.length);
    return { ...observation, violations: [] };
  });
  const notes = [...setAside].map(([rule, count]) => {
    const entry = otherReading.get(rule) as ProfileEntry;
    return `${count} finding${count === 1 ? '' : 's'} of the suites on ${rule} (${profile.apiVersion}) set aside: they expect the catalogue's reading, and the tenant is profiled as ${entry.question} "${entry.answer}".`;
  });
  return { observations: kept, notes };
}
