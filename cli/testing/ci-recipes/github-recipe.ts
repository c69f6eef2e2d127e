import { ENV_VARIABLES } from '../../../lib/settings.ts';
import {
  asStrings,
  type CiRecipe,
  combinations,
  isRecord,
  type JobInstance,
  type RecipeStep,
  SAMPLE_RUN_NUMBER,
  stringsOf,
  type Trigger,
} from './ci-recipe.ts';
import { occCommands } from './shell-commands.ts';

const EVENTS: Readonly<Record<string, Trigger>> = { pull_request: 'pull-request', schedule: 'schedule' };

/** Whether a job's `if:` lets this event through; only the forms a recipe needs are read, others are refused. */
function runsOn(condition: unknown, event: string): boolean {
  if (condition === undefined) return true;
  const text = String(condition)
    .replace(/^\s*\$\{\{(.*)\}\}\s*$/s, '$1')
    .trim();
  return text.split('&&').every((clause) => {
    const c = clause.trim();
    if (c === '!cancelled()' || c === 'always()') return true;
    const match = /^github\.event_name\s*(==|!=)\s*'([\w-]+)'$/.exec(c);
    if (!match) throw new Error(`Cannot read the job condition "${c}": extend github-recipe.ts`);
    return (match[1] === '==') === (match[2] === event);
  });
}

function stepOf(step: unknown): RecipeStep | undefined {
  if (!isRecord(step)) return undefined;
  if (typeof step.run === 'string') return { kind: 'script', text: step.run };
  const uses = typeof step.uses === 'string' ? step.uses : '';
  const inputs = isRecord(step.with) ? step.with : {};
  const lines = (value: unknown) =>
    asStrings(value).flatMap((v) => v.split('\n').filter((l) => l.trim() !== ''));
  if (uses.startsWith('dorny/test-reporter@')) return { kind: 'junit', paths: lines(inputs.path) };
  if (uses.startsWith('mikepenz/action-junit-report@'))
    return { kind: 'junit', paths: lines(inputs.report_paths) };
  if (uses.startsWith('actions/upload-artifact@'))
    return { kind: 'artifact', paths: lines(inputs.path), name: String(inputs.name ?? 'artifact') };
  if (uses.startsWith('actions/download-artifact@'))
    return { kind: 'download', path: String(inputs.path ?? '.') };
  return undefined;
}

/** `${{ secrets.X }}` only as the value of an environment variable occ reads (never in a script or an input). */
function secretProblems(doc: unknown): string[] {
  const problems: string[] = [];
  for (const [path, text] of stringsOf(doc)) {
    if (!/\bsecrets\./.test(text)) continue;
    const key = path.at(-1) ?? '';
    if (path.at(-2) !== 'env') problems.push(`${path.join('.')}: a secret outside an env: map ("${text}")`);
    else if (!Object.hasOwn(ENV_VARIABLES, key))
      problems.push(`${path.join('.')}: a secret in ${key}, which occ does not read`);
  }
  return problems;
}

function expandExpressions(text: string, bindings: Readonly<Record<string, string>>) {
  const unknown: string[] = [];
  const expanded = text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (whole, name: string) => {
    const value = bindings[name];
    if (value === undefined) unknown.push(whole);
    return value ?? whole;
  });
  return { text: expanded, unknown };
}

/** A GitHub Actions workflow, parsed from YAML, as a CiRecipe. */
export function githubRecipe(doc: unknown): CiRecipe {
  if (!isRecord(doc) || !isRecord(doc.jobs)) throw new Error('Not a GitHub Actions workflow: no jobs');
  const events = Object.keys(isRecord(doc.on) ? doc.on : {}).filter((e) => Object.hasOwn(EVENTS, e));
  const instances: JobInstance[] = [];
  for (const [job, body] of Object.entries(doc.jobs)) {
    if (!isRecord(body)) continue;
    const strategy = isRecord(body.strategy) ? body.strategy : {};
    const matrix = isRecord(strategy.matrix) ? strategy.matrix : {};
    if ('include' in matrix || 'exclude' in matrix)
      throw new Error(`${job}: matrix include/exclude not read`);
    const axes = Object.fromEntries(Object.entries(matrix).map(([k, v]) => [`matrix.${k}`, asStrings(v)]));
    const steps = (Array.isArray(body.steps) ? body.steps : []).flatMap((s) => stepOf(s) ?? []);
    for (const cell of combinations(axes))
      instances.push({
        job,
        triggers: events.filter((e) => runsOn(body.if, e)).map((e) => EVENTS[e] as Trigger),
        bindings: { ...cell, 'github.run_number': SAMPLE_RUN_NUMBER },
        steps,
        needs: asStrings(body.needs),
      });
  }
  return {
    platform: 'github',
    instances,
    secretProblems: secretProblems(doc),
    expand: expandExpressions,
    occArgvs(script, bindings) {
      const { text, unknown } = expandExpressions(script, bindings);
      return { argvs: occCommands(text), unknown };
    },
  };
}
