import type { ConformanceReport, RuleResult } from './model.ts';
import { firstFinding, formatDuration, reportVersions } from './text.ts';

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
  unreachable: '⚠️ target unreachable',
};

function countsTable(report: ConformanceReport): string[] {
  const lines = [
    '| API version | passed | failed | warned | skipped | total |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const row = (label: string, rules: readonly RuleResult[]) => {
    const n = (status: RuleResult['status']) => rules.filter((r) => r.status === status).length;
    lines.push(
      `| ${label} | ${n('passed')} | ${n('failed')} | ${n('warned')} | ${n('skipped')} | ${rules.length} |`,
    );
  };
  for (const version of reportVersions(report))
    row(
      version,
      report.rules.filter((r) => r.apiVersion === version),
    );
  if (reportVersions(report).length > 1) row('**all**', report.rules);
  return lines;
}

function rulesTable(title: string, rules: readonly RuleResult[], column: string): string[] {
  if (rules.length === 0) return [];
  const lines = [
    '',
    `### ${title} (${rules.length})`,
    '',
    `| Rule | Version | Level | ${column} |`,
    '| --- | --- | --- | --- |',
  ];
  for (const rule of rules.slice(0, MAX_ROWS)) {
    const count = rule.violationsTotal > 1 ? ` (${rule.violationsTotal} violations)` : '';
    lines.push(
      `| ${code(rule.id)} ${mdCell(rule.title, 80)} | ${rule.apiVersion} | ${rule.level} | ${mdCell(firstFinding(rule))}${count} |`,
    );
  }
  if (rules.length > MAX_ROWS) lines.push('', `…and ${rules.length - MAX_ROWS} more: see conformance.html.`);
  return lines;
}

/** A short, link-free Markdown summary for a CI job summary or a pull-request comment. */
export function renderMarkdown(report: ConformanceReport): string {
  const { summary, target } = report;
  const lines = [
    `## Order contact API conformance: ${VERDICT[report.verdict]}`,
    '',
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
    `${summary.exchanges} exchange checks${summary.retriedExchanges > 0 ? ` (${summary.retriedExchanges} retried)` : ''} · contract ${code(report.contract.version)} · ${report.tool.name} ${report.tool.version}`,
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
      'Passed only after retries',
      report.rules.filter((r) => r.passedAfterRetries),
      'Retries',
    ),
  ];
  const notes = report.notes ?? [];
  if (notes.length > 0) lines.push('', '### Notes', '', ...notes.map((n) => `- ${mdCell(n, 400)}`));
  lines.push(
    '',
    `Replay: ${code(`occ run --seed ${report.seed}`)}. Details, evidence and curl commands: conformance.html.`,
  );
  return `${lines.join('\n')}\n`;
}
