import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { parseWholeNumber, SETTINGS, type Setting } from './settings.ts';

describe('the settings table', () => {
  it('gives every setting a long flag, help, and a default its own parser accepts', () => {
    for (const [key, setting] of Object.entries(SETTINGS) as [string, Setting<unknown>][]) {
      expect(setting.flag, key).toMatch(/^--[a-z][a-z-]+$/);
      expect(setting.help.length, key).toBeGreaterThan(10);
      const fallback = setting.fallback();
      if (fallback === undefined) continue;
      const text = Array.isArray(fallback) ? fallback.join(',') : String(fallback);
      if (text !== '') expect(setting.parse(text).ok, key).toBe(true);
    }
  });

  it('names flags and environment variables once each', () => {
    const settings: Setting<unknown>[] = Object.values(SETTINGS);
    const flags = settings.map((s) => s.flag);
    const envs = settings.flatMap((s) => s.env ?? []);
    expect(new Set(flags).size).toBe(flags.length);
    expect(new Set(envs).size).toBe(envs.length);
  });

  it('parses whole numbers strictly', () => {
    expect(parseWholeNumber('12', 0, 20)).toEqual({ ok: true, value: 12 });
    for (const text of ['1e1', '-1', '0x10', '21', '', '1.5'])
      expect(parseWholeNumber(text, 0, 20).ok, text).toBe(false);
  });

  it('reads the settle time and the inconclusive share, refusing what is out of range', () => {
    expect(loadConfig({ OCC_SETTLE_MS: '0', OCC_MAX_INCONCLUSIVE: '25%' })).toMatchObject({
      settleMs: 0,
      maxInconclusive: 0.25,
    });
    expect(() => loadConfig({ OCC_MAX_INCONCLUSIVE: '1.5' })).toThrow(
      /OCC_MAX_INCONCLUSIVE: received "1.5", expected a share/,
    );
  });
});
