import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import compareSchema from '../../contracts/meta/compare-report.schema.json' with { type: 'json' };
import { lifecycle } from '../testing/lifecycle-recording.ts';
import { createReportValidator } from '../validate-report.ts';
import { compareRecordings } from './compare-recordings.ts';
import { parseHar } from './har.ts';
import { COMPARE_FILES, writeCompareReports } from './write-compare-reports.ts';

const validate = createReportValidator(compareSchema);

const RULES = [
  {
    id: 'OC-DOB-FORMAT',
    title: 'dateOfBirth',
    category: 'input',
    source: 'x',
    levels: { 'v2.1': 'SHOULD' as const },
    operations: ['createOrderContact'],
  },
];
const CAPABILITIES = [
  { id: 'input-validation', title: 'Input validation', lacking: 'x', hint: 'x', rules: ['OC-DOB-FORMAT'] },
];

function reportOf(candidate: object) {
  return compareRecordings({
    reference: {
      label: 'http://127.0.0.1:4001',
      har: 'reference.har',
      recording: parseHar(JSON.stringify(lifecycle(4001)), 'r', 'r'),
    },
    candidate: {
      label: 'a <b>candidate</b>',
      har: 'candidate.har',
      recording: parseHar(JSON.stringify(candidate), 'c', 'c'),
    },
    mode: 'recordings',
    minFidelity: 0.9,
    rules: RULES,
    capabilities: CAPABILITIES,
    tool: { name: 'order-contact-conformance', version: '0.1.0' },
  });
}

describe('compare.json, compare.md and compare.html', () => {
  it('writes a compare.json that matches its schema, with differences of every kind and an unpaired exchange', () => {
    const report = reportOf(
      lifecycle(4002, {
        invalidStatus: 201,
        extraField: true,
        encoding: 'gzip',
        createStatus: 200,
        dropRetrieve: true,
      }),
    );
    expect(new Set(report.differences.map((d) => d.kind))).toEqual(
      new Set(['strictness', 'status', 'shape', 'header']),
    );
    expect(report.unpaired).toHaveLength(1);
    const dir = mkdtempSync(join(tmpdir(), 'occ-compare-'));
    const written = writeCompareReports(report, dir, ['s3cr3t-token']);
    const json: unknown = JSON.parse(readFileSync(written.json, 'utf8'));
    expect(validate(json)).toEqual([]);
    expect(written.json).toBe(join(dir, COMPARE_FILES.json));
    const markdown = readFileSync(written.markdown, 'utf8');
    expect(markdown).toMatch(
      /^# FAILED · Fidelity 40%: 2 of 5 exchanges equivalent, below --min-fidelity 90%/,
    );
    expect(markdown.indexOf('## What differs, by capability')).toBeLessThan(
      markdown.indexOf('## Per operation'),
    );
    expect(markdown).toContain('### Input validation (1 differences on 1 exchanges)');
    expect(markdown).toContain('## Unpaired exchanges');
    const html = readFileSync(written.html, 'utf8');
    expect(html).toContain('a &lt;b&gt;candidate&lt;/b&gt;');
    expect(html).not.toContain('<b>candidate</b>');
    expect(html).toContain("script-src 'none'");
    expect(html.indexOf('What differs, by capability')).toBeLessThan(html.indexOf('Per operation'));
  });

  it('refuses a compare.json whose fidelity is out of range or whose difference has an unknown kind', () => {
    const report = JSON.parse(JSON.stringify(reportOf(lifecycle(4002, { invalidStatus: 201 })))) as Record<
      string,
      unknown
    >;
    expect(validate(report)).toEqual([]);
    expect(validate({ ...report, fidelity: 1.5 })).toEqual(['/fidelity must be <= 1']);
    const differences = report.differences as Record<string, unknown>[];
    expect(validate({ ...report, differences: [{ ...differences[0], kind: 'mood' }] })).toEqual([
      '/differences/0/kind must be equal to one of the allowed values',
    ]);
  });

  it('keeps secrets out of every file', () => {
    const report = reportOf(lifecycle(4002, { invalidStatus: 201 }));
    const dir = mkdtempSync(join(tmpdir(), 'occ-compare-'));
    const leaky = { ...report, notes: ['token s3cr3t-token in a note'] };
    const written = writeCompareReports(leaky, dir, ['s3cr3t-token']);
    for (const path of Object.values(written))
      expect(readFileSync(path, 'utf8')).not.toContain('s3cr3t-token');
  });
});
