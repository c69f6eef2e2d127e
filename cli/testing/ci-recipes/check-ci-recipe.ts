import { basename, posix } from 'node:path';
import type { Command } from 'commander';
import { SETTINGS } from '../../../lib/settings.ts';
import { REPORT_FILES } from '../../../reports/write-reports.ts';
import { DEFAULT_MERGE_DIR } from '../../commands/merge.ts';
import type { CiRecipe, JobInstance } from './ci-recipe.ts';
import { readOccArgv } from './read-occ-argv.ts';

/** An occ run or merge of one job instance, with the folder its reports go to. */
interface OccStep {
  readonly instance: JobInstance;
  readonly command: 'run' | 'merge';
  readonly options: ReadonlyMap<string, string | true>;
  readonly operands: readonly string[];
  readonly reportDir: string;
}

const norm = (path: string) => posix.normalize(path).replace(/\/+$/, '');
const within = (path: string, folder: string) =>
  norm(path) === norm(folder) || norm(path).startsWith(`${norm(folder)}/`);
const globRegExp = (glob: string) =>
  new RegExp(
    `^${norm(glob)
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );

function label(instance: JobInstance): string {
  const cell = Object.entries(instance.bindings)
    .filter(([key]) => key.startsWith('matrix.') || key === 'CI_NODE_INDEX')
    .map(([key, value]) => `${key}=${value}`);
  return cell.length ? `${instance.job} (${cell.join(', ')})` : instance.job;
}

/**
 * Every way a recipe disagrees with the CLI: a command or flag occ does not have, a value its parser refuses, a
 * credential on a command line or in a script, a published path occ does not write, a pull request not on the
 * smoke tier or a schedule not on the full one, shards that do not cover 1..n with one seed, and shard reports
 * that `occ merge` does not read. Empty for a good recipe.
 */
export function checkCiRecipe(recipe: CiRecipe, program: Command): string[] {
  const problems = [...recipe.secretProblems];
  const credentialFlags = [SETTINGS.clientKey.flag, SETTINGS.apiToken.flag];
  const credentialEnv = [SETTINGS.clientKey.env, SETTINGS.apiToken.env] as string[];
  const steps: OccStep[] = [];
  const publishedBy = new Map<JobInstance, { kind: string; path: string; name: string }[]>();
  for (const instance of recipe.instances) {
    const where = label(instance);
    const expand = (text: string) => {
      const { text: expanded, unknown } = recipe.expand(text, instance.bindings);
      for (const u of unknown)
        problems.push(`${where}: ${u} has no value in this job (extend the recipe reader)`);
      return expanded;
    };
    const dirs: string[] = [];
    const published: { kind: string; path: string; name: string }[] = [];
    publishedBy.set(instance, published);
    for (const step of instance.steps) {
      if (step.kind === 'script') {
        for (const name of credentialEnv)
          if (step.text.includes(name))
            problems.push(`${where}: the script names ${name}; leave it to the env`);
        const { argvs, unknown } = recipe.occArgvs(step.text, instance.bindings);
        for (const u of unknown)
          problems.push(`${where}: ${u} has no value in this job (extend the recipe reader)`);
        for (const argv of argvs) {
          const read = readOccArgv(program, argv);
          problems.push(...read.problems.map((p) => `${where}: ${p}`));
          for (const flag of credentialFlags)
            if (read.options.has(flag))
              problems.push(`${where}: ${flag} on the command line; pass it in the env`);
          if (read.command !== 'run' && read.command !== 'merge') continue;
          const given = read.options.get('--report-dir');
          const fallback = read.command === 'run' ? SETTINGS.reportDir.fallback() : DEFAULT_MERGE_DIR;
          const reportDir = typeof given === 'string' ? given : fallback;
          dirs.push(reportDir);
          steps.push({
            instance,
            command: read.command,
            options: read.options,
            operands: read.operands,
            reportDir,
          });
        }
      } else if (step.kind === 'junit' || step.kind === 'artifact') {
        for (const path of step.paths.map(expand)) {
          const file = basename(path);
          const writes =
            step.kind === 'junit'
              ? dirs.some((d) => norm(path) === posix.join(norm(d), REPORT_FILES.junit))
              : dirs.some(
                  (d) =>
                    within(d, path) ||
                    (Object.values(REPORT_FILES) as string[]).some(
                      (f) => norm(path) === posix.join(norm(d), f),
                    ),
                );
          if (!writes)
            problems.push(
              `${where}: publishes ${path}${step.kind === 'junit' ? ' as JUnit' : ''}, which no earlier occ step writes (${file})`,
            );
          published.push({ kind: step.kind, path: norm(path), name: expand(step.name ?? '') });
        }
      }
    }
  }
  problems.push(...tierProblems(steps), ...shardProblems(steps), ...publicationProblems(steps, publishedBy));
  problems.push(...mergeInputProblems(recipe, steps, publishedBy));
  return problems;
}

function tierProblems(steps: readonly OccStep[]): string[] {
  const problems: string[] = [];
  const runs = steps.filter((s) => s.command === 'run');
  const tierOf = (s: OccStep) => String(s.options.get('--tier') ?? SETTINGS.tier.fallback());
  for (const s of runs) {
    if (s.instance.triggers.includes('pull-request') && tierOf(s) !== 'smoke')
      problems.push(`${label(s.instance)}: runs on pull requests with --tier ${tierOf(s)}, not smoke`);
    // A drift check holds a tenant to its profile: the profile's questions, not the whole catalogue, are its point.
    if (s.instance.triggers.includes('schedule') && tierOf(s) !== 'full' && !s.options.has('--profile'))
      problems.push(`${label(s.instance)}: runs on the schedule with --tier ${tierOf(s)}, not full`);
  }
  if (!runs.some((s) => s.instance.triggers.includes('pull-request')))
    problems.push('no occ run on pull requests (the smoke tier)');
  if (!runs.some((s) => s.instance.triggers.includes('schedule')))
    problems.push('no occ run on the schedule');
  return problems;
}

function shardProblems(steps: readonly OccStep[]): string[] {
  const problems: string[] = [];
  const sharded = steps.filter((s) => s.command === 'run' && typeof s.options.get('--shard') === 'string');
  for (const job of new Set(sharded.map((s) => s.instance.job))) {
    const runs = sharded.filter((s) => s.instance.job === job);
    const shards = runs.map((s) => String(s.options.get('--shard')).split('/').map(Number));
    const count = shards[0]?.[1] ?? 0;
    const indices = shards.map(([i]) => i).sort((a = 0, b = 0) => a - b);
    const expected = Array.from({ length: count }, (_, i) => i + 1);
    if (shards.some(([, n]) => n !== count) || indices.join() !== expected.join())
      problems.push(
        `${job}: shards ${shards.map((s) => s.join('/')).join(', ')} do not cover 1..${count} once each`,
      );
    const seeds = new Set(runs.map((s) => s.options.get('--seed')));
    if (seeds.size !== 1 || seeds.has(undefined))
      problems.push(
        `${job}: every shard needs the same --seed, or occ merge refuses them (got ${[...seeds].join(', ')})`,
      );
  }
  return problems;
}

/** A final report (a run that is not a shard, or a merge) is published as JUnit and HTML; a shard keeps its JSON. */
function publicationProblems(
  steps: readonly OccStep[],
  publishedBy: ReadonlyMap<JobInstance, readonly { kind: string; path: string }[]>,
): string[] {
  const problems: string[] = [];
  for (const s of steps) {
    const published = publishedBy.get(s.instance) ?? [];
    const has = (kind: string, file: string) =>
      published.some(
        (p) =>
          p.kind === kind && (p.path === posix.join(norm(s.reportDir), file) || within(s.reportDir, p.path)),
      );
    const shard = s.options.has('--shard');
    const wanted: [string, string][] = shard
      ? [['artifact', REPORT_FILES.json]]
      : [
          ['junit', REPORT_FILES.junit],
          ['artifact', REPORT_FILES.html],
        ];
    for (const [kind, file] of wanted)
      if (!has(kind, file))
        problems.push(`${label(s.instance)}: does not publish ${s.reportDir}/${file} (${kind})`);
  }
  return problems;
}

/** Where each shard's conformance.json lands in the merging job, by the platform's artifact rules. */
function landedShardReports(
  recipe: CiRecipe,
  merge: OccStep,
  shards: readonly OccStep[],
  publishedBy: ReadonlyMap<JobInstance, readonly { kind: string; path: string; name: string }[]>,
): string[] {
  const downloads = merge.instance.steps.flatMap((s) => (s.kind === 'download' ? [norm(s.path)] : []));
  return shards.flatMap((shard) => {
    const report = posix.join(norm(shard.reportDir), REPORT_FILES.json);
    return (publishedBy.get(shard.instance) ?? [])
      .filter((p) => p.kind === 'artifact' && (p.path === report || within(report, p.path)))
      .flatMap((p) => {
        // GitLab restores an artifact where it was; GitHub's download-artifact puts each one in a folder named for
        // it, holding what was uploaded relative to the uploaded path (a file uploaded alone: just the file).
        if (recipe.platform === 'gitlab') return [report];
        const inside = p.path === report ? REPORT_FILES.json : posix.relative(p.path, report);
        return downloads.map((d) => posix.join(d, p.name, inside));
      });
  });
}

function mergeInputProblems(
  recipe: CiRecipe,
  steps: readonly OccStep[],
  publishedBy: ReadonlyMap<JobInstance, readonly { kind: string; path: string; name: string }[]>,
): string[] {
  const problems: string[] = [];
  for (const merge of steps.filter((s) => s.command === 'merge')) {
    const shards = steps.filter(
      (s) => s.options.has('--shard') && merge.instance.needs.includes(s.instance.job),
    );
    if (shards.length === 0)
      problems.push(`${label(merge.instance)}: occ merge without shard jobs in its needs`);
    const landed = landedShardReports(recipe, merge, shards, publishedBy);
    const reads = (report: string, operand: string) =>
      globRegExp(operand).test(report) || globRegExp(operand).test(posix.dirname(report));
    for (const report of landed)
      if (!merge.operands.some((o) => reads(report, o)))
        problems.push(
          `${label(merge.instance)}: occ merge ${merge.operands.join(' ')} does not read ${report}`,
        );
    for (const operand of merge.operands)
      if (!landed.some((r) => reads(r, operand)))
        problems.push(`${label(merge.instance)}: occ merge ${operand} matches no shard report`);
    if (landed.length < shards.length)
      problems.push(
        `${label(merge.instance)}: ${shards.length - landed.length} shard report(s) never reach it`,
      );
  }
  return problems;
}
