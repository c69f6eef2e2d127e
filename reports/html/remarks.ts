import type { ConformanceReport } from '../model.ts';
import { escapeHtml as h } from './escape.ts';
import { entries, searchText } from './filter-data.ts';

/**
 * A table of results with a remark: skipped and inconclusive rules and their reasons, rules that passed only after
 * retries or settling (with the longest settle time).
 */
export function remarksSection(report: ConformanceReport): string {
  const remarked = report.rules.filter(
    (r) =>
      r.status === 'skipped' ||
      r.status === 'inconclusive' ||
      r.passedAfterRetries ||
      r.passedAfterSettling === true,
  );
  if (remarked.length === 0) return '';
  const rows = remarked.map(
    (r) =>
      `<tr data-entries="${h(entries([r]))}" data-search="${h(searchText([r]))}"><td><span class="badge ${h(r.status)}">${h(r.status)}</span></td><td><code>${h(r.id)}</code> ${h(r.apiVersion)}<br><span class="path">${h(r.title)}</span></td><td>${h(r.reason ?? '')}</td></tr>`,
  );
  return `<h2 id="remarks">Skipped, inconclusive, and passed only after retries or settling</h2><div class="table-box"><table class="plain" data-group="remarks"><thead><tr><th>Status</th><th>Rule</th><th>Why</th></tr></thead><tbody>${rows.join('')}<tr class="empty-state" hidden><td colspan="3">Nothing matches these filters.</td></tr></tbody></table></div>`;
}

/** The response fields the target returned that the contract does not know (schema drift), per operation. */
export function shapesSection(report: ConformanceReport): string {
  const drift = report.observedShapes.filter((s) => s.unknownFields.length > 0);
  const intro = `${report.observedShapes.length} response shapes observed`;
  if (drift.length === 0)
    return `<h2 id="shapes">Response fields</h2><p>${h(intro)}; every field the target returned is in the contract.</p>`;
  const rows = drift.map(
    (s) =>
      `<tr><td>${h(s.apiVersion)}</td><td><code>${h(s.operation)}</code></td><td>${s.status}</td><td class="fields">${s.unknownFields.map((f) => `<code>${h(f)}</code>`).join(' ')}</td></tr>`,
  );
  return `<h2 id="shapes">Response fields the contract does not know</h2><p>${h(intro)}; these fields are not in the contract (new vendor fields, or a contract to update).</p><div class="table-box"><table class="plain"><thead><tr><th>Version</th><th>Operation</th><th>Status</th><th>Unknown fields</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
