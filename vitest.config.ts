import { defineConfig } from 'vitest/config';
import { ConformanceFileOrder } from './suites/support/file-order.ts';

// Three projects: the project's own tests, the conformance suites (against the embedded mock unless a target
// is configured) and the Pact tests, which load Pact's native core and so run in forks, one file at a time.
export default defineConfig({
  test: {
    // The conformance files in the order of their names: a seed sends the same requests whatever ran before.
    sequence: { sequencer: ConformanceFileOrder },
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            '{api,bench,cli,checks,contracts,engine,entry,generators,lib,mock,msw-handlers,profiles,reports,scripts,suites,target-setup}/**/*.test.ts',
          ],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['suites/**/*.conformance.ts'],
          globalSetup: ['suites/support/global-setup.ts'],
          // The suites share the run's order and compare its contact list before and after a step, so one file
          // runs at a time; inside a file the versions' suites run at once, as do the ordered chains (each on
          // orders of its own), and the cases go up to --concurrency at a time.
          fileParallelism: false,
          pool: 'threads',
          isolate: false,
          maxWorkers: 1,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'pact',
          include: ['suites/pact/**/*.pact.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
