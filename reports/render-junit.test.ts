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

  it('escapes characters XML 1.0 cannot carry', () => {
    expect(xmlText('a\u0000b\u001Fc\uFFFEd')).toBe('a\\u0000b\\u001fc\\ufffed');
    expect(xmlText('emoji 😀 stays')).toBe('emoji 😀 stays');
  });
});
