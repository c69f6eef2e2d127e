import {
  type CapabilityGap,
  capabilityCountsText,
  capabilityOverview,
  capabilityStatusText,
  gapSentence,
} from './capabilities.ts';
import { levelLabel } from './level-label.ts';
import type { ConformanceReport, RuleResult } from './model.ts';
import {
  findingParts,
  formatDuration,
  fullTierAddsText,
  levelNote,
  percent,
  reportVersions,
  unreachableTitle,
  verdictLabel,
  verdictReason,
} from './text.ts';

/** Rows listed per table; a PR comment stays short, the HTML report has the rest. */
const MAX_ROWS = 30;

/** Text safe in a Markdown table cell: no pipes, no line breaks, no autolinks, no markup. */
export function mdCell(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const short = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  return short
    .replace(/\\/g, '\\\\')
    .replace(/([`*_[\]<>|#~])/g, '\\$1')
    .replace(/:\/\//g, ':&#47;&#47;');
}

/** Inline code, with a fence long enough for any backticks in the text. */
function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  return `${fence}${text.includes('`') ? ` ${text} ` : text}${fence}`;
}

const VERDICT: Record<ConformanceReport['verdict'], string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  inconclusive: '⚠️ inconclusive',
  unreachable: '⚠️ not checked',
};

function verdictTitle(report: ConformanceReport): string {
  const title = VERDICT[report.verdict];
  return report.verdict === 'unreachable' ? `${title}: ${unreachableTitle(report)}` : title;
}

function countsTable(report: ConformanceReport): string[] {
  // The column appears when some result is inconclusive, so reports without any read as before.
  const withInconclusive = report.rules.some((r) => r.status === 'inconclusive');
  const statuses: RuleResult['status'][] = [
    'passed',
    'failed',
    'warned',
    ...(withInconclusive ? (['inconclusive'] as const) : []),
    'skipped',
  ];
  const lines = [
    `| API version | ${statuses.join(' | ')} | total |`,
    `| --- |${' ---: |'.repeat(statuses.length + 1)}`,
  ];
  const row = (label: string, rules: readonly RuleResult[]) => {
    const n = (status: RuleResult['status']) => rules.filter((r) => r.status === status).length;
    lines.push(`| ${label} | ${statuses.map(n).join(' | ')} | ${rules.length} |`);
  };
  for (const version of reportVersions(report))
    row(
      version,
      report.rules.filter((r) => r.apiVersion === version),
    );
  if (reportVersions(report).length > 1) row('**all**', report.rules);
  return lines;
}

/** The first finding as a cell: the message cut, then its lists as counts and its premise, so neither is cut away. */
function findingCell(rule: RuleResult): string {
  const { finding, items, premise } = findingParts(rule);
  const count = rule.violationsTotal > 1 ? ` (${rule.violationsTotal} violations)` : '';
  return [
    `${mdCell(finding)}${count}`,
    ...(items ? [mdCell(items, 300)] : []),
    ...(premise ? [`level ${mdCell(premise, 400)}`] : []),
  ].join(' — ');
}

function rulesTable(
  title: string,
  rules: readonly RuleResult[],
  column: string,
  cell: (rule: RuleResult) => string = findingCell,
): string[] {
  if (rules.length === 0) return [];
  const lines = [
    '',
    `### ${title} (${rules.length})`,
    '',
    `| Rule | Version | Level | ${column} |`,
    '| --- | --- | --- | --- |',
  ];
  for (const rule of rules.slice(0, MAX_ROWS)) {
    lines.push(
      `| ${code(rule.id)} ${mdCell(rule.title, 80)} | ${rule.apiVersion} | ${levelLabel(rule)} | ${cell(rule)} |`,
    );
  }
  if (rules.length > MAX_ROWS) lines.push('', `…and ${rules.length - MAX_ROWS} more: see conformance.html.`);
  return lines;
}

/** "3 retried · 40 unusable (20%)": the remarks on the exchange checks, each when above 0. */
function exchangeRemarks(report: ConformanceReport): string {
  const { summary } = report;
  const unusable = summary.inconclusiveExchanges ?? 0;
  const remarks = [
    ...(summary.retriedExchanges > 0 ? [`${summary.retriedExchanges} retried`] : []),
    ...(unusable > 0
      ? [`${unusable} without a usable answer, ${percent(summary.inconclusiveShare ?? 0)}`]
      : []),
  ];
  return remarks.length > 0 ? ` (${remarks.join('; ')})` : '';
}

const GAP_MARK: Record<CapabilityGap['status'], string> = { lacking: '❌', partial: '⚠️' };

/** The failed and warned results of a gap, one line per rule: "`OC-X` title — v2.1 failed (MUST) · v2 …". */
function gapRuleLines(gap: CapabilityGap): string[] {
  const byId = new Map<string, RuleResult[]>();
  for (const r of gap.findings) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  return [...byId.values()].map((results) => {
    const first = results[0] as RuleResult;
    const where = results.map((r) => `${r.apiVersion} ${r.status} (${levelNote(r)})`).join(' · ');
    return `  - ${code(first.id)} ${mdCell(first.title, 80)} — ${where}`;
  });
}

/** "What the target lacks": capabilities lacking or partial, with the rules behind them; none when so. */
function capabilitiesSection(report: ConformanceReport): string[] {
  const overview = capabilityOverview(report);
  if (overview === undefined) return [];
  const lines = ['', '### What the target lacks', ''];
  if (overview.gaps.length === 0) {
    lines.push(
      overview.inPlace.length > 0
        ? `Nothing is lacking: ${overview.inPlace.length === 1 ? 'the capability' : `all ${overview.inPlace.length} capabilities`} checked ${overview.inPlace.length === 1 ? 'is' : 'are'} in place${verdictLabel(report) ? `, but the run is ${report.verdict}` : ''}.`
        : 'Nothing could be checked: no rule has usable evidence, so no capability is known to be in place.',
    );
  } else {
    lines.push(
      'Rule results grouped by what a server of this API must do. **lacking**: a MUST rule failed; **partial**: only SHOULD rules were violated.',
      '',
    );
    for (const gap of overview.gaps) {
      const versions = gap.versions
        .map((c) => `${c.apiVersion} ${capabilityStatusText(c)}: ${capabilityCountsText(c)}`)
        .join(' · ');
      lines.push(
        `- ${GAP_MARK[gap.status]} **${mdCell(gap.title, 80)}** (${versions})\\`,
        `  ${mdCell(gapSentence(gap), 400)}\\`,
        `  To fix: ${mdCell(gap.hint, 400)}`,
        ...gapRuleLines(gap),
      );
    }
    if (overview.inPlace.length > 0) lines.push('', `In place: ${mdCell(overview.inPlace.join(', '), 400)}.`);
  }
  const known = overview.inPlace.length > 0 || overview.gaps.length > 0;
  if (overview.inconclusive.length > 0 && known)
    lines.push('', `Inconclusive (no usable answer): ${mdCell(overview.inconclusive.join(', '), 400)}.`);
  if (overview.unchecked.length > 0 && known)
    lines.push('', `Not checked: ${mdCell(overview.unchecked.join(', '), 400)}.`);
  return lines;
}

/** A short, link-free Markdown summary for a CI job summary or a pull-request comment. */
export function renderMarkdown(report: ConformanceReport): string {
  const { target } = report;
  const reason = verdictReason(report);
  const lines = [
    `## Order contact API conformance: ${verdictTitle(report)}`,
    '',
    ...(reason ? [`> **${verdictLabel(report)}:** ${mdCell(reason, 600)}`, ''] : []),
    [
      `Target ${code(target.baseUrl || '(none)')} (${target.kind})`,
      `API ${target.apiVersions.join(', ')}`,
      `seed ${code(String(report.seed))}`,
      `run ${code(report.runId)}`,
      formatDuration(report.durationMs),
      ...(report.strict ? ['strict'] : []),
      ...(target.readOnly ? ['read-only'] : []),
    ].join(' · '),
    '',
    ...countsTable(report),
    '',
    `${report.summary.exchanges} exchange checks${exchangeRemarks(report)} · contract ${code(report.contract.version)} · ${report.tool.name} ${report.tool.version}`,
    ...capabilitiesSection(report),
    ...rulesTable(
      'Failed',
      report.rules.filter((r) => r.status === 'failed'),
      'First violation',
    ),
    ...rulesTable(
      'Warned',
      report.rules.filter((r) => r.status === 'warned'),
      'First violation',
    ),
    ...rulesTable(
      'Inconclusive',
      report.rules.filter((r) => r.status === 'inconclusive'),
      'Why',
    ),
    ...rulesTable(
      'Passed only after retries',
      report.rules.filter((r) => r.passedAfterRetries),
      'Retries',
    ),
    ...rulesTable(
      'Passed after settling',
      report.rules.filter((r) => r.passedAfterSettling === true),
      'Settling',
      (r) =>
        `${r.settledExchanges ?? 0} read${r.settledExchanges === 1 ? '' : 's'} settled${r.settleMs !== undefined ? `, longest ${Math.round(r.settleMs)} ms` : ''}`,
    ),
  ];
  const notes = report.notes ?? [];
  if (notes.length > 0) lines.push('', '### Notes', '', ...notes.map((n) => `- ${mdCell(n, 400)}`));
  const adds = fullTierAddsText(report);
  if (adds) lines.push('', '### What the full tier adds', '', mdCell(adds, 4000));
  lines.push(
    '',
    `Replay: ${code(`occ run --seed ${report.seed}`)}. Details, evidence and curl commands: conformance.html.`,
  );
  return `${lines.join('\n')}\n`;
}
