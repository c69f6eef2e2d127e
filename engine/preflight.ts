// Everything a command needs that can be checked before it starts anything or sends a request: a refusal here
// costs the user a second, not a whole run that then fails to write its report or runs no rule.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import reportSchema from '../contracts/meta/conformance-report.schema.json' with { type: 'json' };
import { ruleCatalogue } from '../contracts/rule-catalogue.ts';
import { settingSource } from '../lib/config.ts';
import { ConfigError, messageOf, OccError } from '../lib/errors.ts';
import { makeDirectory, removeDirectories } from '../lib/make-directory.ts';
import { nearNames } from '../lib/near-names.ts';
import type { SettingKey } from '../lib/settings.ts';
import { FAULT_NAMES } from '../mock/faults.ts';
import { VARIANT_NAMES } from '../mock/variants.ts';
import type { ConformanceReport } from '../reports/model.ts';
import { readReport } from '../reports/read-report.ts';
import { createReportValidator } from '../reports/validate-report.ts';

/**
 * The problem with writing into `path` (created when missing), or undefined when a file could be written there.
 * Probes with a file of its own and removes it, and the folders it created, either way: the folder is left as it
 * was (a report already there untouched); the writer creates the folder again at the end of the run.
 */
export function writableFolderProblem(source: string, path: string): string | undefined {
  let created: string[] = [];
  try {
    created = makeDirectory(path);
    const probe = join(resolve(path), `.occ-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      writeFileSync(probe, '', { flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? messageOf(error);
      return `${source}: received "${path}", a folder occ cannot write to (${code}). Pass a folder you may write to.`;
    } finally {
      rmSync(probe, { force: true });
    }
    return undefined;
  } catch (error) {
    return `${source}: received "${path}": ${messageOf(error)}`;
  } finally {
    removeDirectories(created);
  }
}

/**
 * The problem with writing a HAR at `path` (--record), or undefined. Its folder must exist already (a typo in it
 * should not quietly make folders) and be writable; the path must not be a folder itself.
 */
export function harFileProblem(source: string, path: string): string | undefined {
  const folder = dirname(path);
  const folderStat = statSync(folder, { throwIfNoEntry: false });
  if (!folderStat?.isDirectory())
    return `${source}: received "${path}", whose folder "${folder}" does not exist. Create the folder first, or pass a file in a folder that exists.`;
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory())
    return `${source}: received "${path}", a folder. Pass a file name ending in .har.`;
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? messageOf(error);
    return `${source}: received "${path}", in a folder occ cannot write to (${code}). Pass a file in a folder you may write to.`;
  }
  return undefined;
}

/** Unknown names among `names`, each with its near matches, as one problem per name. */
export function unknownNameProblems(
  source: string,
  names: readonly string[],
  known: readonly string[],
  what: string,
  listedBy: string,
): string[] {
  const knownSet = new Set(known);
  return names
    .filter((name) => !knownSet.has(name))
    .map(
      (name) =>
        `${source}: received "${name}", not ${what}; near matches: ${nearNames(name, known).join(', ')} (${listedBy} lists them all).`,
    );
}

/** How a message names a setting: the flag and variable for the CLI, the option's name for the API. */
export type SettingSourceOf = (key: SettingKey) => string;

/** The --only items that are neither a rule id nor a category of the catalogue. */
export function selectionProblems(
  only: readonly string[],
  sourceOf: SettingSourceOf = settingSource,
): string[] {
  if (only.length === 0) return [];
  const rules = ruleCatalogue();
  const known = [...rules.map((r) => r.id), ...new Set(rules.map((r) => r.category))];
  return unknownNameProblems(
    sourceOf('only'),
    only,
    known,
    'a rule id or category of the catalogue',
    'occ rules',
  );
}

/** Unknown fault and variant names of the embedded mock. */
export function mockNameProblems(
  faults: readonly string[],
  variants: readonly string[] = [],
  sourceOf: SettingSourceOf = settingSource,
): string[] {
  return [
    ...unknownNameProblems(
      sourceOf('mockFaults'),
      faults,
      FAULT_NAMES,
      'a fault of the mock',
      'occ mock --list-faults',
    ),
    ...unknownNameProblems(
      sourceOf('mockVariants'),
      variants,
      VARIANT_NAMES,
      'a variant of the mock',
      'occ mock --list-variants',
    ),
  ];
}

/** The baseline report, read and validated, or the problem with it. */
export function readBaseline(
  path: string,
  sourceOf: SettingSourceOf = settingSource,
): { report?: ConformanceReport; problem?: string } {
  try {
    return { report: readReport(path, createReportValidator(reportSchema), 'the baseline report') };
  } catch (error) {
    if (!(error instanceof OccError)) throw error;
    return { problem: `${sourceOf('baseline')}: ${error.message}` };
  }
}

/** What occ run (or verify) is about to use, as the pre-flight needs it. */
export interface PreflightInput {
  readonly reportDir?: string | undefined;
  readonly ledgerDir?: string | undefined;
  readonly baseline?: string | undefined;
  /** The HAR of --record, absolute. */
  readonly record?: string | undefined;
  readonly only?: readonly string[];
  readonly mockFaults?: readonly string[];
  readonly mockVariants?: readonly string[];
}

/**
 * Checks everything in `input` and throws one ConfigError (exit 2) with every problem, `earlier` ones (the
 * configuration's own) first; returns the baseline report when one was given. `sourceOf` names the settings in
 * the messages (default: the flag and its variable).
 */
export function preflight(
  input: PreflightInput,
  earlier: readonly string[] = [],
  sourceOf: SettingSourceOf = settingSource,
): { readonly baseline?: ConformanceReport } {
  const problems = [...earlier];
  const folders: [SettingKey, string | undefined][] = [
    ['reportDir', input.reportDir],
    ['ledgerDir', input.ledgerDir],
  ];
  for (const [key, path] of folders) {
    const problem = path === undefined ? undefined : writableFolderProblem(sourceOf(key), path);
    if (problem) problems.push(problem);
  }
  const record = input.record === undefined ? undefined : harFileProblem(sourceOf('record'), input.record);
  if (record) problems.push(record);
  const baseline = input.baseline === undefined ? {} : readBaseline(input.baseline, sourceOf);
  if (baseline.problem) problems.push(baseline.problem);
  problems.push(...selectionProblems(input.only ?? [], sourceOf));
  problems.push(...mockNameProblems(input.mockFaults ?? [], input.mockVariants ?? [], sourceOf));
  if (problems.length > 0) throw new ConfigError(problems);
  return baseline.report ? { baseline: baseline.report } : {};
}
