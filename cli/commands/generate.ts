import { randomInt, randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { API_VERSIONS, type ApiVersion, isIsoDateTime, isoToEpochMs } from '../../contracts/index.ts';
import {
  caseById,
  caseIds,
  DEFAULT_OPERATION,
  DEFAULT_VALID_CASES,
  type InvalidCase,
  invalidCases,
  nearMatches,
  type ValidCase,
  validCases,
  writeOperations,
} from '../../generators/index.ts';
import { OccError } from '../../lib/errors.ts';
import { printLine } from '../../lib/log.ts';
import { parseWholeNumber } from '../../lib/settings.ts';
import type { CliContext } from '../context.ts';

const MAX_SEED = 2 ** 31 - 1;
const MAX_COUNT = 100_000;
const KINDS = ['valid', 'invalid', 'all'] as const;
type Kind = (typeof KINDS)[number];
const PREMISES = ['documented', 'inferred'] as const;
type PremiseLevel = (typeof PREMISES)[number];

interface GenerateFlags {
  seed?: string;
  count?: string;
  kind: string;
  apiVersion: string;
  operation: string;
  case?: string;
  premise?: string;
  now?: string;
  out?: string;
}

function wholeNumber(flag: string, value: string, max: number): number {
  const parsed = parseWholeNumber(value, 0, max);
  if (!parsed.ok) throw new OccError(`${flag}: received "${value}", expected ${parsed.expected}.`);
  return parsed.value;
}

function listed(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[], context = ''): T {
  if (!allowed.includes(value as T)) {
    throw new OccError(`${flag}: received "${value}", expected ${listed(allowed)}${context}.`);
  }
  return value as T;
}

function referenceTime(value: string): number {
  const at = isIsoDateTime(value) ? isoToEpochMs(value) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new OccError(
      `--now: received "${value}", expected an ISO 8601 date-time such as 2026-01-01T00:00:00Z.`,
    );
  }
  return at;
}

// Temp file then rename, in the same directory: a reader never sees half a file, and a failed run leaves none.
async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new OccError(
      `Failed to write cases to "${file}": ${reason}. Check that the folder exists and is writable.`,
      {
        cause: error,
      },
    );
  }
}

interface GenerateRun {
  readonly seed: number;
  readonly apiVersion: ApiVersion;
  readonly operation: string;
  readonly now: number;
  readonly kind: Kind;
  readonly count: number;
  /** Only the cases of this premise; all of them when undefined. */
  readonly premise: PremiseLevel | undefined;
}

/** Reads and checks every flag; a bad value is an OccError naming the flag, the value and what is expected. */
function parseFlags(flags: GenerateFlags): GenerateRun {
  const apiVersion = oneOf<ApiVersion>('--api-version', flags.apiVersion, API_VERSIONS);
  return {
    apiVersion,
    operation: oneOf('--operation', flags.operation, writeOperations(apiVersion), ` for ${apiVersion}`),
    kind: oneOf<Kind>('--kind', flags.kind, KINDS),
    premise: flags.premise === undefined ? undefined : oneOf('--premise', flags.premise, PREMISES),
    count: flags.count === undefined ? DEFAULT_VALID_CASES : wholeNumber('--count', flags.count, MAX_COUNT),
    seed: flags.seed === undefined ? randomInt(MAX_SEED) : wholeNumber('--seed', flags.seed, MAX_SEED),
    now: flags.now === undefined ? Date.now() : referenceTime(flags.now),
  };
}

/** The cases a run asks for: the one named by --case (valid or invalid), or every case of --kind. */
function selectCases(run: GenerateRun, caseId: string | undefined): (ValidCase | InvalidCase)[] {
  if (caseId === undefined) {
    return [
      ...(run.kind === 'invalid' ? [] : validCases(run)),
      ...(run.kind === 'valid' ? [] : invalidCases(run)),
    ];
  }
  const found = caseById({ ...run, id: caseId });
  if (found && run.premise !== undefined && found.premise.level !== run.premise) {
    throw new OccError(
      `--case: "${caseId}" is ${found.premise.level} (${found.premise.because ?? 'every value documented'}), so --premise ${run.premise} leaves it out. Drop --premise to print it.`,
    );
  }
  if (found) return [found];
  const near = nearMatches(caseId, caseIds(run.apiVersion, run.operation, run.count));
  throw new OccError(
    `--case: received "${caseId}", expected the id of a ${run.apiVersion} ${run.operation} case. Near matches: ${near.join(', ')}. List every id with --kind all.`,
  );
}

/** Registers `occ generate`: valid and invalid contacts as NDJSON, reproducible from --seed and --now. */
export function registerGenerateCommand(program: Command, context: CliContext): void {
  program
    .command('generate')
    .description(
      'write generated order contacts as NDJSON, one case a line (replay one with --seed N --case ID)',
    )
    .option('--seed <n>', `the seed, 0 to ${MAX_SEED} (default: random, printed to stderr)`)
    .option(
      '--count <n>',
      `valid cases (default ${DEFAULT_VALID_CASES}: every coverage case, then random ones)`,
    )
    .option('--kind <kind>', 'valid, invalid or all', 'valid')
    .option('--api-version <version>', 'v2.1 or v2', 'v2.1')
    .option('--operation <operationId>', 'the operation the bodies are for', DEFAULT_OPERATION)
    .option('--case <id>', 'only the case with this id (valid or invalid)')
    .option(
      '--premise <level>',
      'only documented or inferred cases (after --count: the premise is printed with every case)',
    )
    .option('--now <iso>', 'the reference time of time-relative values (default: now, printed to stderr)')
    .option('--out <file>', 'write to this file, atomically, instead of stdout')
    .action(async (flags: GenerateFlags) => {
      const run = parseFlags(flags);
      if (flags.seed === undefined) printLine(context.stderr, `seed ${run.seed}`);
      if (flags.now === undefined) printLine(context.stderr, `now ${new Date(run.now).toISOString()}`);
      const cases = selectCases(run, flags.case).filter(
        (c) => run.premise === undefined || c.premise.level === run.premise,
      );
      const text = cases.map((c) => `${JSON.stringify(c)}\n`).join('');
      if (flags.out === undefined) {
        context.stdout.write(text);
        return;
      }
      await writeAtomically(flags.out, text);
      printLine(context.stderr, `wrote ${cases.length} cases to ${flags.out}`);
    });
}
