import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import reportSchema from '../contracts/meta/conformance-report.schema.json' with { type: 'json' };
import { OccError } from '../lib/errors.ts';
import { readReport } from './read-report.ts';
import { renderJson } from './render-json.ts';
import { sampleReport } from './testing/sample-report.ts';
import { createReportValidator } from './validate-report.ts';

const validate = createReportValidator(reportSchema);

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'occ-read-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readReport', () => {
  it('reads back what renderJson wrote', () => {
    expect(readReport(file('conformance.json', renderJson(sampleReport())), validate)).toEqual(
      sampleReport(),
    );
  });

  it('reads the conformance.json of a folder', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'occ-read-')), 'shard-1');
    mkdirSync(dir);
    writeFileSync(join(dir, 'conformance.json'), renderJson(sampleReport()));
    expect(readReport(dir, validate).runId).toBe(sampleReport().runId);
  });

  it('names the file and the reason when it is missing', () => {
    expect(() => readReport('/nonexistent/conformance.json', validate, 'the baseline report')).toThrow(
      'Failed to read the baseline report "/nonexistent/conformance.json": ENOENT.',
    );
  });

  it('says a file is not JSON, with exit status 2', () => {
    const path = file('broken.json', '{"reportVersion": 1,');
    try {
      readReport(path, validate);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OccError);
      expect((error as OccError).exitCode).toBe(2);
      expect((error as Error).message).toContain(`Failed to read report "${path}": it is not JSON`);
    }
  });

  it('says where a file breaks the schema', () => {
    const report = JSON.parse(renderJson(sampleReport()));
    delete report.summary;
    expect(() => readReport(file('conformance.json', JSON.stringify(report)), validate)).toThrow(
      "does not match the conformance report schema: / must have required property 'summary'",
    );
  });

  it('checks the basic shape when no validator is given', () => {
    expect(() => readReport(file('conformance.json', '{"reportVersion":2}'))).toThrow(
      '/reportVersion must be 1 (received 2)',
    );
  });
});
