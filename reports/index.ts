// The report model and its pure writers: what suites/ and cli/ consume.
export * from './build-report.ts';
export * from './capabilities.ts';
export * from './diff-reports.ts';
export { renderHtml } from './html/render-html.ts';
export * from './level-label.ts';
export * from './merge-reports.ts';
export * from './model.ts';
export * from './read-report.ts';
export * from './render-diff.ts';
export * from './render-json.ts';
export * from './render-junit.ts';
export * from './render-markdown.ts';
export * from './rule-status.ts';
export * from './validate-report.ts';
export * from './write-reports.ts';
