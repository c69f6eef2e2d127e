import { describe, expect, it } from 'vitest';
import { harEntries } from '../har/har-entries.ts';
import { createHarValidator } from './har-validator.ts';

const exchange = {
  id: 'x-1-ab-000001',
  operation: 'retrieveOrderContacts',
  request: { method: 'GET', url: 'http://127.0.0.1:1/v2/orders/o/contacts?limit=2', headers: {} },
  startedAt: '2026-12-04T04:00:00.000Z',
  durationMs: 3,
  attempts: 2,
  retryReasons: ['503'],
};
const attempts = [
  {
    startedAt: '2026-12-04T04:00:00.000Z',
    durationMs: 1.5,
    response: { status: 503, headers: {}, body: '' },
  },
  {
    startedAt: '2026-12-04T04:00:00.002Z',
    durationMs: 0.5,
    error: { kind: 'timeout' as const, message: 'late' },
  },
];

function har(entries: unknown[]): unknown {
  return { log: { version: '1.2', creator: { name: 'occ', version: '1' }, entries } };
}

describe('createHarValidator', () => {
  it('accepts the entries occ writes, an answered and an unanswered attempt', () => {
    const validate = createHarValidator();
    expect(validate(har(harEntries(exchange, attempts, { stage: 'suites', sequence: 0 })))).toEqual([]);
  });

  it('refuses a log without entries, and an entry without its timings or with a time that is not a number', () => {
    const validate = createHarValidator();
    const [entry] = harEntries(exchange, attempts, { stage: 'suites', sequence: 0 });
    const { timings: _timings, ...withoutTimings } = entry ?? {};
    expect(validate({ log: { version: '1.2', creator: { name: 'occ', version: '1' } } })).not.toEqual([]);
    expect(validate(har([withoutTimings]))).not.toEqual([]);
    expect(validate(har([{ ...entry, time: 'soon' }]))).not.toEqual([]);
  });
});
