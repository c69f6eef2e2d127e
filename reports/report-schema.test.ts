import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import reportSchema from '../contracts/meta/conformance-report.schema.json' with { type: 'json' };
import { buildReport } from './build-report.ts';
import { diffReports } from './diff-reports.ts';
import { renderHtml } from './html/render-html.ts';
import { mergeReports } from './merge-reports.ts';
import type { ConformanceReport } from './model.ts';
import { renderJunit } from './render-junit.ts';
import { renderMarkdown } from './render-markdown.ts';
import { sampleInput, sampleReport } from './testing/sample-report.ts';
import { createReportValidator } from './validate-report.ts';

const validate = createReportValidator(reportSchema);

describe('the conformance report schema', () => {
  it('compiles under a strict ajv', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
    expect(() => ajv.compile(reportSchema)).not.toThrow();
  });

  it('accepts the sample report', () => {
    expect(validate(JSON.parse(JSON.stringify(sampleReport())))).toEqual([]);
  });

  it('accepts the report of an unreachable target with no observations', () => {
    const input = sampleInput();
    const report = buildReport({
      observations: [],
      rules: input.rules,
      run: { ...input.run, unreachable: true },
    });
    expect(report.verdict).toBe('unreachable');
    expect(validate(report)).toEqual([]);
  });

  it('keeps why an unreachable run checked nothing, through a merge, and rejects a cause it does not know', () => {
    const input = sampleInput();
    const report = buildReport({
      observations: [],
      rules: input.rules,
      run: { ...input.run, unreachable: true, unreachableCause: 'credentials' },
    });
    expect(report.unreachableCause).toBe('credentials');
    expect(validate(report)).toEqual([]);
    expect(mergeReports([report]).unreachableCause).toBe('credentials');
    expect(renderMarkdown(report)).toContain('not checked: credentials refused');
    expect(renderHtml(report)).toContain('Not checked: the target refused the credentials</h1>');
    const unknown = { ...JSON.parse(JSON.stringify(report)), unreachableCause: 'gremlins' };
    expect(validate(unknown).join('\n')).toContain('/unreachableCause');
  });

  it('accepts a sharded report and a merged one', () => {
    const input = sampleInput();
    const shard = sampleReport({ run: { ...input.run, shard: { index: 1, count: 2 } } });
    expect(validate(shard)).toEqual([]);
    expect(validate(mergeReports([shard]))).toEqual([]);
  });

  it('rejects a report with an unknown status, naming where', () => {
    const report = JSON.parse(JSON.stringify(sampleReport()));
    report.rules[0].status = 'flaky';
    expect(validate(report).join('\n')).toContain('/rules/0/status');
  });

  it('rejects a base URL that carries credentials', () => {
    const report = JSON.parse(JSON.stringify(sampleReport()));
    report.target.baseUrl = 'https://key:token@api.example.com';
    expect(validate(report).join('\n')).toContain('/target/baseUrl');
  });

  it('rejects a property it does not define', () => {
    const report = JSON.parse(JSON.stringify(sampleReport()));
    report.rules[0].extra = true;
    expect(validate(report).join('\n')).toContain('must NOT have additional properties');
  });

  it('still accepts a report written before inconclusive results, settling and premises, and reads it as before', () => {
    // The golden conformance.json as it was before these fields existed: a baseline an older run left behind.
    const old = JSON.parse(
      readFileSync(new URL('./__golden__/conformance-v1-before-inconclusive.json', import.meta.url), 'utf8'),
    ) as ConformanceReport;
    expect(validate(old)).toEqual([]);
    expect(old.summary.inconclusive).toBeUndefined();
    expect(renderMarkdown(old)).toContain('| API version | passed | failed | warned | skipped | total |');
    expect(renderJunit(old)).toContain('errors="0"');
    expect(renderHtml(old)).toContain('<div class="card inconclusive"><div class="n">0</div>');
    expect(mergeReports([old]).verdict).toBe('failed');
    const diff = diffReports(old, sampleReport());
    expect(diff.regressions).toEqual([]);
    expect(diff.changed.map((c) => `${c.id} ${c.apiVersion} ${c.from} -> ${c.to}`)).toEqual([
      'OC-DELETE-THEN-404 v2 skipped -> inconclusive',
      'OC-PAGING-LINKS-PRESENT v2.1 passed -> warned',
    ]);
  });
});
