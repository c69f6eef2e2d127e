// Global setup of the conformance project when vitest runs it directly (`npx vitest run --project conformance`,
// `npm test`): prepare the target once for the whole run, in the main process, and put it back afterwards.
// Under `occ run` the engine has prepared the target already and this does nothing.
import { config as loadDotenv } from 'dotenv';
import { loadConfig } from '../../lib/config.ts';
import { startRunRecording } from '../../lib/har/run-recording.ts';
import { credentialsEnv } from '../../target-setup/credentials.ts';
import { newRunId, prepareTarget } from '../../target-setup/prepare-target.ts';
import { decodeRunContext, encodeRunContext, RUN_CONTEXT_ENV } from '../../target-setup/run-context.ts';

/** Prepares the target and returns the teardown that cleans it up. */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (decodeRunContext(process.env)) return undefined;
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  const log = (line: string): void => void process.stderr.write(`occ: ${line}\n`);
  const started = new Date();
  const runId = newRunId(started);
  // OCC_RECORD: the suites' worker writes its part of the HAR; the set-up and the teardown theirs, joined here.
  const recorded = startRunRecording(config, runId);
  const finishRecording = async (baseUrl: string): Promise<void> => {
    const result = await recorded?.finish(baseUrl, started);
    for (const line of [result?.line, result?.note]) if (line) log(line);
  };
  const prepared = await prepareTarget(config, {
    log,
    now: started,
    runId,
    ...(recorded ? { observer: recorded.recording } : {}),
  }).catch(async (error: unknown) => {
    await finishRecording(config.baseUrl ?? '');
    throw error;
  });
  const saved = { ...process.env };
  Object.assign(process.env, credentialsEnv(prepared.credentials), {
    [RUN_CONTEXT_ENV]: encodeRunContext(prepared.context),
  });
  return async () => {
    recorded?.recording.setStage('teardown');
    const result = await prepared.teardown();
    await finishRecording(prepared.context.baseUrl);
    if (result.failed.length > 0)
      process.stderr.write(`occ: could not clean up: ${result.failed.join('; ')}\n`);
    for (const key of [RUN_CONTEXT_ENV, 'CDP_CLIENT_KEY', 'CDP_API_TOKEN']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  };
}
