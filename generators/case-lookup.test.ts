import { describe, expect, it } from 'vitest';
import { caseIds, nearMatches } from './index.ts';

describe('nearMatches', () => {
  const known = caseIds('v2.1');

  it('puts the intended id first for a typo', () => {
    expect(nearMatches('dateOfBirth.futur-1s', known)[0]).toBe('dateOfBirth.future-1s');
    expect(nearMatches('gender.enum-male', known)[0]).toBe('gender.enum-Male');
  });

  it('suggests ids that contain a partial one', () => {
    expect(nearMatches('country.I', known, 3).every((id) => id.startsWith('country.I'))).toBe(true);
  });

  it('returns at most the limit', () => {
    expect(nearMatches('x', known, 4)).toHaveLength(4);
  });
});
