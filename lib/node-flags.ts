/**
 * The V8 flags `npm run conformance` and `occ selftest` run `occ run` with, and the Pact verifier's child process.
 * A run is short-lived and its live data small (about 80 MiB: the suites keep counts and trimmed evidence, not
 * exchanges), but by default V8 lets the heaps of the main thread and vitest's worker grow far beyond it before
 * collecting: a 10,000-case run peaked at about 560 MiB, with these at about 365 MiB. They are not in bin/occ.js's
 * shebang because `occ mock`, a long-running server, should not have its heap capped; pass them yourself as
 * `NODE_OPTIONS` when calling `occ run` directly.
 */
export const RUN_NODE_FLAGS = ['--max-old-space-size=256', '--max-semi-space-size=2'] as const;
