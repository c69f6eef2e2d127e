import { describe, expect, it } from 'vitest';
import { checkedRules } from '../../checks/check-result.ts';
import { expectStatus } from '../../checks/responses.ts';
import { ruleCheck } from '../../checks/violation-builder.ts';
import type { Exchange } from '../../lib/exchange.ts';
import { isSelected, RuleRecorder } from './recorder.ts';

function exchange(id: string, status: number, operation = 'createOrderContact', attempts = 1): Exchange {
  return {
    id,
    operation,
    request: { method: 'POST', url: 'http://127.0.0.1/v2.1/orders/x/contacts', headers: {} },
    response: { status, headers: { 'content-type': 'application/json' }, body: '{"ref":"a"}' },
    json: { ref: 'a' },
    startedAt: '2026-11-23T12:00:00.000Z',
    durationMs: 1,
    attempts,
    retryReasons: attempts > 1 ? ['503'] : [],
  };
}

describe('RuleRecorder', () => {
  it('counts each exchange once per rule and keeps violations with their rule', () => {
    const recorder = new RuleRecorder('v2.1');
    const ex = recorder.exchange(exchange('x-1', 200));
    recorder.check(
      ex,
      expectStatus(
        'OC-CREATE-201',
        { apiVersion: 'v2.1', operation: 'createOrderContact', exchange: ex },
        [201],
      ),
    );
    recorder.check(ex, checkedRules('OC-CREATE-201'));
    const created = recorder.observations().find((o) => o.rule === 'OC-CREATE-201');
    expect(created).toMatchObject({ exchanges: 1, operations: ['createOrderContact'] });
    expect(created?.violations).toHaveLength(1);
    expect(recorder.failing(false).map((v) => v.rule)).toEqual(['OC-CREATE-201']);
  });

  it('runs the universal checks on every exchange: a 5xx is a violation of OC-NO-5XX', () => {
    const recorder = new RuleRecorder('v2');
    recorder.exchange(exchange('x-2', 500));
    expect(recorder.observations().find((o) => o.rule === 'OC-NO-5XX')?.violations).toHaveLength(1);
  });

  it('fails SHOULD violations only when strict', () => {
    const recorder = new RuleRecorder('v2.1');
    const ex = recorder.exchange(exchange('x-3', 200, 'replaceOrderContact'));
    recorder.check(
      ex,
      ruleCheck('OC-UPDATE-STATUS', { apiVersion: 'v2.1', operation: 'replaceOrderContact', exchange: ex }, [
        { received: 'status 202', expected: 'status 200 or 201' },
      ]),
    );
    expect(recorder.failing(false)).toEqual([]);
    expect(recorder.failing(true).map((v) => v.rule)).toEqual(['OC-UPDATE-STATUS']);
  });

  it('drops rules that do not apply to the version, and rules --only did not select', () => {
    const v2 = new RuleRecorder('v2');
    v2.check(exchange('x-4', 201), checkedRules('OC-DOB-PAST'));
    expect(v2.observations().map((o) => o.rule)).not.toContain('OC-DOB-PAST');
    const only = new RuleRecorder('v2.1', ['paging']);
    only.check(exchange('x-5', 201), checkedRules('OC-CREATE-201'));
    only.check(exchange('x-6', 200, 'retrieveOrderContacts'), checkedRules('OC-PAGING-LIMIT'));
    expect(only.observations().map((o) => o.rule)).toEqual(['OC-PAGING-LIMIT']);
    expect(isSelected('OC-PAGING-LIMIT', ['OC-PAGING-LIMIT'])).toBe(true);
  });

  it('keeps a skip reason only while nothing checked the rule, and counts retried exchanges', () => {
    const recorder = new RuleRecorder('v2.1');
    recorder.skip('OC-PAGING-OFFSET', 'one contact per order');
    expect(recorder.observations()[0]).toMatchObject({
      rule: 'OC-PAGING-OFFSET',
      exchanges: 0,
      skipped: 'one contact per order',
    });
    recorder.check(exchange('x-7', 200, 'retrieveOrderContacts', 2), checkedRules('OC-PAGING-OFFSET'));
    expect(recorder.observations()[0]).toMatchObject({ exchanges: 1, retriedExchanges: 1 });
    expect(recorder.observations()[0]?.skipped).toBeUndefined();
  });

  it('records the response shapes, and the fields the contract does not know', () => {
    const recorder = new RuleRecorder('v2.1');
    recorder.exchange({ ...exchange('x-8', 201), json: { ref: 'a', loyaltyTier: 'gold' } });
    expect(recorder.shapes()).toEqual([
      {
        apiVersion: 'v2.1',
        operation: 'createOrderContact',
        status: 201,
        fields: ['loyaltyTier', 'ref'],
        unknownFields: ['loyaltyTier'],
      },
    ]);
  });

  it('counts a rule a violation names though no result named it, and drops a violation of a rule not in the version', () => {
    const recorder = new RuleRecorder('v2');
    const ex = recorder.exchange(exchange('x-9', 201));
    const at = { apiVersion: 'v2' as const, operation: 'createOrderContact', exchange: ex };
    const kept = recorder.check(ex, {
      rules: ['OC-CREATE-ECHO'],
      violations: [
        ruleCheck('OC-UNICODE-ECHO', at, [{ received: 'Zoe', expected: 'Zoë' }]).violations,
      ].flat(),
    });
    expect(kept.map((v) => v.rule)).toEqual(['OC-UNICODE-ECHO']);
    expect(recorder.observations().find((o) => o.rule === 'OC-UNICODE-ECHO')).toMatchObject({ exchanges: 1 });
    expect(recorder.observations().find((o) => o.rule === 'OC-CREATE-ECHO')).toMatchObject({ exchanges: 1 });
  });

  it('turns the results of a not-sent exchange into skips of every rule they name', () => {
    const recorder = new RuleRecorder('v2.1');
    const notSent: Exchange = {
      ...exchange('x-10', 201),
      error: { kind: 'not-sent', message: 'the run gave up on the target' },
    };
    const { response: _, ...unsent } = notSent;
    const at = { apiVersion: 'v2.1' as const, operation: 'createOrderContact', exchange: unsent };
    expect(
      recorder.check(unsent, expectStatus('OC-CREATE-201', at, [201]), checkedRules('OC-HREF-SELF')),
    ).toEqual([]);
    expect(recorder.observations()).toEqual([
      expect.objectContaining({
        rule: 'OC-CREATE-201',
        exchanges: 0,
        skipped: 'the run gave up on the target',
      }),
      expect.objectContaining({
        rule: 'OC-HREF-SELF',
        exchanges: 0,
        skipped: 'the run gave up on the target',
      }),
    ]);
  });

  it('takes only catalogue rule ids', () => {
    const recorder = new RuleRecorder('v2.1');
    // @ts-expect-error: a mistyped rule id is not a RuleId
    expect(() => recorder.skip('OC-CREAT-201', 'typo')).toThrow(/OC-CREAT-201/);
    // @ts-expect-error: checks name their rules with RuleIds too
    expect(() => expectStatus('OC-CREATE-2O1', { apiVersion: 'v2.1', operation: 'x' }, [201])).toThrow();
  });
});
