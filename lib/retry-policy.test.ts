import { describe, expect, it } from 'vitest';
import { isIdempotent, parseRetryAfter, retryDecision, retryDelayMs } from './retry-policy.ts';

const NOW = Date.parse('2026-01-10T12:00:00Z');
const backoff = { baseMs: 200, maxMs: 5_000 };

describe('retryDecision', () => {
  it.each([
    ['GET', 503, true],
    ['POST', 503, true],
    ['POST', 429, true],
    ['GET', 502, true],
    ['POST', 502, false],
    ['PATCH', 504, false],
    ['DELETE', 504, true],
    ['PUT', 502, true],
    ['GET', 500, false],
    ['GET', 404, false],
    ['POST', 201, false],
  ])('retries %s on %i: %s', (method, status, retry) => {
    expect(retryDecision(method, { status }, NOW).retry).toBe(retry);
  });

  it.each([
    ['GET', 'ECONNRESET', 'maybe', true],
    ['POST', 'ECONNRESET', 'maybe', false],
    ['POST', 'ECONNREFUSED', 'no', true],
    ['POST', 'UND_ERR_CONNECT_TIMEOUT', 'no', true],
    ['POST', 'timeout', 'maybe', false],
    ['DELETE', 'timeout', 'maybe', true],
    ['GET', 'TOO_LARGE', 'maybe', false],
    ['GET', 'HPE_INVALID_CONSTANT', 'maybe', false],
  ] as const)('retries %s after %s (sent: %s): %s', (method, code, sent, retry) => {
    const error = code === 'timeout' ? 'timeout' : 'connection';
    expect(retryDecision(method, { error, code, sent }, NOW).retry).toBe(retry);
  });

  it('never retries what the caller aborted', () => {
    expect(retryDecision('GET', { error: 'aborted', code: 'timeout', sent: 'no' }, NOW).retry).toBe(false);
  });

  it('names the Retry-After in the reason', () => {
    expect(retryDecision('GET', { status: 429, retryAfter: '2' }, NOW)).toEqual({
      retry: true,
      reason: '429 Retry-After 2s',
      retryAfterMs: 2000,
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter(' 7 ', NOW)).toBe(7000);
  });

  it('reads an IMF-fixdate relative to now, never negative', () => {
    expect(parseRetryAfter('Sat, 10 Jan 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Sat, 10 Jan 2026 11:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores what is neither', () => {
    for (const value of [undefined, '', '-1', '1.5', 'soon', '2026-01-10T12:00:30Z']) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });
});

describe('retryDelayMs', () => {
  it('grows the jitter ceiling exponentially up to the maximum', () => {
    const top = () => 0.999_999;
    expect(retryDelayMs(0, { retry: true, reason: '503' }, backoff, 30_000, top)).toBe(199);
    expect(retryDelayMs(3, { retry: true, reason: '503' }, backoff, 30_000, top)).toBe(1599);
    expect(retryDelayMs(10, { retry: true, reason: '503' }, backoff, 30_000, top)).toBe(4999);
  });

  it('draws the whole range from zero (full jitter)', () => {
    expect(retryDelayMs(2, { retry: true, reason: '503' }, backoff, 30_000, () => 0)).toBe(0);
    expect(retryDelayMs(2, { retry: true, reason: '503' }, backoff, 30_000, () => 0.5)).toBe(400);
  });

  it('uses the Retry-After, capped, instead of backoff', () => {
    const decision = { retry: true, reason: '429', retryAfterMs: 90_000 };
    expect(retryDelayMs(0, decision, backoff, 30_000, () => 0)).toBe(30_000);
    expect(retryDelayMs(0, { ...decision, retryAfterMs: 1_000 }, backoff, 30_000, () => 0)).toBe(1_000);
  });
});

describe('isIdempotent', () => {
  it('treats POST and PATCH as unsafe to repeat', () => {
    expect(['get', 'PUT', 'DELETE', 'HEAD'].map(isIdempotent)).toEqual([true, true, true, true]);
    expect(['POST', 'patch'].map(isIdempotent)).toEqual([false, false]);
  });
});
