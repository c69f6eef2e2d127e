// The conformance files run in the order of their names, whatever vitest's results cache (earlier runs' durations,
// shared through node_modules) would put first: against a target that keeps what it should not, what a file reads
// depends on the files before it, so the same seed must meet them in the same order. The ordered chains (lifecycle,
// paging, reads after writes, robustness) are one file whose suites start together, each on orders of its own, so
// they form one block between the invalid and the valid contacts, interleaved inside it.
import { describe, expect, it } from 'vitest';
import { spawnOcc } from '../testing/spawn-occ.ts';

const CHAINS = ['order contact lifecycle', 'paging', 'reads after writes', 'robustness'];

/** The file of each test (the progress line's suite, the four chains as one), in the order the run reported them. */
function filesInOrder(stdout: string): string[] {
  const seen: string[] = [];
  for (const match of stdout.matchAll(/^occ: [✓✗-] (.+?) \((?:v2\.1|v2)\) > /gm)) {
    const suite = match[1] as string;
    const file = CHAINS.includes(suite) ? 'ordered chains' : suite;
    if (seen.at(-1) !== file) seen.push(file);
  }
  return seen;
}

describe('occ run: the order of the conformance files', () => {
  it('runs the files by name, those the smoke tier skips included', async () => {
    const run = await spawnOcc(['run', '--tier', 'smoke', '--seed', '3', '--no-pact']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // Each file's tests come together (the versions interleave inside one; a skipped test is reported too).
    expect(filesInOrder(run.stdout)).toEqual([
      'authentication',
      'field edges',
      'invalid contacts',
      'ordered chains',
      'valid contacts',
    ]);
    for (const chain of CHAINS)
      expect(run.stdout).toMatch(new RegExp(`^occ: [✓-] ${chain} \\(v2\\.1\\) > `, 'm'));
  }, 120_000);
});
