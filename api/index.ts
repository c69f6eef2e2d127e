// order-contact-conformance: the conformance run, its report and the diff of two reports, for programs. The CLI
// (`occ`) is a caller of the same engine; `order-contact-conformance/msw` is the mock as MSW handlers.
export type { ApiVersion } from '../contracts/index.ts';
export { ConfigError, OccError } from '../lib/errors.ts';
export type { Tier } from '../lib/settings.ts';
export {
  type CapabilityChange,
  type DiffSide,
  type DiffStatus,
  diffReports,
  type ReportDiff,
  type RuleChange,
  type ShapeDrift,
} from '../reports/diff-reports.ts';
export type {
  CapabilityResult,
  CapabilityStatus,
  ConformanceReport,
  ObservedShape,
  ReportEvidence,
  ReportSummary,
  ReportTarget,
  RuleResult,
  RuleStatus,
  UnreachableCause,
  Verdict,
  ViolationRecord,
} from '../reports/model.ts';
export { InvalidReportError } from '../reports/read-report.ts';
export { REPORT_FORMATS, type ReportFormat } from '../reports/write-reports.ts';
export { loadReport } from './load-report.ts';
export { runConformance } from './run-conformance.ts';
export {
  ConformanceOptionsError,
  type RunConformanceOptions,
  type RunSettingKey,
  type RunSettings,
} from './run-options.ts';
