import type { ConformanceReport } from './model.ts';

/** The report as conformance.json: two-space indented, ending in a newline. */
export function renderJson(report: ConformanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
