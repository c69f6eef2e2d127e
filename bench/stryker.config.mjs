// StrykerJS over the reference mock, killed by the conformance suite: `npx stryker run bench/stryker.config.mjs`
// runs every mutant (hours here); `npm run bench:mutation` runs a seeded sample of it with the same settings.
//
// Each mutant is one `occ run` against the embedded mock. The mock runs in that occ process (target-setup starts
// it in-process), which inherits __STRYKER_ACTIVE_MUTANT__ from Stryker's command runner, so the mutant is live in
// the server that answers. Exit 0 (every rule passed) is a survivor; any other exit kills: 1 (a rule failed) and 3
// (the set-up failed: a mock that cannot be set up is a difference every client sees). --strict makes a SHOULD
// finding fail too: it is also a behaviour a client can see.

/** What occ runs per mutant: small (5 generated cases a strategy), no Pact stage, a fixed seed. */
export const MUTANT_COMMAND = 'node bin/occ.js run --cases 5 --no-pact --strict --seed 1';

/**
 * The mock's code a client of `occ run` reaches. Left out, each for its reason:
 * - tests and mock/test-support.ts: the mock's own tests;
 * - faults.ts, fault-layers*.ts, variants.ts, variant-layers.ts, adapter-layers.ts: deviations and conformant
 *   variants, live only with --mock-fault / --mock-variant (occ selftest holds the suite to each of them);
 * - seed.ts, seed-store.ts: `occ mock --seed-data` only; a run never seeds the mock;
 * - fetch-adapter.ts: the MSW entry point only; occ serves over node:http.
 */
export const MOCK_FILES = [
  'mock/**/*.ts',
  '!mock/**/*.test.ts',
  '!mock/test-support.ts',
  '!mock/faults.ts',
  '!mock/fault-layers*.ts',
  '!mock/variants.ts',
  '!mock/variant-layers.ts',
  '!mock/adapter-layers.ts',
  '!mock/seed.ts',
  '!mock/seed-store.ts',
  '!mock/fetch-adapter.ts',
];

export default {
  testRunner: 'command',
  commandRunner: { command: MUTANT_COMMAND },
  mutate: MOCK_FILES,
  // The command runner knows no tests, so there is no coverage to analyse: every mutant runs the whole command.
  coverageAnalysis: 'off',
  // Two shared cores: one occ run at a time.
  concurrency: 1,
  // Resumable: results of unchanged mutants are reused; Ctrl-C writes what was done so far.
  incremental: true,
  incrementalFile: 'bench/results/stryker-incremental.json',
  // A run takes 8 to 18 s on this busy machine; leave room before calling a mutant a timeout.
  timeoutMS: 30_000,
  timeoutFactor: 1.5,
  reporters: ['progress', 'clear-text'],
  tempDirName: '.stryker-tmp',
  // Nothing a run needs: reports, ledgers and results of earlier runs, other sandboxes.
  ignorePatterns: ['reports/out', '.occ', 'bench/results', '.stryker-tmp', 'coverage', '.scratch'],
  appendPlugins: ['./bench/support/stryker-mutation-points.mjs'],
  ignorers: ['occ-mutation-points'],
  thresholds: { high: 90, low: 75, break: null },
};
