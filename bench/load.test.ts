import { afterEach, describe, expect, it } from 'vitest';
import { type RunningMock, startMockServer } from '../mock/index.ts';
import { LOAD_OPERATIONS, type LoadReport, loadPassed, runLoad } from './support/load-driver.ts';

// The load driver at a tiny size against an in-process mock: a clean mock ends with the store the clients were told
// about; a mock that loses or misapplies writes does not, and the comparison says so. No timings are asserted.
// A small page size, so the read-back follows next links through several pages.
const SIZE = { clients: 5, requests: 300, seed: 7, pageSize: 7 } as const;

let mock: RunningMock | undefined;

afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function loadAgainst(faults: string[] = []): Promise<LoadReport> {
  mock = await startMockServer({ host: '127.0.0.1', port: 0, faults });
  return runLoad({ baseUrl: mock.url, ...SIZE });
}

function kinds(report: LoadReport): Set<string> {
  return new Set(report.store.mismatches.map((m) => m.kind));
}

describe('load driver', () => {
  it('finds the store exactly as acknowledged on a clean mock, with every operation exercised', async () => {
    const report = await loadAgainst();
    expect(report.requests).toBe(SIZE.requests);
    expect(report.serverErrors).toBe(0);
    expect(report.transportErrors).toBe(0);
    expect(report.store.mismatches).toEqual([]);
    expect(loadPassed(report)).toBe(true);
    expect([...report.perOperation.keys()].sort()).toEqual([...LOAD_OPERATIONS].sort());
    const statuses = [...report.all.statuses.keys()].sort();
    expect(statuses).toEqual(['200', '201', '204']);
    expect(report.store.expectedLive).toBeGreaterThan(0);
    expect(report.store.expectedDeleted).toBeGreaterThan(0);
    expect(report.store.listed).toBe(report.store.expectedLive);
    expect(report.store.pages).toBeGreaterThan(report.store.orders);
  });

  it('sends the same operations for the same seed (each client only touches its own contacts)', async () => {
    const first = await loadAgainst();
    await mock?.close();
    const second = await loadAgainst();
    const counts = (r: LoadReport) => [...r.perOperation].map(([name, f]) => [name, f.requests]);
    expect(counts(second)).toEqual(counts(first));
    expect(second.store.expectedLive).toBe(first.store.expectedLive);
    expect(second.store.expectedDeleted).toBe(first.store.expectedDeleted);
  });

  it.each([
    ['delete-not-applied', ['not-deleted', 'deleted-still-listed']],
    ['patch-replaces-instead-of-merging', ['fields-differ']],
    ['put-merges-instead-of-replacing', ['fields-differ']],
  ])('reports mismatches when the mock runs with %s', async (fault, expected) => {
    const report = await loadAgainst([fault]);
    expect(report.serverErrors).toBe(0);
    expect(report.store.mismatches.length).toBeGreaterThan(0);
    expect(loadPassed(report)).toBe(false);
    for (const kind of expected) expect(kinds(report)).toContain(kind);
  });
});
