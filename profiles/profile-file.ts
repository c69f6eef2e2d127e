import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { contractsPath, type TenantProfile } from '../contracts/index.ts';
import type { OccConfig } from '../lib/config.ts';
import { OccError } from '../lib/errors.ts';
import { makeDirectory } from '../lib/make-directory.ts';
import { createReportValidator } from '../reports/validate-report.ts';
import { questionById } from './questions.ts';

let validateSchema: ((data: unknown) => string[]) | undefined;

function schemaProblems(value: unknown): string[] {
  validateSchema ??= createReportValidator(
    JSON.parse(readFileSync(contractsPath('meta', 'tenant-profile.schema.json'), 'utf8')) as object,
  );
  return validateSchema(value);
}

/** What is wrong with a parsed profile: the schema's problems, then unknown questions, answers and rules. */
export function profileProblems(value: unknown): string[] {
  const problems = schemaProblems(value);
  if (problems.length > 0) return problems;
  const profile = value as TenantProfile;
  const seen = new Set<string>();
  profile.entries.forEach((entry, i) => {
    const at = `/entries/${i}`;
    const question = questionById(entry.question);
    if (!question) {
      problems.push(
        `${at}/question "${entry.question}" is not a question occ knows (occ profile --help lists them)`,
      );
      return;
    }
    if (seen.has(entry.question)) problems.push(`${at}/question "${entry.question}" appears twice`);
    seen.add(entry.question);
    if (!question.answers.some((answer) => answer.id === entry.answer))
      problems.push(
        `${at}/answer "${entry.answer}" is not an answer to ${entry.question} (expected ${question.answers.map((a) => a.id).join(' | ')})`,
      );
    if (entry.rules.join(',') !== question.rules.join(','))
      problems.push(
        `${at}/rules ${entry.rules.join(',')} are not the rules of ${entry.question} (${question.rules.join(',')})`,
      );
  });
  return problems;
}

/**
 * Reads and validates a tenant profile; throws OccError (exit 2) naming the file and every problem.
 * `flag` is the option that named it, for the message.
 */
export function readProfile(file: string, flag: string): TenantProfile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OccError(
      `Failed to read ${flag} "${file}": ${reason}. Check the path (occ profile writes one).`,
      {
        cause: error,
      },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OccError(
      `Failed to read ${flag} "${file}": not JSON (${reason}). Write it again with occ profile.`,
    );
  }
  const problems = profileProblems(value);
  if (problems.length > 0) {
    throw new OccError(
      `Failed to read ${flag} "${file}": ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}\nWrite it again with occ profile (format: contracts/meta/tenant-profile.schema.json).`,
    );
  }
  return value as TenantProfile;
}

/**
 * The profile a run is held to, read and checked before anything is sent: also refused in read-only mode (asking
 * its questions again writes) and when the run does not cover the version it was taken in. `name` names the
 * option as the caller spells it (`--profile`, `profile`).
 */
export function readRunProfile(
  file: string,
  config: Pick<OccConfig, 'readOnly' | 'apiVersions'>,
  name: string,
): TenantProfile {
  const profile = readProfile(file, name);
  if (config.readOnly)
    throw new OccError(
      `${name} "${file}": asking the profile's questions again creates and deletes contacts, which read-only mode forbids. Leave out read-only mode, or ${name}.`,
    );
  if (!config.apiVersions.includes(profile.apiVersion))
    throw new OccError(
      `${name} "${file}": the profile was taken in ${profile.apiVersion}, which this run does not cover (API versions ${config.apiVersions.join(', ')}). Add ${profile.apiVersion}.`,
    );
  return profile;
}

/** Writes a profile to a temporary file beside `file`, then renames it: a reader never sees half a profile. */
export function writeProfile(file: string, profile: TenantProfile): void {
  const problems = profileProblems(profile);
  if (problems.length > 0)
    throw new Error(`Failed to write the profile: it is invalid: ${problems.join('; ')}`);
  makeDirectory(dirname(file) || '.');
  const temporary = join(dirname(file) || '.', `.${randomBytes(4).toString('hex')}.profile.tmp`);
  try {
    writeFileSync(temporary, `${JSON.stringify(profile, null, 2)}\n`);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new OccError(`Failed to write --out "${file}": ${reason}. Check the folder.`, { cause: error });
  }
}
