import { describe, expect, it } from 'vitest';
import type { ConformanceReport, RuleResult } from './model.ts';
import { mdCell, renderMarkdown } from './render-markdown.ts';
import { withRule } from './testing/edit-report.ts';
import { sampleReport } from './testing/sample-report.ts';

/** The Markdown with code spans removed: what GitHub would turn into links or markup. */
function outsideCode(md: string): string {
  return md.replace(/`[^`\n]*`/g, '');
}

describe('renderMarkdown', () => {
  it('states the verdict and a counts table per version', () => {
    const md = renderMarkdown(sampleReport());
    expect(md).toMatch(/^## Order contact API conformance: ❌ failed\n/);
    expect(md).toContain(
      '| API version | passed | failed | warned | inconclusive | skipped | total |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n' +
        '| v2.1 | 3 | 1 | 2 | 0 | 1 | 7 |\n| v2 | 4 | 1 | 0 | 1 | 0 | 6 |\n| **all** | 7 | 2 | 2 | 1 | 1 | 13 |',
    );
  });

  it('lists failed and warned rules with their first violation', () => {
    const md = renderMarkdown(sampleReport());
    expect(md).toContain('### Failed (2)');
    expect(md).toContain(
      '| `OC-CREATE-ECHO` Create echoes every field sent | v2.1 | MUST | createOrderContact: Received:',
    );
    expect(md).toContain('### Warned (2)');
  });

  it('makes no links, even from URLs and link syntax in a message', () => {
    const report = withRule(sampleReport(), 'OC-CREATE-ECHO', 'v2.1', {
      violations: [
        {
          operation: 'createOrderContact',
          message:
            'Received: https://evil.example/x [click](https://evil.example) <b>hi</b> | pipe / Expected: x',
        },
      ],
    });
    const md = outsideCode(renderMarkdown(report));
    expect(md).not.toMatch(/https?:\/\//);
    expect(md).not.toMatch(/(?<!\\)\](?=\()/);
    expect(md).toContain('\\[click\\](');
    expect(md).not.toContain('<b>');
    expect(md).toContain('\\| pipe');
  });

  it('keeps a long list short', () => {
    const base = sampleReport();
    const failed = base.rules.find((r) => r.status === 'failed') as RuleResult;
    const many = Array.from({ length: 45 }, (_, i) => ({
      ...failed,
      id: `OC-F-${String(i).padStart(2, '0')}`,
    }));
    const md = renderMarkdown({ ...base, rules: many });
    expect(md).toContain('### Failed (45)');
    expect(md).toContain('…and 15 more: see conformance.html.');
    expect(md.match(/^\| `OC-F-/gm)).toHaveLength(30);
  });

  it('says what the target lacks before the failed rules, with the rules behind each capability under it', () => {
    const md = renderMarkdown(sampleReport());
    const section = md.indexOf('### What the target lacks');
    expect(section).toBeGreaterThan(md.indexOf('| **all** |'));
    expect(section).toBeLessThan(md.indexOf('### Failed'));
    expect(md).toContain(
      '- ❌ **Echo of the request** (v2.1 lacking: 1 of 1 rule failed)\\\n  Answers do not reflect the request:',
    );
    expect(md).toContain('\n  - `OC-CREATE-ECHO` Create echoes every field sent — v2.1 failed (MUST)\n');
    expect(md).toContain('- ⚠️ **Response bodies** (v2.1 partial: 1 of 1 rule warned)');
    expect(md).toContain('To fix: Validate your responses against contracts/schemas \\<and\\>');
    expect(md).toContain('In place: Authentication.');
    expect(md).toContain('Inconclusive (no usable answer): Deletes applied.');
    // Lacking before partial.
    expect(md.indexOf('Echo of the request')).toBeLessThan(md.indexOf('**Response bodies**'));
  });

  it('says nothing is lacking when so, and nothing at all for a report without capabilities', () => {
    const report = sampleReport();
    const fine: ConformanceReport = {
      ...report,
      capabilities: (report.capabilities ?? []).map((c) =>
        c.status === 'lacking' || c.status === 'partial' ? { ...c, status: 'ok' as const } : c,
      ),
    };
    const md = renderMarkdown(fine);
    expect(md).toContain(
      '### What the target lacks\n\nNothing is lacking: all 4 capabilities checked are in place.\n\nInconclusive (no usable answer): Deletes applied.',
    );
    const unchecked: ConformanceReport = {
      ...report,
      capabilities: (report.capabilities ?? []).map((c) => ({ ...c, status: 'unchecked' as const })),
    };
    expect(renderMarkdown(unchecked)).toContain('Nothing could be checked: no rule has usable evidence');
    const { capabilities: _none, ...old } = report;
    expect(renderMarkdown(old)).not.toContain('What the target lacks');
  });

  it('says a MUST finding on an inferred premise warns, and why', () => {
    const md = renderMarkdown(sampleReport());
    expect(md).toContain(
      '| `OC-PAGING-LINKS-PRESENT` first and last links are present | v2.1 | MUST | retrieveOrderContacts: Received: a page without first and last',
    );
    expect(md).toContain(
      ' — level SHOULD — the premise is inferred: the order was taken to hold more contacts than one page; the vendor does not say when links appear; the rule itself is MUST |',
    );
  });

  it('lists inconclusive rules with why, and rules that passed after settling with the longest wait', () => {
    const md = renderMarkdown(sampleReport());
    expect(md).toContain(
      '### Inconclusive (1)\n\n| Rule | Version | Level | Why |\n| --- | --- | --- | --- |\n| `OC-DELETE-THEN-404` A deleted contact is not found | v2 | SHOULD | inconclusive: none of the 2 exchanges that checked it got a usable answer (503 after 4 attempts; timeout after 10000 ms) |',
    );
    expect(md).toContain(
      '### Passed after settling (1)\n\n| Rule | Version | Level | Settling |\n| --- | --- | --- | --- |\n| `OC-LIST-DEFAULTS` List defaults to offset 0 and limit 10 | v2 | MUST | 1 read settled, longest 320 ms |',
    );
    expect(md).toContain('40 exchange checks (3 retried; 3 without a usable answer, 7.5%)');
  });

  it('prints a 300-ref list violation in under 1 KB, with counts and the first 3 refs', () => {
    const refs = Array.from(
      { length: 300 },
      (_, i) => `5f0c1a2e-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const report = withRule(sampleReport(), 'OC-CREATE-ECHO', 'v2.1', {
      violations: [
        {
          operation: 'retrieveOrderContacts',
          message: `Received: the pages left out ${refs.join(', ')} / Expected: every created contact once`,
          items: { missing: refs, duplicated: refs.slice(0, 2) },
        },
      ],
    });
    const md = renderMarkdown(report);
    const row = md.split('\n').find((line) => line.startsWith('| `OC-CREATE-ECHO`')) ?? '';
    expect(Buffer.byteLength(row)).toBeLessThan(1024);
    expect(row).toContain(
      'missing 300 (first: 5f0c1a2e-0000-4000-8000-000000000000, 5f0c1a2e-0000-4000-8000-000000000001, 5f0c1a2e-0000-4000-8000-000000000002); duplicated 2 (first:',
    );
    expect(md).not.toContain(refs[299]);
  });

  it('never shows an unreachable or inconclusive run as green: it says not checked or inconclusive, and why', () => {
    const unreachable = renderMarkdown({ ...sampleReport(), verdict: 'unreachable' });
    expect(unreachable).toMatch(
      /^## Order contact API conformance: ⚠️ not checked: target unreachable\n\n> \*\*not checked:\*\* the target could not be reached/,
    );
    const inconclusive = renderMarkdown({ ...sampleReport(), verdict: 'inconclusive' });
    expect(inconclusive).toMatch(
      /^## Order contact API conformance: ⚠️ inconclusive\n\n> \*\*inconclusive:\*\* 3 of 40 exchange checks \(7\.5%\) got no usable answer/,
    );
    for (const md of [unreachable, inconclusive]) expect(md).not.toContain('✅');
    const report = sampleReport();
    const fine = (report.capabilities ?? []).map((c) =>
      c.status === 'lacking' || c.status === 'partial' ? { ...c, status: 'ok' as const } : c,
    );
    expect(renderMarkdown({ ...report, verdict: 'unreachable', capabilities: fine })).toContain(
      'Nothing is lacking: all 4 capabilities checked are in place, but the run is unreachable.',
    );
  });

  it('fits a cell on one line', () => {
    expect(mdCell('a\nb  c')).toBe('a b c');
    expect(mdCell('x'.repeat(300)).length).toBe(200);
  });
});
