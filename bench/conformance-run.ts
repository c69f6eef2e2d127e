// Benchmark of whole conformance runs: `npx tsx bench/conformance-run.ts [cases...]` (default 100 1000 10000).
// Each run is `occ run --cases N --no-pact` against a standalone `occ mock` (started here, on 127.0.0.1), so the
// mock's request log counts the exchanges; peak memory is the highest resident memory of the run's whole process
// tree (occ and any worker process vitest starts), sampled every 100 ms, with the occ process alone beside it.
// Prints one row per size, and the machine. The processes are started by bench/support/occ-processes.ts.
import { describeMachine } from './support/machine.ts';
import { runOcc, startOccMock } from './support/occ-processes.ts';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const CASES = sizes.length > 0 ? sizes : [100, 1000, 10000];

async function run(cases: number): Promise<void> {
  const mock = await startOccMock();
  const result = await runOcc(mock.url, cases);
  await mock.quiet();
  const requests = mock.log.length;
  await mock.stop();
  console.log(
    `| ${cases} | ${result.code} | ${result.seconds.toFixed(1)} | ${requests} | ${Math.round(requests / result.seconds)} | ${Math.round(result.peakRssBytes / 1024 / 1024)} | ${Math.round(result.peakMainRssBytes / 1024 / 1024)} |`,
  );
}

console.log(describeMachine());
console.log(
  '| --cases | exit | wall s | requests | requests/s | peak RSS MiB (all processes) | peak RSS MiB (occ process) |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const cases of CASES) await run(cases);
