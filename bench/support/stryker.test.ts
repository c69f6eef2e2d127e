// The sampling rests on two things Stryker does not do by itself: a mutate range built from a reported location
// selects that node (Babel columns are one less than the report's), and the mutation-points ignorer keeps the
// nodes inside it out. Both are checked on real Stryker runs whose command is `true` (a few seconds each).
import { describe, expect, it } from 'vitest';
import { listMutationPoints, type MutantResult, siteOf } from './stryker.ts';

const OUTER = 'authorization === undefined || authorization === ';

function mutantsOf(mutants: readonly MutantResult[] | undefined): string[] {
  return (mutants ?? []).map((m) => `${m.mutatorName} ${m.replacement}`).sort();
}

describe('mutation points', () => {
  it('selects exactly the mutants of one point, none of the nodes inside it', async () => {
    const whole = await listMutationPoints(['mock/credentials.ts']);
    // mock/credentials.ts line 32: the `||` has three mutants of its own; inside it, two comparisons and a string
    // literal have five more.
    const outer = [...whole].find(
      ([, ms]) => ms[0] !== undefined && siteOf(ms[0]).original.startsWith(OUTER),
    );
    expect(outer).toBeDefined();
    const [range, mutants] = outer as [string, MutantResult[]];
    const line = range.split(':').slice(0, 2).join(':');
    const inside = [...whole.keys()].filter((r) => r !== range && r.startsWith(`${line}:`));
    expect(inside.length).toBeGreaterThanOrEqual(3);
    expect(mutantsOf(mutants)).toHaveLength(3);

    const picked = await listMutationPoints([range]);
    expect([...picked.keys()]).toEqual([range]);
    expect(mutantsOf(picked.get(range))).toEqual(mutantsOf(mutants));
  });
});
