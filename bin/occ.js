#!/usr/bin/env node
// The occ command. It runs the TypeScript sources through tsx, so there is no build step to forget.
import { config as loadDotenv } from 'dotenv';
import { register } from 'tsx/esm/api';

// The entry point is the one place .env is read; flags and the environment win over it.
loadDotenv({ quiet: true });

// vitest's node API is some 400 ES modules: through tsx's hooks (a message to their thread per module) they load in
// about 1.3 s on a 2-core machine, without them in 0.3 s. The commands that run the suites load it first; the
// module cache hands the same instance to the engine.
const RUNS_SUITES = new Set(['run', 'compare', 'selftest']);
const argv = process.argv.slice(2);
if (RUNS_SUITES.has(argv[0] ?? '') && !argv.includes('--help') && !argv.includes('-h'))
  await import('vitest/node');

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(argv);
