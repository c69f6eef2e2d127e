import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import reportSchema from '../contracts/meta/conformance-report.schema.json' with { type: 'json' };
import type { ConformanceReport } from './model.ts';
import { renderMarkdown } from './render-markdown.ts';
import { sampleReport } from './testing/sample-report.ts';
import { createReportValidator } from './validate-report.ts';
import { writeReports } from './write-reports.ts';

const FILES = ['conformance.html', 'conformance.json', 'conformance.md', 'conformance.xml'];
const tempDir = () => mkdtempSync(join(tmpdir(), 'occ-write-'));

const CLIENT_KEY = 'ck-live-7Hq2ZpX9';
const API_TOKEN = 'tok-SECRET-4b1f9e27c';
const BASIC = Buffer.from(`${CLIENT_KEY}:${API_TOKEN}`).toString('base64');

/** The sample with the credentials leaked everywhere a careless check could put them. */
function leakyReport(): ConformanceReport {
  const report = sampleReport();
  return {
    ...report,
    target: { ...report.target, baseUrl: `https://api.example.com/?token=${API_TOKEN}` },
    notes: [`retrying with ${CLIENT_KEY}`],
    rules: report.rules.map((r) => ({
      ...r,
      violations: r.violations.map((v) => ({
        ...v,
        message: `Received: ${API_TOKEN} / Expected: nothing`,
        ...(v.evidence
          ? {
              evidence: {
                ...v.evidence,
                request: {
                  ...v.evidence.request,
                  headers: { authorization: `Basic ${BASIC}`, 'x-key': CLIENT_KEY },
                  body: `{"token":"${API_TOKEN}"}`,
                },
                curl: `curl -u '${CLIENT_KEY}:${API_TOKEN}' 'https://api.example.com/?k=${encodeURIComponent(API_TOKEN)}'`,
              },
            }
          : {}),
      })),
    })),
  };
}

describe('writeReports', () => {
  it('writes the four formats into a folder it creates, leaving no temporary file', () => {
    const dir = join(tempDir(), 'nested', 'out');
    const written = writeReports(sampleReport(), dir);
    expect(readdirSync(dir).sort()).toEqual(FILES);
    expect(written.json).toBe(join(dir, 'conformance.json'));
    const parsed: unknown = JSON.parse(readFileSync(written.json, 'utf8'));
    expect(createReportValidator(reportSchema)(parsed)).toEqual([]);
  });

  it('replaces the files of an earlier run', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'conformance.md'), 'stale');
    writeReports(sampleReport(), dir);
    expect(readFileSync(join(dir, 'conformance.md'), 'utf8')).toBe(renderMarkdown(sampleReport()));
  });

  it('appends the Markdown summary to $GITHUB_STEP_SUMMARY', () => {
    const dir = tempDir();
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const written = writeReports(sampleReport(), join(dir, 'out'), { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(written.stepSummary).toBe(summary);
    expect(readFileSync(summary, 'utf8')).toBe(`# earlier step\n${renderMarkdown(sampleReport())}\n`);
  });

  it('leaves no trace of a secret in any of the four files', () => {
    const dir = tempDir();
    writeReports(leakyReport(), dir, { secrets: [CLIENT_KEY, API_TOKEN] });
    for (const file of FILES) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toContain(CLIENT_KEY);
      expect(text, file).not.toContain(API_TOKEN);
      expect(text, file).not.toContain(BASIC);
      expect(text, file).not.toContain(encodeURIComponent(API_TOKEN));
    }
    expect(readFileSync(join(dir, 'conformance.json'), 'utf8')).toContain('Basic <redacted>');
  });

  it('writes the secrets when none are given, so the scrub above is what removes them', () => {
    const dir = tempDir();
    writeReports(leakyReport(), dir);
    expect(readFileSync(join(dir, 'conformance.json'), 'utf8')).toContain(API_TOKEN);
  });
});
