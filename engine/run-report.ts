import { capabilities, ruleCatalogue } from '../contracts/index.ts';
import type { OccConfig } from '../lib/config.ts';
import { profiledRuleInfos } from '../profiles/index.ts';
import { buildReport, type ConformanceReport } from '../reports/index.ts';
import { contractVersion, ruleInfos, TOOL } from './report-input.ts';
import type { RunOutcome } from './run-outcome.ts';

/** Builds the conformance report of a run's outcome: one result per rule and API version, and the run's notes. */
export function reportOf(
  outcome: RunOutcome,
  config: Pick<
    OccConfig,
    'seed' | 'strict' | 'apiVersions' | 'orderRef' | 'readOnly' | 'maxInconclusive' | 'tier'
  >,
  shard?: { readonly index: number; readonly count: number },
): ConformanceReport {
  const { stopped } = outcome;
  return buildReport({
    observations: outcome.observations,
    rules: outcome.profile ? profiledRuleInfos(ruleInfos(), outcome.profile) : ruleInfos(),
    capabilities: capabilities(),
    observedShapes: outcome.shapes,
    pactResults: outcome.pactResults,
    run: {
      tool: TOOL,
      contract: { version: contractVersion(), rules: ruleCatalogue().length },
      runId: outcome.runId,
      seed: config.seed,
      strict: config.strict,
      target: {
        baseUrl: outcome.target.baseUrl,
        kind: outcome.target.kind,
        apiVersions: [...config.apiVersions],
        ...(config.orderRef !== undefined ? { orderRef: config.orderRef } : {}),
        readOnly: config.readOnly,
      },
      startedAt: outcome.startedAt.toISOString(),
      durationMs: outcome.durationMs,
      notes: stopped.kind === 'unreachable' ? [stopped.message] : [...outcome.notes],
      unreachable: stopped.kind === 'unreachable',
      ...(stopped.kind === 'unreachable' ? { unreachableCause: stopped.cause } : {}),
      maxInconclusive: config.maxInconclusive,
      ...(shard ? { shard } : {}),
      tier: config.tier,
      stoppedEarly: stopped.kind !== 'completed',
    },
  });
}
