import { levelLabel } from '../level-label.ts';
import type { ConformanceReport, ReportEvidence, RuleResult, ViolationRecord } from '../model.ts';
import { itemsSummary, moreViolations, premiseText, replayCommand, shortMessage } from '../text.ts';
import { anchorId, escapeHtml as h } from './escape.ts';
import { entries, searchText } from './filter-data.ts';

/** Violations a finding shows open; the rest are one click away, so a long list does not bury the next rule. */
const SHOWN_VIOLATIONS = 3;

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function headerLines(headers: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v ?? ''}`)
    .join('\n');
}

function evidenceBlock(
  evidence: ReportEvidence,
  open: boolean,
  curlId: string,
  target: ConformanceReport['target'],
): string {
  const { request, response } = evidence;
  const req = `${request.method} ${request.url}\n${headerLines(request.headers)}${request.body !== undefined ? `\n\n${prettyBody(request.body)}` : ''}`;
  const res = response
    ? `HTTP ${response.status}\n${headerLines(response.headers)}${response.body ? `\n\n${prettyBody(response.body)}` : ''}`
    : `no response: ${evidence.error ?? 'unknown error'}`;
  const summary = `Evidence ${evidence.exchangeId}: ${request.method} ${request.url} → ${response ? response.status : 'no response'}`;
  return `<details class="ev"${open ? ' open' : ''}><summary>${h(summary)}</summary><div class="ev-grid">
<div><h4>Request</h4><pre>${h(req)}</pre></div>
<div><h4>Response</h4><pre>${h(res)}</pre></div>
<div class="full"><h4>Reproduce <button type="button" class="copy" data-copy="${curlId}">Copy</button></h4><pre class="curl" id="${curlId}">${h(evidence.curl)}</pre><pre class="curl">${h(replayCommand(evidence.exchangeId, target))}</pre></div>
</div></details>`;
}

function violationItem(
  v: ViolationRecord,
  open: boolean,
  curlId: string,
  target: ConformanceReport['target'],
): string {
  const paths = [
    v.instancePath !== undefined ? `at ${v.instancePath || '/'}` : '',
    v.schemaPath ? `schema ${v.schemaPath}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const premise = premiseText(v);
  const items = itemsSummary(v.items);
  // Long messages and lists are summarised here; conformance.json keeps them whole.
  const message = items ? shortMessage({ message: v.message }) : shortMessage(v);
  return `<li><div class="msg"><span class="op-tag">${h(v.operation)}</span>${h(message)}</div>${items ? `<div class="items">${h(items)}</div>` : ''}${premise ? `<div class="premise">${h(premise)}</div>` : ''}${paths ? `<div class="path">${h(paths)}</div>` : ''}${v.evidence ? evidenceBlock(v.evidence, open, curlId, target) : ''}</li>`;
}

/** " · 3 without a usable answer · 2 lowered to SHOULD by an inferred premise", each when above 0. */
function subRemarks(r: RuleResult): string {
  const unusable = r.inconclusiveExchanges ?? 0;
  const lowered = r.loweredViolations ?? 0;
  return [
    ...(unusable > 0 ? [` · ${unusable} without a usable answer`] : []),
    ...(lowered > 0 ? [` · ${lowered} lowered to SHOULD by an inferred premise`] : []),
  ].join('');
}

/** A card per failed or warned result: its violations with the evidence and the command that reproduces each. */
export function findingsSection(report: ConformanceReport): string {
  const findings = report.rules.filter((r) => r.status === 'failed' || r.status === 'warned');
  if (findings.length === 0) return '';
  let curl = 0;
  const cards = findings.map((r) => {
    // The first piece of evidence of each failure is open; warnings keep theirs one click away.
    const items = r.violations.map((v, i) => {
      curl += 1;
      return violationItem(v, i === 0 && r.status === 'failed', `curl-${curl}`, report.target);
    });
    const shown = items.slice(0, SHOWN_VIOLATIONS).join('');
    const rest =
      items.length > SHOWN_VIOLATIONS
        ? `<details class="rest"><summary>${items.length - SHOWN_VIOLATIONS} more violations</summary><ol start="${SHOWN_VIOLATIONS + 1}">${items.slice(SHOWN_VIOLATIONS).join('')}</ol></details>`
        : '';
    const more = moreViolations(r);
    return `<article class="finding ${h(r.status)}" id="${anchorId('r', r.id, r.apiVersion)}" data-entries="${h(entries([r]))}" data-search="${h(searchText([r]))}">
<div class="head"><span class="badge ${h(r.status)}">${h(r.status)}</span><code>${h(r.id)}</code><span>${h(r.apiVersion)} · ${h(levelLabel(r))} · ${h(r.category)}</span><h3>${h(r.title)}</h3></div>
<div class="sub">${r.violationsTotal} violation${r.violationsTotal === 1 ? '' : 's'} over ${r.exchanges} exchange${r.exchanges === 1 ? '' : 's'}${subRemarks(r)}${r.source ? ` · source: ${h(r.source)}` : ''}</div>
<ol>${shown}</ol>${rest}${more ? `<p class="more">${h(more)}</p>` : ''}</article>`;
  });
  return `<h2 id="findings">Failures and warnings</h2><div data-group="findings">${cards.join('\n')}<p class="empty-state" hidden>No failure or warning matches these filters.</p></div>`;
}
