import type { RuleObservation, Violation } from '../checks/violation.ts';
import type { PactResult, RuleResult } from './model.ts';
import { ruleKey } from './order.ts';
import { type RuleHead, ruleResult } from './rule-result.ts';

/** "Create a contact (v2.1)" -> "create-a-contact-v2-1": the id part of a Pact interaction. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'interaction'
  );
}

/** The Verifier's mismatches of a failed interaction as its violations (none for one it could not replay). */
function verifierViolations(r: PactResult): Violation[] {
  if (r.passed || r.inconclusive !== undefined || r.skipped !== undefined) return [];
  const failedOnContractOnly = r.mismatches.length === 0 && (r.contractFindings ?? []).length > 0;
  if (failedOnContractOnly) return [];
  const messages =
    r.mismatches.length > 0
      ? r.mismatches
      : ['Received: a failed verification without a mismatch / Expected: the interaction to verify'];
  return messages.map((message) => ({
    rule: `PACT-${slug(r.interaction)}` as const,
    level: 'MUST' as const,
    apiVersion: r.apiVersion,
    operation: r.operation,
    title: r.interaction,
    message,
  }));
}

/**
 * The contract cross-check's findings as the interaction's violations, named by the catalogue rule they go
 * against: a SHOULD finding is a MUST rule's finding lowered to a warning, as an inferred premise lowers one.
 */
function contractViolations(r: PactResult): Violation[] {
  return (r.contractFindings ?? []).map((f) => ({
    rule: `PACT-${slug(r.interaction)}` as const,
    level: f.level,
    ...(f.level === 'SHOULD' ? { ruleLevel: 'MUST' as const } : {}),
    apiVersion: r.apiVersion,
    operation: r.operation,
    title: r.interaction,
    message: `contract cross-check${f.rule !== undefined ? ` (${f.rule})` : ''}: ${f.message}`,
  }));
}

/** One MUST rule result per Pact interaction and API version (origin 'pact'). */
export function pactRuleResults(results: readonly PactResult[], strict: boolean): RuleResult[] {
  const groups = new Map<string, PactResult[]>();
  for (const result of results) {
    const key = ruleKey(`PACT-${slug(result.interaction)}`, result.apiVersion);
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as PactResult;
    const observations: RuleObservation[] = group.map((r) => ({
      rule: `PACT-${slug(r.interaction)}`,
      apiVersion: r.apiVersion,
      operations: [r.operation],
      exchanges: r.skipped !== undefined ? 0 : 1,
      retriedExchanges: 0,
      ...(r.skipped !== undefined ? { skipped: r.skipped } : {}),
      // An interaction that could not be verified says nothing about the target: inconclusive, never failed.
      ...(r.inconclusive !== undefined
        ? { inconclusiveExchanges: 1, inconclusiveReasons: [r.inconclusive] }
        : {}),
      violations: [...verifierViolations(r), ...contractViolations(r)],
    }));
    const head: RuleHead = {
      id: `PACT-${slug(first.interaction)}`,
      apiVersion: first.apiVersion,
      title: first.interaction,
      level: 'MUST',
      category: 'pact',
      source: `contracts/pacts (${first.apiVersion})`,
      origin: 'pact',
      operations: [first.operation],
    };
    return ruleResult(head, observations, strict);
  });
}
