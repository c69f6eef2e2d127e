import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OccError } from '../lib/errors.ts';
import { type ConformanceReport, REPORT_VERSION } from './model.ts';
import type { ReportValidator } from './validate-report.ts';

/** A conformance.json that cannot be read, is not JSON or does not match the report schema (exit 2 in the CLI). */
export class InvalidReportError extends OccError {
  override readonly name = 'InvalidReportError';
  /** The file that was read (a folder's conformance.json). */
  readonly path: string;

  constructor(message: string, path: string, cause?: unknown) {
    super(message, cause === undefined ? {} : { cause });
    this.path = path;
  }
}

/** The shape checks made when no schema validator is given: enough that diff and merge cannot trip on the file. */
function basicProblems(data: unknown): string[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return ['/ must be an object'];
  const report = data as Record<string, unknown>;
  const problems: string[] = [];
  if (report.reportVersion !== REPORT_VERSION) {
    problems.push(
      `/reportVersion must be ${REPORT_VERSION} (received ${JSON.stringify(report.reportVersion)})`,
    );
  }
  for (const key of ['rules', 'observedShapes']) {
    if (!Array.isArray(report[key])) problems.push(`/${key} must be an array`);
  }
  for (const key of ['summary', 'target', 'tool', 'contract']) {
    if (report[key] === null || typeof report[key] !== 'object') problems.push(`/${key} must be an object`);
  }
  return problems;
}

/**
 * Parses the text of a conformance.json; `origin` (the path) and `label` ("the baseline report") name it in errors.
 * Throws OccError (exit 2) when invalid.
 */
export function parseReport(
  text: string,
  origin: string,
  validate?: ReportValidator,
  label = 'report',
): ConformanceReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidReportError(
      `Failed to read ${label} "${origin}": it is not JSON (${reason}). Pass a conformance.json written by occ.`,
      origin,
    );
  }
  const problems = validate ? validate(data) : basicProblems(data);
  if (problems.length > 0) {
    const shown = problems.slice(0, 8).join('; ');
    const more = problems.length > 8 ? `; and ${problems.length - 8} more` : '';
    throw new InvalidReportError(
      `Failed to read ${label} "${origin}": it does not match the conformance report schema: ${shown}${more}. Pass a conformance.json written by this version of occ.`,
      origin,
    );
  }
  return data as ConformanceReport;
}

/**
 * Reads a conformance.json, or the conformance.json in a folder, checked with `validate` (the schema validator) or,
 * without one, for its basic shape. Throws OccError (exit 2) when unreadable or invalid.
 *
 * @example readReport('reports/out', createReportValidator(reportSchema), 'the baseline report')
 */
export function readReport(path: string, validate?: ReportValidator, label = 'report'): ConformanceReport {
  let file = path;
  let text: string;
  try {
    if (statSync(path).isDirectory()) file = join(path, 'conformance.json');
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new InvalidReportError(
      `Failed to read ${label} "${file}": ${reason}. Check the path; a folder must hold a conformance.json.`,
      file,
      error,
    );
  }
  return parseReport(text, file, validate, label);
}
