import { describe, expect, it } from 'vitest';
import { listDifference, pagesReadTheList } from './list.ts';

const context = { apiVersion: 'v2.1' as const, operation: 'retrieveOrderContacts' };
const refs = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`);

describe('list differences', () => {
  it('names what is missing, duplicated and extra, refs compared in any case', () => {
    const [a, b, c, d] = refs(4) as [string, string, string, string];
    expect(listDifference([a.toUpperCase(), a, c, d], [a, b, c])).toEqual({
      missing: [b],
      duplicated: [a],
      extra: [d],
    });
  });

  it('holds when the pages read every contact once in order, and says so in any case', () => {
    const order = refs(5);
    const seen = order.map((r) => r.toUpperCase());
    expect(pagesReadTheList(context, 'following next', seen, order).violations).toEqual([]);
  });

  it('summarises a long list in the message and keeps the lists whole in items', () => {
    const order = refs(300);
    const seen = [...order.slice(0, 150), ...order.slice(0, 150)];
    const [finding] = pagesReadTheList(context, 'following next', seen, order).violations;
    expect(finding?.rule).toBe('OC-PAGING-LINKS-CONSISTENT');
    expect(finding?.message.length).toBeLessThan(400);
    expect(finding?.message).toContain('300 refs');
    expect(finding?.items?.missing).toHaveLength(150);
    expect(finding?.items?.duplicated).toHaveLength(150);
    expect(finding?.items?.extra).toEqual([]);
  });

  it('tells a reordering apart: the same refs, with the first position that differs', () => {
    const order = refs(3);
    const seen = [order[0], order[2], order[1]] as string[];
    const [finding] = pagesReadTheList(context, 'following next', seen, order).violations;
    expect(finding?.message).toContain('another order (position 1');
    expect(finding?.items).toBeUndefined();
  });
});
