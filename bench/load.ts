// Concurrent load with a consistency check: npx tsx bench/load.ts [--clients 50] [--requests 20000] [--seed N]
// [--orders N] [--fault <name>]...
//
// Starts `node bin/occ.js mock --port 0 --no-log` in a child process (127.0.0.1), so the clients and the server do
// not share an event loop, creates a few orders, then runs the clients of bench/support/load-driver.ts: together a
// fixed number of requests, a seeded mix of creates (v2.1 and v2), v2.1 PUT and PATCH, v2 updates (POST) and deletes,
// each client touching only the contacts it created and several clients sharing each order. Each client remembers
// what it was told succeeded; at the end the whole store is read back through the API and compared with that.
// Prints throughput, latency per operation, statuses, 5xx and mismatches; exits 1 unless there are no 5xx, no
// unanswered requests and no mismatches. --fault switches a mock fault on (e.g. delete-not-applied) to watch the
// comparison catch it.
import { intFlag, listFlag } from './support/args.ts';
import { formatLoadReport, loadPassed, runLoad } from './support/load-driver.ts';
import { describeLoad, describeMachine } from './support/machine.ts';
import { startOccMock } from './support/occ-processes.ts';

const clients = intFlag('--clients', 50);
const requests = intFlag('--requests', 20_000);
const seed = intFlag('--seed', 1, { min: 0 });
const orders = intFlag('--orders', Math.max(1, Math.ceil(clients / 5)));
const faults = listFlag('--fault');

console.log('# Load and consistency benchmark');
console.log(describeMachine());
console.log(describeLoad());
console.log(
  `server: node bin/occ.js mock --port 0 --no-log${faults.map((f) => ` --fault ${f}`).join('')} (its own process); ` +
    'clients: lib/http-client.ts (undici, keep-alive, no retries) in this process',
);
const mock = await startOccMock({ log: false, faults });
let passed = false;
try {
  const report = await runLoad({ baseUrl: mock.url, clients, requests, seed, orders });
  for (const line of formatLoadReport(report)) console.log(line);
  passed = loadPassed(report);
} finally {
  await mock.stop();
}
console.log(
  passed ? 'result: PASSED (no 5xx, every answer received, store as acknowledged)' : 'result: FAILED',
);
process.exitCode = passed ? 0 : 1;
