import { describe, expect, it } from 'vitest';
import { allMismatches, mismatchesByInteraction, onlyTransportFailures } from './verifier-result.ts';

const result = (errors: unknown[]) => JSON.stringify({ result: false, errors });

describe('the Verifier result', () => {
  it('turns each mismatch into a text with its path', () => {
    const json = result([
      {
        interaction: 'Given x - v2.1: a request',
        mismatch: {
          type: 'mismatches',
          mismatches: [{ type: 'BodyMismatch', path: '$.ref', mismatch: 'Expected a ref' }],
        },
      },
    ]);
    expect(mismatchesByInteraction(json).get('Given x - v2.1: a request')).toEqual([
      'BodyMismatch at $.ref: Expected a ref',
    ]);
    expect(allMismatches(json)).toEqual(['BodyMismatch at $.ref: Expected a ref']);
  });

  it('keeps a text that is not JSON whole, and reads a passing JSON result as no mismatch', () => {
    expect(allMismatches('Verification failed: boom')).toEqual(['Verification failed: boom']);
    expect(allMismatches(JSON.stringify({ result: true, errors: [] }))).toEqual([]);
  });

  it('tells a provider it could not reach from one that answered wrongly', () => {
    expect(
      onlyTransportFailures(['Request to provider failed - error sending request: connection reset']),
    ).toBe(true);
    expect(onlyTransportFailures(['StatusMismatch: expected 200 but was 500'])).toBe(false);
    expect(
      onlyTransportFailures(['error sending request: operation timed out', 'StatusMismatch: expected 200']),
    ).toBe(false);
    expect(onlyTransportFailures([])).toBe(false);
  });
});
