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
import type { Exchange } from '../../lib/exchange.ts';
import type { ShapeInput } from '../../reports/index.ts';

/**
 * @deprecated The report's ObservedShape is another type (reports/model.ts); this is its input, ShapeInput. Kept
 * until harness.ts and occ-reporter.ts import ShapeInput from reports/index.ts.
 */
export type ObservedShape = ShapeInput;

interface Tally {
  operations: Set<string>;
  exchanges: Set<string>;
  retried: Set<string>;
  violations: Violation[];
  skipped?: string | undefined;
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
      tally = { operations: new Set(), exchanges: new Set(), retried: new Set(), violations: [] };
      this.tallies.set(ruleId, tally);
    }
    return tally;
  }

  private count(ruleId: RuleId, exchange: Exchange | undefined): void {
    const tally = this.tally(ruleId);
    if (!tally || !exchange) return;
    tally.operations.add(exchange.operation);
    tally.exchanges.add(exchange.id);
    if (exchange.attempts > 1) tally.retried.add(exchange.id);
    tally.skipped = undefined;
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
      this.count(v.rule, exchange);
      tally.violations.push(v);
      kept.push(v);
    }
    return kept;
  }

  /** Records that a rule could not be checked, and why (kept only when nothing else checked it). */
  skip(ruleIds: RuleId | readonly RuleId[], reason: string): void {
    for (const id of typeof ruleIds === 'string' ? [ruleIds] : ruleIds) {
      const tally = this.tally(id);
      if (tally && tally.exchanges.size === 0) tally.skipped = reason;
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
      violations: t.violations,
      ...(t.skipped !== undefined && t.exchanges.size === 0 ? { skipped: t.skipped } : {}),
    }));
  }

  /** The violations that fail the test: MUST, and SHOULD too when strict. */
  failing(strict: boolean): Violation[] {
    return [...this.tallies.values()]
      .flatMap((t) => t.violations)
      .filter((v) => strict || v.level === 'MUST');
  }
}
