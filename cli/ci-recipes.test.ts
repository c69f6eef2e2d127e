import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPORT_FILES } from '../reports/write-reports.ts';
import { buildProgram } from './main.ts';
import { captureContext } from './testing/capture.ts';
import { checkCiRecipe } from './testing/ci-recipes/check-ci-recipe.ts';
import type { CiRecipe } from './testing/ci-recipes/ci-recipe.ts';
import { githubRecipe } from './testing/ci-recipes/github-recipe.ts';
import { gitlabRecipe } from './testing/ci-recipes/gitlab-recipe.ts';
import { spawnOcc } from './testing/spawn-occ.ts';

const recipeText = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../docs/ci/${name}`, import.meta.url)), 'utf8');
const GITHUB = recipeText('github-actions.yml');
const GITLAB = recipeText('gitlab-ci.yml');

let program: Command;
beforeAll(async () => {
  // Every command, as `occ --help` builds them; nothing is run.
  program = await buildProgram(captureContext().context);
});

/** A GitHub expression naming a secret, as a workflow writes it. */
const secret = (name: string) => `\${{ secrets.${name} }}`;

const checkGithub = (text: string) => checkCiRecipe(githubRecipe(parse(text)), program);
const checkGitlab = (text: string) => checkCiRecipe(gitlabRecipe(parse(text)), program);

/** The occ command lines a recipe runs, per job instance, expanded: proof the checks saw them. */
function occLines(recipe: CiRecipe): string[] {
  return recipe.instances.flatMap((instance) =>
    instance.steps.flatMap((step) =>
      step.kind === 'script'
        ? recipe.occArgvs(step.text, instance.bindings).argvs.map((argv) => argv.join(' '))
        : [],
    ),
  );
}

describe('docs/ci/github-actions.yml', () => {
  it('runs only commands, flags and values occ accepts, and publishes the files occ writes', () => {
    expect(checkGithub(GITHUB)).toEqual([]);
  });

  it('runs the smoke tier on pull requests, three shards of the full tier with one seed, the merge, and the drift check', () => {
    expect(occLines(githubRecipe(parse(GITHUB)))).toEqual([
      'run --tier smoke --max-requests 300 --report-dir reports/out/smoke',
      ...[1, 2, 3].map(
        (i) =>
          `run --tier full --shard ${i}/3 --seed 417 --max-requests 5000 --deadline-ms 1800000 --report-dir reports/out/shard-${i}`,
      ),
      'merge reports/shards/* --report-dir reports/out/merged',
      'run --tier smoke --profile tenant.profile.json --max-requests 300 --report-dir reports/out/drift',
    ]);
  });

  it('fails on a renamed flag, a tier occ does not have, or a shard out of range', () => {
    expect(checkGithub(GITHUB.replace('--tier smoke', '--teir smoke'))).toContain(
      'smoke: occ run --teir: occ run has no such flag',
    );
    expect(checkGithub(GITHUB.replace('--tier smoke', '--tier quick'))).toContain(
      'smoke: occ run --tier: received "quick", expected smoke or full',
    );
    expect(checkGithub(GITHUB.replace('shard: [1, 2, 3]', 'shard: [1, 2, 4]'))).toEqual(
      expect.arrayContaining([
        'full-shard (matrix.shard=4): occ run --shard: received "4/3", expected i/n with 1 <= i <= n, such as 1/3.',
        'full-shard: shards 1/3, 2/3, 4/3 do not cover 1..3 once each',
      ]),
    );
    expect(checkGithub(GITHUB.replace('npx occ merge', 'npx occ combine'))[0]).toMatch(
      /^full-merge: occ combine: no such command \(occ has run, rules, .*merge/,
    );
  });

  it('fails on a wrong flag in a minimal workflow, and on credentials outside the env', () => {
    const workflow = (run: string, env = '') => `
on: { pull_request: {}, schedule: [{ cron: '0 3 * * *' }] }
jobs:
  smoke:
    if: github.event_name == 'pull_request'
    ${env}
    steps:
      - run: ${run}
`;
    expect(checkGithub(workflow('npx occ run --tier smoke --report-dirs out'))).toContain(
      'smoke: occ run --report-dirs: occ run has no such flag',
    );
    expect(
      checkGithub(workflow(`npx occ run --tier smoke --api-token "${secret('CDP_API_TOKEN')}"`)),
    ).toEqual(
      expect.arrayContaining([
        `jobs.smoke.steps.0.run: a secret outside an env: map ("npx occ run --tier smoke --api-token "${secret('CDP_API_TOKEN')}"")`,
        'smoke: --api-token on the command line; pass it in the env',
      ]),
    );
    expect(
      checkGithub(workflow('echo "$CDP_API_TOKEN"', `env: { API_TOKEN: "${secret('CDP_API_TOKEN')}" }`)),
    ).toEqual(
      expect.arrayContaining([
        'jobs.smoke.env.API_TOKEN: a secret in API_TOKEN, which occ does not read',
        'smoke: the script names CDP_API_TOKEN; leave it to the env',
      ]),
    );
    // The check also wants a nightly run: a pull request alone is not the recipe.
    expect(checkGithub(workflow('npx occ run --tier smoke'))).toContain('no occ run on the schedule');
  });

  it('fails when a later step reads a report path occ does not write', () => {
    expect(
      checkGithub(GITHUB.replace('reports/out/merged/conformance.xml', 'reports/out/merged/junit.xml')),
    ).toEqual(
      expect.arrayContaining([
        'full-merge: publishes reports/out/merged/junit.xml as JUnit, which no earlier occ step writes (junit.xml)',
        'full-merge: does not publish reports/out/merged/conformance.xml (junit)',
      ]),
    );
    expect(
      checkGithub(GITHUB.replace('npx occ merge reports/shards/*', 'npx occ merge reports/shard/*')),
    ).toEqual(
      expect.arrayContaining([
        'full-merge: occ merge reports/shard/* does not read reports/shards/conformance-shard-1/conformance.json',
      ]),
    );
  });
});

describe('docs/ci/gitlab-ci.yml', () => {
  it('runs only commands, flags and values occ accepts, and publishes the files occ writes', () => {
    expect(checkGitlab(GITLAB)).toEqual([]);
  });

  it('runs the smoke tier on merge requests, three parallel shards with one seed, and the merge', () => {
    expect(occLines(gitlabRecipe(parse(GITLAB)))).toEqual([
      'run --tier smoke --max-requests 300 --report-dir reports/out/smoke',
      ...[1, 2, 3].map(
        (i) =>
          `run --tier full --shard ${i}/3 --seed 417 --max-requests 5000 --deadline-ms 1800000 --report-dir reports/shards/shard-${i}`,
      ),
      'merge reports/shards/shard-* --report-dir reports/out/merged',
    ]);
  });

  it('fails on a renamed flag, the full tier on merge requests, and a merge that misses the shards', () => {
    expect(checkGitlab(GITLAB.replace('--max-requests 300', '--max-request 300'))).toContain(
      'smoke: occ run --max-request: occ run has no such flag',
    );
    expect(checkGitlab(GITLAB.replace('--tier smoke', '--tier full'))).toContain(
      'smoke: runs on pull requests with --tier full, not smoke',
    );
    expect(checkGitlab(GITLAB.replace('--seed $CI_PIPELINE_IID', '--seed $CI_JOB_ID'))).toContain(
      'full (CI_NODE_INDEX=1): $CI_JOB_ID has no value in this job (extend the recipe reader)',
    );
    expect(checkGitlab(GITLAB.replace('merge reports/shards/shard-*', 'merge reports/out/shard-*'))).toEqual(
      expect.arrayContaining([
        'merge: occ merge reports/out/shard-* does not read reports/shards/shard-2/conformance.json',
        'merge: occ merge reports/out/shard-* matches no shard report',
      ]),
    );
    expect(checkGitlab(`${GITLAB}\nvariables:\n  CDP_API_TOKEN: abc\n`)).toContain(
      'variables.CDP_API_TOKEN: a credential written into the recipe; make it a masked CI/CD variable',
    );
  });
});

describe('the smoke job as written', () => {
  it('writes, through bin/occ.js, the JUnit, HTML and step summary the GitHub job publishes', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'occ-ci-'));
    const summary = join(cwd, 'step-summary.md');
    const [args] = occLines(githubRecipe(parse(GITHUB)));
    // The embedded mock: what a pull request from a fork gets, with no staging secrets.
    const outcome = await spawnOcc((args ?? '').split(' '), { GITHUB_STEP_SUMMARY: summary }, cwd);
    expect(outcome.code, outcome.stderr).toBe(0);
    for (const file of [REPORT_FILES.junit, REPORT_FILES.html])
      expect(existsSync(join(cwd, 'reports/out/smoke', file)), file).toBe(true);
    expect(readFileSync(summary, 'utf8')).toContain('smoke');
  }, 60_000);
});
