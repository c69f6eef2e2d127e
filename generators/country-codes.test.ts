import { base } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { ALPHA2_CODES, COUNTRY_CODES } from './country-codes.ts';

describe('COUNTRY_CODES', () => {
  it('lists 249 distinct upper-case alpha-2 codes with their alpha-3 and numeric codes', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(ALPHA2_CODES).size).toBe(249);
    for (const c of COUNTRY_CODES) {
      expect(c.alpha2).toMatch(/^[A-Z]{2}$/);
      expect(c.alpha3).toMatch(/^[A-Z]{3}$/);
      expect(c.numeric).toMatch(/^\d{3}$/);
    }
  });

  it('matches the independent copy in @faker-js/faker', () => {
    const faker = (base.location?.country_code ?? []) as {
      alpha2: string;
      alpha3: string;
      numeric: string;
    }[];
    const key = (c: { alpha2: string; alpha3: string; numeric: string }) =>
      `${c.alpha2} ${c.alpha3} ${c.numeric}`;
    expect(COUNTRY_CODES.map(key)).toEqual(faker.map(key).sort());
  });

  it('holds officially assigned codes only', () => {
    for (const code of ['IE', 'GB', 'SS', 'BQ', 'AQ', 'UM']) expect(ALPHA2_CODES).toContain(code);
    for (const code of ['XK', 'UK', 'AN', 'EU', 'YU']) expect(ALPHA2_CODES).not.toContain(code);
  });
});
