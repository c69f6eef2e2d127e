// A child process for the ledger tests: `node --import tsx lib/testing/ledger-child.ts <mode> ...`.
//   append <dir> <runId> <count> <tag>   records <count> long contact entries, then exits
//   create <dir> <runId> <baseUrl>       creates an order and three contacts on a target, records them, prints
//                                        "ready", then stays alive until killed
//   hold <dir> <runId> <baseUrl>         opens the ledger, prints "ready", then stays alive until killed
import { HttpClient } from '../http-client.ts';
import { CleanupLedger } from '../ledger.ts';
import { OrderContactClient } from '../order-contact-client.ts';

const [mode, dir = '', runId = '', arg = '', tag = ''] = process.argv.slice(2);
const startedAt = new Date().toISOString();

function stayAlive(): void {
  process.stdout.write('ready\n');
  setInterval(() => {}, 60_000);
}

if (mode === 'append') {
  const ledger = CleanupLedger.open(dir, runId, { baseUrl: 'http://127.0.0.1:9', startedAt });
  // Long refs make a line ~3 KiB, so lines torn or interleaved by concurrent writers would show.
  const padding = 'p'.repeat(2_900);
  for (let i = 0; i < Number(arg); i += 1) {
    ledger.record({
      kind: 'contact',
      apiVersion: 'v2.1',
      ref: `${tag}-${i}-${padding}`,
      orderRef: `order-${tag}`,
    });
  }
} else if (mode === 'create') {
  const ledger = CleanupLedger.open(dir, runId, { baseUrl: arg, startedAt });
  const client = new OrderContactClient(new HttpClient({ baseUrl: arg, retries: 0 }), ledger);
  const order = await client.createOrder('v2.1', {
    referenceId: `occ-run-${runId}`,
    currencyCode: 'EUR',
    orderedAt: startedAt,
    price: 1,
  });
  const orderRef = (order.json as { ref: string }).ref;
  for (let i = 0; i < 3; i += 1)
    await client.createContact('v2.1', orderRef, { firstName: 'Ann', lastName: `Doe ${i}` });
  stayAlive();
} else if (mode === 'hold') {
  CleanupLedger.open(dir, runId, { baseUrl: arg, startedAt });
  stayAlive();
} else {
  process.stderr.write(
    `Failed to start the ledger child: unknown mode "${mode}". Use append, create or hold.\n`,
  );
  process.exitCode = 2;
}
