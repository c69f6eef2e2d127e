import type {
  ApiVersion,
  CapabilityResult,
  CapabilityStatus,
  ConformanceReport,
  Level,
  ObservedShape,
  RuleResult,
  RuleStatus,
} from './model.ts';
import { compareShapes, compareText, compareVersions, ruleKey } from './order.ts';
import { firstFinding } from './text.ts';

/** A rule's status in one report, or 'absent' when that report has no result for it. */
export type DiffStatus = RuleStatus | 'absent';

/** How one rule in one API version differs between two reports. */
export interface RuleChange {
  readonly id: string;
  readonly apiVersion: ApiVersion;
  readonly title: string;
  readonly from: DiffStatus;
  readonly to: DiffStatus;
  readonly fromLevel?: Level;
  readonly toLevel?: Level;
  /** The first violation (or reason) in the new report, when there is one. */
  readonly detail?: string;
}

/** How one capability in one API version changed status between two reports. */
export interface CapabilityChange {
  readonly id: string;
  readonly apiVersion: ApiVersion;
  readonly title: string;
  readonly from: CapabilityStatus | 'absent';
  readonly to: CapabilityStatus | 'absent';
}

/** Fields of one response shape that appeared outside the contract, or stopped being returned. */
export interface ShapeDrift {
  readonly apiVersion: ApiVersion;
  readonly operation: string;
  readonly status: number;
  /** In the new report's unknownFields, not in the old one's. */
  readonly newUnknownFields: readonly string[];
  /** In the old report's fields, not in the new one's (for a shape both reports observed). */
  readonly missingFields: readonly string[];
}

/** Which run a side of the diff is. */
export interface DiffSide {
  readonly runId: string;
  readonly startedAt: string;
  readonly verdict: ConformanceReport['verdict'];
  readonly contractVersion: string;
}

/** What changed between a baseline report and a new one. */
export interface ReportDiff {
  readonly old: DiffSide;
  readonly new: DiffSide;
  readonly contractChanged: boolean;
  /** Rules that fail now and did not before (including new rules that fail). */
  readonly regressions: readonly RuleChange[];
  /** Rules that failed before and pass now. */
  readonly fixes: readonly RuleChange[];
  /** Every other change of status or level. */
  readonly changed: readonly RuleChange[];
  readonly drift: readonly ShapeDrift[];
  /**
   * Capabilities whose status changed (lacking, partial, ok, unchecked), when both reports have capabilities. They
   * follow from the rule changes, so they never decide failOnBaseline on their own.
   */
  readonly capabilities: readonly CapabilityChange[];
}

/** What fails a run against a baseline: only regressions, or any difference at all. */
export type FailOn = 'regression' | 'any';

function side(report: ConformanceReport): DiffSide {
  return {
    runId: report.runId,
    startedAt: report.startedAt,
    verdict: report.verdict,
    contractVersion: report.contract.version,
  };
}

function change(id: string, before: RuleResult | undefined, after: RuleResult | undefined): RuleChange {
  const either = (after ?? before) as RuleResult;
  const detail = after && after.status !== 'passed' ? firstFinding(after) : '';
  return {
    id,
    apiVersion: either.apiVersion,
    title: either.title,
    from: before?.status ?? 'absent',
    to: after?.status ?? 'absent',
    ...(before ? { fromLevel: before.level } : {}),
    ...(after ? { toLevel: after.level } : {}),
    ...(detail ? { detail } : {}),
  };
}

function shapeKey(s: ObservedShape): string {
  return `${s.apiVersion}\u0000${s.operation}\u0000${s.status}`;
}

function shapeDrift(before: readonly ObservedShape[], after: readonly ObservedShape[]): ShapeDrift[] {
  const old = new Map(before.map((s) => [shapeKey(s), s]));
  const drift: ShapeDrift[] = [];
  for (const shape of [...after].sort(compareShapes)) {
    const previous = old.get(shapeKey(shape));
    const known = new Set(previous?.unknownFields ?? []);
    const newUnknownFields = shape.unknownFields.filter((f) => !known.has(f)).sort(compareText);
    // A shape the new run did not observe at all says nothing about its fields, so only shared shapes count here.
    const present = new Set(shape.fields);
    const missingFields = (previous?.fields ?? []).filter((f) => !present.has(f)).sort(compareText);
    if (newUnknownFields.length > 0 || missingFields.length > 0) {
      drift.push({
        apiVersion: shape.apiVersion,
        operation: shape.operation,
        status: shape.status,
        newUnknownFields,
        missingFields,
      });
    }
  }
  return drift;
}

function capabilityChanges(before: ConformanceReport, after: ConformanceReport): CapabilityChange[] {
  if (before.capabilities === undefined || after.capabilities === undefined) return [];
  const key = (c: CapabilityResult) => ruleKey(c.id, c.apiVersion);
  const old = new Map(before.capabilities.map((c) => [key(c), c]));
  const now = new Map(after.capabilities.map((c) => [key(c), c]));
  const changes: CapabilityChange[] = [];
  // In the new report's order (the catalogue's), then what only the old report had.
  for (const k of [...new Set([...now.keys(), ...old.keys()])]) {
    const was = old.get(k);
    const is = now.get(k);
    const either = (is ?? was) as CapabilityResult;
    const from = was?.status ?? 'absent';
    const to = is?.status ?? 'absent';
    if (from !== to)
      changes.push({ id: either.id, apiVersion: either.apiVersion, title: either.title, from, to });
  }
  return changes;
}

/**
 * Compares a baseline report with a new one, rule by rule (id and API version): regressions, fixes, other
 * changes of status or level, schema drift from the observed response shapes, and capabilities that changed status.
 *
 * @example diffReports(readReport('baseline.json'), report).regressions.length // 0
 */
export function diffReports(before: ConformanceReport, after: ConformanceReport): ReportDiff {
  const old = new Map(before.rules.map((r) => [ruleKey(r.id, r.apiVersion), r]));
  const now = new Map(after.rules.map((r) => [ruleKey(r.id, r.apiVersion), r]));
  const keys = [...new Set([...old.keys(), ...now.keys()])];
  const regressions: RuleChange[] = [];
  const fixes: RuleChange[] = [];
  const changed: RuleChange[] = [];
  for (const key of keys) {
    const was = old.get(key);
    const is = now.get(key);
    const from: DiffStatus = was?.status ?? 'absent';
    const to: DiffStatus = is?.status ?? 'absent';
    const id = (is ?? was)?.id ?? '';
    // Only a pass is a fix: failed -> inconclusive means the rule could not be checked again, not that it holds;
    // passed -> inconclusive is no regression either (an "other change"), inconclusive -> failed is one.
    if (to === 'failed' && from !== 'failed') regressions.push(change(id, was, is));
    else if (from === 'failed' && to === 'passed') fixes.push(change(id, was, is));
    else if (from !== to || was?.level !== is?.level) changed.push(change(id, was, is));
  }
  const order = (a: RuleChange, b: RuleChange) =>
    compareText(a.id, b.id) || compareVersions(a.apiVersion, b.apiVersion);
  return {
    old: side(before),
    new: side(after),
    contractChanged: before.contract.version !== after.contract.version,
    regressions: regressions.sort(order),
    fixes: fixes.sort(order),
    changed: changed.sort(order),
    drift: shapeDrift(before.observedShapes, after.observedShapes),
    capabilities: capabilityChanges(before, after),
  };
}

/** True when the diff should fail the run: any regression, or with 'any', any difference at all. */
export function failOnBaseline(diff: ReportDiff, failOn: FailOn): boolean {
  if (diff.regressions.length > 0) return true;
  return failOn === 'any' && diff.fixes.length + diff.changed.length + diff.drift.length > 0;
}
