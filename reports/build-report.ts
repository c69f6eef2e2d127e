import type { RuleObservation } from '../checks/violation.ts';
import { capabilityResults } from './capabilities.ts';
import {
  type CapabilityInfo,
  type ConformanceReport,
  DEFAULT_MAX_INCONCLUSIVE,
  type PactResult,
  REPORT_VERSION,
  type ReportTarget,
  type RuleInfo,
  type RuleResult,
  type RunInfo,
  type ShapeInput,
} from './model.ts';
import { compareRuleResults, compareVersions, ruleKey } from './order.ts';
import { pactRuleResults } from './pact-results.ts';
import { type RuleHead, ruleResult } from './rule-result.ts';
import { LEFT_TO_FULL_TIER, NOT_CHECKED } from './rule-status.ts';
import { mergedShapes } from './shapes.ts';
import { summarise, verdictOf } from './summary.ts';

/** Everything a report is built from: what the tests observed, the catalogue, and the run. */
export interface BuildReportInput {
  readonly observations: readonly RuleObservation[];
  readonly rules: readonly RuleInfo[];
  readonly run: RunInfo;
  readonly observedShapes?: readonly ShapeInput[];
  readonly pactResults?: readonly PactResult[];
  /**
   * The capability catalogue (contracts' capabilities()). When given, the report groups its rule results by
   * capability (report.capabilities); when left out, the report has no capabilities.
   */
  readonly capabilities?: readonly CapabilityInfo[];
}

/** The base URL with any user:password@ removed: a report never carries credentials. */
export function withoutCredentials(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    if (url.username === '' && url.password === '') return baseUrl;
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return baseUrl.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1');
  }
}

function reportTarget(target: RunInfo['target']): ReportTarget {
  return {
    baseUrl: withoutCredentials(target.baseUrl),
    kind: target.kind,
    apiVersions: [...new Set(target.apiVersions)].sort(compareVersions),
    ...(target.orderRef !== undefined ? { orderRef: target.orderRef } : {}),
    readOnly: target.readOnly,
  };
}

/**
 * Builds the conformance report of a run: one result per catalogue rule and covered API version (plus one per
 * Pact interaction), sorted, with the summary and verdict computed from them, and (given the capability
 * catalogue) one result per capability and version.
 *
 * @example buildReport({ observations: reporter.observations, rules: ruleInfos(), capabilities: capabilities(), run })
 */
export function buildReport(input: BuildReportInput): ConformanceReport {
  const { run } = input;
  const target = reportTarget(run.target);
  const groups = new Map<string, RuleObservation[]>();
  for (const observation of input.observations) {
    const key = ruleKey(observation.rule, observation.apiVersion);
    groups.set(key, [...(groups.get(key) ?? []), observation]);
  }
  const notes = [...(run.notes ?? [])];
  const maxInconclusive = run.maxInconclusive ?? DEFAULT_MAX_INCONCLUSIVE;
  const rules: RuleResult[] = [];
  for (const rule of input.rules) {
    for (const apiVersion of target.apiVersions) {
      const level = rule.levels[apiVersion];
      if (level === undefined) continue;
      const key = ruleKey(rule.id, apiVersion);
      const levelSource = rule.levelSources?.[apiVersion];
      const { levelSources: _sources, ...info } = rule;
      const head = {
        ...info,
        apiVersion,
        level,
        origin: 'catalogue' as const,
        ...(levelSource !== undefined ? { levelSource } : {}),
      };
      rules.push(ruleResult(head, groups.get(key) ?? [], run.strict));
      groups.delete(key);
    }
  }
  // Observations the catalogue does not expect (an unknown id, or a version the run did not cover): a failure
  // found there is still a failure, so it is reported rather than dropped.
  for (const observations of groups.values()) {
    const first = observations[0] as RuleObservation;
    const violation = observations.flatMap((o) => o.violations)[0];
    const where = `${first.rule} (${first.apiVersion})`;
    if (violation === undefined) {
      notes.push(`a test reported on ${where}, which the catalogue does not list for this run; ignored.`);
      continue;
    }
    notes.push(`a test reported violations of ${where}, which the catalogue does not list for this run.`);
    const known = input.rules.find((r) => r.id === first.rule);
    const head: RuleHead = {
      id: first.rule,
      apiVersion: first.apiVersion,
      title: known?.title ?? violation.title,
      level: known?.levels[first.apiVersion] ?? violation.level,
      category: known?.category ?? 'uncatalogued',
      source: known?.source ?? '',
      origin: 'catalogue',
      operations: [],
    };
    rules.push(ruleResult(head, observations, run.strict));
  }
  rules.push(...pactRuleResults(input.pactResults ?? [], run.strict));
  rules.sort(compareRuleResults);
  const smoke = run.tier === 'smoke';
  if (smoke && run.stoppedEarly !== true)
    for (const [i, r] of rules.entries())
      if (r.status === 'skipped' && r.reason === NOT_CHECKED) rules[i] = { ...r, reason: LEFT_TO_FULL_TIER };
  const fullTierAdds = rules
    .filter((r) => smoke && r.status === 'skipped' && r.reason === LEFT_TO_FULL_TIER)
    .map((r) => ({ id: r.id, apiVersion: r.apiVersion, level: r.level }));

  return {
    reportVersion: REPORT_VERSION,
    tool: { name: run.tool.name, version: run.tool.version },
    contract: { version: run.contract.version, rules: run.contract.rules },
    runId: run.runId,
    seed: run.seed,
    strict: run.strict,
    target,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    ...(run.shard ? { shard: { index: run.shard.index, count: run.shard.count } } : {}),
    ...(run.tier !== undefined ? { tier: run.tier } : {}),
    ...(smoke ? { fullTierAdds } : {}),
    ...(run.stoppedEarly === true && run.unreachable !== true ? { stoppedEarly: true as const } : {}),
    verdict: verdictOf(rules, run.unreachable === true, maxInconclusive, run.stoppedEarly === true),
    ...(run.unreachable === true && run.unreachableCause !== undefined
      ? { unreachableCause: run.unreachableCause }
      : {}),
    maxInconclusive,
    summary: summarise(rules),
    ...(input.capabilities !== undefined
      ? { capabilities: capabilityResults(input.capabilities, rules) }
      : {}),
    rules,
    observedShapes: mergedShapes(input.observedShapes ?? []),
    ...(notes.length > 0 ? { notes } : {}),
  };
}
