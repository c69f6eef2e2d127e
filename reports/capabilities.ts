// Capabilities: the rule results grouped by what they need of a server (contracts/capabilities.yaml), so that the
// gaps of a mock (no state, no validation, no auth, ...) read as a few capabilities rather than many rules.
import type {
  ApiVersion,
  CapabilityInfo,
  CapabilityResult,
  CapabilityStatus,
  ConformanceReport,
  RuleResult,
} from './model.ts';
import { compareRuleResults, compareVersions, ruleKey, sortedUnique } from './order.ts';

/**
 * The status of a capability from the results of its rules in one version. The one place this is decided:
 * - lacking: at least one of its MUST rules failed;
 * - partial: no MUST rule failed, but a SHOULD rule was violated (warned, or failed with --strict);
 * - ok: at least one rule passed and none was violated (some may be skipped or inconclusive);
 * - inconclusive: no rule has usable evidence, and at least one was tried but got no usable answer;
 * - unchecked: every rule was skipped.
 * A MUST rule whose violations an inferred premise lowered is warned, so it makes the capability partial at most.
 */
export function capabilityStatus(results: readonly RuleResult[]): CapabilityStatus {
  if (results.some((r) => r.status === 'failed' && r.level === 'MUST')) return 'lacking';
  if (results.some((r) => r.status === 'failed' || r.status === 'warned')) return 'partial';
  if (results.some((r) => r.status === 'passed')) return 'ok';
  if (results.some((r) => r.status === 'inconclusive')) return 'inconclusive';
  return 'unchecked';
}

function capabilityResult(
  capability: CapabilityInfo,
  apiVersion: ApiVersion,
  results: readonly RuleResult[],
): CapabilityResult {
  const ids = (status: RuleResult['status']) =>
    sortedUnique(results.filter((r) => r.status === status).map((r) => r.id));
  const count = (status: RuleResult['status']) => results.filter((r) => r.status === status).length;
  return {
    id: capability.id,
    apiVersion,
    title: capability.title,
    status: capabilityStatus(results),
    lacking: capability.lacking,
    hint: capability.hint,
    rules: sortedUnique(results.map((r) => r.id)),
    failedRules: ids('failed'),
    warnedRules: ids('warned'),
    counts: {
      passed: count('passed'),
      failed: count('failed'),
      warned: count('warned'),
      skipped: count('skipped'),
      inconclusive: count('inconclusive'),
      total: results.length,
    },
  };
}

/**
 * One result per capability and API version, in the capabilities' order then v2.1 before v2, computed from the
 * catalogue rule results (Pact results belong to no capability). A capability none of whose rules has a result in
 * a version gets no result there.
 *
 * @example capabilityResults(capabilities(), report.rules).filter((c) => c.status === 'lacking')
 */
export function capabilityResults(
  capabilities: readonly CapabilityInfo[],
  rules: readonly RuleResult[],
): CapabilityResult[] {
  const catalogue = rules.filter((r) => r.origin === 'catalogue');
  const byKey = new Map(catalogue.map((r) => [ruleKey(r.id, r.apiVersion), r]));
  const versions = [...new Set(catalogue.map((r) => r.apiVersion))].sort(compareVersions);
  const out: CapabilityResult[] = [];
  for (const capability of capabilities) {
    const ids = sortedUnique(capability.rules);
    for (const apiVersion of versions) {
      const results = ids.flatMap((id) => byKey.get(ruleKey(id, apiVersion)) ?? []);
      if (results.length > 0) out.push(capabilityResult(capability, apiVersion, results));
    }
  }
  return out;
}

/**
 * The capabilities a report's results were computed from, in their order: what mergeReports recomputes them
 * with, so merging needs no catalogue. A capability's rules are those its results name in any version.
 */
export function capabilityDefinitions(results: readonly CapabilityResult[]): CapabilityInfo[] {
  const found = new Map<string, { info: CapabilityInfo; rules: Set<string> }>();
  for (const result of results) {
    const entry = found.get(result.id) ?? {
      info: { id: result.id, title: result.title, lacking: result.lacking, hint: result.hint, rules: [] },
      rules: new Set<string>(),
    };
    for (const id of result.rules) entry.rules.add(id);
    found.set(result.id, entry);
  }
  return [...found.values()].map(({ info, rules }) => ({ ...info, rules: sortedUnique(rules) }));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Of a capability's rules, how many have usable evidence (passed, failed or warned). */
function checkedRules(result: CapabilityResult): number {
  const { counts } = result;
  return counts.passed + counts.failed + counts.warned;
}

/**
 * "3 of 6 rules failed", "2 of 8 rules warned", "3 of 6 rules failed, 1 warned", "5 rules passed" when every rule
 * was checked; "2 failed, 1 passed; 2 skipped" when only some were (see capabilityEvidenceText).
 */
export function capabilityCountsText(result: CapabilityResult): string {
  const { counts } = result;
  const inconclusive = counts.inconclusive ?? 0;
  const rules = plural(counts.total, 'rule');
  if (checkedRules(result) === counts.total) {
    if (counts.failed > 0)
      return `${counts.failed} of ${rules} failed${counts.warned > 0 ? `, ${counts.warned} warned` : ''}`;
    if (counts.warned > 0) return `${counts.warned} of ${rules} warned`;
    return `${counts.passed} of ${rules} passed`;
  }
  const checked = [
    ...(counts.failed > 0 ? [`${counts.failed} failed`] : []),
    ...(counts.warned > 0 ? [`${counts.warned} warned`] : []),
    ...(counts.passed > 0 ? [`${counts.passed} passed`] : []),
  ];
  const unchecked = [
    ...(inconclusive > 0 ? [`${inconclusive} inconclusive`] : []),
    ...(counts.skipped > 0 ? [`${counts.skipped} skipped`] : []),
  ];
  if (checked.length === 0)
    return unchecked.length === 1 && counts.skipped > 0 ? `${rules} skipped` : unchecked.join(', ');
  return `${checked.join(', ')}; ${unchecked.join(', ')}`;
}

/** "on the evidence of 2 of its 5 rules" when only some of its rules have usable evidence, else ''. */
export function capabilityEvidenceText(result: CapabilityResult): string {
  const checked = checkedRules(result);
  const total = result.counts.total;
  return checked > 0 && checked < total
    ? `on the evidence of ${checked} of its ${plural(total, 'rule')}`
    : '';
}

/** "lacking", or "lacking, on the evidence of 2 of its 5 rules" when only some of its rules were checked. */
export function capabilityStatusText(result: CapabilityResult): string {
  const evidence = capabilityEvidenceText(result);
  return evidence ? `${result.status}, ${evidence}` : result.status;
}

/** A capability the target lacks, or has only in part, in at least one API version: what the reports list. */
export interface CapabilityGap {
  readonly id: string;
  readonly title: string;
  readonly lacking: string;
  readonly hint: string;
  /** lacking when it is lacking in any version, else partial. */
  readonly status: 'lacking' | 'partial';
  /** Its results in the versions where it is lacking or partial, v2.1 first. */
  readonly versions: readonly CapabilityResult[];
  /** The failed and warned results of its rules in those versions, by rule id, then version. */
  readonly findings: readonly RuleResult[];
}

/**
 * What the writers say of a gap. Only a capability whose MUST rules failed is told the catalogue's `lacking`
 * sentence (which may say "typical of a stateless mock"); one that is only partial hears which SHOULD rules were
 * violated, so a stateful target with a warning is never described as a stateless mock.
 */
export function gapSentence(gap: CapabilityGap): string {
  if (gap.status === 'lacking') return gap.lacking;
  const ids = [...new Set(gap.findings.map((r) => r.id))];
  return `In place in part: none of its MUST rules failed, but ${ids.length === 1 ? 'a SHOULD rule was' : `${ids.length} SHOULD rules were`} violated (${ids.join(', ')}).`;
}

/**
 * The capabilities a report says the target lacks (first) or has only in part, each with the failed and warned
 * rule results behind it; in the capabilities' order within each group. Empty for a report without capabilities.
 */
export function capabilityGaps(report: ConformanceReport): CapabilityGap[] {
  const results = report.capabilities ?? [];
  const byKey = new Map(report.rules.map((r) => [ruleKey(r.id, r.apiVersion), r]));
  const gaps: CapabilityGap[] = [];
  for (const info of capabilityDefinitions(results)) {
    const versions = results.filter(
      (c) => c.id === info.id && (c.status === 'lacking' || c.status === 'partial'),
    );
    if (versions.length === 0) continue;
    const findings = versions
      .flatMap((c) =>
        [...c.failedRules, ...c.warnedRules].flatMap((id) => byKey.get(ruleKey(id, c.apiVersion)) ?? []),
      )
      .sort(compareRuleResults);
    gaps.push({
      id: info.id,
      title: info.title,
      lacking: info.lacking,
      hint: info.hint,
      status: versions.some((c) => c.status === 'lacking') ? 'lacking' : 'partial',
      versions,
      findings,
    });
  }
  return [...gaps.filter((g) => g.status === 'lacking'), ...gaps.filter((g) => g.status === 'partial')];
}

/** Where a report's capabilities stand: the gaps, and the titles of those in place or not checked at all. */
export interface CapabilityOverview {
  readonly gaps: readonly CapabilityGap[];
  /** Not lacking or partial in any version, and ok in at least one. */
  readonly inPlace: readonly string[];
  /** Not a gap nor ok anywhere, and inconclusive in at least one version: tried, but no usable answer came. */
  readonly inconclusive: readonly string[];
  /** Unchecked in every version: nothing says whether the target has them. */
  readonly unchecked: readonly string[];
}

/**
 * The capabilities of a report as the writers show them, or undefined for a report without capabilities (written
 * before they existed, or built without the catalogue), where they show nothing.
 */
export function capabilityOverview(report: ConformanceReport): CapabilityOverview | undefined {
  const results = report.capabilities;
  if (results === undefined) return undefined;
  const gaps = capabilityGaps(report);
  const gapIds = new Set(gaps.map((g) => g.id));
  const rest = capabilityDefinitions(results).filter((c) => !gapIds.has(c.id));
  const isOk = (c: CapabilityInfo) => results.some((r) => r.id === c.id && r.status === 'ok');
  const tried = (c: CapabilityInfo) =>
    !isOk(c) && results.some((r) => r.id === c.id && r.status === 'inconclusive');
  return {
    gaps,
    inPlace: rest.filter(isOk).map((c) => c.title),
    inconclusive: rest.filter(tried).map((c) => c.title),
    unchecked: rest.filter((c) => !isOk(c) && !tried(c)).map((c) => c.title),
  };
}
