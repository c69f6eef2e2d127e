import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import reportSchema from '../contracts/meta/conformance-report.schema.json' with { type: 'json' };
import { buildReport } from './build-report.ts';
import { mergeReports } from './merge-reports.ts';
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
});
