import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { HAR_STAGES, type HarStage } from './har-format.ts';

/** A line of a part file: an entry, or the rules an exchange was checked against. */
export type PartLine =
  | { readonly entry: unknown }
  | { readonly rules: { readonly exchangeId: string; readonly rules: readonly string[] } };

/**
 * The part file one process (or worker thread) writes for one stage of a run, beside the HAR:
 * <file>.har.<runId>.<stage>.<pid>[.<thread>].part. The run id keeps a killed run's parts out of the next run's file.
 */
export function partPath(target: string, runId: string, stage: HarStage): string {
  const tag = `${process.pid}${threadId === 0 ? '' : `.${threadId}`}`;
  return `${target}.${runId}.${stage}.${tag}.part`;
}

/** The part files of a run, in stage order (then by name), ready to be joined. */
export function partsOf(target: string, runId: string): string[] {
  const dir = dirname(target);
  const prefix = `${basename(target)}.${runId}.`;
  const stageOf = (name: string): number =>
    HAR_STAGES.indexOf(name.slice(prefix.length).split('.')[0] as HarStage);
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.part') && stageOf(name) >= 0)
    .sort((a, b) => stageOf(a) - stageOf(b) || a.localeCompare(b))
    .map((name) => join(dir, name));
}
