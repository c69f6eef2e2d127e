import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html/escape.ts';
import { renderHtml } from './html/render-html.ts';
import { SCRIPT } from './html/script.ts';
import { STYLES } from './html/styles.ts';
import type { ConformanceReport } from './model.ts';
import { SAMPLE_OBSERVATIONS, SAMPLE_RUN, sampleReport } from './testing/sample-report.ts';

function withHostileText(report: ConformanceReport): ConformanceReport {
  return {
    ...report,
    runId: 'run"><script>alert(1)</script>',
    notes: ['<img src=x onerror=alert(2)>'],
    rules: report.rules.map((r) => ({ ...r, title: `${r.title} </title><script>alert(3)</script>` })),
  };
}

describe('renderHtml', () => {
  it('escapes a <script> sent back in a response body', () => {
    const html = renderHtml(sampleReport());
    expect(html).toContain('&lt;script&gt;alert(\\&quot;owned\\&quot;)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
  });

  it('escapes every text it shows: run id, notes, titles', () => {
    const html = renderHtml(withHostileText(sampleReport()));
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });

  it('allows only its own inline style and script, by hash, and no network', () => {
    const html = renderHtml(sampleReport());
    const hash = (text: string) => createHash('sha256').update(text).digest('base64');
    expect(html).toContain(`style-src 'sha256-${hash(STYLES)}'`);
    expect(html).toContain(`script-src 'sha256-${hash(SCRIPT)}'`);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain(`<style>${STYLES}</style>`);
    expect(html).toContain(`<script>${SCRIPT}</script>`);
  });

  it('links only within the page and loads nothing from elsewhere', () => {
    const html = renderHtml(sampleReport());
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => h?.startsWith('#'))).toBe(true);
    expect(html).not.toMatch(/\ssrc=/);
    expect(html).not.toMatch(/\son[a-z]+=/);
  });

  it('shows the summary figures, target, seed and duration', () => {
    const html = renderHtml(sampleReport());
    expect(html).toContain('2 of 13 rule results failed (2 MUST)'.replace(' (2 MUST)', ''));
    expect(html).toContain('<dd>https://api-engage-eu.sitecorecloud.io · url</dd>');
    expect(html).toContain('<dd>424242</dd>');
    expect(html).toContain('<dd>48.3 s</dd>');
  });

  it('gives each failure its evidence and the command that reproduces it', () => {
    const html = renderHtml(sampleReport());
    expect(html).toContain('id="r-OC-CREATE-ECHO-v2-1"');
    expect(html).toContain('Evidence x-000017: POST https://api-engage-eu.sitecorecloud.io/v2.1/orders/');
    expect(html).toMatch(/<pre class="curl" id="curl-1">curl -sS -g -X POST/);
    expect(html).toContain('…[trimmed 941 bytes]');
  });

  it('says what the target lacks near the top, each capability with its rules folded under it', () => {
    const html = renderHtml(sampleReport());
    const section = html.indexOf('<h2 id="capabilities">What the target lacks</h2>');
    expect(section).toBeGreaterThan(html.indexOf('<section class="cards">'));
    expect(section).toBeLessThan(html.indexOf('<h2 id="matrix">'));
    expect(html).toContain(
      '<article class="cap lacking" id="cap-echo">\n<div class="head"><span class="badge lacking">lacking</span><h3>Echo of the request</h3><span class="cap-v">v2.1 lacking: 1 of 1 rule failed</span></div>',
    );
    expect(html).toMatch(
      /<details class="cap-rules"><summary>Rule results behind it: 1 failed<\/summary><ul><li><code>OC-CREATE-ECHO<\/code> Create echoes every field sent <a class="st failed" href="#r-OC-CREATE-ECHO-v2-1">/,
    );
    expect(html).toContain('id="r-OC-CREATE-ECHO-v2-1"');
    expect(html).toContain('<article class="cap partial" id="cap-response-bodies">');
    expect(html).toContain('contracts/schemas &lt;and&gt; keep timestamps &quot;…Z&quot;');
    expect(html).toContain(
      '<strong>In place:</strong> Authentication. <strong>Inconclusive (no usable answer):</strong> Deletes applied.',
    );
    // Partial, not lacking: the catalogue's lacking sentence is kept for capabilities whose MUST rules failed.
    expect(html).toContain(
      '<p>In place in part: none of its MUST rules failed, but a SHOULD rule was violated (OC-PAGING-LINKS-PRESENT).</p>',
    );
    expect(html.indexOf('id="cap-echo"')).toBeLessThan(html.indexOf('id="cap-response-bodies"'));
  });

  it('says nothing is lacking when so, and shows no such section for a report without capabilities', () => {
    const report = sampleReport();
    const fine: ConformanceReport = {
      ...report,
      capabilities: (report.capabilities ?? []).map((c) =>
        c.status === 'lacking' || c.status === 'partial' ? { ...c, status: 'ok' as const } : c,
      ),
    };
    expect(renderHtml(fine)).toContain(
      '<p class="cap-none">Nothing is lacking: all 4 capabilities checked are in place.</p>',
    );
    const { capabilities: _none, ...old } = report;
    expect(renderHtml(old)).not.toContain('What the target lacks');
  });

  it('shows an inferred premise, lists as counts and the first refs, and the unusable and lowered counts', () => {
    const html = renderHtml(sampleReport());
    expect(html).toContain(
      '<div class="items">missing 40 (first: c0ffee00-2222-4333-8444-000000000000, c0ffee00-2222-4333-8444-000000000001, c0ffee00-2222-4333-8444-000000000002)</div><div class="premise">SHOULD — the premise is inferred: the order was taken to hold more contacts than one page; the vendor does not say when links appear; the rule itself is MUST</div>',
    );
    expect(html).not.toContain('c0ffee00-2222-4333-8444-000000000039');
    expect(html).toContain('1 violation over 3 exchanges · 1 lowered to SHOULD by an inferred premise');
    expect(html).toContain('<div class="l">exchange checks · 3 retried · 3 unusable</div>');
    expect(html).toContain(
      '<h2 id="remarks">Skipped, inconclusive, and passed only after retries or settling</h2>',
    );
    expect(html).toContain(
      'passed after settling: 1 read showed the write only after re-reading (longest 320 ms)',
    );
  });

  it('never shows a green box for an unreachable or inconclusive run: it says not checked or inconclusive, and why', () => {
    const report = sampleReport();
    const fine = (report.capabilities ?? []).map((c) =>
      c.status === 'lacking' || c.status === 'partial' ? { ...c, status: 'ok' as const } : c,
    );
    for (const verdict of ['unreachable', 'inconclusive'] as const) {
      const html = renderHtml({ ...report, verdict, capabilities: fine });
      expect(html).toContain(`<div class="verdict-box ${verdict}" role="alert"><strong>`);
      expect(html).not.toContain('<p class="cap-none">');
      expect(html).toContain(
        `<p class="cap-none unknown">Nothing is lacking: all 4 capabilities checked are in place, but the run is ${verdict}.</p>`,
      );
    }
    const unreachable = renderHtml({ ...report, verdict: 'unreachable' });
    expect(unreachable).toContain('<strong>not checked</strong> the target could not be reached');
    expect(unreachable).toContain('Not checked: the target could not be reached</h1>');
    const inconclusive = renderHtml({ ...report, verdict: 'inconclusive' });
    expect(inconclusive).toContain('Inconclusive: 3 of 40 exchange checks (7.5%) got no usable answer</h1>');
    expect(renderHtml(report)).not.toContain('<div class="verdict-box');
    // A passed run does not count its inconclusive results as passed.
    const passed = sampleReport({
      observations: SAMPLE_OBSERVATIONS.filter((o) => o.rule !== 'OC-CREATE-ECHO'),
      pactResults: [],
      run: { ...SAMPLE_RUN, maxInconclusive: 0.5 },
    });
    expect(passed.verdict).toBe('passed');
    expect(renderHtml(passed)).toContain(
      'All 7 checked rule results passed, 2 with warnings, 1 more inconclusive</h1>',
    );
  });

  it('escapes the text of capabilities read from a report', () => {
    const report = sampleReport();
    const hostile: ConformanceReport = {
      ...report,
      capabilities: (report.capabilities ?? []).map((c) => ({
        ...c,
        id: `${c.id}"><script>alert(4)</script>`,
        title: '<img src=x onerror=alert(5)>',
        lacking: '<script>alert(6)</script>',
      })),
    };
    const html = renderHtml(hostile);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
  });

  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
