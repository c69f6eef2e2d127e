// Benchmark of start-up: `npx tsx bench/start-up.ts [--runs 7]` spawns bin/occ.js as a user does and prints, per
// run and as the median: the time to the first line of `occ run` (the seed and the target, printed before the
// engine loads; the run is then stopped), the time `occ run --no-such-flag` takes to be refused (exit 2), and
// `occ --version`. Issue #15's aims: the first line and a refusal each within 1 s. Prints the machine first.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { intFlag } from './support/args.ts';
import { describeMachine } from './support/machine.ts';

const OCC = fileURLToPath(new URL('../bin/occ.js', import.meta.url));
const runs = intFlag('--runs', 7);

/** Milliseconds from spawn to the first line on stdout (then the child is stopped), or to its exit. */
function time(
  args: readonly string[],
  until: 'first-line' | 'exit',
): Promise<{ ms: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(process.execPath, [OCC, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let done = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (until !== 'first-line' || done || !chunk.toString().includes('\n')) return;
      done = true;
      resolve({ ms: elapsed(), code: null });
      child.kill('SIGKILL');
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!done) resolve({ ms: elapsed(), code });
      done = true;
    });
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const rows: { first: number; refused: number; version: number }[] = [];
console.log(describeMachine());
console.log('| run | first line of occ run, ms | occ run --no-such-flag refused, ms | occ --version, ms |');
console.log('| ---: | ---: | ---: | ---: |');
for (let i = 1; i <= runs; i += 1) {
  const first = await time(['run', '--no-pact'], 'first-line');
  const refused = await time(['run', '--no-such-flag'], 'exit');
  if (refused.code !== 2) throw new Error(`occ run --no-such-flag exited ${refused.code}, not 2`);
  const version = await time(['--version'], 'exit');
  rows.push({ first: first.ms, refused: refused.ms, version: version.ms });
  console.log(`| ${i} | ${first.ms.toFixed(0)} | ${refused.ms.toFixed(0)} | ${version.ms.toFixed(0)} |`);
}
console.log(
  `median: first line ${median(rows.map((r) => r.first)).toFixed(0)} ms, a bad flag refused in ${median(rows.map((r) => r.refused)).toFixed(0)} ms, --version ${median(rows.map((r) => r.version)).toFixed(0)} ms`,
);
