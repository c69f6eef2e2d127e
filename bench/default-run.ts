// Benchmark of the default run: `npx tsx bench/default-run.ts [--runs 3]` runs `occ run` as `npm run conformance`
// does (the embedded mock, both versions, Pact included, the same V8 flags) and prints, per run and as the median:
// wall time, exchange checks and checks per second, and the peak memory of the run's whole process tree (the
// Pact verifier's child process included). Prints the machine first.
import { intFlag } from './support/args.ts';
import { describeMachine } from './support/machine.ts';
import { runOccRun } from './support/occ-processes.ts';

const runs = intFlag('--runs', 3);
const rows: { wall: number; checks: number; runSeconds: number; peakMiB: number }[] = [];
console.log(describeMachine());
console.log(
  '| run | exit | wall s | rule results | exchange checks | checks/s (wall) | peak RSS MiB (all processes) |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (let i = 1; i <= runs; i += 1) {
  const run = await runOccRun(['--seed', '1']);
  const summary =
    /(\d+) passed, (\d+) failed, (\d+) warned, (?:\d+ inconclusive, )?(\d+) skipped · (\d+) exchange checks(?: \([^)]*\))? in ([\d.]+) s/.exec(
      run.output,
    );
  if (run.code !== 0 || !summary)
    throw new Error(`occ run failed (exit ${run.code}): ${run.output.slice(-2000)}`);
  const results = [1, 2, 3, 4].reduce((n, g) => n + Number(summary[g]), 0);
  const checks = Number(summary[5]);
  const row = {
    wall: run.seconds,
    checks,
    runSeconds: Number(summary[6]),
    peakMiB: run.peakRssBytes / 1024 / 1024,
  };
  rows.push(row);
  console.log(
    `| ${i} | ${run.code} | ${row.wall.toFixed(1)} | ${results} | ${checks} | ${Math.round(checks / row.wall)} | ${Math.round(row.peakMiB)} |`,
  );
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
console.log(
  `median: ${median(rows.map((r) => r.wall)).toFixed(1)} s wall, ${Math.round(median(rows.map((r) => r.checks / r.wall)))} exchange checks/s over the wall, peak ${Math.round(median(rows.map((r) => r.peakMiB)))} MiB`,
);
