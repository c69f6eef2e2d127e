import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { OccError } from './errors.ts';

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : String(error);
}

function isDirectory(path: string): boolean | undefined {
  try {
    return statSync(path).isDirectory();
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    throw new OccError(`Failed to create the folder ${path}: cannot read it (${errorCode(error)}).`);
  }
}

/**
 * Creates a folder and its missing parents, one level at a time, and returns the folders it created (outermost
 * first). Node's own `mkdirSync(path, { recursive: true })` loops forever where mkdir answers ENOENT under an
 * existing parent (/proc/x on Linux); this throws an OccError naming the folder instead.
 */
export function makeDirectory(path: string): string[] {
  const target = resolve(path);
  const missing: string[] = [];
  let existing = target;
  for (let found = isDirectory(existing); found !== true; found = isDirectory(existing)) {
    if (found === false)
      throw new OccError(
        `Failed to create the folder ${target}: ${existing} is a file, not a folder. Pass another path or move the file.`,
      );
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  const created: string[] = [];
  for (const dir of missing) {
    try {
      mkdirSync(dir);
      created.push(dir);
    } catch (error) {
      // Another process may have made it in between: that is what was wanted.
      if (errorCode(error) === 'EEXIST' && isDirectory(dir)) continue;
      removeDirectories(created);
      throw new OccError(
        `Failed to create the folder ${target}: mkdir ${dir} answered ${errorCode(error)}. Pass a folder you may write to.`,
        { cause: error },
      );
    }
  }
  return created;
}

/** Removes folders makeDirectory created (innermost first), as long as they are still empty. */
export function removeDirectories(created: readonly string[]): void {
  for (const dir of [...created].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty any more (someone wrote there) or gone: either way not ours to remove.
    }
  }
}
