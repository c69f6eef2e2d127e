// The detection classes of issue 19 through `occ selftest`'s real entry point: a fault of each class (a field edge
// cut short, the versions not sharing contacts, an offset past the end wrapping, a refused set-up) is killed by
// every rule it names, and conformant variants that choose otherwise where the vendor is silent (a strict limit,
// a lagging list) raise no false alarm.
import { describe, expect, it } from 'vitest';
import { spawnOcc } from '../testing/spawn-occ.ts';

const FAULTS = [
  'truncate-long-strings',
  'versions-separate-stores',
  'list-offset-past-end-wraps',
  'create-refuses-identifiers',
];

describe('occ selftest: the detection classes', () => {
  it('kills a fault of each class by every rule it names, and stays quiet on conformant variants', async () => {
    const outcome = await spawnOcc([
      'selftest',
      '--fault',
      ...FAULTS,
      '--variant',
      'strict-limit',
      'lagging-list',
      '--cases',
      '5',
      '--jobs',
      '2',
    ]);
    expect(outcome.code, outcome.stdout + outcome.stderr).toBe(0);
    for (const fault of FAULTS) expect(outcome.stdout).toMatch(new RegExp(`killed +${fault}: `));
    expect(outcome.stdout).toContain(
      `faults killed ${FAULTS.length}/${FAULTS.length} (100%), ${FAULTS.length} by every rule they name; false alarms 0 (rules failed on 0 of 2 conformant variants); clean mock passed`,
    );
  }, 240_000);
});
