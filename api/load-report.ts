import reportSchema from '../contracts/meta/conformance-report.schema.json' with { type: 'json' };
import type { ConformanceReport } from '../reports/model.ts';
import { readReport } from '../reports/read-report.ts';
import { createReportValidator, type ReportValidator } from '../reports/validate-report.ts';

let validator: ReportValidator | undefined;

/**
 * Reads a conformance.json (or the one in a folder) and checks it against the report's JSON Schema, as `occ diff`
 * and `--baseline` do. Throws InvalidReportError, naming the file and what is wrong, when it is unreadable, not
 * JSON or does not match.
 *
 * @example const baseline = loadReport('baseline/conformance.json');
 */
export function loadReport(path: string): ConformanceReport {
  // Compiling the schema costs more than reading a report: once per process.
  validator ??= createReportValidator(reportSchema);
  return readReport(path, validator);
}
