import { describe, expect, it } from 'vitest';
import type { PactResult } from './model.ts';
import { pactRuleResults } from './pact-results.ts';

const base: PactResult = {
  interaction: 'create a contact and expect 200',
  apiVersion: 'v2.1',
  operation: 'createOrderContact',
  passed: true,
  mismatches: [],
};

describe('Pact results as rule results', () => {
  it('fails an interaction the Verifier passed on a MUST finding of the contract cross-check, naming its rule', () => {
    const [result] = pactRuleResults(
      [
        {
          ...base,
          passed: false,
          contractFindings: [
            { rule: 'OC-CREATE-201', level: 'MUST', message: 'Received: status 200 / Expected: 201' },
          ],
        },
      ],
      false,
    );
    expect(result?.status).toBe('failed');
    expect(result?.violations.map((v) => v.message)).toEqual([
      'contract cross-check (OC-CREATE-201): Received: status 200 / Expected: 201',
    ]);
  });

  it('keeps a SHOULD finding a warning, lowered from the interaction’s MUST', () => {
    const [result] = pactRuleResults(
      [{ ...base, contractFindings: [{ level: 'SHOULD', message: 'Received: 400 / Expected: a reason' }] }],
      false,
    );
    expect(result?.status).not.toBe('failed');
    expect(result?.violations[0]).toMatchObject({ level: 'SHOULD', ruleLevel: 'MUST' });
  });
});
