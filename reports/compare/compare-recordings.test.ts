import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { harOf } from '../testing/har-builder.ts';
import { lifecycle } from '../testing/lifecycle-recording.ts';
import { type CompareRecordingsInput, compareRecordings } from './compare-recordings.ts';
import { parseHar } from './har.ts';

const RULES = [
  {
    id: 'OC-CREATE-201',
    title: 'Create answers 201',
    category: 'status',
    source: 'x',
    levels: { 'v2.1': 'MUST' as const },
    operations: ['createOrderContact'],
  },
  {
    id: 'OC-DOB-FORMAT',
    title: 'dateOfBirth is ISO 8601',
    category: 'input',
    source: 'x',
    levels: { 'v2.1': 'SHOULD' as const },
    operations: ['createOrderContact'],
  },
];
const CAPABILITIES = [
  { id: 'state', title: 'State', lacking: 'x', hint: 'x', rules: ['OC-CREATE-201'] },
  { id: 'input-validation', title: 'Input validation', lacking: 'x', hint: 'x', rules: ['OC-DOB-FORMAT'] },
];

const input = (reference: object, candidate: object, minFidelity = 1): CompareRecordingsInput => ({
  reference: {
    label: 'reference',
    har: 'reference.har',
    recording: parseHar(JSON.stringify(reference), 'r', 'r'),
  },
  candidate: {
    label: 'candidate',
    har: 'candidate.har',
    recording: parseHar(JSON.stringify(candidate), 'c', 'c'),
  },
  mode: 'recordings',
  minFidelity,
  rules: RULES,
  capabilities: CAPABILITIES,
  tool: { name: 'order-contact-conformance', version: '0.1.0' },
});

describe('compareRecordings', () => {
  it('finds the same run against two targets (their own refs, hosts, run ids, clocks and retries) equivalent: fidelity 1', () => {
    const report = compareRecordings(input(lifecycle(4001), lifecycle(4002, {}, '2026-12-05T08:30:00.000Z')));
    expect(report.differences).toEqual([]);
    expect(report.unpaired).toEqual([]);
    expect(report.summary).toMatchObject({ exchanges: 5, paired: 5, equivalent: 5 });
    expect(report.fidelity).toBe(1);
    expect(report.passed).toBe(true);
  });

  it('reports a changed status on its operation, and only there', () => {
    const report = compareRecordings(input(lifecycle(4001), lifecycle(4002, { createStatus: 200 })));
    expect(report.differences.map((d) => [d.kind, d.operation, d.reference, d.candidate])).toEqual([
      ['status', 'createOrderContact', '201', '200'],
    ]);
    expect(report.differences[0]?.rules).toEqual([
      { id: 'OC-CREATE-201', level: 'MUST', title: 'Create answers 201' },
    ]);
    expect(report.differences[0]?.capabilities).toEqual(['state']);
    expect(report.fidelity).toBe(4 / 5);
    expect(report.passed).toBe(false);
    expect(report.operations[0]).toMatchObject({ operation: 'createOrderContact', paired: 2, equivalent: 1 });
  });

  it('reports an extra field as a shape difference at its pointer, on every answer that has it', () => {
    const report = compareRecordings(input(lifecycle(4001), lifecycle(4002, { extraField: true })));
    expect(report.differences.map((d) => [d.kind, d.detail, d.operation, d.at])).toEqual([
      ['shape', 'extra', 'createOrderContact', '/loyaltyTier'],
      ['shape', 'extra', 'retrieveOrderContact', '/loyaltyTier'],
    ]);
    expect(report.summary.differences.shape).toBe(2);
  });

  it('reports a strictness difference: the candidate accepts what the reference refuses, with the rule and its level', () => {
    const report = compareRecordings(input(lifecycle(4001), lifecycle(4002, { invalidStatus: 201 })));
    expect(report.differences).toHaveLength(1);
    expect(report.differences[0]).toMatchObject({
      kind: 'strictness',
      detail: 'refused by the reference',
      operation: 'createOrderContact',
      reference: '400',
      candidate: '201',
      rules: [{ id: 'OC-DOB-FORMAT', level: 'SHOULD' }],
      capabilities: ['input-validation'],
    });
    expect(report.differences[0]?.text).toContain('OC-DOB-FORMAT SHOULD');
    expect(report.capabilities).toEqual([
      { id: 'input-validation', title: 'Input validation', differences: 1, exchanges: 1 },
    ]);
  });

  it('reports gzip against identity as a content-encoding difference (bodies compared decoded: nothing else)', () => {
    const report = compareRecordings(input(lifecycle(4001), lifecycle(4002, { encoding: 'gzip' })));
    expect(report.differences.map((d) => [d.kind, d.detail, d.reference, d.candidate])).toEqual([
      ['header', 'content-encoding', 'identity', 'gzip'],
    ]);
  });

  it('takes media-type parameters in any case and order, but not another media type', () => {
    const same = compareRecordings(
      input(
        lifecycle(4001, { contentType: 'application/json;charset=utf-8' }),
        lifecycle(4002, { contentType: 'application/json; charset=UTF-8' }),
      ),
    );
    expect(same.differences).toEqual([]);
    const other = compareRecordings(input(lifecycle(4001), lifecycle(4002, { contentType: 'text/plain' })));
    expect(other.differences.map((d) => [d.kind, d.detail, d.candidate])).toEqual([
      ['header', 'content-type', 'text/plain'],
    ]);
  });

  it('lists an exchange of one side without a counterpart as unpaired, against fidelity', () => {
    const report = compareRecordings(input(lifecycle(4001), lifecycle(4002, { dropRetrieve: true })));
    expect(report.differences).toEqual([]);
    expect(report.unpaired).toEqual([
      expect.objectContaining({
        side: 'reference',
        exchange: 'x-000003',
        operation: 'retrieveOrderContact',
        path: expect.stringMatching(
          /^\/v2\.1\/orders\/<ref:createOrder:[0-9a-f]{8}\/href>\/contacts\/<ref:createOrderContact:[0-9a-f]{8}\/href>$/,
        ),
        status: 200,
      }),
    ]);
    expect(report.fidelity).toBe(4 / 5);
  });

  it('reads refs in any letter case as the same ref', () => {
    const report = compareRecordings(input(lifecycle(4001), lifecycle(4002, { upperCaseRefs: true })));
    expect(report.differences).toEqual([]);
    expect(report.fidelity).toBe(1);
  });

  it('finds a date answered as another instant, and nothing else', () => {
    const reference = lifecycle(4001);
    const candidate = JSON.parse(JSON.stringify(lifecycle(4002))) as {
      log: { entries: { _occ: { exchangeId: string }; response: { content: { text: string } } }[] };
    };
    for (const entry of candidate.log.entries.filter((e) => e._occ.exchangeId === 'x-000003'))
      entry.response.content.text = entry.response.content.text.replace('1985-12-24T00', '1985-12-23T00');
    const report = compareRecordings(input(reference, candidate));
    expect(report.differences.map((d) => [d.kind, d.operation, d.at, d.reference, d.candidate])).toEqual([
      ['value', 'retrieveOrderContact', '/dateOfBirth', '<date:past>', '<timestamp>'],
    ]);
  });

  it('pairs cases that landed on other lane orders, and keeps seeded identifier ids as sent', () => {
    const seeded = '3b241101-e2bb-4255-8caf-4136c566a962';
    const run = (port: number, lanes: readonly [number, number]) => {
      const runId = `20261204T1000-${port}`;
      const orders = [randomUUID(), randomUUID()];
      const orderCreates = ['home-v2.1', 'lane-1'].map((purpose, i) => ({
        id: `x-${i}`,
        stage: 'suites' as const,
        test: 'valid.conformance.ts > valid > cases',
        operation: 'createOrder',
        method: 'POST',
        path: '/v2.1/orders',
        body: { referenceId: `occ-run-${runId}-${purpose}` },
        status: 201,
        responseBody: { ref: orders[i] },
      }));
      const cases = ['Ada', 'Grace'].map((firstName, i) => {
        const contact = randomUUID();
        const body = { firstName, identifiers: [{ provider: 'ProfileSystem', id: seeded }] };
        return {
          id: `x-${i + 2}`,
          test: 'valid.conformance.ts > valid > cases',
          operation: 'createOrderContact',
          method: 'POST',
          path: `/v2.1/orders/${orders[lanes[i] ?? 0]}/contacts`,
          body,
          status: 201,
          responseBody: {
            ...body,
            ref: contact,
            order: { href: `http://127.0.0.1:${port}/v2.1/orders/${orders[lanes[i] ?? 0]}` },
          },
        };
      });
      return harOf({ runId, baseUrl: `http://127.0.0.1:${port}` }, [...orderCreates, ...cases]);
    };
    const report = compareRecordings(input(run(4001, [0, 1]), run(4002, [1, 0])));
    expect(report.differences).toEqual([]);
    expect(report.summary).toMatchObject({ paired: 4, equivalent: 4 });
    const tampered = JSON.parse(JSON.stringify(run(4002, [1, 0])).replaceAll(seeded, randomUUID())) as object;
    expect(compareRecordings(input(run(4001, [0, 1]), tampered)).summary.unpairedCandidate).toBe(2);
  });

  it('pairs sends of the same request by their answers first: concurrency changed the order they went in', () => {
    const order = '6a1b2c3d-0000-4000-8000-000000000001';
    // Two identical list requests sent at once, before and after a write landed: each side saw them in another order.
    const run = (port: number, totals: readonly [number, number]) =>
      harOf(
        { runId: `20261204T1000-${port}`, baseUrl: `http://127.0.0.1:${port}` },
        totals.map((total, i) => ({
          id: `x-${i}`,
          test: 'paging.conformance.ts > paging > pages at once',
          sequence: i,
          operation: 'retrieveOrderContacts',
          method: 'GET',
          path: `/v2.1/orders/${order}/contacts?limit=1`,
          status: 200,
          responseBody: { items: [], total },
        })),
      );
    const report = compareRecordings(input(run(4001, [1, 2]), run(4002, [2, 1])));
    expect(report.differences).toEqual([]);
    expect(report.summary).toMatchObject({ paired: 2, equivalent: 2 });
    // Answers no send of the other side got are still differences.
    expect(compareRecordings(input(run(4001, [1, 2]), run(4002, [2, 3]))).summary.equivalent).toBe(1);
  });

  it('labels a guest two concurrent creates resolve to the same way, whichever answered first', () => {
    const order = '6a1b2c3d-0000-4000-8000-000000000002';
    const run = (port: number, firstName: 'Ada' | 'Grace') => {
      const guest = randomUUID();
      const base = `http://127.0.0.1:${port}`;
      const create = (name: string, at: string) => ({
        id: `x-${name}`,
        test: 'valid.conformance.ts > valid > every gender',
        operation: 'createOrderContact',
        method: 'POST',
        path: `/v2.1/orders/${order}/contacts`,
        body: { firstName: name, email: 'same@example.com' },
        status: 201,
        startedAt: at,
        responseBody: { firstName: name, ref: randomUUID(), guest: { href: `${base}/v2.1/guests/${guest}` } },
      });
      const [early, late] = firstName === 'Ada' ? ['Ada', 'Grace'] : ['Grace', 'Ada'];
      return harOf({ runId: `20261204T1000-${port}`, baseUrl: base }, [
        create(early, '2026-12-04T10:00:01.000Z'),
        create(late, '2026-12-04T10:00:01.005Z'),
      ]);
    };
    const report = compareRecordings(input(run(4001, 'Ada'), run(4002, 'Grace')));
    expect(report.differences).toEqual([]);
    expect(report.summary).toMatchObject({ paired: 2, equivalent: 2 });
  });

  it("takes createdAt and modifiedAt as the target's own timestamps, even when one equals a date a request sent", () => {
    const contact = (port: number, modifiedAt: string) =>
      harOf({ runId: `20261204T1000-${port}`, baseUrl: `http://127.0.0.1:${port}` }, [
        {
          id: 'x-0',
          test: 'edges.conformance.ts > edges > kept',
          operation: 'createOrderContact',
          method: 'POST',
          path: '/v2.1/orders/6a1b2c3d-0000-4000-8000-000000000001/contacts',
          body: { firstName: 'Ada', passportExpiry: '2030-01-01T00:00:00.000Z' },
          status: 201,
          responseBody: { firstName: 'Ada', passportExpiry: '2030-01-01T00:00:00.000Z', modifiedAt },
        },
      ]);
    const report = compareRecordings(
      input(contact(4001, '2030-01-01T00:00:00.000Z'), contact(4002, '2026-12-04T10:00:01.000Z')),
    );
    expect(report.differences).toEqual([]);
  });

  it('says fidelity 0 and does not pass when there is nothing to compare', () => {
    const empty = harOf({ runId: 'r', baseUrl: 'http://127.0.0.1:1' }, []);
    const report = compareRecordings(input(empty, empty, 0));
    expect(report.fidelity).toBe(0);
    expect(report.passed).toBe(false);
    expect(report.notes).toContain('Neither recording holds a final exchange: there was nothing to compare.');
  });
});
