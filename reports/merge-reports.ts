import { capabilityDefinitions, capabilityResults } from './capabilities.ts';
import {
  type ApiVersion,
  type ConformanceReport,
  DEFAULT_MAX_INCONCLUSIVE,
  type RuleResult,
} from './model.ts';
import { compareRuleResults, compareText, compareVersions, ruleKey, sortedUnique } from './order.ts';
import { tallyFields } from './rule-result.ts';
import { LEFT_TO_FULL_TIER, NOT_CHECKED, ruleStatus } from './rule-status.ts';
import { mergedShapes } from './shapes.ts';
import { keptViolations, summarise, verdictOf } from './summary.ts';

/** Thrown when partial reports cannot be merged; the message says which and why. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Refuses reports that are not parts of one run, naming what differs. */
function checkOneRun(reports: readonly ConformanceReport[]): void {
  const runIds = distinct(reports.map((r) => r.runId));
  const seeds = distinct(reports.map((r) => r.seed));
  if (runIds.length > 1 && seeds.length > 1) {
    throw new MergeError(
      `Failed to merge reports: they come from different runs (runIds ${runIds.map((r) => `"${r}"`).join(', ')}; seeds ${seeds.join(', ')}). Merge only the shard reports of one run (same runId or same seed).`,
    );
  }
  const contracts = distinct(reports.map((r) => r.contract.version));
  if (contracts.length > 1) {
    throw new MergeError(
      `Failed to merge reports: they were checked against different contracts (${contracts.map((c) => `"${c}"`).join(', ')}). Run every shard from the same commit.`,
    );
  }
  const strict = distinct(reports.map((r) => r.strict));
  if (strict.length > 1) {
    throw new MergeError(
      'Failed to merge reports: some shards ran with --strict and some without. Run every shard with the same flags.',
    );
  }
  const tiers = distinct(reports.map((r) => r.tier ?? 'full'));
  if (tiers.length > 1)
    throw new MergeError(
      `Failed to merge reports: the shards ran different tiers (${tiers.join(', ')}). Run every shard with the same --tier.`,
    );
  const shards = reports.flatMap((r) => (r.shard ? [`${r.shard.index}/${r.shard.count}`] : []));
  const twice = shards.filter((s, i) => shards.indexOf(s) !== i);
  if (twice.length > 0) {
    throw new MergeError(
      `Failed to merge reports: shard ${twice[0]} is given twice. Pass each shard's report once.`,
    );
  }
}

/** Notes on what the merge could not vouch for: missing shards, mixed targets or tool versions. */
function mergeNotes(reports: readonly ConformanceReport[]): string[] {
  const notes = [`merged from ${reports.length} partial report${reports.length === 1 ? '' : 's'}.`];
  const counts = distinct(reports.flatMap((r) => (r.shard ? [r.shard.count] : [])));
  const count = counts.length === 1 ? (counts[0] as number) : undefined;
  if (count !== undefined) {
    const have = new Set(reports.flatMap((r) => (r.shard ? [r.shard.index] : [])));
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !have.has(i));
    if (missing.length > 0)
      notes.push(
        `shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count} missing: their rules may show as skipped.`,
      );
  } else if (counts.length > 1) {
    notes.push(`the shards disagree on the shard count (${counts.join(', ')}).`);
  }
  const kinds = distinct(reports.map((r) => r.target.kind));
  const urls = distinct(reports.map((r) => r.target.baseUrl));
  // Each shard starts its own embedded mock on a random port, so only other targets must agree.
  if (urls.length > 1 && !(kinds.length === 1 && kinds[0] === 'embedded-mock')) {
    notes.push(`the shards checked different targets: ${urls.join(', ')}.`);
  }
  const tools = distinct(reports.map((r) => `${r.tool.name} ${r.tool.version}`));
  if (tools.length > 1)
    notes.push(`the shards were written by different tool versions: ${tools.join(', ')}.`);
  return notes;
}

function mergeRule(parts: readonly RuleResult[], strict: boolean): RuleResult {
  const first = parts[0] as RuleResult;
  // A shard held to a tenant profile checked the rule at the profile's level: the merged result keeps it.
  const profiled = parts.find((r) => r.levelSource === 'profile');
  const level = profiled?.level ?? first.level;
  const exchanges = parts.reduce((n, r) => n + r.exchanges, 0);
  const retriedExchanges = parts.reduce((n, r) => n + r.retriedExchanges, 0);
  const violationsTotal = parts.reduce((n, r) => n + r.violationsTotal, 0);
  const settles = parts.flatMap((r) => (r.settleMs !== undefined ? [r.settleMs] : []));
  const tallies = {
    inconclusiveExchanges: parts.reduce((n, r) => n + (r.inconclusiveExchanges ?? 0), 0),
    inconclusiveReasons: parts.flatMap((r) => r.inconclusiveReasons ?? []),
    settledExchanges: parts.reduce((n, r) => n + (r.settledExchanges ?? 0), 0),
    ...(settles.length > 0 ? { settleMs: Math.max(...settles) } : {}),
    loweredViolations: parts.reduce((n, r) => n + (r.loweredViolations ?? 0), 0),
    setupFailures: parts.flatMap((r) => r.setupFailures ?? []),
  };
  // A shard that had nothing to do with the rule says so with the default reason; it must not hide a real one.
  const reasons = parts
    .filter((r) => r.status === 'skipped' && r.reason !== undefined)
    .map((r) => r.reason as string);
  const specific = reasons.filter((r) => r !== NOT_CHECKED && r !== LEFT_TO_FULL_TIER);
  const outcome = ruleStatus({
    level,
    strict,
    violations: violationsTotal,
    exchanges,
    retriedExchanges,
    ...tallies,
    skipReasons: specific.length > 0 ? specific : reasons,
  });
  const checked = parts.filter((r) => r.exchanges > 0 || r.violationsTotal > 0);
  return {
    id: first.id,
    apiVersion: first.apiVersion,
    title: first.title,
    level,
    category: first.category,
    source: first.source,
    origin: first.origin,
    ...(profiled ? { levelSource: 'profile' as const } : {}),
    status: outcome.status,
    ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
    operations: sortedUnique((checked.length > 0 ? checked : parts).flatMap((r) => r.operations)),
    exchanges,
    retriedExchanges,
    passedAfterRetries: outcome.passedAfterRetries,
    ...tallyFields(tallies, outcome.passedAfterSettling === true),
    violations: keptViolations(parts.flatMap((r) => r.violations)),
    violationsTotal,
    ...(tallies.loweredViolations > 0 ? { loweredViolations: tallies.loweredViolations } : {}),
  };
}

/**
 * Combines the partial reports of one sharded run into one: per rule and API version, exchanges summed, violations
 * concatenated (20 kept), unusable and settled exchanges summed with their reasons unioned, status recomputed
 * with ruleStatus; summary and capabilities recomputed, shapes unioned,
 * shard removed.
 * Throws MergeError for reports of different runs (neither runId nor seed shared), contracts or strictness.
 *
 * @example mergeReports([shard1, shard2, shard3]).summary.failed
 */
export function mergeReports(reports: readonly ConformanceReport[]): ConformanceReport {
  const first = reports[0];
  if (first === undefined)
    throw new MergeError('Failed to merge reports: none given. Pass at least one conformance.json.');
  checkOneRun(reports);
  const ordered = [...reports].sort(
    (a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0) || compareText(a.startedAt, b.startedAt),
  );
  const groups = new Map<string, RuleResult[]>();
  for (const report of ordered) {
    for (const rule of report.rules) {
      const key = ruleKey(rule.id, rule.apiVersion);
      groups.set(key, [...(groups.get(key) ?? []), rule]);
    }
  }
  const rules = [...groups.values()].map((parts) => mergeRule(parts, first.strict)).sort(compareRuleResults);
  const starts = ordered.map((r) => Date.parse(r.startedAt));
  const start = Math.min(...starts);
  const end = Math.max(...ordered.map((r, i) => (starts[i] as number) + r.durationMs));
  const runIds = distinct(ordered.map((r) => r.runId));
  const apiVersions = distinct<ApiVersion>(ordered.flatMap((r) => r.target.apiVersions)).sort(
    compareVersions,
  );
  const notes = distinct([...ordered.flatMap((r) => r.notes ?? []), ...mergeNotes(ordered)]);
  const base = ordered[0] as ConformanceReport;
  // The shards carry the capabilities they were computed from; a report without any (an older one) adds none.
  const capabilities = ordered.flatMap((r) => r.capabilities ?? []);
  const withCapabilities = ordered.some((r) => r.capabilities !== undefined);
  // The shards of one run share their flags; the strictest threshold wins should they not.
  const thresholds = ordered.flatMap((r) => (r.maxInconclusive !== undefined ? [r.maxInconclusive] : []));
  const maxInconclusive = thresholds.length > 0 ? Math.min(...thresholds) : DEFAULT_MAX_INCONCLUSIVE;
  const stoppedEarly = ordered.some((r) => r.stoppedEarly === true && r.verdict !== 'unreachable');
  const unreachableCause = ordered.find((r) => r.unreachableCause !== undefined)?.unreachableCause;
  return {
    reportVersion: base.reportVersion,
    tool: { ...base.tool },
    contract: { ...base.contract },
    runId: runIds.join('+'),
    seed: base.seed,
    strict: base.strict,
    target: { ...base.target, apiVersions },
    startedAt: new Date(start).toISOString(),
    durationMs: Math.max(0, end - start),
    ...(base.tier !== undefined ? { tier: base.tier } : {}),
    ...(base.tier === 'smoke'
      ? {
          fullTierAdds: rules
            .filter((r) => r.status === 'skipped' && r.reason === LEFT_TO_FULL_TIER)
            .map((r) => ({ id: r.id, apiVersion: r.apiVersion, level: r.level })),
        }
      : {}),
    ...(stoppedEarly ? { stoppedEarly: true as const } : {}),
    verdict: verdictOf(
      rules,
      ordered.some((r) => r.verdict === 'unreachable'),
      maxInconclusive,
      stoppedEarly,
    ),
    ...(unreachableCause !== undefined ? { unreachableCause } : {}),
    maxInconclusive,
    summary: summarise(rules),
    ...(withCapabilities
      ? { capabilities: capabilityResults(capabilityDefinitions(capabilities), rules) }
      : {}),
    rules,
    observedShapes: mergedShapes(ordered.flatMap((r) => r.observedShapes)),
    notes,
  };
}
