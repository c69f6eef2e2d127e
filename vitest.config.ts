import { defineConfig } from 'vitest/config';

// Three projects: the project's own tests, the conformance suites (against the embedded mock unless a target
// is configured) and the Pact tests, which load Pact's native core and so run in forks, one file at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{bench,cli,checks,contracts,generators,lib,mock,reports,suites}/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
