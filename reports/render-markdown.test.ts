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
      '| v2.1 | 4 | 1 | 1 | 1 | 7 |\n| v2 | 4 | 1 | 0 | 1 | 6 |\n| **all** | 8 | 2 | 1 | 2 | 13 |',
    );
  });

  it('lists failed and warned rules with their first violation', () => {
    const md = renderMarkdown(sampleReport());
    expect(md).toContain('### Failed (2)');
    expect(md).toContain(
      '| `OC-CREATE-ECHO` Create echoes every field sent | v2.1 | MUST | createOrderContact: Received:',
    );
    expect(md).toContain('### Warned (1)');
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
    expect(md).toContain('In place: Authentication, Paging and expand.');
    expect(md).toContain('Not checked: Deletes applied.');
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
      '### What the target lacks\n\nNothing is lacking: all 4 capabilities checked are in place.\n\nNot checked: Deletes applied.',
    );
    const unchecked: ConformanceReport = {
      ...report,
      capabilities: (report.capabilities ?? []).map((c) => ({ ...c, status: 'unchecked' as const })),
    };
    expect(renderMarkdown(unchecked)).toContain('Nothing could be checked: every rule was skipped');
    const { capabilities: _none, ...old } = report;
    expect(renderMarkdown(old)).not.toContain('What the target lacks');
  });

  it('fits a cell on one line', () => {
    expect(mdCell('a\nb  c')).toBe('a b c');
    expect(mdCell('x'.repeat(300)).length).toBe(200);
  });
});
