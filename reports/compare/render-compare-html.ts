import type { CompareDifference, CompareReport } from '../../contracts/types.gen.ts';
import { documentHead } from '../html/document-head.ts';
import { anchorId, escapeHtml as h } from '../html/escape.ts';
import { STYLES } from '../html/styles.ts';
import { compareHeadline, differencesByCapability, percent, placeText, sideText } from './compare-text.ts';

// The conformance report's stylesheet, and a few rules of this page's own.
const COMPARE_STYLES = `${STYLES}
.kind { display: inline-block; font-size: 11px; font-weight: 600; border-radius: 4px; padding: 0 6px; background: var(--failed-bg); color: var(--failed); white-space: nowrap; }
.kind.shape, .kind.value { background: var(--warned-bg); color: var(--warned); }
.kind.header { background: var(--skipped-bg); color: var(--skipped); }
table.plain td.num { text-align: right; font-variant-numeric: tabular-nums; }
`;

const SHOWN_PER_CAPABILITY = 200;

function differenceRow(d: CompareDifference): string {
  return `<tr><td><span class="kind ${h(d.kind)}">${h(d.kind)}</span>${d.detail ? `<div class="path">${h(d.detail)}</div>` : ''}</td>
<td><span class="op-tag">${h(d.operation)}</span>${d.apiVersion ? h(d.apiVersion) : ''}<div class="path">${h(d.test ?? d.stage)}</div><div class="path">${h(`${d.method ?? ''} ${d.path ?? ''}`)}</div></td>
<td class="msg">${h(d.text)}</td>
<td class="mono">${h(d.referenceExchange)}<br>${h(d.candidateExchange)}</td></tr>`;
}

function capabilitySection(group: ReturnType<typeof differencesByCapability>[number]): string {
  const more = group.differences.length - SHOWN_PER_CAPABILITY;
  return `<article class="cap" id="${anchorId('cap', group.id)}">
<div class="head"><span class="badge failed">differs</span><h3>${h(group.title)}</h3><span class="cap-v">${group.differences.length} differences on ${group.exchanges} exchanges</span></div>
<details open><summary>The differences</summary><div class="table-box"><table class="plain"><thead><tr><th>Kind</th><th>Where</th><th>What</th><th>Exchanges (reference, candidate)</th></tr></thead><tbody>
${group.differences.slice(0, SHOWN_PER_CAPABILITY).map(differenceRow).join('\n')}
</tbody></table></div>${more > 0 ? `<p class="more">and ${more} more: compare.json lists every one.</p>` : ''}</details>
</article>`;
}

/**
 * compare.html: one self-contained page in the conformance report's style: the fidelity against the gate, what
 * differs grouped by capability, then per operation and the unpaired exchanges. No script; its
 * Content-Security-Policy allows only its own stylesheet.
 */
export function renderCompareHtml(report: CompareReport): string {
  const { summary } = report;
  const verdict = report.passed ? 'passed' : 'failed';
  const cards: [string, string, string][] = [
    ['Fidelity', percent(report.fidelity), report.passed ? 'passed' : 'failed'],
    ['Equivalent', String(summary.equivalent), 'passed'],
    ['Differing', String(summary.differing), 'failed'],
    ['Unpaired', String(summary.unpairedReference + summary.unpairedCandidate), 'warned'],
    ['Strictness', String(summary.differences.strictness), 'failed'],
  ];
  const groups = differencesByCapability(report);
  return `${documentHead(`${verdict.toUpperCase()} · ${percent(report.fidelity)} · Order contact API comparison`, COMPARE_STYLES)}
<body>
<header class="top verdict-${verdict}"><div class="wrap">
<div class="eyebrow">Order contact API comparison · ${h(report.tool.name)} ${h(report.tool.version)}</div>
<h1><span class="badge ${verdict}">${verdict}</span> ${h(compareHeadline(report))}</h1>
<dl class="meta"><div class="wide"><dt>Reference</dt><dd>${h(sideText(report.reference))}</dd></div><div class="wide"><dt>Candidate</dt><dd>${h(sideText(report.candidate))}</dd></div><div><dt>Mode</dt><dd>${h(report.mode)}</dd></div><div><dt>Compared</dt><dd>${h(report.createdAt)}</dd></div></dl>
</div></header>
<main class="wrap">
<section class="cards">${cards.map(([l, n, c]) => `<div class="card ${c}"><div class="n">${h(n)}</div><div class="l">${h(l)}</div></div>`).join('')}</section>
<h2>What differs, by capability <span class="count">${report.differences.length} differences</span></h2>
${groups.length === 0 ? '<p class="cap-none">Nothing differs after normalisation.</p>' : groups.map(capabilitySection).join('\n')}
<h2>Per operation</h2>
<div class="table-box fit"><table class="plain"><thead><tr><th>Operation</th><th>Version</th><th>Paired</th><th>Equivalent</th><th>Unpaired</th><th>Differences</th><th>Fidelity</th></tr></thead><tbody>
${report.operations.map((op) => `<tr><td><code>${h(op.operation)}</code></td><td>${h(op.apiVersion ?? '')}</td><td class="num">${op.paired}</td><td class="num">${op.equivalent}</td><td class="num">${op.unpaired}</td><td class="num">${op.differences}</td><td class="num">${percent(op.fidelity)}</td></tr>`).join('\n')}
</tbody></table></div>
${
  report.unpaired.length === 0
    ? ''
    : `<h2>Unpaired exchanges <span class="count">${report.unpaired.length}</span></h2>
<div class="table-box"><table class="plain"><thead><tr><th>Only in</th><th>Request</th><th>Status</th><th>Where</th><th>Exchange</th></tr></thead><tbody>
${report.unpaired.map((u) => `<tr><td>${h(u.side)}</td><td class="mono">${h(`${u.method} ${u.path}`)}</td><td class="num">${u.status}</td><td>${h(placeText(u))}</td><td class="mono">${h(u.exchange)}</td></tr>`).join('\n')}
</tbody></table></div>`
}
${report.notes.length === 0 ? '' : `<div class="notes"><strong>Notes</strong><ul>${report.notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul></div>`}
<footer>Refs, hosts, timestamps and run markers are normalised before comparing; the same data is in compare.json.</footer>
</main>
</body>
</html>
`;
}
