import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report.ts';
import type { ConformanceReport } from './model.ts';
import { renderJunit, xmlText } from './render-junit.ts';
import { SAMPLE_RUN, sampleReport } from './testing/sample-report.ts';
import { hasCommand, requireTool } from './testing/tools.ts';

const XSD = fileURLToPath(new URL('./junit/junit.xsd', import.meta.url));
const XMLLINT = hasCommand('xmllint');
const NO_XMLLINT = 'xmllint is missing: install the Debian package libxml2-utils to validate JUnit XML';

/** Runs xmllint --schema on the XML and returns its complaint, or '' when the document is valid. */
function schemaErrors(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'occ-junit-'));
  const file = join(dir, 'conformance.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

function hostileReport(): ConformanceReport {
  const report = sampleReport();
  const body = 'nul \u0000 bell \u0007 lone \ud800 surrogate ]]> </failure> & "quotes"';
  return {
    ...report,
    rules: report.rules.map((r) =>
      r.status === 'failed'
        ? {
            ...r,
            title: `${r.title} <b>&</b>`,
            violations: r.violations.map((v) => ({ ...v, message: `Received: ${body} / Expected: x` })),
          }
        : r,
    ),
  };
}

describe('renderJunit', () => {
  it('writes XML the Jenkins JUnit schema accepts', (ctx) => {
    requireTool(ctx, XMLLINT, NO_XMLLINT);
    expect(schemaErrors(renderJunit(sampleReport()))).toBe('');
  });

  it('stays valid when bodies hold control characters, lone surrogates and markup', (ctx) => {
    requireTool(ctx, XMLLINT, NO_XMLLINT);
    const xml = renderJunit(hostileReport());
    expect(schemaErrors(xml)).toBe('');
    expect(xml).toContain('nul \\u0000 bell \\u0007 lone \\ud800 surrogate ]]&gt; &lt;/failure&gt; &amp;');
  });

  it('is checked by a schema that does reject a testsuite without its counts', (ctx) => {
    requireTool(ctx, XMLLINT, NO_XMLLINT);
    const xml = renderJunit(sampleReport()).replace(/ tests="7" failures="1" errors="0"/, '');
    expect(schemaErrors(xml)).toMatch(/attribute 'tests' is required/);
  });

  it('stays valid for an unreachable target with no results', (ctx) => {
    requireTool(ctx, XMLLINT, NO_XMLLINT);
    const report = buildReport({ observations: [], rules: [], run: { ...SAMPLE_RUN, unreachable: true } });
    expect(schemaErrors(renderJunit(report))).toBe('');
  });

  it('has one testsuite per API version with the right counts', () => {
    const xml = renderJunit(sampleReport());
    expect(xml).toContain(
      '<testsuites name="Order contact API conformance" tests="13" failures="2" errors="0" time="48.250">',
    );
    expect(xml).toContain(
      '<testsuite name="Order contact API v2.1" tests="7" failures="1" errors="0" skipped="1"',
    );
    expect(xml).toContain(
      '<testsuite name="Order contact API v2" tests="6" failures="1" errors="0" skipped="1"',
    );
  });

  it('names each testcase after its rule, with a classname per version and category', () => {
    const xml = renderJunit(sampleReport());
    expect(xml).toContain(
      '<testcase classname="occ.v2.1.body" name="OC-CREATE-ECHO Create echoes every field sent" time="0.000">',
    );
  });

  it('gives a failed rule a failure typed by its level, with every violation and the curl to reproduce it', () => {
    const xml = renderJunit(sampleReport());
    expect(xml).toMatch(/<failure message="createOrderContact: Received: [^"]*\(\+1 more\)" type="MUST">/);
    expect(xml).toContain(
      'Received: nothing / Expected: title &quot;Mx&quot; as sent'.replace(/&quot;/g, '"'),
    );
    expect(xml).toContain("curl -sS -g -X POST 'https://api-engage-eu.sitecorecloud.io/v2.1/orders/");
  });

  it('gives a skipped rule its reason and a warned rule a passing testcase with the warning in system-out', () => {
    const xml = renderJunit(sampleReport());
    expect(xml).toContain('<skipped message="the delete step did not run: its order could not be created"/>');
    expect(xml).toMatch(
      /name="OC-TIMESTAMP-PRECISION Timestamps carry milliseconds and Z" time="0.000">\s*<system-out>WARNING: SHOULD rule/,
    );
  });

  it('records seed, run id and target as properties', () => {
    const xml = renderJunit(sampleReport());
    expect(xml).toContain('<property name="seed" value="424242"/>');
    expect(xml).toContain('<property name="runId" value="run-20250301T101500Z-7f3a"/>');
    expect(xml).toContain('<property name="target" value="https://api-engage-eu.sitecorecloud.io"/>');
  });

  it('records each capability status as a property of its version, with the rules behind it', () => {
    const xml = renderJunit(sampleReport());
    const [v21, v2] = xml.split('<testsuite name="Order contact API v2"');
    expect(v21).toContain('<property name="capability.echo" value="lacking: OC-CREATE-ECHO"/>');
    expect(v21).toContain(
      '<property name="capability.response-bodies" value="partial: OC-TIMESTAMP-PRECISION"/>',
    );
    expect(v21).toContain('<property name="capability.deletes-applied" value="unchecked"/>');
    expect(v2).toContain('<property name="capability.echo" value="ok"/>');
  });

  it('skips an inconclusive rule with why, never failing it', () => {
    const xml = renderJunit(sampleReport());
    expect(xml).toMatch(
      /name="OC-DELETE-THEN-404 A deleted contact is not found" time="0.000">\s*<skipped message="inconclusive: none of the 2 exchanges that checked it got a usable answer \(503 after 4 attempts; timeout after 10000 ms\)"\/>/,
    );
  });

  it('says a MUST rule warned because its findings stand on an inferred premise, and shows list counts', () => {
    const xml = renderJunit(sampleReport());
    expect(xml).toContain(
      'WARNING: MUST rule OC-PAGING-LINKS-PRESENT (v2.1) was violated 1 time, each time on an inferred premise, so it counts as SHOULD;',
    );
    expect(xml).toContain('[missing 40 (first: c0ffee00-2222-4333-8444-000000000000,');
    expect(xml).not.toContain('c0ffee00-2222-4333-8444-000000000039');
  });

  it('marks an unreachable run as an error, so a CI test tab shows red, and stays valid', (ctx) => {
    const report = buildReport({ observations: [], rules: [], run: { ...SAMPLE_RUN, unreachable: true } });
    const xml = renderJunit(report);
    expect(xml).toMatch(/<testsuites name="Order contact API conformance" tests="1" failures="0" errors="1"/);
    expect(xml).toContain(
      '<testsuite name="Order contact API run" tests="1" failures="0" errors="1" skipped="0" time="0.000"',
    );
    expect(xml).toMatch(
      /<testcase classname="occ.run" name="run run-20250301T101500Z-7f3a" time="0.000">\s*<error message="not checked: the target could not be reached, so no rule could be checked\. A run that checked nothing is not a pass\." type="unreachable">/,
    );
    requireTool(ctx, XMLLINT, NO_XMLLINT);
    expect(schemaErrors(xml)).toBe('');
  });

  it('marks an inconclusive run as an error with the unusable share, and stays valid', (ctx) => {
    const report = sampleReport({
      observations: [],
      pactResults: [],
      observedShapes: [],
      run: { ...SAMPLE_RUN, maxInconclusive: 0 },
    });
    const inconclusive = renderJunit({
      ...report,
      verdict: 'inconclusive',
      summary: { ...report.summary, exchanges: 10, inconclusiveExchanges: 4, inconclusiveShare: 0.4 },
    });
    expect(inconclusive).toContain('errors="1"');
    expect(inconclusive).toContain(
      '<error message="inconclusive: 4 of 10 exchange checks (40%) got no usable answer, more than the 0% a run may lose (maxInconclusive); nothing failed, but a pass would not be believed." type="inconclusive">',
    );
    expect(renderJunit(sampleReport())).not.toContain('<error');
    requireTool(ctx, XMLLINT, NO_XMLLINT);
    expect(schemaErrors(inconclusive)).toBe('');
    expect(schemaErrors(renderJunit(sampleReport()))).toBe('');
  });

  it('escapes characters XML 1.0 cannot carry', () => {
    expect(xmlText('a\u0000b\u001Fc\uFFFEd')).toBe('a\\u0000b\\u001fc\\ufffed');
    expect(xmlText('emoji 😀 stays')).toBe('emoji 😀 stays');
  });
});
