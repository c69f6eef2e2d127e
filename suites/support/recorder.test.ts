import { describe, expect, it } from 'vitest';
import { violation } from '../../checks/violation-builder.ts';
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
    recorder.check('OC-CREATE-201', ex, [
      violation(
        'OC-CREATE-201',
        { apiVersion: 'v2.1', operation: 'createOrderContact', exchange: ex },
        'status 200',
        'status 201',
      ),
    ]);
    recorder.check('OC-CREATE-201', ex);
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
    recorder.check('OC-UPDATE-STATUS', ex, [
      violation(
        'OC-UPDATE-STATUS',
        { apiVersion: 'v2.1', operation: 'replaceOrderContact', exchange: ex },
        'status 202',
        'status 200 or 201',
      ),
    ]);
    expect(recorder.failing(false)).toEqual([]);
    expect(recorder.failing(true).map((v) => v.rule)).toEqual(['OC-UPDATE-STATUS']);
  });

  it('drops rules that do not apply to the version, and rules --only did not select', () => {
    const v2 = new RuleRecorder('v2');
    v2.check('OC-DOB-PAST', exchange('x-4', 201));
    expect(v2.observations().map((o) => o.rule)).not.toContain('OC-DOB-PAST');
    const only = new RuleRecorder('v2.1', ['paging']);
    only.check('OC-CREATE-201', exchange('x-5', 201));
    only.check('OC-PAGING-LIMIT', exchange('x-6', 200, 'retrieveOrderContacts'));
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
    recorder.check('OC-PAGING-OFFSET', exchange('x-7', 200, 'retrieveOrderContacts', 2));
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
});
