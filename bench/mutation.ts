// Mutation benchmark of the reference mock: `npm run bench:mutation -- [--sample 40] [--seed 1] [--files GLOB ...]`
// or `-- --all`. StrykerJS mutates mock/ (bench/stryker.config.mjs says which files and why) and runs the
// conformance suite (`occ run --cases 5 --no-pact --strict --seed 1`) against each mutant; a mutant that still
// passes is a survivor. Prints the machine, the date, the mutation score, every survivor (file:line, mutator,
// original → replacement, and whether bench/mutation-equivalents.json calls it equivalent and why) and the wall
// time, and writes the result to bench/results/mutation-{sample,all}.json.
//
// A sample is a seeded choice of mutation points (the AST nodes Stryker mutates), taken in seeded order until it
// holds at least --sample mutants; each point brings all of its mutants (two or three, often), and nothing of the
// nodes inside it. Listing the points costs one Stryker run whose command is `true`. --all runs every mutant
// (about 7 s each here: hours); it is resumable: Ctrl-C writes the incremental file, and the next run reuses every
// result whose code has not changed. A sample keeps an incremental file of its own, so a second run of the same
// sample reuses it too.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createFaker } from '../generators/index.ts';
import { intFlag, listFlag } from './support/args.ts';
import { describeLoad, describeMachine } from './support/machine.ts';
import { EQUIVALENTS_FILE, equivalentFor, readEquivalents } from './support/mutation-equivalents.ts';
import {
  figuresOf,
  killedBy,
  listMutationPoints,
  runStryker,
  STRYKER_CONFIG,
  siteOf,
} from './support/stryker.ts';

const KNOWN_FLAGS = new Set(['--sample', '--seed', '--files', '--all']);
const args = process.argv.slice(2);
for (const [index, arg] of args.entries()) {
  const isValue = index > 0 && ['--sample', '--seed', '--files'].includes(args[index - 1] ?? '');
  if (!isValue && !KNOWN_FLAGS.has(arg)) {
    throw new Error(
      `Unknown argument "${arg}". Use --sample N, --seed N, --files GLOB (repeatable) or --all.`,
    );
  }
}
const all = args.includes('--all');
if (all && args.includes('--sample')) throw new Error('Pass either --all or --sample N, not both.');
const sampleSize = intFlag('--sample', 40);
const seed = intFlag('--seed', 1, { min: 0 });
const files = listFlag('--files');
const equivalents = readEquivalents(EQUIVALENTS_FILE);
const mode = all ? 'all' : 'sample';
const startedAt = new Date();
const started = performance.now();

console.log(describeMachine());
console.log(describeLoad());
console.log(`date: ${startedAt.toISOString()}`);

let mutate: string[] | undefined = files.length > 0 ? files : undefined;
let population: { points: number; mutants: number } | undefined;
if (!all) {
  const points = await listMutationPoints(files);
  const ranges = createFaker(seed).helpers.shuffle([...points.keys()]);
  const picked: string[] = [];
  let mutants = 0;
  for (const range of ranges) {
    if (mutants >= sampleSize) break;
    picked.push(range);
    mutants += points.get(range)?.length ?? 0;
  }
  population = { points: points.size, mutants: [...points.values()].reduce((n, m) => n + m.length, 0) };
  mutate = picked;
  console.log(
    `sample: ${picked.length} of ${population.points} mutation points (seed ${seed}), ${mutants} of ` +
      `${population.mutants} mutants`,
  );
}

const results = (
  await runStryker({
    incrementalFile: `bench/results/mutation-${mode}.incremental.json`,
    reporters: ['progress'],
    ...(mutate ? { mutate } : {}),
  })
).filter((m) => m.status !== 'Ignored');
const figures = figuresOf(results);
const wallSeconds = (performance.now() - started) / 1000;

const survivors = results
  .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
  .map((m) => {
    const site = siteOf(m);
    const equivalent = equivalentFor(site, equivalents);
    return {
      ...site,
      status: m.status,
      ...(equivalent
        ? { equivalent: equivalent.reason, disposition: equivalent.disposition ?? 'equivalent' }
        : {}),
    };
  })
  .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
const open = survivors.filter((s) => s.equivalent === undefined);
const equivalentCount = survivors.length - open.length;
const validDetected = figures.killed + figures.timeout;
const scoreWithoutEquivalents = (100 * validDetected) / (validDetected + open.length);

console.log('');
console.log(`config: ${STRYKER_CONFIG} · mode: ${mode} · mutants run: ${results.length}`);
console.log(
  `killed ${figures.killed}, timeout ${figures.timeout}, survived ${figures.survived}, no coverage ` +
    `${figures.noCoverage}, runtime/compile errors ${figures.errors} (outside the score)`,
);
console.log(
  `mutation score: ${figures.score.toFixed(1)}% = (killed + timeout) / (killed + timeout + survived + no coverage)`,
);
console.log(
  `survivors: ${survivors.length} (${equivalentCount} written down: ${['equivalent', 'outside-contract', 'unspecified'].map((d) => `${survivors.filter((s) => s.disposition === d).length} ${d}`).join(', ')}; ${open.length} open); score counting only open ` +
    `survivors: ${scoreWithoutEquivalents.toFixed(1)}%`,
);
for (const s of survivors) {
  const verdict = s.equivalent === undefined ? 'OPEN' : `${s.disposition}: ${s.equivalent}`;
  console.log(
    `  ${s.file}:${s.line}:${s.column} ${s.mutator}: ${s.original} → ${s.replacement} [${verdict}]`,
  );
}
console.log(`wall: ${wallSeconds.toFixed(0)} s (${(wallSeconds / 60).toFixed(1)} min)`);

mkdirSync('bench/results', { recursive: true });
const out = `bench/results/mutation-${mode}.json`;
writeFileSync(
  out,
  `${JSON.stringify(
    {
      date: startedAt.toISOString(),
      machine: describeMachine(),
      load: describeLoad(),
      config: STRYKER_CONFIG,
      mode,
      ...(all ? {} : { seed, requested: sampleSize, population, points: mutate?.length }),
      ...(files.length > 0 ? { files } : {}),
      wallSeconds: Math.round(wallSeconds),
      mutants: results.length,
      ...figures,
      score: Math.round(figures.score * 10) / 10,
      equivalentSurvivors: equivalentCount,
      openSurvivors: open.length,
      scoreWithoutEquivalents: Math.round(scoreWithoutEquivalents * 10) / 10,
      survivors,
      detected: results
        .filter((m) => m.status === 'Killed' || m.status === 'Timeout')
        .map((m) => ({ ...siteOf(m), status: m.status, by: killedBy(m) ?? null })),
    },
    null,
    2,
  )}\n`,
);
console.log(`result: ${out}`);
