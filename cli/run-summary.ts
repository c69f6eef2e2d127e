import { type LineSink, printLine } from '../lib/log.ts';
import { type ConformanceReport, levelLabel, type RuleResult, type RuleStatus } from '../reports/index.ts';
import {
  firstFinding,
  fullTierAddsText,
  pad,
  percent,
  verdictLabel,
  verdictReason,
} from '../reports/text.ts';
import { printCapabilities } from './capability-summary.ts';

/** The columns of the counts table, in the order they are printed. */
const COLUMNS: readonly RuleStatus[] = ['passed', 'failed', 'warned', 'inconclusive', 'skipped'];

function where(rule: RuleResult): string {
  return `${rule.id} (${rule.apiVersion})`;
}

function countsTable(out: LineSink, report: ConformanceReport): void {
  // The inconclusive column shows only when some result is, so the usual table stays as narrow as before.
  const columns = COLUMNS.filter((s) => s !== 'inconclusive' || report.rules.some((r) => r.status === s));
  const width = (s: string) => Math.max(7, s.length);
  printLine(out, [pad('version', 8), ...columns.map((s) => pad(s, width(s)))].join(' ').trimEnd());
  for (const version of report.target.apiVersions) {
    const rules = report.rules.filter((r) => r.apiVersion === version);
    const count = (status: RuleStatus) => String(rules.filter((r) => r.status === status).length);
    printLine(out, [pad(version, 8), ...columns.map((s) => pad(count(s), width(s)))].join(' ').trimEnd());
  }
}

function findings(out: LineSink, report: ConformanceReport): void {
  for (const status of ['failed', 'warned', 'inconclusive'] as const) {
    const rules = report.rules.filter((r) => r.status === status);
    if (rules.length === 0) continue;
    printLine(out, '');
    printLine(out, `${status} (${rules.length}):`);
    // firstFinding cuts the message, counts list-valued evidence and names an inferred premise.
    for (const rule of rules)
      printLine(out, `  ${levelLabel(rule)} ${where(rule)} ${rule.title}: ${firstFinding(rule)}`);
  }
}

function remarks(out: LineSink, report: ConformanceReport): void {
  const afterRetries = report.rules.filter((r) => r.passedAfterRetries);
  if (afterRetries.length > 0) {
    printLine(out, '');
    printLine(
      out,
      `passed, but needed retries (${afterRetries.length}): ${afterRetries.map(where).join(', ')}`,
    );
  }
  const afterSettling = report.rules.filter((r) => r.passedAfterSettling === true);
  if (afterSettling.length > 0) {
    const settled = (r: RuleResult) =>
      `${where(r)}${r.settleMs !== undefined ? ` ${Math.round(r.settleMs)} ms` : ''}`;
    printLine(out, '');
    printLine(
      out,
      `passed after settling (${afterSettling.length}): ${afterSettling.map(settled).join(', ')}`,
    );
  }
  const partlyUnusable = report.rules.filter(
    (r) => r.status !== 'inconclusive' && (r.inconclusiveExchanges ?? 0) > 0,
  );
  if (partlyUnusable.length > 0) {
    const line = (r: RuleResult) => `${where(r)} ${r.inconclusiveExchanges} of ${r.exchanges}`;
    printLine(out, '');
    printLine(
      out,
      `checked, but some exchanges got no usable answer (${partlyUnusable.length}): ${partlyUnusable.map(line).join(', ')}`,
    );
  }
}

/** A run that passed without checking a rule of the catalogue (what passed were pacts, if anything): not a pass. */
function checkedNothing(report: ConformanceReport): boolean {
  return (
    report.verdict === 'passed' &&
    !report.rules.some((r) => r.origin === 'catalogue' && r.status !== 'skipped')
  );
}

function totals(report: ConformanceReport): string {
  const { summary } = report;
  const unusable = summary.inconclusiveExchanges ?? 0;
  const exchangeRemarks = [
    ...(summary.retriedExchanges > 0 ? [`${summary.retriedExchanges} retried`] : []),
    ...(unusable > 0 ? [`${unusable} unusable, ${percent(summary.inconclusiveShare ?? 0)}`] : []),
  ];
  const inconclusive = (summary.inconclusive ?? 0) > 0 ? `, ${summary.inconclusive} inconclusive` : '';
  const label = checkedNothing(report) ? 'NOT CHECKED' : report.verdict.toUpperCase();
  return `${label}: ${summary.passed} passed, ${summary.failed} failed, ${summary.warned} warned${inconclusive}, ${summary.skipped} skipped · ${summary.exchanges} exchange checks${exchangeRemarks.length > 0 ? ` (${exchangeRemarks.join('; ')})` : ''} in ${(report.durationMs / 1000).toFixed(1)} s`;
}

/**
 * Prints the end-of-run summary: counts per version and status; the failed, warned and inconclusive rules with
 * their first finding (cut to 300 characters, lists as counts and their first refs, an inferred premise named);
 * the capabilities the target lacks; rules that passed only after retries or settling; notes; and the verdict,
 * with its reason when the run checked nothing or too little.
 *
 * @example printSummary(context.stdout, result.report, result.reportDir)
 */
export function printSummary(
  out: LineSink,
  report: ConformanceReport,
  /** Where the reports were written; undefined when they could not be. */
  reportDir: string | undefined,
): void {
  printLine(out, '');
  countsTable(out, report);
  findings(out, report);
  if (
    (report.capabilities ?? []).some(
      (c) => c.status === 'lacking' || c.status === 'partial' || c.status === 'inconclusive',
    )
  ) {
    printLine(out, '');
    printCapabilities(out, report);
  }
  remarks(out, report);
  for (const note of report.notes ?? []) printLine(out, `note: ${note}`);
  const adds = fullTierAddsText(report);
  if (adds) printLine(out, `note: ${adds}`);
  printLine(out, '');
  printLine(out, totals(report));
  const reason = verdictReason(report);
  if (reason) printLine(out, `${verdictLabel(report)}: ${reason}`);
  else if (checkedNothing(report))
    printLine(
      out,
      'not checked: no test of this run checked any of the selected rules (see the notes: --only, --api-version, --read-only). A run that checked nothing is not a pass.',
    );
  printLine(
    out,
    reportDir === undefined
      ? 'reports: none written (see above)'
      : `reports: ${reportDir}/conformance.{json,xml,html,md}`,
  );
}
