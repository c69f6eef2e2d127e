import type { ApiVersion, Level, TenantProfile } from '../contracts/index.ts';
import type { RuleInfo } from '../reports/index.ts';

/**
 * The catalogue as a run held to a profile reads it: each rule a profile entry concerns is MUST in the profile's
 * version, marked as set by the profile (reported "as observed on the tenant").
 */
export function profiledRuleInfos(rules: readonly RuleInfo[], profile: TenantProfile): RuleInfo[] {
  const version: ApiVersion = profile.apiVersion;
  const profiled = new Set(profile.entries.flatMap((entry) => entry.rules));
  return rules.map((rule) => {
    if (!profiled.has(rule.id) || rule.levels[version] === undefined) return rule;
    const levels: Record<string, Level> = { ...rule.levels, [version]: 'MUST' };
    return { ...rule, levels, levelSources: { ...rule.levelSources, [version]: 'profile' as const } };
  });
}
