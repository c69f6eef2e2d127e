import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basicAuthorization,
  DEFAULT_API_TOKEN,
  DEFAULT_CLIENT_KEY,
  FAULTS,
  VARIANTS,
} from '../../mock/index.ts';
import type { CliContext } from '../context.ts';
import { main } from '../main.ts';
import { captureContext } from '../testing/capture.ts';
import { registerMockCommand, type SignalSource } from './mock.ts';

const OCC = fileURLToPath(new URL('../../bin/occ.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ORDER = '2d7de9df-45a2-45ea-872c-30e45139007d';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function capture(): { context: CliContext; out: () => string; err: () => string } {
  return captureContext();
}

async function occ(...args: string[]): Promise<Run> {
  const { context, out, err } = capture();
  const status = await main(['mock', ...args], context);
  return { status, stdout: out(), stderr: err() };
}

/** Resolves with the URL once the child prints "occ: mock listening on <url>". */
function listening(child: ChildProcess, output: { text: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Failed to see the mock listen: ${output.text}`)),
      20_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output.text += chunk.toString();
      const match = /occ: mock listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(output.text);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output.text += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The mock exited with ${code} before listening: ${output.text}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('occ mock', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'occ-mock-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists every fault with its kind and the rules it breaks', async () => {
    const run = await occ('--list-faults');
    expect(run.status).toBe(0);
    for (const fault of FAULTS) {
      const line = run.stdout.split('\n').find((l) => l.startsWith(`${fault.name} `));
      expect(line, fault.name).toBeDefined();
      expect(line).toContain(fault.kind);
      for (const rule of fault.breaks) expect(line).toContain(rule);
    }
    expect(run.stdout).toMatch(/\d+ faults \(\d+ contract, \d+ transport\)/);
  });

  it('lists the faults as JSON', async () => {
    const run = await occ('--list-faults', '--json');
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(FAULTS)));
  });

  it('refuses an unknown fault, naming the known ones, with exit 2', async () => {
    const run = await occ('--port', '0', '--fault', 'create-returns-200', '--fault', 'made-up');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"made-up": unknown. Known faults: create-returns-200,');
  });

  it('lists every variant with its kind and basis', async () => {
    const run = await occ('--list-variants');
    expect(run.status).toBe(0);
    for (const variant of VARIANTS) {
      const line = run.stdout.split('\n').find((l) => l.startsWith(`${variant.name} `));
      expect(line, variant.name).toBeDefined();
      expect(line).toContain(variant.kind);
      expect(line).toContain(variant.basis);
    }
    expect(run.stdout).toMatch(/\d+ variants \(\d+ behaviour, \d+ transport\)/);
  });

  it('lists the variants as JSON', async () => {
    const run = await occ('--list-variants', '--json');
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(VARIANTS)));
  });

  it('refuses an unknown variant, naming near matches, with exit 2', async () => {
    const run = await occ('--port', '0', '--variant', 'nope');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Failed to switch on mock variant "nope": unknown. Near matches: ');
    const near = await occ('--port', '0', '--variant', 'gzip,lagging-lists');
    expect(near.status).toBe(2);
    expect(near.stderr).toContain('"lagging-lists": unknown. Near matches: lagging-list');
  });

  it('switches on variants given repeatedly and comma-separated, and says so at start-up', async () => {
    const { context, out } = capture();
    const signals = new EventEmitter();
    const program = new Command().exitOverride();
    registerMockCommand(program, context, signals as unknown as SignalSource);
    const running = program.parseAsync(
      [
        'mock',
        '--port',
        '0',
        '--no-log',
        '--variant',
        'update-201,charset-utf8',
        '--variant',
        'extra-fields',
      ],
      { from: 'user' },
    );
    await expect.poll(() => out(), { timeout: 10_000 }).toMatch(/variants on/);
    expect(out()).toContain('occ: mock variants on: update-201, charset-utf8, extra-fields');
    const url = /listening on (\S+)/.exec(out())?.[1] ?? '';
    const answer = await fetch(`${url}/v2.1/orderContacts/${ORDER}`, {
      headers: { authorization: basicAuthorization(DEFAULT_CLIENT_KEY, DEFAULT_API_TOKEN) },
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(((await answer.json()) as { path?: string }).path).toBe(`/v2.1/orderContacts/${ORDER}`);
    signals.emit('SIGTERM', 'SIGTERM');
    await running;
    expect(context.exitCode).toBe(0);
  });

  it.each([
    [['--port', '70000'], '--port: received "70000", expected a whole number from 0 to 65535.'],
    [['--max-limit', '0'], '--max-limit: received "0", expected a whole number from 1 to 1000000.'],
    [['--contacts-per-order', 'two'], '--contacts-per-order: received "two", expected many or one.'],
    [['--public-base-url', 'nope'], 'publicBaseUrl "nope": not a URL'],
    [['--seed-data', '/no/such/file.json'], 'Failed to read --seed-data "/no/such/file.json"'],
  ])('refuses %j with exit 2', async (args, message) => {
    const run = await occ('--port', '0', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('refuses seed data that is not JSON or breaks the contract, saying what is wrong', async () => {
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{ orders: [');
    expect((await occ('--port', '0', '--seed-data', notJson)).stderr).toContain('not JSON');
    const bad = join(dir, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({ orders: [{ ref: ORDER, contacts: [{ firstName: 'A', gender: 'robot' }] }] }),
    );
    const run = await occ('--port', '0', '--seed-data', bad);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('2 problems');
    expect(run.stderr).toContain('orders[0].contacts[0].lastName: may not be null.');
    expect(run.stderr).toContain('orders[0].contacts[0].gender: must be one of male, female, unknown.');
  });

  it('serves until a signal, then closes and returns 0 (in-process)', async () => {
    const { context, out } = capture();
    const signals = new EventEmitter();
    const program = new Command().exitOverride();
    registerMockCommand(program, context, signals as unknown as SignalSource);
    const running = program.parseAsync(['mock', '--port', '0', '--client-key', 'k', '--api-token', 't'], {
      from: 'user',
    });
    await expect.poll(() => out(), { timeout: 10_000 }).toMatch(/listening on http/);
    const url = /listening on (\S+)/.exec(out())?.[1] ?? '';
    const answer = await fetch(`${url}/v2.1/guests`, {
      method: 'POST',
      headers: { authorization: basicAuthorization('k', 't'), 'content-type': 'application/json' },
      body: JSON.stringify({ guestType: 'visitor' }),
    });
    expect(answer.status).toBe(201);
    const guest = ((await answer.json()) as { ref: string }).ref;
    signals.emit('SIGINT', 'SIGINT');
    await running;
    expect(context.exitCode).toBe(0);
    expect(out()).toContain(`occ: mock created guest ${guest}\n`);
    expect(out()).toContain('occ: mock stopped (SIGINT); holding 0 orders, 0 contacts, 1 guests\n');
    await expect(fetch(`${url}/v2.1/guests`)).rejects.toThrow();
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('runs as a process: prints its URL, logs each request without credentials, exits 0 on SIGTERM', async () => {
    const seed = join(dir, 'seed.json');
    await writeFile(
      seed,
      JSON.stringify({ orders: [{ ref: ORDER, contacts: [{ firstName: 'Ann', lastName: 'Lee' }] }] }),
    );
    const child = spawn(
      process.execPath,
      [
        OCC,
        'mock',
        '--port',
        '0',
        '--seed-data',
        seed,
        '--fault',
        'create-returns-200',
        '--api-token',
        'secret-token-123',
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, OCC_MOCK_CLIENT_KEY: 'env-key' },
      },
    );
    const output = { text: '' };
    let contact = '';
    try {
      const url = await listening(child, output);
      const auth = basicAuthorization('env-key', 'secret-token-123');
      const listed = await fetch(`${url}/v2.1/orders/${ORDER}/contacts`, {
        headers: { authorization: auth },
      });
      expect(listed.status).toBe(200);
      expect(((await listed.json()) as { items: unknown[] }).items).toHaveLength(1);
      const created = await fetch(`${url}/v2.1/orders/${ORDER}/contacts`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify({ firstName: 'Bo', lastName: 'Li' }),
      });
      expect(created.status).toBe(200); // the fault is on
      contact = ((await created.json()) as { ref: string }).ref;
      const refused = await fetch(`${url}/v2/orders/${ORDER}/contacts`, {
        headers: { authorization: basicAuthorization(DEFAULT_CLIENT_KEY, DEFAULT_API_TOKEN) },
      });
      expect(refused.status).toBe(401);
      await expect.poll(() => output.text, { timeout: 10_000 }).toMatch(/occ: mock 401 GET \/v2\/orders\//);
      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    const lines = output.text.trim().split('\n');
    expect(lines[0]).toMatch(/^occ: mock listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(output.text).toContain('occ: mock faults on: create-returns-200');
    expect(output.text).toContain('occ: mock seeded with 1 orders, 1 contacts, 1 guests');
    expect(output.text).toMatch(
      new RegExp(`occ: mock 200 GET /v2.1/orders/${ORDER}/contacts \\d+\\.\\dms\\n`),
    );
    expect(output.text).toMatch(
      new RegExp(`occ: mock 200 POST /v2.1/orders/${ORDER}/contacts \\d+\\.\\dms\\n`),
    );
    // The store grew, so the create is logged whatever status the fault answered with.
    expect(output.text).toContain(`occ: mock created contact ${contact}\n`);
    expect(output.text.match(/mock created/g)).toHaveLength(1);
    expect(output.text).toMatch(/occ: mock stopped \(SIGTERM\); holding 1 orders, 2 contacts, \d+ guests\n/);
    expect(output.text).not.toContain('secret-token-123');
    expect(output.text).not.toContain('env-key');
  });

  it('exits 0 on SIGINT as well', async () => {
    const child = spawn(process.execPath, [OCC, 'mock', '--port', '0', '--no-log'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { text: '' };
    try {
      const url = await listening(child, output);
      expect((await fetch(`${url}/x`)).status).toBe(401);
      child.kill('SIGINT');
      expect(await exitOf(child)).toBe(0);
      expect(output.text).not.toMatch(/occ: mock 401/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
