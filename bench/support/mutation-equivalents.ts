// The survivors judged equivalent (no behaviour a client of the mock can see changes), each with its reason:
// bench/mutation-equivalents.json, read by bench/mutation.ts so that they are reported as such, not as open.
import { readFileSync } from 'node:fs';
import type { MutantSite } from './stryker.ts';

export const EQUIVALENTS_FILE = 'bench/mutation-equivalents.json';

/** A survivor written down as equivalent. The line is for the reader: a mutant is matched without it, so an edit
 *  above it does not reopen it. */
export interface Equivalent {
  readonly file: string;
  readonly line: number;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
  readonly reason: string;
  /**
   * equivalent (the default): no behaviour a client can see changes. outside-contract: a change in what the mock
   * offers beyond the Order contact API the suite checks (order and guest reads, guest set-up). unspecified: a
   * change a client can see where the vendor's pages leave the answer open, so no check can call either wrong.
   */
  readonly disposition?: 'equivalent' | 'outside-contract' | 'unspecified';
}

function isEquivalent(value: unknown): value is Equivalent {
  if (value === null || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  return (
    ['file', 'mutator', 'original', 'replacement', 'reason'].every((key) => typeof entry[key] === 'string') &&
    typeof entry.line === 'number' &&
    (entry.reason as string).trim() !== ''
  );
}

/** The equivalents of `path`; throws, naming the entry, on one that lacks a field or a reason. */
export function readEquivalents(path: string): Equivalent[] {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(parsed))
    throw new Error(`Failed to read ${path}: expected a JSON array of equivalents.`);
  parsed.forEach((entry, index) => {
    if (!isEquivalent(entry)) {
      throw new Error(
        `Failed to read ${path}: entry ${index} (${JSON.stringify(entry).slice(0, 200)}) needs file, line, ` +
          'mutator, original, replacement and a non-empty reason.',
      );
    }
  });
  return parsed as Equivalent[];
}

/** The equivalent written down for this site, if any. */
export function equivalentFor(site: MutantSite, equivalents: readonly Equivalent[]): Equivalent | undefined {
  return equivalents.find(
    (e) =>
      e.file === site.file &&
      e.mutator === site.mutator &&
      e.original === site.original &&
      e.replacement === site.replacement,
  );
}
