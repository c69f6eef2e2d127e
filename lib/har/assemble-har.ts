import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { HarEntry, HarLogOcc } from './har-format.ts';
import { type PartLine, partsOf } from './har-parts.ts';

/** What the assembly needs: the file, the run (its parts) and what the log says about it. */
export interface AssembleOptions {
  /** The HAR to write (absolute). */
  readonly target: string;
  readonly runId: string;
  readonly creator: { readonly name: string; readonly version: string };
  readonly log: Omit<HarLogOcc, 'entries' | 'runId'>;
}

/** What was written. */
export interface Assembled {
  readonly path: string;
  readonly entries: number;
  /** Lines of the parts that did not parse (a process killed while writing one), left out. */
  readonly skippedLines: number;
}

/**
 * Joins a run's part files into one HAR 1.2 file, streaming: a first pass reads the annotations (exchange id →
 * rules, small) and counts the entries, a second writes each entry as it is read, its final attempt given its
 * rules. The file is written under a temporary name and renamed, so a reader never sees half a HAR; the parts are
 * removed once it is in place.
 */
export async function assembleHar(options: AssembleOptions): Promise<Assembled> {
  const parts = partsOf(options.target, options.runId);
  const rules = new Map<string, Set<string>>();
  let entries = 0;
  let skippedLines = 0;
  for (const part of parts)
    for await (const line of partLines(part)) {
      if (line === undefined) skippedLines += 1;
      else if ('rules' in line) {
        const known = rules.get(line.rules.exchangeId) ?? new Set<string>();
        for (const id of line.rules.rules) known.add(id);
        rules.set(line.rules.exchangeId, known);
      } else entries += 1;
    }
  const temporary = `${options.target}.${options.runId}.tmp`;
  const out = createWriteStream(temporary);
  try {
    const occ: HarLogOcc = { runId: options.runId, ...options.log, entries };
    await write(
      out,
      `{"log":{"version":"1.2","creator":${JSON.stringify(options.creator)},"_occ":${JSON.stringify(occ)},"entries":[`,
    );
    let first = true;
    for (const part of parts)
      for await (const line of partLines(part)) {
        if (line === undefined || !('entry' in line)) continue;
        const entry = line.entry as HarEntry;
        const checked = entry._occ.final ? rules.get(entry._occ.exchangeId) : undefined;
        const withRules = checked ? { ...entry, _occ: { ...entry._occ, rules: [...checked].sort() } } : entry;
        await write(out, `${first ? '\n' : ',\n'}${JSON.stringify(withRules)}`);
        first = false;
      }
    await write(out, '\n]}}\n');
    out.end();
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    rmSync(temporary, { force: true });
    throw error;
  }
  renameSync(temporary, options.target);
  for (const part of parts) rmSync(part, { force: true });
  return { path: options.target, entries, skippedLines };
}

/** Each line of a part, parsed; undefined for one that does not parse. */
async function* partLines(path: string): AsyncGenerator<PartLine | undefined> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const text of lines) {
    if (text.trim() === '') continue;
    try {
      const parsed = JSON.parse(text) as PartLine;
      yield typeof parsed === 'object' && parsed !== null && ('entry' in parsed || 'rules' in parsed)
        ? parsed
        : undefined;
    } catch {
      yield undefined;
    }
  }
}

/** Writes, waiting for the stream to drain when its buffer is full: a long run never piles up in memory. */
async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}
