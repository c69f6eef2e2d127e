// A run cancelled as CI cancels it (SIGTERM or SIGINT to the whole process group, Pact child and all) must leave
// the target as it found it, with no occ cleanup after. The target is a standalone `occ mock`; what it holds when
// it stops is counted, not what the run says it deleted.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CLEAN_ENV } from '../testing/spawn-occ.ts';

const OCC = fileURLToPath(new URL('../../bin/occ.js', import.meta.url));
const ORDER = '5d0c8a7e-3f2b-4c61-9a8e-7b1d2c3e4f50';
/** Seeded, so a failing kill point can be replayed: OCC_CANCEL_SEED=<n>. */
const SEED = Number(CLEAN_ENV.OCC_CANCEL_SEED ?? process.env.OCC_CANCEL_SEED ?? 20261203);
const RUN_TIMEOUT_MS = 150_000;

/** mulberry32: a few random delays from one seed. */
function randomFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = randomFrom(SEED);

interface Child {
  readonly process: ChildProcess;
  readonly out: { text: string };
}
const children: Child[] = [];

function start(args: readonly string[], cwd: string, detached: boolean): Child {
  const child = spawn(process.execPath, [OCC, ...args], {
    cwd,
    env: CLEAN_ENV,
    detached,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { text: '' };
  child.stdout?.on('data', (d: Buffer) => {
    out.text += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out.text += d.toString();
  });
  const started = { process: child, out };
  children.push(started);
  return started;
}

function exitOf(child: ChildProcess, timeoutMs = RUN_TIMEOUT_MS): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.exitCode ?? String(child.signalCode));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child ${child.pid} still running`)), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? String(signal));
    });
  });
}

async function until(child: Child, pattern: RegExp, timeoutMs = RUN_TIMEOUT_MS): Promise<void> {
  await expect
    .poll(() => pattern.test(child.out.text) || child.process.exitCode !== null, {
      timeout: timeoutMs,
      interval: 20,
    })
    .toBe(true);
  if (!pattern.test(child.out.text))
    throw new Error(`the child exited before printing ${pattern}:\n${child.out.text.slice(-2000)}`);
}

/** A standalone mock seeded with one order and one contact, so "as it was" is not simply "empty". */
async function startMock(dir: string): Promise<{ mock: Child; url: string }> {
  const seed = join(dir, 'seed.json');
  writeFileSync(
    seed,
    JSON.stringify({ orders: [{ ref: ORDER, contacts: [{ firstName: 'Ann', lastName: 'Lee' }] }] }),
  );
  const mock = start(['mock', '--port', '0', '--seed-data', seed], dir, false);
  await until(mock, /mock listening on (http:\/\/127\.0\.0\.1:\d+)\n/, 30_000);
  const url = /mock listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(mock.out.text)?.[1] ?? '';
  return { mock, url };
}

/** Stops the mock and reads what it held: the one fact this file trusts. */
async function holdings(mock: Child): Promise<{ orders: number; contacts: number; created: string[] }> {
  mock.process.kill('SIGTERM');
  expect(await exitOf(mock.process, 20_000)).toBe(0);
  const match = /mock stopped \(SIGTERM\); holding (\d+) orders, (\d+) contacts, \d+ guests/.exec(
    mock.out.text,
  );
  if (!match) throw new Error(`the mock did not say what it held:\n${mock.out.text.slice(-1000)}`);
  return {
    orders: Number(match[1]),
    contacts: Number(match[2]),
    created: [...mock.out.text.matchAll(/mock created (order|contact) /g)].map((m) => m[1] ?? ''),
  };
}

function startRun(dir: string, url: string): Child {
  // Detached: its own process group, as a CI job's; the signal goes to the group, vitest and Pact included.
  return start(
    ['run', '--base-url', url, '--client-key', 'occ-client-key', '--api-token', 'occ-api-token'],
    dir,
    true,
  );
}

function ledgersIn(dir: string): string[] {
  const ledgerDir = join(dir, '.occ', 'ledger');
  return existsSync(ledgerDir) ? readdirSync(ledgerDir).filter((n) => n.startsWith('run-')) : [];
}

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) continue;
    try {
      // The run's group, or the mock alone.
      process.kill(
        child.process.spawnargs.includes('run')
          ? -(child.process.pid as number)
          : (child.process.pid as number),
        'SIGKILL',
      );
    } catch {
      // Already gone.
    }
  }
});

const KILL_POINTS: readonly {
  name: string;
  signal: 'SIGTERM' | 'SIGINT';
  after: RegExp;
  withinMs: number;
}[] = [
  { name: 'while the suites start', signal: 'SIGTERM', after: /running the suites\n/, withinMs: 2_000 },
  { name: 'in the middle of the suites', signal: 'SIGINT', after: /✓ .*\(v2\.1\)/, withinMs: 4_000 },
  {
    name: 'during the Pact stage',
    signal: 'SIGTERM',
    after: /verifying the committed pacts\n/,
    withinMs: 1_500,
  },
];

describe(`occ run cancelled by a signal to its process group (seed ${SEED})`, () => {
  for (const point of KILL_POINTS) {
    const delayMs = Math.round(random() * point.withinMs);
    it(
      `${point.signal} ${point.name} (+${delayMs} ms): exits ${point.signal === 'SIGINT' ? 130 : 143}, the target holds what it held`,
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'occ-cancel-'));
        const { mock, url } = await startMock(dir);
        const run = startRun(dir, url);
        await until(run, point.after);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        expect(
          run.process.exitCode,
          `the run ended before the signal:\n${run.out.text.slice(-1500)}`,
        ).toBeNull();
        process.kill(-(run.process.pid as number), point.signal);
        const code = await exitOf(run.process);
        expect(code, run.out.text.slice(-3000)).toBe(point.signal === 'SIGINT' ? 130 : 143);
        const held = await holdings(mock);
        // The run did create something (its order at least), so the check below can fail.
        expect(held.created).toContain('order');
        expect({ orders: held.orders, contacts: held.contacts }, run.out.text.slice(-3000)).toEqual({
          orders: 1,
          contacts: 1,
        });
        expect(ledgersIn(dir)).toEqual([]);
      },
      RUN_TIMEOUT_MS + 30_000,
    );
  }

  it(
    'a second signal exits at once and names the ledger holding what is left',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'occ-cancel-'));
      const { mock, url } = await startMock(dir);
      const run = startRun(dir, url);
      await until(run, /✓ /);
      const pid = run.process.pid as number;
      process.kill(-pid, 'SIGTERM');
      await until(run, /SIGTERM: stopping/, 10_000);
      const second = performance.now();
      process.kill(-pid, 'SIGTERM');
      expect(await exitOf(run.process, 10_000)).toBe(143);
      expect(performance.now() - second).toBeLessThan(2_000);
      const [ledger] = ledgersIn(dir);
      expect(ledger, run.out.text.slice(-2000)).toBeDefined();
      expect(run.out.text).toContain(join('.occ', 'ledger', ledger as string));
      expect(run.out.text).toContain(`occ cleanup --base-url ${url}`);
      expect(run.out.text).not.toContain('occ-api-token');
      await holdings(mock);
    },
    RUN_TIMEOUT_MS + 30_000,
  );
});
