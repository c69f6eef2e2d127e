import type { CompareDifference, CompareReport } from '../../contracts/types.gen.ts';
import { compareHeadline, differencesByCapability, percent, placeText, sideText } from './compare-text.ts';

/** Per capability, at most this many differences in the Markdown (a job summary has a size limit); JSON has all. */
const SHOWN_PER_CAPABILITY = 40;

// A table cell or list item must stay on one line and not open a table column.
const cell = (text: string): string => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

function differenceLine(d: CompareDifference): string {
  const kind =
    d.detail && d.kind !== 'shape' ? `${d.kind}, ${d.detail}` : d.detail ? `${d.kind} (${d.detail})` : d.kind;
  return `- **${kind}** \`${cell(placeText(d))}\`: ${cell(d.text)} (${d.referenceExchange} / ${d.candidateExchange})`;
}

/**
 * compare.md: the verdict, what differs grouped by capability (differences first), then per operation, the
 * unpaired exchanges and the notes.
 */
export function renderCompareMarkdown(report: CompareReport): string {
  const { summary } = report;
  const lines = [
    `# ${report.passed ? 'PASSED' : 'FAILED'} · ${compareHeadline(report)}`,
    '',
    `- Reference: ${cell(sideText(report.reference))}`,
    `- Candidate: ${cell(sideText(report.candidate))}`,
    `- ${summary.paired} paired (${summary.differing} differing), ${summary.unpairedReference} only in the reference, ${summary.unpairedCandidate} only in the candidate`,
    `- Differences: ${summary.differences.strictness} strictness, ${summary.differences.status} status, ${summary.differences.shape} shape, ${summary.differences.value} value, ${summary.differences.header} header`,
    '',
    '## What differs, by capability',
    '',
  ];
  const groups = differencesByCapability(report);
  if (groups.length === 0) lines.push('Nothing differs after normalisation.', '');
  for (const group of groups) {
    lines.push(
      `### ${group.title} (${group.differences.length} differences on ${group.exchanges} exchanges)`,
      '',
    );
    for (const d of group.differences.slice(0, SHOWN_PER_CAPABILITY)) lines.push(differenceLine(d));
    const more = group.differences.length - SHOWN_PER_CAPABILITY;
    if (more > 0) lines.push(`- … and ${more} more (compare.json lists every one)`);
    lines.push('');
  }
  lines.push(
    '## Per operation',
    '',
    '| Operation | Version | Paired | Equivalent | Unpaired | Differences | Fidelity |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...report.operations.map(
      (op) =>
        `| \`${cell(op.operation)}\` | ${op.apiVersion ?? ''} | ${op.paired} | ${op.equivalent} | ${op.unpaired} | ${op.differences} | ${percent(op.fidelity)} |`,
    ),
    '',
  );
  if (report.unpaired.length > 0) {
    lines.push('## Unpaired exchanges', '');
    for (const u of report.unpaired.slice(0, 100))
      lines.push(
        `- only in the ${u.side}: ${u.method} \`${cell(u.path)}\` → ${u.status} \`${cell(placeText(u))}\` (${u.exchange})`,
      );
    if (report.unpaired.length > 100) lines.push(`- … and ${report.unpaired.length - 100} more`);
    lines.push('');
  }
  if (report.notes.length > 0) lines.push('## Notes', '', ...report.notes.map((n) => `- ${cell(n)}`), '');
  return `${lines.join('\n')}\n`;
}
