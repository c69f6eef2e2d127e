import { levelLabel } from '../level-label.ts';
import type { ConformanceReport, RuleResult } from '../model.ts';
import { reportVersions } from '../text.ts';
import { anchorId, escapeHtml as h } from './escape.ts';
import { byRule, entries, STATUSES, searchText } from './filter-data.ts';

function chip(result: RuleResult | undefined, version: string, op: string): string {
  const label = version.replace(/^v/, '');
  // An invisible chip keeps each version in its own place, so the columns of chips line up down the table.
  if (!result?.operations.includes(op))
    return `<span class="chip none" data-v="${h(version)}" aria-hidden="true">${h(label)}</span>`;
  const detail =
    result.violationsTotal > 0
      ? ` (${result.violationsTotal} violations)`
      : result.reason
        ? ` (${result.reason})`
        : '';
  return `<span class="chip ${h(result.status)}" data-v="${h(version)}" title="${h(`${result.id} ${version}: ${result.status}${detail}`)}">${h(label)}</span>`;
}

/** The rules-by-operation matrix: a row per rule, a column per operation, a chip per API version. */
export function matrixSection(report: ConformanceReport, operations: readonly string[]): string {
  const versions = reportVersions(report);
  const head = `<tr><th scope="col">Rule</th><th scope="col">Level</th>${operations
    .map((o) => `<th scope="col" class="op" data-op="${h(o)}"><span>${h(o)}</span></th>`)
    .join('')}</tr>`;
  const rows = byRule(report).map((results) => {
    const first = results[0] as RuleResult;
    const levels = new Set(results.map(levelLabel));
    const level =
      levels.size === 1
        ? levelLabel(first)
        : results.map((r) => `${r.apiVersion} ${levelLabel(r)}`).join(' · ');
    const finding = results.find((r) => r.status === 'failed' || r.status === 'warned');
    const id = finding
      ? `<a class="id" href="#${anchorId('r', finding.id, finding.apiVersion)}">${h(first.id)}</a>`
      : `<span class="id">${h(first.id)}</span>`;
    const cells = operations.map((op) => {
      if (!results.some((r) => r.operations.includes(op))) return `<td class="cell" data-op="${h(op)}"></td>`;
      const chips = versions
        .map((v) =>
          chip(
            results.find((r) => r.apiVersion === v),
            v,
            op,
          ),
        )
        .join('');
      return `<td class="cell" data-op="${h(op)}">${chips}</td>`;
    });
    return `<tr data-entries="${h(entries(results))}" data-search="${h(searchText(results))}"><th scope="row">${id}<span class="t">${h(first.title)}</span></th><td class="level">${h(level)}</td>${cells.join('')}</tr>`;
  });
  const empty = `<tr class="empty-state" hidden><td colspan="${operations.length + 2}">No rule matches these filters.</td></tr>`;
  const legend = `<div class="legend">${STATUSES.map((s) => `<span><span class="chip ${s}">2.1</span>${s}</span>`).join('')}<span>one chip per API version (2.1 = v2.1, 2 = v2) where the rule was checked through that operation</span></div>`;
  const all = byRule(report).length;
  return `<h2 id="matrix">Rules by operation <span class="count">· showing <span data-count-for="rules">${all} of ${all}</span></span></h2>${legend}<div class="table-box fit"><table class="matrix" data-group="rules"><thead>${head}</thead><tbody>${rows.join('')}${empty}</tbody></table></div>`;
}
