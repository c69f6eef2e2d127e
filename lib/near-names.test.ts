import { describe, expect, it } from 'vitest';
import { nearNames } from './near-names.ts';

describe('nearNames', () => {
  const ids = ['OC-CREATE-201', 'OC-CREATE-REF', 'OC-DELETE-204', 'OC-LIST-200'];

  it('puts names containing the typed one first, whatever the case', () => {
    expect(nearNames('create', ids).slice(0, 2)).toEqual(['OC-CREATE-201', 'OC-CREATE-REF']);
  });

  it('ranks the rest by edit distance, at most `limit` of them', () => {
    expect(nearNames('OC-DELETE-2O4', ids, 1)).toEqual(['OC-DELETE-204']);
    expect(nearNames('OC-LIST-20', ids)).toHaveLength(3);
  });
});
