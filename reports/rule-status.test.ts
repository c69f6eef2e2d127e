import { describe, expect, it } from 'vitest';
import { NOT_CHECKED, type RuleStatusInput, ruleStatus } from './rule-status.ts';

const base: RuleStatusInput = {
  level: 'MUST',
  strict: false,
  violations: 0,
  exchanges: 4,
  retriedExchanges: 0,
  skipReasons: [],
};

describe('ruleStatus', () => {
  it('fails a MUST rule with a violation', () => {
    expect(ruleStatus({ ...base, violations: 1 }).status).toBe('failed');
  });

  it('warns on a SHOULD rule with a violation', () => {
    expect(ruleStatus({ ...base, level: 'SHOULD', violations: 3 }).status).toBe('warned');
  });

  it('fails a SHOULD rule with a violation in strict mode', () => {
    expect(ruleStatus({ ...base, level: 'SHOULD', strict: true, violations: 1 }).status).toBe('failed');
  });

  it('fails a rule with a violation even when no exchange was counted', () => {
    expect(ruleStatus({ ...base, violations: 1, exchanges: 0 }).status).toBe('failed');
  });

  it('passes a rule that exchanges checked without a violation', () => {
    expect(ruleStatus(base)).toEqual({ status: 'passed', passedAfterRetries: false });
  });

  it('never passes a rule without an exchange', () => {
    expect(ruleStatus({ ...base, exchanges: 0 })).toEqual({
      status: 'skipped',
      reason: NOT_CHECKED,
      passedAfterRetries: false,
    });
  });

  it('skips with the reasons the tests gave, each once', () => {
    const outcome = ruleStatus({
      ...base,
      exchanges: 0,
      skipReasons: ['read-only mode', 'read-only mode', 'no v2 order'],
    });
    expect(outcome).toEqual({
      status: 'skipped',
      reason: 'read-only mode; no v2 order',
      passedAfterRetries: false,
    });
  });

  it('says so when a pass needed retries', () => {
    const outcome = ruleStatus({ ...base, exchanges: 4, retriedExchanges: 1 });
    expect(outcome.status).toBe('passed');
    expect(outcome.passedAfterRetries).toBe(true);
    expect(outcome.reason).toBe('passed, but 1 of the 4 exchanges that checked it needed a retry');
  });

  it('says a rule passed only after retries when every exchange needed one', () => {
    expect(ruleStatus({ ...base, exchanges: 2, retriedExchanges: 2 }).reason).toBe(
      'passed only after retries: all 2 exchanges that checked it needed a retry',
    );
  });

  it('makes a rule whose every exchange had no usable answer inconclusive, with how many and why', () => {
    expect(
      ruleStatus({
        ...base,
        exchanges: 3,
        inconclusiveExchanges: 3,
        inconclusiveReasons: ['timeout', 'reset', 'timeout'],
      }),
    ).toEqual({
      status: 'inconclusive',
      reason: 'inconclusive: none of the 3 exchanges that checked it got a usable answer (reset; timeout)',
      passedAfterRetries: false,
    });
  });

  it('passes with one usable exchange, and fails on a violation whatever the unusable ones', () => {
    expect(ruleStatus({ ...base, exchanges: 3, inconclusiveExchanges: 2 }).status).toBe('passed');
    expect(ruleStatus({ ...base, exchanges: 3, inconclusiveExchanges: 3, violations: 1 }).status).toBe(
      'failed',
    );
  });

  it('warns on a MUST rule whose every violation an inferred premise lowered, unless strict', () => {
    const lowered = { ...base, violations: 2, loweredViolations: 2 };
    expect(ruleStatus(lowered)).toMatchObject({ status: 'warned' });
    expect(ruleStatus(lowered).reason).toContain('(the rule itself is MUST)');
    expect(ruleStatus({ ...lowered, strict: true }).status).toBe('failed');
    expect(ruleStatus({ ...lowered, loweredViolations: 1 }).status).toBe('failed');
  });

  it('says so when a pass needed its reads to settle', () => {
    expect(ruleStatus({ ...base, settledExchanges: 2, settleMs: 319.6 })).toEqual({
      status: 'passed',
      reason: 'passed after settling: 2 reads showed the write only after re-reading (longest 320 ms)',
      passedAfterRetries: false,
      passedAfterSettling: true,
    });
  });

  it("is inconclusive, not passed on the other tests' evidence, when a set-up its test needed failed", () => {
    const outcome = ruleStatus({
      ...base,
      exchanges: 4,
      setupFailures: ['replaceOrderContact: the contact could not be created (status 400)'],
    });
    expect(outcome.status).toBe('inconclusive');
    expect(outcome.reason).toBe(
      'inconclusive: a set-up its test needed failed (replaceOrderContact: the contact could not be created (status 400)); the 4 exchanges that did check it found no violation, which is less than its evidence',
    );
    expect(ruleStatus({ ...base, exchanges: 4, violations: 1, setupFailures: ['x'] }).status).toBe('failed');
  });
});
