import { SETTINGS } from '../../../lib/settings.ts';
import {
  asStrings,
  type CiRecipe,
  isRecord,
  type JobInstance,
  type RecipeStep,
  SAMPLE_RUN_NUMBER,
  stringsOf,
  type Trigger,
} from './ci-recipe.ts';
import { occCommands } from './shell-commands.ts';

/** Keys at the top of a .gitlab-ci.yml that are not jobs. */
const GLOBAL_KEYS = new Set([
  'stages',
  'default',
  'variables',
  'include',
  'workflow',
  'image',
  'services',
  'cache',
]);

const SOURCES: Readonly<Record<string, Trigger>> = {
  merge_request_event: 'pull-request',
  schedule: 'schedule',
};

function triggersOf(rules: unknown): Trigger[] {
  if (!Array.isArray(rules)) return Object.values(SOURCES);
  return rules.flatMap((rule) => {
    if (!isRecord(rule) || rule.when === 'never') return [];
    const match = /^\$CI_PIPELINE_SOURCE\s*==\s*"(\w+)"$/.exec(String(rule.if ?? '').trim());
    if (!match) throw new Error(`Cannot read the rule "${String(rule.if)}": extend gitlab-recipe.ts`);
    const trigger = SOURCES[match[1] ?? ''];
    return trigger ? [trigger] : [];
  });
}

function stepsOf(job: Record<string, unknown>, defaults: Record<string, unknown>): RecipeStep[] {
  const scripts = [...asStrings(job.before_script ?? defaults.before_script), ...asStrings(job.script)];
  const artifacts = isRecord(job.artifacts) ? job.artifacts : {};
  const reports = isRecord(artifacts.reports) ? artifacts.reports : {};
  return [
    ...scripts.map((text): RecipeStep => ({ kind: 'script', text })),
    { kind: 'artifact', paths: asStrings(artifacts.paths) },
    { kind: 'junit', paths: asStrings(reports.junit) },
  ];
}

/** Credentials never in the file: a `variables:` entry would commit them; occ reads them from the job's environment. */
function secretProblems(doc: unknown): string[] {
  const credentials = [SETTINGS.clientKey.env, SETTINGS.apiToken.env];
  return [...stringsOf(doc)]
    .filter(([path]) => path.at(-2) === 'variables' && credentials.includes(path.at(-1) ?? ''))
    .map(
      ([path]) => `${path.join('.')}: a credential written into the recipe; make it a masked CI/CD variable`,
    );
}

function expandVariables(text: string, bindings: Readonly<Record<string, string>>) {
  const unknown: string[] = [];
  const expanded = text.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => {
    const value = bindings[name];
    if (value === undefined) unknown.push(whole);
    return value ?? whole;
  });
  return { text: expanded, unknown };
}

/** A .gitlab-ci.yml, parsed from YAML, as a CiRecipe. */
export function gitlabRecipe(doc: unknown): CiRecipe {
  if (!isRecord(doc)) throw new Error('Not a GitLab CI file');
  const defaults = isRecord(doc.default) ? doc.default : {};
  const instances: JobInstance[] = [];
  for (const [job, body] of Object.entries(doc)) {
    if (GLOBAL_KEYS.has(job) || job.startsWith('.') || !isRecord(body)) continue;
    if (body.parallel !== undefined && typeof body.parallel !== 'number')
      throw new Error(`${job}: parallel:matrix is not read; use parallel: N`);
    const total = typeof body.parallel === 'number' ? body.parallel : 1;
    const needs = (Array.isArray(body.needs) ? body.needs : []).map((n) =>
      isRecord(n) ? String(n.job) : String(n),
    );
    for (let index = 1; index <= total; index++)
      instances.push({
        job,
        triggers: triggersOf(body.rules),
        bindings: {
          ...(typeof body.parallel === 'number'
            ? { CI_NODE_INDEX: `${index}`, CI_NODE_TOTAL: `${total}` }
            : {}),
          CI_PIPELINE_IID: SAMPLE_RUN_NUMBER,
        },
        steps: stepsOf(body, defaults),
        needs,
      });
  }
  return {
    platform: 'gitlab',
    instances,
    secretProblems: secretProblems(doc),
    expand: expandVariables,
    occArgvs(script, bindings) {
      const unknown: string[] = [];
      const argvs = occCommands(script).map((argv) =>
        argv.map((word) => {
          const expanded = expandVariables(word, bindings);
          unknown.push(...expanded.unknown);
          return expanded.text;
        }),
      );
      return { argvs, unknown };
    },
  };
}
