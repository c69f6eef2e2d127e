import { describe, expect, it } from 'vitest';
import type { RuleResult } from './model.ts';
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

  it('fits a cell on one line', () => {
    expect(mdCell('a\nb  c')).toBe('a b c');
    expect(mdCell('x'.repeat(300)).length).toBe(200);
  });
});
