import type { ConformanceReport } from '../model.ts';
import {
  formatDuration,
  fullTierAddsText,
  reportVersions,
  unreachableWords,
  unusableText,
  verdictLabel,
  verdictReason,
} from '../text.ts';
import { escapeHtml as h } from './escape.ts';
import { STATUSES } from './filter-data.ts';

function headline(report: ConformanceReport): string {
  const { summary } = report;
  if (report.verdict === 'unreachable') return `Not checked: ${unreachableWords(report)}`;
  if (report.verdict === 'inconclusive') return `Inconclusive: ${unusableText(report)}`;
  if (report.verdict === 'failed') {
    const must = report.rules.filter((r) => r.status === 'failed' && r.level === 'MUST').length;
    const should = summary.failed - must;
    const split = should > 0 ? ` (${must} MUST, ${should} SHOULD)` : '';
    return `${summary.failed} of ${summary.total} rule results failed${split}`;
  }
  // An inconclusive result was tried but not checked: it is neither counted as passed nor hidden.
  const inconclusive = summary.inconclusive ?? 0;
  const checked = summary.total - summary.skipped - inconclusive;
  const remarks = [
    ...(summary.warned > 0 ? [`${summary.warned} with warnings`] : []),
    ...(inconclusive > 0 ? [`${inconclusive} more inconclusive`] : []),
  ];
  return `All ${checked} checked rule results passed${remarks.map((r) => `, ${r}`).join('')}`;
}

/** The dark page header: verdict, headline and what was run against what. */
export function headerSection(report: ConformanceReport): string {
  const { target } = report;
  const meta: [string, string][] = [
    ['Target', `${target.baseUrl || '(none)'} · ${target.kind}`],
    ['API versions', target.apiVersions.join(', ')],
    ['Seed', String(report.seed)],
    ['Run', report.runId],
    ['Started', report.startedAt],
    ['Duration', formatDuration(report.durationMs)],
    [
      'Mode',
      [report.strict ? 'strict' : 'SHOULD rules warn', target.readOnly ? 'read-only' : 'read-write'].join(
        ' · ',
      ),
    ],
    ['Contract', `${report.contract.version} · ${report.contract.rules} rules`],
  ];
  if (target.orderRef !== undefined) meta.push(['Order', target.orderRef]);
  if (report.shard) meta.push(['Shard', `${report.shard.index} of ${report.shard.count}`]);
  const wide = new Set(['Target']);
  return `<header class="top verdict-${h(report.verdict)}"><div class="wrap">
<div class="eyebrow">Order contact API conformance · ${h(report.tool.name)} ${h(report.tool.version)}</div>
<h1><span class="badge ${h(report.verdict)}">${h(report.verdict)}</span> ${h(headline(report))}</h1>
<dl class="meta">${meta.map(([k, v]) => `<div${wide.has(k) ? ' class="wide"' : ''}><dt>${h(k)}</dt><dd>${h(v)}</dd></div>`).join('')}</dl>
</div></header>`;
}

/** The figures: one card per status, exchanges, and a bar of the proportions. */
export function summarySection(report: ConformanceReport): string {
  const { summary } = report;
  const cards = STATUSES.map(
    (s) => `<div class="card ${s}"><div class="n">${summary[s] ?? 0}</div><div class="l">${s}</div></div>`,
  );
  cards.push(
    `<div class="card"><div class="n">${summary.total}</div><div class="l">rule results</div></div>`,
  );
  const unusable = summary.inconclusiveExchanges ?? 0;
  const remarks = [
    ...(summary.retriedExchanges > 0 ? [`${summary.retriedExchanges} retried`] : []),
    ...(unusable > 0 ? [`${unusable} unusable`] : []),
  ];
  cards.push(
    `<div class="card"><div class="n">${summary.exchanges}</div><div class="l">exchange checks${remarks.map((r) => ` · ${r}`).join('')}</div></div>`,
  );
  let x = 0;
  const total = Math.max(1, summary.total);
  const rects = (['passed', 'warned', 'failed', 'inconclusive', 'skipped'] as const).map((s) => {
    const n = summary[s] ?? 0;
    const width = (n / total) * 1000;
    const rect = `<rect class="${s}" x="${x.toFixed(1)}" y="0" width="${width.toFixed(1)}" height="10"><title>${s}: ${n}</title></rect>`;
    x += width;
    return rect;
  });
  const bar = `<svg class="bar" viewBox="0 0 1000 10" preserveAspectRatio="none" role="img" aria-label="proportion of rule results by status">${rects.join('')}</svg>`;
  const adds = fullTierAddsText(report);
  const notes = [...(report.notes ?? []), ...(adds ? [adds] : [])];
  const notesBox =
    notes.length > 0
      ? `<div class="notes"><strong>Notes</strong><ul>${notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul></div>`
      : '';
  // A run that checked nothing, or too little, says so before any figure: never a green box.
  const reason = verdictReason(report);
  const verdictBox = reason
    ? `<div class="verdict-box ${h(report.verdict)}" role="alert"><strong>${h(verdictLabel(report))}</strong> ${h(reason)}</div>`
    : '';
  return `${verdictBox}<section class="cards">${cards.join('')}</section>${bar}${notesBox}`;
}

/** The filter bar: status buttons with counts, version and operation selects, and a text search. */
export function filterBar(report: ConformanceReport, operations: readonly string[]): string {
  const count = (s: string) => report.rules.filter((r) => r.status === s).length;
  const buttons = [
    `<button type="button" data-filter-status="all" aria-pressed="true">All</button>`,
    ...STATUSES.map(
      (s) =>
        `<button type="button" data-filter-status="${s}" aria-pressed="false">${s[0]?.toUpperCase()}${s.slice(1)}<span class="c">${count(s)}</span></button>`,
    ),
  ];
  const versions = reportVersions(report)
    .map((v) => `<option value="${h(v)}">${h(v)}</option>`)
    .join('');
  const ops = operations.map((o) => `<option value="${h(o)}">${h(o)}</option>`).join('');
  return `<div class="filters" role="toolbar" aria-label="Filters">
<div class="seg" role="group" aria-label="Status">${buttons.join('')}</div>
<label>Version <select id="filter-version"><option value="all">all</option>${versions}</select></label>
<label>Operation <select id="filter-op"><option value="all">all</option>${ops}</select></label>
<label>Find <input id="filter-q" type="search" placeholder="rule id or words" autocomplete="off"></label>
</div>`;
}
