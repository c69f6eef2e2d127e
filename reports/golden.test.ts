import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHtml } from './html/render-html.ts';
import { renderJson } from './render-json.ts';
import { renderJunit } from './render-junit.ts';
import { renderMarkdown } from './render-markdown.ts';
import { sampleInput, sampleReport } from './testing/sample-report.ts';

// The writers are pure: the same report renders to the same bytes. UPDATE_GOLDEN=1 rewrites the golden files
// after an intended change; review them in the diff.
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const golden = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url));

function matchesGolden(name: string, text: string): void {
  if (UPDATE) writeFileSync(golden(name), text);
  expect(
    text,
    `${name} differs from reports/__golden__/${name}; if the change is intended, run UPDATE_GOLDEN=1 npx vitest run reports`,
  ).toBe(readFileSync(golden(name), 'utf8'));
}

describe('report writers', () => {
  const report = sampleReport();

  it('render the sample report as conformance.json exactly as the golden file', () => {
    matchesGolden('conformance.json', renderJson(report));
  });

  it('render the sample report as JUnit XML exactly as the golden file', () => {
    matchesGolden('conformance.xml', renderJunit(report));
  });

  it('render the sample report as HTML exactly as the golden file', () => {
    matchesGolden('conformance.html', renderHtml(report));
  });

  it('render the sample report as Markdown exactly as the golden file', () => {
    matchesGolden('conformance.md', renderMarkdown(report));
  });

  it('render the same bytes when observations, rules, shapes and pacts arrive in another order', () => {
    const input = sampleInput();
    const reversed = sampleReport({
      observations: [...input.observations]
        .reverse()
        .map((o) => ({ ...o, violations: [...o.violations].reverse() })),
      rules: [...input.rules].reverse(),
      observedShapes: [...(input.observedShapes ?? [])]
        .reverse()
        .map((s) => ({ ...s, fields: [...s.fields].reverse() })),
      pactResults: [...(input.pactResults ?? [])].reverse(),
    });
    for (const render of [renderJson, renderJunit, renderHtml, renderMarkdown]) {
      expect(render(reversed)).toBe(render(report));
    }
  });
});
