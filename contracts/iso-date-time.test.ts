import { describe, expect, it } from 'vitest';
import { isIsoDateTime, isoToEpochMs } from './iso-date-time.ts';

describe('isIsoDateTime', () => {
  it.each([
    '1985-12-24T00:00Z',
    '1991-01-01T16:17:16Z',
    '2025-10-28T00:00:00.000Z',
    '2000-02-29T12:00:00+05:30',
    '1990-06-01T00:00:00-0800',
    '1900-01-01',
  ])('accepts the ISO 8601 value %s', (value) => {
    expect(isIsoDateTime(value)).toBe(true);
  });

  it.each([
    '01/01/1991',
    '1990-02-30',
    '1900-02-29T00:00Z',
    '1990-13-01',
    '1990-01-01T24:00Z',
    '1990-01-01T10:00:00',
    'yesterday',
    '',
    '1990-1-1',
  ])('rejects %j', (value) => {
    expect(isIsoDateTime(value)).toBe(false);
  });
});

describe('isoToEpochMs', () => {
  it('reads a bare date as midnight UTC', () => {
    expect(isoToEpochMs('1900-01-01')).toBe(Date.UTC(1900, 0, 1));
  });

  it('applies an offset without a colon', () => {
    expect(isoToEpochMs('1990-06-01T00:00:00-0800')).toBe(Date.UTC(1990, 5, 1, 8));
  });

  it('is NaN for a value that is not ISO 8601', () => {
    expect(isoToEpochMs('01/01/1991')).toBeNaN();
  });
});
