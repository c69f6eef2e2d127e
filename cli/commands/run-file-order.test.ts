// The conformance files run in the order of their names, whatever vitest's results cache (earlier runs' durations,
// shared through node_modules) would put first: against a target that keeps what it should not, what a file reads
// depends on the files before it, so the same seed must meet them in the same order.
import { describe, expect, it } from 'vitest';
import { spawnOcc } from '../testing/spawn-occ.ts';

/** The suite (the progress line's name up to " (v2.1)") of each test, in the order the run reported them. */
function suitesInOrder(stdout: string): string[] {
  const seen: string[] = [];
  for (const match of stdout.matchAll(/^occ: [✓✗-] (.+?) \((?:v2\.1|v2)\) > /gm)) {
    const suite = match[1] as string;
    if (seen.at(-1) !== suite) seen.push(suite);
  }
  return seen;
}

describe('occ run: the order of the conformance files', () => {
  it('runs the files by name, those the smoke tier skips included', async () => {
    const run = await spawnOcc(['run', '--tier', 'smoke', '--seed', '3', '--no-pact']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // Each file's tests come together (the versions interleave inside one; a skipped test is reported too), and
    // the files go by name: auth, field-edges, invalid-contacts, lifecycle, paging, read-after-write, robustness,
    // valid-contacts.
    expect(suitesInOrder(run.stdout)).toEqual([
      'authentication',
      'field edges',
      'invalid contacts',
      'order contact lifecycle',
      'paging',
      'reads after writes',
      'robustness',
      'valid contacts',
    ]);
  }, 120_000);
});
