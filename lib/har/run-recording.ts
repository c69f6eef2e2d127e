import pkg from '../../package.json' with { type: 'json' };
import type { OccConfig } from '../config.ts';
import { messageOf } from '../errors.ts';
import { assembleHar } from './assemble-har.ts';
import { HarRecording } from './har-recording.ts';

/** The run's own part of --record (the set-up and the teardown), and the assembly of every part at its end. */
export interface RunRecording {
  /** The observer of the CLI process's client: stage prepare, then teardown. */
  readonly recording: HarRecording;
  /** Joins every process's parts into the HAR; the line to log, or a note saying why it could not be written. */
  finish(baseUrl: string, startedAt: Date): Promise<{ readonly line?: string; readonly note?: string }>;
}

/** The recording of a run with --record, or undefined without. */
export function startRunRecording(config: OccConfig, runId: string): RunRecording | undefined {
  const target = config.record;
  if (target === undefined) return undefined;
  const recording = new HarRecording({
    target,
    runId,
    stage: 'prepare',
    secrets: [config.clientKey, config.apiToken],
  });
  return {
    recording,
    async finish(baseUrl, startedAt) {
      try {
        const written = await assembleHar({
          target,
          runId,
          creator: { name: pkg.name, version: pkg.version },
          log: {
            seed: config.seed,
            tier: config.tier,
            baseUrl: withoutUserinfo(baseUrl),
            startedAt: startedAt.toISOString(),
            finishedAt: new Date().toISOString(),
          },
        });
        const skipped = written.skippedLines > 0 ? ` (${written.skippedLines} cut-short lines left out)` : '';
        const problem = recording.problem();
        return {
          line: `recorded ${written.entries} attempts in ${written.path}${skipped}`,
          ...(problem ? { note: `--record: ${problem}; the HAR lacks what came after.` } : {}),
        };
      } catch (error) {
        return { note: `--record: Failed to write "${target}": ${messageOf(error)}.` };
      }
    },
  };
}

function withoutUserinfo(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
