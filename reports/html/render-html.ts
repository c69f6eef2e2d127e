import { createHash } from 'node:crypto';
import type { ConformanceReport } from '../model.ts';
import { capabilitiesSection } from './capabilities.ts';
import { escapeHtml as h } from './escape.ts';
import { operationsOf } from './filter-data.ts';
import { findingsSection } from './findings.ts';
import { filterBar, headerSection, summarySection } from './header.ts';
import { matrixSection } from './matrix.ts';
import { remarksSection, shapesSection } from './remarks.ts';
import { SCRIPT } from './script.ts';
import { STYLES } from './styles.ts';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The report as one self-contained HTML page: summary, what the target lacks (by capability), a rules-by-operation
 * matrix with filters, and every failure with its evidence. Its Content-Security-Policy allows no network and only its own style and script (by hash), so
 * even markup that slipped through escaping could not run.
 */
export function renderHtml(report: ConformanceReport): string {
  const operations = operationsOf(report);
  // Built only from constants and hashes: nothing in it needs escaping.
  const csp = [
    "default-src 'none'",
    `style-src ${sha256(STYLES)}`,
    `script-src ${sha256(SCRIPT)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = `${report.verdict.toUpperCase()} · Order contact API conformance · ${report.runId}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>${h(title)}</title>
<style>${STYLES}</style>
</head>
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
