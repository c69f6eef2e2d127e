// occ compare's offline half: two recordings in, one comparison report and its writers out.
export * from './compare-recordings.ts';
export * from './har.ts';
export { renderCompareHtml } from './render-compare-html.ts';
export { renderCompareMarkdown } from './render-compare-markdown.ts';
export * from './write-compare-reports.ts';
