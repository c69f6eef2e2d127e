#!/usr/bin/env node
// The occ command. It runs the TypeScript sources through tsx, so there is no build step to forget.
import { config as loadDotenv } from 'dotenv';
import { register } from 'tsx/esm/api';

// The entry point is the one place .env is read; flags and the environment win over it.
loadDotenv({ quiet: true });

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
