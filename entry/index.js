// The package's root for plain Node (which cannot import .ts): the TypeScript sources run through tsx, as
// bin/occ.js runs them, but in a namespace of their own (tsImport), so the importing program's loading is left
// alone. The types are dist/types/api/index.d.ts, built by `npm pack` (prepack). entry/exports.test.ts keeps this
// list equal to what api/index.ts exports.
import { tsImport } from 'tsx/esm/api';

const api = await tsImport('../api/index.ts', import.meta.url);

export const {
  ConfigError,
  ConformanceOptionsError,
  diffReports,
  InvalidReportError,
  loadReport,
  OccError,
  REPORT_FORMATS,
  runConformance,
} = api;
