import { describe, expect, it } from 'vitest';
import { expectStatus } from '../../checks/responses.ts';
import type { Exchange } from '../../lib/exchange.ts';
import { RuleRecorder } from './recorder.ts';
import { settle } from './settle.ts';

const request = { method: 'POST', url: 'http://127.0.0.1/v2.1/orders/x/contacts', headers: {} };
const base = {
  operation: 'createOrderContact',
  request,
  startedAt: '2026-12-02T12:00:00.000Z',
  durationMs: 1,
};

function answered(id: string, status: number, attempts = 1): Exchange {
  return {
    ...base,
    id,
    response: { status, headers: { 'content-type': 'application/json' }, body: '{}' },
    json: {},
    attempts,
    retryReasons: [],
  };
}

function unanswered(id: string, kind: 'timeout' | 'connection' | 'protocol'): Exchange {
  return { ...base, id, error: { kind, message: `${kind}: socket hang up` }, attempts: 4, retryReasons: [] };
}

const created = (recorder: RuleRecorder, exchange: Exchange) =>
  recorder.check(
    exchange,
    expectStatus('OC-CREATE-201', { apiVersion: 'v2.1', operation: 'createOrderContact', exchange }, [201]),
  );

describe('a verdict that means something', () => {
  it('never fails a rule on an exchange without a usable answer: the rule is inconclusive, with why', () => {
    const recorder = new RuleRecorder('v2.1');
    for (const exchange of [
      unanswered('a', 'connection'),
      unanswered('b', 'timeout'),
      unanswered('c', 'protocol'),
      answered('d', 503, 4),
      answered('e', 429, 4),
      answered('f', 502, 2),
    ])
      created(recorder, recorder.exchange(exchange));
    const observation = recorder.observations().find((o) => o.rule === 'OC-CREATE-201');
    expect(observation).toMatchObject({ exchanges: 6, inconclusiveExchanges: 6, violations: [] });
    expect(observation?.inconclusiveReasons).toEqual(
      expect.arrayContaining(['status 503 after 4 attempts', 'status 429 after 4 attempts']),
    );
    expect(recorder.failing(true)).toEqual([]);
    // The gateway's 502/503/429 are no finding of OC-NO-5XX either.
    expect(recorder.observations().find((o) => o.rule === 'OC-NO-5XX')?.violations).toEqual([]);
  });

  it('still fails OC-NO-5XX on a 500, and holds the rest of that exchange inconclusive', () => {
    const recorder = new RuleRecorder('v2.1');
    created(recorder, recorder.exchange(answered('a', 500)));
    const by = (rule: string) => recorder.observations().find((o) => o.rule === rule);
    expect(by('OC-NO-5XX')?.violations).toHaveLength(1);
    expect(by('OC-CREATE-201')).toMatchObject({ inconclusiveExchanges: 1, violations: [] });
  });

  it('fails a rule when one exchange answered and broke it, whatever the others', () => {
    const recorder = new RuleRecorder('v2.1');
    created(recorder, recorder.exchange(unanswered('a', 'connection')));
    created(recorder, recorder.exchange(answered('b', 200)));
    expect(recorder.failing(false).map((v) => v.rule)).toEqual(['OC-CREATE-201']);
  });

  it('never turns a finding on an inferred premise into a MUST one, and says why', () => {
    const recorder = new RuleRecorder('v2.1');
    const exchange = recorder.exchange(answered('a', 400));
    const because = 'dateOfBirth "1985-12-24" is date-only; the vendor shows only date-times';
    recorder.checkOnPremise(
      { level: 'inferred', because },
      exchange,
      expectStatus('OC-CREATE-201', { apiVersion: 'v2.1', operation: 'createOrderContact', exchange }, [201]),
    );
    const [finding] = recorder.observations().find((o) => o.rule === 'OC-CREATE-201')?.violations ?? [];
    expect(finding).toMatchObject({
      level: 'SHOULD',
      ruleLevel: 'MUST',
      premise: 'inferred',
      premiseNote: because,
    });
    expect(recorder.failing(false)).toEqual([]);
    // A documented premise keeps the rule's level.
    recorder.checkOnPremise(
      { level: 'documented' },
      exchange,
      expectStatus('OC-CREATE-201', { apiVersion: 'v2.1', operation: 'createOrderContact', exchange }, [201]),
    );
    expect(recorder.failing(false).map((v) => [v.rule, v.level])).toEqual([['OC-CREATE-201', 'MUST']]);
  });
});

describe('settle', () => {
  it('re-reads a lagging read until it shows the write, and says how long it took', async () => {
    let reads = 0;
    const started = Date.now();
    const result = await settle(
      2_000,
      async () => {
        reads += 1;
        return Date.now() - started >= 300;
      },
      (shown) => shown,
    );
    expect(result.settled).toBe(true);
    expect(result.waitedMs).toBeGreaterThanOrEqual(250);
    expect(reads).toBeGreaterThan(1);
  });

  it('gives up after the settle time on a read that never shows the write', async () => {
    const started = Date.now();
    const result = await settle(
      400,
      async () => false,
      (shown) => shown,
    );
    expect(result.settled).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('does not wait at all when the first read shows the write', async () => {
    const result = await settle(
      2_000,
      async () => true,
      (shown) => shown,
    );
    expect(result).toEqual({ value: true, waitedMs: 0, settled: true });
  });
});
