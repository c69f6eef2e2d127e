import { resolve } from 'node:path';
import type { CompareReport } from '../contracts/types.gen.ts';
import { type LineSink, printLine } from '../lib/log.ts';
import { compareHeadline, percent, placeText, sideText } from '../reports/compare/compare-text.ts';

/** At most this many differences are printed; the reports have them all. */
const SHOWN = 10;

/** The terminal's account of a comparison: both sides, the fidelity against the gate, what differs first. */
export function printCompareSummary(out: LineSink, report: CompareReport, dir: string): void {
  const { summary } = report;
  printLine(out, `reference ${sideText(report.reference)}`);
  printLine(out, `candidate ${sideText(report.candidate)}`);
  printLine(out, compareHeadline(report));
  const kinds = summary.differences;
  printLine(
    out,
    `differences: ${kinds.strictness} strictness, ${kinds.status} status, ${kinds.shape} shape, ${kinds.value} value, ${kinds.header} header; unpaired: ${summary.unpairedReference} reference, ${summary.unpairedCandidate} candidate`,
  );
  if (report.capabilities.length > 0)
    printLine(
      out,
      `by capability: ${report.capabilities.map((c) => `${c.title} ${c.differences}`).join(', ')}`,
    );
  for (const op of report.operations.filter((o) => o.fidelity < 1).slice(0, SHOWN))
    printLine(
      out,
      `  ${op.operation}${op.apiVersion ? ` (${op.apiVersion})` : ''}: ${percent(op.fidelity)}, ${op.differences} differences, ${op.unpaired} unpaired`,
    );
  for (const d of report.differences.slice(0, SHOWN))
    printLine(out, `  ✗ ${d.kind} ${placeText(d)}: ${d.text}`);
  if (report.differences.length > SHOWN)
    printLine(out, `  … and ${report.differences.length - SHOWN} more differences`);
  for (const note of report.notes) printLine(out, `note: ${note}`);
  printLine(out, `reports: ${resolve(dir)}/compare.{json,md,html}`);
}
