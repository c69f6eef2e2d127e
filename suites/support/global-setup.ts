// Global setup of the conformance project when vitest runs it directly (`npx vitest run --project conformance`,
// `npm test`): prepare the target once for the whole run, in the main process, and put it back afterwards.
// Under `occ run` the CLI has prepared the target already and this does nothing.
import { config as loadDotenv } from 'dotenv';
import { loadConfig } from '../../lib/config.ts';
import { prepareTarget } from './prepare-target.ts';
import { decodeRunContext, encodeRunContext, RUN_CONTEXT_ENV } from './run-context.ts';

/** Prepares the target and returns the teardown that cleans it up. */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (decodeRunContext(process.env)) return undefined;
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  // OCC_MOCK_FAULTS (comma-separated) switches on faults of the embedded mock, for checking the suites catch them.
  const mockFaults = (process.env.OCC_MOCK_FAULTS ?? '').split(',').filter(Boolean);
  const prepared = await prepareTarget(config, {
    mockFaults,
    log: (line) => process.stderr.write(`occ: ${line}\n`),
  });
  process.env[RUN_CONTEXT_ENV] = encodeRunContext(prepared.context);
  return async () => {
    const result = await prepared.teardown();
    if (result.failed.length > 0)
      process.stderr.write(`occ: could not clean up: ${result.failed.join('; ')}\n`);
    delete process.env[RUN_CONTEXT_ENV];
  };
}
