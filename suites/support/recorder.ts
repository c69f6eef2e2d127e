import type { CheckResult } from '../../checks/check-result.ts';
import { jsonContentType, noServerError } from '../../checks/responses.ts';
import type { RuleObservation, Violation } from '../../checks/violation.ts';
import {
  type ApiVersion,
  isRuleId,
  knownFieldPaths,
  observedFieldPaths,
  operationsOf,
  type RuleId,
  ruleById,
  type SchemaFile,
} from '../../contracts/index.ts';
import type { Premise } from '../../generators/index.ts';
import type { Exchange } from '../../lib/exchange.ts';
import type { ShapeInput } from '../../reports/index.ts';

interface Tally {
  operations: Set<string>;
  exchanges: Set<string>;
  retried: Set<string>;
  /** Exchanges without a usable answer, and why: they never fail the rule. */
  inconclusive: Set<string>;
  reasons: Set<string>;
  settled: number;
  settleMs: number;
  violations: Violation[];
  skipped?: string | undefined;
  setupFailed?: string | undefined;
}

/** Statuses that are no answer about the request once retries are spent: a gateway, a rate limit, a restart. */
const UNAVAILABLE = new Set([429, 502, 503, 504]);

/**
 * Why an exchange has no usable answer for `rule`, or undefined when it has one. No response, a body cut short,
 * and 429/502/503/504 once retries were spent say nothing about any rule. Another 5xx is OC-NO-5XX's own
 * finding, and says nothing about the rest.
 */
export function unusableReason(exchange: Exchange, rule: RuleId): string | undefined {
  const attempts = exchange.attempts > 1 ? ` after ${exchange.attempts} attempts` : '';
  if (exchange.error !== undefined && exchange.error.kind !== 'not-sent') {
    const short = exchange.error.message.split(/[:(]/)[0]?.trim() || exchange.error.kind;
    return `${exchange.error.kind}: ${short}${attempts}`.slice(0, 120);
  }
  const status = exchange.response?.status;
  if (status === undefined) return undefined;
  if (UNAVAILABLE.has(status)) return `status ${status}${attempts}`;
  if (status >= 500 && rule !== 'OC-NO-5XX') return `status ${status} (a server error)`;
  return undefined;
}

/** True when a rule is selected by --only (rule ids or categories; empty selects everything). */
export function isSelected(ruleId: RuleId, only: readonly string[]): boolean {
  if (only.length === 0) return true;
  const rule = ruleById(ruleId);
  return only.some((item) => item === rule.id || item === rule.category);
}

/**
 * Collects what a test learns, rule by rule: the exchanges that checked each rule and the violations found.
 * Every exchange also goes through the universal checks (no 5xx, JSON content type).
 */
export class RuleRecorder {
  private readonly tallies = new Map<RuleId, Tally>();
  /** The rules each exchange was counted for (--record writes them beside the exchange's HAR entries). */
  private readonly rulesByExchange = new Map<string, Set<RuleId>>();
  private readonly shapeFields = new Map<
    string,
    { operation: string; status: number; fields: Set<string>; known: ReadonlySet<string> }
  >();

  constructor(
    readonly apiVersion: ApiVersion,
    private readonly only: readonly string[] = [],
  ) {}

  private tally(ruleId: RuleId): Tally | undefined {
    const rule = ruleById(ruleId);
    if (!rule.levels[this.apiVersion] || !isSelected(ruleId, this.only)) return undefined;
    let tally = this.tallies.get(ruleId);
    if (!tally) {
      tally = {
        operations: new Set(),
        exchanges: new Set(),
        retried: new Set(),
        inconclusive: new Set(),
        reasons: new Set(),
        settled: 0,
        settleMs: 0,
        violations: [],
      };
      this.tallies.set(ruleId, tally);
    }
    return tally;
  }

  /** Counts the exchange for the rule; false when the exchange has no usable answer for it (then it is inconclusive). */
  private count(ruleId: RuleId, exchange: Exchange | undefined): boolean {
    const tally = this.tally(ruleId);
    if (!tally || !exchange) return false;
    tally.operations.add(exchange.operation);
    tally.exchanges.add(exchange.id);
    const rules = this.rulesByExchange.get(exchange.id) ?? new Set<RuleId>();
    this.rulesByExchange.set(exchange.id, rules.add(ruleId));
    if (exchange.attempts > 1) tally.retried.add(exchange.id);
    tally.skipped = undefined;
    const unusable = unusableReason(exchange, ruleId);
    if (unusable === undefined) return true;
    tally.inconclusive.add(exchange.id);
    if (tally.reasons.size < 10) tally.reasons.add(unusable);
    return false;
  }

  /** Runs the checks every response gets (OC-NO-5XX, and OC-CONTENT-TYPE-JSON on contact operations). */
  exchange(exchange: Exchange): Exchange {
    this.observeShape(exchange);
    const context = { apiVersion: this.apiVersion, operation: exchange.operation, exchange };
    this.check(exchange, noServerError(context));
    if (ruleById('OC-CONTENT-TYPE-JSON').operations.includes(exchange.operation)) {
      this.check(exchange, jsonContentType(context));
    }
    return exchange;
  }

  /**
   * Records what checks of `exchange` found: the exchange checked every rule a result names, and every rule a
   * violation names (a check may find a related rule broken). Violations of rules that do not apply to this version,
   * or that --only did not select, are dropped; the violations kept are returned.
   *
   * @example recorder.check(created, expectStatus('OC-CREATE-201', at(created), [201]), hrefIsSelf(at(created), body))
   */
  check(exchange: Exchange | undefined, ...results: readonly CheckResult[]): Violation[] {
    return this.record(exchange, results, undefined);
  }

  /**
   * As check, for checks whose verdict stands on a premise: that a generated body is valid (or invalid). A finding's
   * level is the weaker of its rule's and its premise's: on an inferred premise a MUST finding is reported as SHOULD,
   * saying why.
   */
  checkOnPremise(
    premise: Premise,
    exchange: Exchange | undefined,
    ...results: readonly CheckResult[]
  ): Violation[] {
    return this.record(exchange, results, premise);
  }

  private record(
    exchange: Exchange | undefined,
    results: readonly CheckResult[],
    premise: Premise | undefined,
  ): Violation[] {
    const named = results.flatMap((result) => result.rules);
    const violations = results.flatMap((result) => result.violations);
    if (exchange?.error?.kind === 'not-sent') {
      // The run had given up on the target: nothing was learned, so nothing is held against it either.
      this.skip([...named, ...violations.map((v) => v.rule).filter(isRuleId)], exchange.error.message);
      return [];
    }
    for (const id of named) this.count(id, exchange);
    const kept: Violation[] = [];
    for (const v of violations) {
      // Checks only build violations of catalogue rules; a Pact id here would be a bug, and is not counted.
      if (!isRuleId(v.rule)) continue;
      const tally = this.tally(v.rule);
      if (!tally) continue;
      // An exchange without a usable answer (a reset, a timeout, a gateway's 503) never fails a rule.
      if (!this.count(v.rule, exchange) && exchange !== undefined) continue;
      const found = premise === undefined ? v : onPremise(v, premise);
      tally.violations.push(found);
      kept.push(found);
    }
    return kept;
  }

  /** Records that these rules' reads showed the write only after re-reading for `waitedMs` (settling). */
  settled(ruleIds: readonly RuleId[], waitedMs: number): void {
    if (waitedMs <= 0) return;
    for (const id of ruleIds) {
      const tally = this.tally(id);
      if (!tally) continue;
      tally.settled += 1;
      tally.settleMs = Math.max(tally.settleMs, Math.round(waitedMs));
    }
  }

  /** Records that a rule could not be checked, and why (kept only when nothing else checked it). */
  skip(ruleIds: RuleId | readonly RuleId[], reason: string): void {
    for (const id of typeof ruleIds === 'string' ? [ruleIds] : ruleIds) {
      const tally = this.tally(id);
      if (tally && tally.exchanges.size === 0) tally.skipped = reason;
    }
  }

  /**
   * Records that a set-up this test needed failed (the contact its cases go to was refused, say), so these rules
   * could not be checked on what the test would have sent: they are inconclusive, whatever other tests found.
   * Check the set-up's own exchange with its own rule too: a refused create of a documented contact is a finding.
   */
  setupFailed(ruleIds: RuleId | readonly RuleId[], reason: string): void {
    for (const id of typeof ruleIds === 'string' ? [ruleIds] : ruleIds) {
      const tally = this.tally(id);
      if (tally) tally.setupFailed ??= reason;
    }
  }

  private observeShape(exchange: Exchange): void {
    const status = exchange.response?.status;
    if (status === undefined || exchange.json === undefined) return;
    const op = operationsOf(this.apiVersion).find((o) => o.operationId === exchange.operation);
    const documented = op?.responses[String(status)];
    if (documented === undefined) return;
    const key = `${exchange.operation} ${status}`;
    let shape = this.shapeFields.get(key);
    if (!shape) {
      const files: readonly SchemaFile[] = typeof documented === 'string' ? [documented] : documented;
      const known = new Set(files.flatMap((file) => [...knownFieldPaths(file)]));
      shape = { operation: exchange.operation, status, fields: new Set(), known };
      this.shapeFields.set(key, shape);
    }
    for (const field of observedFieldPaths(exchange.json)) shape.fields.add(field);
  }

  /** Each exchange this test checked, and the catalogue rules it was checked against. */
  exchangeRules(): ReadonlyMap<string, readonly RuleId[]> {
    return new Map([...this.rulesByExchange].map(([id, rules]) => [id, [...rules]]));
  }

  /** The response shapes this test saw, per operation and status. */
  shapes(): ShapeInput[] {
    return [...this.shapeFields.values()].map((s) => ({
      apiVersion: this.apiVersion,
      operation: s.operation,
      status: s.status,
      fields: [...s.fields].sort(),
      unknownFields: [...s.fields].filter((f) => !s.known.has(f)).sort(),
    }));
  }

  /** What the test learned, one observation per rule. */
  observations(): RuleObservation[] {
    return [...this.tallies].map(([rule, t]) => ({
      rule,
      apiVersion: this.apiVersion,
      operations: [...t.operations].sort(),
      exchanges: t.exchanges.size,
      retriedExchanges: t.retried.size,
      ...(t.inconclusive.size > 0
        ? { inconclusiveExchanges: t.inconclusive.size, inconclusiveReasons: [...t.reasons].sort() }
        : {}),
      ...(t.settled > 0 ? { settledExchanges: t.settled, settleMs: t.settleMs } : {}),
      violations: t.violations,
      ...(t.skipped !== undefined && t.exchanges.size === 0 ? { skipped: t.skipped } : {}),
      ...(t.setupFailed !== undefined ? { setupFailed: t.setupFailed } : {}),
    }));
  }

  /** The violations that fail the test: MUST, and SHOULD too when strict. */
  failing(strict: boolean): Violation[] {
    return [...this.tallies.values()]
      .flatMap((t) => t.violations)
      .filter((v) => strict || v.level === 'MUST');
  }
}

/** A violation as it stands on its premise: lowered to SHOULD when the premise is only inferred. */
function onPremise(violation: Violation, premise: Premise): Violation {
  if (premise.level === 'documented') return { ...violation, premise: 'documented' };
  return {
    ...violation,
    premise: 'inferred',
    ...(premise.because !== undefined ? { premiseNote: premise.because } : {}),
    ...(violation.level === 'MUST' ? { level: 'SHOULD' as const, ruleLevel: 'MUST' as const } : {}),
  };
}
