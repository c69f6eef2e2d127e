// StrykerJS as bench/mutation.ts drives it: its API, the mutants it makes, and what a run of them came to.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Stryker as StrykerClass } from '@stryker-mutator/core';
import { ROOT } from './occ-processes.ts';

type StrykerOptions = ConstructorParameters<typeof StrykerClass>[0];
/** One mutant as Stryker reports it (locations 1-based, lines and columns). */
export type MutantResult = Awaited<ReturnType<StrykerClass['runMutationTest']>>[number];

/** The Stryker configuration every run starts from. */
export const STRYKER_CONFIG = 'bench/stryker.config.mjs';

/**
 * Runs Stryker with the committed configuration and these overrides. @stryker-mutator/core 10 refuses Node < 22
 * in its CLI module, which its package entry imports; the project runs on Node 20, where the engine itself works
 * (its dry run and mutants run here), so the Stryker class is loaded from its own module, past that guard.
 * The configuration is passed as a fresh copy rather than as `configFile`: Stryker merges its options into the
 * object a configuration module exports, so a second run in the same process would inherit the first's overrides.
 */
export async function runStryker(
  overrides: Omit<StrykerOptions, 'logLevel'> & { readonly logLevel?: 'error' | 'warn' | 'info' },
): Promise<MutantResult[]> {
  const entry = new URL('../../node_modules/@stryker-mutator/core/dist/src/stryker.js', import.meta.url);
  const { Stryker } = (await import(entry.href)) as { Stryker: typeof StrykerClass };
  const config = new URL(`../../${STRYKER_CONFIG}`, import.meta.url);
  const { default: base } = (await import(config.href)) as { default: Record<string, unknown> };
  // Stryker's LogLevel is an enum of exactly these strings.
  const options = { ...structuredClone(base), ...overrides } as StrykerOptions;
  return new Stryker(options).runMutationTest();
}

/**
 * Every mutation point (a node Stryker mutates, by its exact range) of `mutate` (default: the configuration's) with
 * its mutants, in source order. A Stryker run whose command is `true`: each mutant "survives" in milliseconds.
 */
export async function listMutationPoints(
  mutate: readonly string[] = [],
): Promise<Map<string, MutantResult[]>> {
  const listed = await runStryker({
    commandRunner: { command: 'true' },
    incremental: false,
    reporters: [],
    logLevel: 'error',
    ...(mutate.length > 0 ? { mutate: [...mutate] } : {}),
  });
  const points = new Map<string, MutantResult[]>();
  for (const mutant of listed.filter((m) => m.status !== 'Ignored')) {
    const range = exactRange(mutant);
    points.set(range, [...(points.get(range) ?? []), mutant]);
  }
  return points;
}

/** A mutant made readable: where, which mutator, the code it replaces and with what. */
export interface MutantSite {
  /** Relative to the repository, e.g. mock/store.ts. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
}

const sources = new Map<string, string[]>();

/** The source text a location covers (1-based lines and columns, end exclusive), on one line. */
function textAt(fileName: string, mutant: MutantResult): string {
  let lines = sources.get(fileName);
  if (!lines) {
    lines = readFileSync(fileName, 'utf8').split('\n');
    sources.set(fileName, lines);
  }
  const { start, end } = mutant.location;
  const picked = lines.slice(start.line - 1, end.line);
  if (picked.length === 0) return '';
  picked[picked.length - 1] = (picked[picked.length - 1] ?? '').slice(0, end.column - 1);
  picked[0] = (picked[0] ?? '').slice(start.column - 1);
  return picked
    .map((line) => line.trim())
    .join(' ')
    .replace(/\s+/g, ' ');
}

export function siteOf(mutant: MutantResult): MutantSite {
  return {
    file: relative(ROOT, mutant.fileName).replaceAll('\\', '/'),
    line: mutant.location.start.line,
    column: mutant.location.start.column,
    mutator: mutant.mutatorName,
    original: textAt(mutant.fileName, mutant),
    replacement: mutant.replacement ?? '',
  };
}

/**
 * The mutate range that selects exactly this mutant's node (with bench/support/stryker-mutation-points.mjs):
 * Stryker reads a range's columns as Babel's, 0-based, one less than its report's.
 */
export function exactRange(mutant: MutantResult): string {
  const { start, end } = mutant.location;
  const file = relative(ROOT, mutant.fileName).replaceAll('\\', '/');
  return `${file}:${start.line}:${start.column - 1}-${end.line}:${end.column - 1}`;
}

/** The counts of a run, and its score as Stryker computes it. */
export interface MutationFigures {
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Runtime and compile errors: invalid mutants, outside the score. */
  readonly errors: number;
  /** (killed + timeout) / (killed + timeout + survived + no coverage), in percent. */
  readonly score: number;
}

export function figuresOf(results: readonly MutantResult[]): MutationFigures {
  const count = (status: string) => results.filter((r) => r.status === status).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const errors = count('RuntimeError') + count('CompileError');
  const valid = killed + timeout + survived + noCoverage;
  return {
    killed,
    timeout,
    survived,
    noCoverage,
    errors,
    score: valid === 0 ? Number.NaN : (100 * (killed + timeout)) / valid,
  };
}

/** What killed a mutant, from occ's output: the first failed test, or why the set-up stopped. */
export function killedBy(mutant: MutantResult): string | undefined {
  const output = mutant.statusReason ?? '';
  const line = output
    .split('\n')
    .map((text) => text.replace(/^occ: /, '').trim())
    .find((text) =>
      /^✗ |^(Credentials refused|Cannot connect|Set-up refused|Server error|Base URL wrong)/.test(text),
    );
  return line?.slice(0, 200);
}
