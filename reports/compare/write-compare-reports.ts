import { join, resolve } from 'node:path';
import type { CompareReport } from '../../contracts/types.gen.ts';
import { makeDirectory } from '../../lib/make-directory.ts';
import { redactSecrets } from '../../lib/redact.ts';
import { scrubSecrets, writeAtomically } from '../write-reports.ts';
import { renderCompareHtml } from './render-compare-html.ts';
import { renderCompareMarkdown } from './render-compare-markdown.ts';

/** The files occ compare writes into its report folder (the recordings beside them in live mode). */
export const COMPARE_FILES = {
  json: 'compare.json',
  markdown: 'compare.md',
  html: 'compare.html',
  referenceHar: 'reference.har',
  candidateHar: 'candidate.har',
} as const;

/** compare.json: two-space indented, ending in a newline. */
export const renderCompareJson = (report: CompareReport): string => `${JSON.stringify(report, null, 2)}\n`;

/**
 * Writes compare.json, compare.md and compare.html into `dir` (created when missing), each atomically, every secret
 * scrubbed; returns the paths.
 */
export function writeCompareReports(
  report: CompareReport,
  dir: string,
  secrets: readonly (string | undefined)[] = [],
): { json: string; markdown: string; html: string } {
  const folder = resolve(dir);
  makeDirectory(folder);
  const clean = scrubSecrets(report, secrets);
  const write = (name: string, text: string): string => {
    const path = join(folder, name);
    writeAtomically(path, redactSecrets(text, secrets));
    return path;
  };
  return {
    json: write(COMPARE_FILES.json, renderCompareJson(clean)),
    markdown: write(COMPARE_FILES.markdown, renderCompareMarkdown(clean)),
    html: write(COMPARE_FILES.html, renderCompareHtml(clean)),
  };
}
