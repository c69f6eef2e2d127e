import type { RuleResult } from './model.ts';

/** What a profile-set level is called wherever a level is shown. */
export const AS_OBSERVED = 'as observed on the tenant';

/** A rule result's level as shown: "MUST", or "MUST (as observed on the tenant)" where a tenant profile set it. */
export function levelLabel(rule: Pick<RuleResult, 'level' | 'levelSource'>): string {
  return rule.levelSource === 'profile' ? `${rule.level} (${AS_OBSERVED})` : rule.level;
}
