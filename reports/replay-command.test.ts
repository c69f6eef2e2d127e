import { describe, expect, it } from 'vitest';
import type { ConformanceReport } from './model.ts';
import { replayCommand } from './text.ts';

const target = (kind: ConformanceReport['target']['kind']): ConformanceReport['target'] => ({
  baseUrl: kind === 'url' ? 'https://api-engage-eu.sitecorecloud.io' : 'http://127.0.0.1:41351',
  kind,
  apiVersions: ['v2.1'],
  readOnly: false,
});

describe('replayCommand', () => {
  it('names the target a run against a URL checked, so the line can be pasted', () => {
    expect(replayCommand('x-000017', target('url'))).toBe(
      'occ replay x-000017 --report <conformance.json> --base-url https://api-engage-eu.sitecorecloud.io',
    );
  });

  it('asks for a target when the run checked the embedded mock or Prism, which died with it', () => {
    for (const kind of ['embedded-mock', 'prism'] as const)
      expect(replayCommand('x-1', target(kind))).toMatch(/--base-url <target>$/);
  });
});
