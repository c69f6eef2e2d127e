import type { ConformanceReport } from '../model.ts';
import { capabilitiesSection } from './capabilities.ts';
import { documentHead } from './document-head.ts';
import { escapeHtml as h } from './escape.ts';
import { operationsOf } from './filter-data.ts';
import { findingsSection } from './findings.ts';
import { filterBar, headerSection, summarySection } from './header.ts';
import { matrixSection } from './matrix.ts';
import { remarksSection, shapesSection } from './remarks.ts';
import { SCRIPT } from './script.ts';
import { STYLES } from './styles.ts';

/**
 * The report as one self-contained HTML page: summary, what the target lacks (by capability), a rules-by-operation
 * matrix with filters, and every failure with its evidence. Its Content-Security-Policy allows no network and only its own style and script (by hash), so
 * even markup that slipped through escaping could not run.
 */
export function renderHtml(report: ConformanceReport): string {
  const operations = operationsOf(report);
  const title = `${report.verdict.toUpperCase()} · Order contact API conformance · ${report.runId}`;
  return `${documentHead(title, STYLES, SCRIPT)}
<body data-version="all" data-status="all">
${headerSection(report)}
<main class="wrap">
${summarySection(report)}
${capabilitiesSection(report)}
${filterBar(report, operations)}
${matrixSection(report, operations)}
${findingsSection(report)}
${remarksSection(report)}
${shapesSection(report)}
<footer>Replay this run with <code>occ run --seed ${report.seed}</code>. Written by ${h(report.tool.name)} ${h(report.tool.version)} against contract ${h(report.contract.version)}; the same data is in conformance.json.</footer>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
