// Parsing the contracts' YAML and checking the catalogues against their schemas costs some 350 ms of CPU in every
// process that reads them, the test worker's start among them; JSON.parse of the result takes under 1 ms. The
// checked result is kept as JSON, keyed by the file's text and by what checked it, so an edited file (or a changed
// schema) is parsed and checked again, and nothing stale is ever read.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cacheDir } from './cache-dir.ts';

/**
 * `parse(text)` of the contract file at `path`, or the JSON of an earlier call on the same text and `checkedBy`
 * (whatever else decides the result: the schema it was checked against, the rule ids it may name). `parse` must
 * return plain JSON data, and throw on bad input (nothing is cached then). `dir` is where the results are kept.
 */
export function cachedParse<T>(
  path: string,
  checkedBy: string,
  parse: (text: string) => T,
  dir = cacheDir('contracts'),
): T {
  const text = readFileSync(path, 'utf8');
  if (!dir) return parse(text);
  const key = createHash('sha1').update(checkedBy).update('\0').update(text).digest('hex');
  const stem = basename(path).replace(/[^\w.-]/g, '_');
  const file = join(dir, `${stem}-${key}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    // Not cached yet (or a torn file from a killed process): parse and check, then keep the result.
  }
  const value = parse(text);
  try {
    for (const old of readdirSync(dir))
      if (old.startsWith(`${stem}-`) && old !== basename(file)) rmSync(join(dir, old), { force: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(value));
    renameSync(partial, file);
  } catch {
    // A cache that cannot be written costs only the next parse.
  }
  return value;
}
