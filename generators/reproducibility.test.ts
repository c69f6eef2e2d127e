import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseById, invalidCases, validCases } from './index.ts';
import { NOW, TARGETS } from './test-support.ts';

function serialise(seed: number, now = NOW): string {
  return TARGETS.flatMap(({ apiVersion, operation }) => [
    ...validCases({ seed, apiVersion, operation, now }),
    ...invalidCases({ seed, apiVersion, operation, now }),
  ])
    .map((c) => JSON.stringify(c))
    .join('\n');
}

describe('reproducibility', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('builds the same bytes from the same seed and now', () => {
    const first = serialise(7);
    expect(serialise(7)).toBe(first);
    expect(first.length).toBeGreaterThan(1_000_000);
  });

  it('never reads the clock: only now moves time-relative values', () => {
    const today = serialise(8);
    vi.useFakeTimers({ now: Date.parse('2041-06-30T23:59:59Z') });
    expect(serialise(8)).toBe(today);
  });

  it('builds different contacts from different seeds', () => {
    const a = validCases({ seed: 1, apiVersion: 'v2.1', now: NOW });
    const b = validCases({ seed: 2, apiVersion: 'v2.1', now: NOW });
    const same = a.filter(
      (c, i) => c.strategy !== 'minimal' && JSON.stringify(c.payload) === JSON.stringify(b[i]?.payload),
    );
    expect(same.map((c) => c.id)).toEqual([]);
  });

  it('moves only the time-relative values with now', () => {
    const later = NOW + 86_400_000;
    const at = (now: number) => caseById({ seed: 7, apiVersion: 'v2.1', now, id: 'dateOfBirth.second-ago' });
    expect(at(NOW)?.payload).toMatchObject({ dateOfBirth: '2026-11-23T11:59:59.000Z' });
    expect(at(later)?.payload).toMatchObject({ dateOfBirth: '2026-11-24T11:59:59.000Z' });
    expect(at(later)?.now).toBe('2026-11-24T12:00:00.000Z');
    const names = (now: number) => {
      const payload = (caseById({ seed: 7, apiVersion: 'v2.1', now, id: 'title.Dr' })?.payload ??
        {}) as Record<string, unknown>;
      return [payload.firstName, payload.lastName, payload.emails];
    };
    expect(names(later)).toEqual(names(NOW));
  });

  it('rebuilds every case alone by its id, identical to the full run', () => {
    for (const { apiVersion, operation } of TARGETS) {
      const run = [
        ...validCases({ seed: 7, apiVersion, operation, now: NOW }),
        ...invalidCases({ seed: 7, apiVersion, operation, now: NOW }),
      ];
      for (const c of run) {
        expect(JSON.stringify(caseById({ seed: 7, apiVersion, operation, now: NOW, id: c.id })), c.id).toBe(
          JSON.stringify(c),
        );
      }
    }
  });

  it('keeps a case the same whatever the run size', () => {
    const small = validCases({ seed: 5, apiVersion: 'v2', now: NOW, count: 330 });
    const large = validCases({ seed: 5, apiVersion: 'v2', now: NOW, count: 400 });
    expect(large.slice(0, 330)).toEqual(small);
    expect(caseById({ seed: 5, apiVersion: 'v2', now: NOW, id: 'random.80' })).toEqual(
      large.find((c) => c.id === 'random.80'),
    );
  });

  it('finds nothing for an unknown id, or for a case of another version', () => {
    expect(caseById({ seed: 7, apiVersion: 'v2.1', now: NOW, id: 'no.such-case' })).toBeUndefined();
    expect(caseById({ seed: 7, apiVersion: 'v2', now: NOW, id: 'dateOfBirth.future-1s' })).toBeUndefined();
    expect(caseById({ seed: 7, apiVersion: 'v2.1', now: NOW, id: 'guest.link' })).toBeUndefined();
  });
});
