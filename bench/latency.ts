// Benchmark of a run against a tenant far away: `npx tsx bench/latency.ts [--latency 0,50,120,250|none] [--limit-rps 20]
// [--limit-latency 50] [--tier full] [--concurrency 16]` runs `occ run` (both versions, Pact included) against a
// standalone `occ mock` behind a gateway that delays each request, and once more behind a gateway that also allows
// only --limit-rps requests per second (answering 429 over it; 0 skips that row). Per row: wall time, requests the
// gateway saw, requests per second, the effective concurrency (requests × latency ÷ wall), the most requests in
// flight at once, 429s, failed rules and the exit status. Prints the machine first.
import { startSlowGateway } from '../lib/testing/slow-gateway.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from '../mock/index.ts';
import { intFlag } from './support/args.ts';
import { describeMachine } from './support/machine.ts';
import { runOccRun, startOccMock } from './support/occ-processes.ts';

function numbersFlag(name: string, fallback: readonly number[]): number[] {
  const at = process.argv.indexOf(name);
  if (at < 0) return [...fallback];
  const raw = process.argv[at + 1] ?? '';
  if (raw === 'none') return [];
  const values = raw.split(',').map(Number);
  if (raw === '' || values.some((v) => !Number.isInteger(v) || v < 0))
    throw new Error(
      `Failed to read ${name}: "${raw}" is not a comma-separated list of whole numbers (e.g. 0,120) or none.`,
    );
  return values;
}

function stringFlag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

const latencies = numbersFlag('--latency', [0, 50, 120, 250]);
const limitRps = intFlag('--limit-rps', 20, { min: 0 });
const limitLatency = intFlag('--limit-latency', 50, { min: 0 });
const tier = stringFlag('--tier');
const concurrency = stringFlag('--concurrency');
const extra = [...(tier ? ['--tier', tier] : []), ...(concurrency ? ['--concurrency', concurrency] : [])];

console.log(describeMachine());
console.log(`occ run --seed 1 ${extra.join(' ')} against occ mock behind a slow gateway`);
console.log(
  '| latency ms | limit rps | exit | wall s | requests | req/s | effective concurrency | max in flight | 429s | failed rules |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');

const mock = await startOccMock({ log: false });
try {
  const rows = [
    ...latencies.map((latencyMs) => ({ latencyMs, rps: undefined as number | undefined })),
    ...(limitRps > 0 ? [{ latencyMs: limitLatency, rps: limitRps }] : []),
  ];
  for (const row of rows) {
    const gateway = await startSlowGateway(mock.url, {
      latencyMs: row.latencyMs,
      ...(row.rps ? { rps: row.rps } : {}),
    });
    try {
      const run = await runOccRun(['--base-url', gateway.url, '--seed', '1', ...extra], {
        CDP_CLIENT_KEY: DEFAULT_CLIENT_KEY,
        CDP_API_TOKEN: DEFAULT_API_TOKEN,
      });
      const failed = /(\d+) passed, (\d+) failed/.exec(run.output)?.[2] ?? '?';
      const effective = (gateway.requests * row.latencyMs) / 1000 / run.seconds;
      console.log(
        `| ${row.latencyMs} | ${row.rps ?? '-'} | ${run.code} | ${run.seconds.toFixed(1)} | ${gateway.requests} | ${(gateway.requests / run.seconds).toFixed(1)} | ${effective.toFixed(1)} | ${gateway.maxInFlight} | ${gateway.limited} | ${failed} |`,
      );
      if (row.rps)
        console.log(
          `  rate-limited row: ${(run.seconds / ((gateway.requests - gateway.limited) / row.rps)).toFixed(2)} × (requests ÷ ${row.rps}) seconds`,
        );
      if (run.code !== 0 && run.code !== 1) console.log(run.output.slice(-1500));
    } finally {
      await gateway.close();
    }
  }
} finally {
  await mock.stop();
}
