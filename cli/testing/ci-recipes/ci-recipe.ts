/** What a CI recipe does, read from GitHub Actions or GitLab CI YAML alike, for the checks of check-ci-recipe.ts. */

/** The events a recipe distinguishes: a pull (merge) request, and the nightly schedule. */
export type Trigger = 'pull-request' | 'schedule';

/** One step of a job, in order: a script, a publication of files, or the artifacts of earlier jobs fetched. */
export type RecipeStep =
  | { readonly kind: 'script'; readonly text: string }
  | { readonly kind: 'junit' | 'artifact'; readonly paths: readonly string[]; readonly name?: string }
  | { readonly kind: 'download'; readonly path: string };

/** One instance of a job: a cell of a GitHub matrix, one of GitLab's parallel jobs, or the job itself. */
export interface JobInstance {
  readonly job: string;
  readonly triggers: readonly Trigger[];
  /** What the platform substitutes in this instance: `matrix.shard` → `2`, `CI_NODE_INDEX` → `2`. */
  readonly bindings: Readonly<Record<string, string>>;
  readonly steps: readonly RecipeStep[];
  /** The jobs whose artifacts this one receives. */
  readonly needs: readonly string[];
}

/** A recipe's jobs, and how its platform writes a substitution (`${{ matrix.shard }}`, `$CI_NODE_INDEX`). */
export interface CiRecipe {
  readonly platform: 'github' | 'gitlab';
  readonly instances: readonly JobInstance[];
  /** The text with this instance's substitutions made, and those that have no value here. */
  expand(text: string, bindings: Readonly<Record<string, string>>): { text: string; unknown: string[] };
  /**
   * The occ commands of a script as this instance runs them, with the substitutions that have no value here.
   * GitHub substitutes `${{ }}` before the shell reads the script; GitLab's shell expands `$VAR` in each word.
   */
  occArgvs(
    script: string,
    bindings: Readonly<Record<string, string>>,
  ): { argvs: string[][]; unknown: string[] };
  /** Where the recipe carries credentials, each with what is wrong about it (empty when nothing is). */
  readonly secretProblems: readonly string[];
}

/** A value the platform fills in at run time that every instance shares: a pipeline or run number. */
export const SAMPLE_RUN_NUMBER = '417';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every string of a YAML document with the path of keys that leads to it. */
export function* stringsOf(value: unknown, path: readonly string[] = []): Generator<[string[], string]> {
  if (typeof value === 'string') yield [[...path], value];
  else if (Array.isArray(value))
    for (const [i, item] of value.entries()) yield* stringsOf(item, [...path, `${i}`]);
  else if (isRecord(value))
    for (const [key, item] of Object.entries(value)) yield* stringsOf(item, [...path, key]);
}

/** Every combination of the values of each key: `{ a: [1, 2] }` → `[{ a: '1' }, { a: '2' }]`. */
export function combinations(axes: Readonly<Record<string, readonly unknown[]>>): Record<string, string>[] {
  return Object.entries(axes).reduce<Record<string, string>[]>(
    (cells, [key, values]) => cells.flatMap((cell) => values.map((v) => ({ ...cell, [key]: String(v) }))),
    [{}],
  );
}

export const asStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
