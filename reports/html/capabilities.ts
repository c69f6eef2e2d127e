import {
  type CapabilityGap,
  capabilityCountsText,
  capabilityOverview,
  capabilityStatusText,
  gapSentence,
} from '../capabilities.ts';
import type { ConformanceReport, RuleResult } from '../model.ts';
import { levelNote, verdictReason } from '../text.ts';
import { anchorId, escapeHtml as h } from './escape.ts';

/** One line per rule behind a gap: its id, title, and a link to the finding of each version it failed or warned in. */
function ruleItems(gap: CapabilityGap): string {
  const byId = new Map<string, RuleResult[]>();
  for (const r of gap.findings) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  return [...byId.values()]
    .map((results) => {
      const first = results[0] as RuleResult;
      const links = results
        .map(
          (r) =>
            `<a class="st ${h(r.status)}" href="#${anchorId('r', r.id, r.apiVersion)}">${h(`${r.apiVersion} ${r.status} · ${levelNote(r)}`)}</a>`,
        )
        .join(' ');
      return `<li><code>${h(first.id)}</code> ${h(first.title)} ${links}</li>`;
    })
    .join('');
}

function gapCard(gap: CapabilityGap): string {
  const versions = gap.versions
    .map((c) => `${c.apiVersion} ${capabilityStatusText(c)}: ${capabilityCountsText(c)}`)
    .join(' · ');
  const failed = gap.findings.filter((r) => r.status === 'failed').length;
  const warned = gap.findings.length - failed;
  const summary = [
    ...(failed > 0 ? [`${failed} failed`] : []),
    ...(warned > 0 ? [`${warned} warned`] : []),
  ].join(', ');
  return `<article class="cap ${h(gap.status)}" id="${anchorId('cap', gap.id)}">
<div class="head"><span class="badge ${h(gap.status)}">${h(gap.status)}</span><h3>${h(gap.title)}</h3><span class="cap-v">${h(versions)}</span></div>
<p>${h(gapSentence(gap))}</p>
<p class="cap-hint"><strong>To fix:</strong> ${h(gap.hint)}</p>
<details class="cap-rules"><summary>Rule results behind it: ${h(summary)}</summary><ul>${ruleItems(gap)}</ul></details>
</article>`;
}

/**
 * "What the target lacks": the capabilities a server of the API needs that the target lacks or has only in part,
 * each with the failed and warned rules behind it folded under it, and which are in place; nothing for a report
 * without capabilities.
 */
export function capabilitiesSection(report: ConformanceReport): string {
  const overview = capabilityOverview(report);
  if (overview === undefined) return '';
  const { gaps, inPlace, inconclusive, unchecked } = overview;
  const parts = ['<h2 id="capabilities">What the target lacks</h2>'];
  // Green only when something was checked and the run's verdict stands: never on an unreachable or inconclusive run.
  const green = inPlace.length > 0 && verdictReason(report) === '';
  if (gaps.length === 0) {
    parts.push(
      inPlace.length > 0
        ? `<p class="cap-none${green ? '' : ' unknown'}">Nothing is lacking: ${inPlace.length === 1 ? 'the capability' : `all ${inPlace.length} capabilities`} checked ${inPlace.length === 1 ? 'is' : 'are'} in place${green ? '' : `, but the run is ${h(report.verdict)}`}.</p>`
        : '<p class="cap-none unknown">Nothing could be checked: no rule has usable evidence, so no capability is known to be in place.</p>',
    );
  } else {
    parts.push(
      '<p>Rule results grouped by what a server of this API must do. <strong>lacking</strong>: a MUST rule failed; <strong>partial</strong>: only SHOULD rules were violated.</p>',
      `<div class="caps">${gaps.map(gapCard).join('\n')}</div>`,
    );
  }
  const more = [
    ...(gaps.length > 0 && inPlace.length > 0
      ? [`<strong>In place:</strong> ${h(inPlace.join(', '))}.`]
      : []),
    ...(inconclusive.length > 0 && (gaps.length > 0 || inPlace.length > 0)
      ? [`<strong>Inconclusive (no usable answer):</strong> ${h(inconclusive.join(', '))}.`]
      : []),
    ...(unchecked.length > 0 && (gaps.length > 0 || inPlace.length > 0)
      ? [`<strong>Not checked:</strong> ${h(unchecked.join(', '))}.`]
      : []),
  ];
  if (more.length > 0) parts.push(`<p class="cap-more">${more.join(' ')}</p>`);
  return `<section class="capabilities">${parts.join('\n')}</section>`;
}
