import { randomBytes } from 'node:crypto';
import { appendFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeDirectory } from '../lib/make-directory.ts';
import { redactSecrets } from '../lib/redact.ts';
import { renderHtml } from './html/render-html.ts';
import type { ConformanceReport } from './model.ts';
import { renderJson } from './render-json.ts';
import { renderJunit } from './render-junit.ts';
import { renderMarkdown } from './render-markdown.ts';

/** Options of writeReports. */
export interface WriteReportsOptions {
  /** The environment; GITHUB_STEP_SUMMARY, when set, gets the Markdown summary appended. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Secrets that must not appear in any file (they are replaced wherever they occur). */
  readonly secrets?: readonly (string | undefined)[];
}

/** The file each format is written to in a report folder: CI steps that publish them read these names. */
export const REPORT_FILES = {
  json: 'conformance.json',
  junit: 'conformance.xml',
  html: 'conformance.html',
  markdown: 'conformance.md',
} as const;

/** Where writeReports put each format. */
export interface WrittenReports {
  readonly json: string;
  readonly junit: string;
  readonly html: string;
  readonly markdown: string;
  /** The job summary file the Markdown was appended to, when there was one. */
  readonly stepSummary?: string;
}

/** Every string in a value with the secrets replaced: applied to the model before rendering, as a last defence. */
export function scrubSecrets<T>(value: T, secrets: readonly (string | undefined)[]): T {
  if (typeof value === 'string') return redactSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubSecrets(item, secrets)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [redactSecrets(k, secrets), scrubSecrets(v, secrets)]),
    ) as T;
  }
  return value;
}

/** Writes a file so a reader never sees half of it: a temporary file in the same folder, then a rename. */
export function writeAtomically(path: string, text: string): void {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, text, { encoding: 'utf8', mode: 0o644 });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** A report file occ writes: conformance.json, .xml (JUnit), .html and .md. */
export type ReportFormat = 'json' | 'junit' | 'html' | 'markdown';

/** Every format, in the order they are written. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'junit', 'html', 'markdown'];

const FILE_NAMES: Readonly<Record<ReportFormat, string>> = REPORT_FILES;

const RENDERERS: Readonly<Record<ReportFormat, (report: ConformanceReport) => string>> = {
  json: renderJson,
  junit: renderJunit,
  html: renderHtml,
  markdown: renderMarkdown,
};

/**
 * Writes conformance.json, .xml, .html and .md into `dir` (created when missing), each atomically, with every
 * secret scrubbed; appends the Markdown to $GITHUB_STEP_SUMMARY when the environment names one.
 *
 * @example writeReports(report, 'reports/out', { env: process.env, secrets: [config.clientKey, config.apiToken] })
 */
export function writeReports(
  report: ConformanceReport,
  dir: string,
  options: WriteReportsOptions = {},
): WrittenReports {
  return writeReportFormats(report, dir, REPORT_FORMATS, options) as WrittenReports;
}

/**
 * writeReports for some of the formats only (the programmatic API's `reportFormats`): the files of the others are
 * neither written nor touched; the job summary gets the Markdown only when it is one of them.
 */
export function writeReportFormats(
  report: ConformanceReport,
  dir: string,
  formats: readonly ReportFormat[],
  options: WriteReportsOptions = {},
): Partial<WrittenReports> {
  const secrets = options.secrets ?? [];
  const clean = scrubSecrets(report, secrets);
  const folder = resolve(dir);
  makeDirectory(folder);
  const written: Partial<Record<ReportFormat, string>> = {};
  let markdown: string | undefined;
  for (const format of REPORT_FORMATS.filter((f) => formats.includes(f))) {
    const path = join(folder, FILE_NAMES[format]);
    const text = redactSecrets(RENDERERS[format](clean), secrets);
    writeAtomically(path, text);
    written[format] = path;
    if (format === 'markdown') markdown = text;
  }
  const stepSummary = options.env?.GITHUB_STEP_SUMMARY;
  if (stepSummary && markdown !== undefined) {
    appendFileSync(stepSummary, `${markdown}\n`, 'utf8');
    return { ...written, stepSummary };
  }
  return written;
}
