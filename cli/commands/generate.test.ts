import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRequestBody, validateContactRequest } from '../../contracts/index.ts';
import { DEFAULT_VALID_CASES } from '../../generators/index.ts';
import { runOcc } from '../testing/capture.ts';

const NOW = '2026-11-23T12:00:00Z';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function occ(...args: string[]): Promise<Run> {
  return runOcc(['generate', ...args]);
}

function lines(run: Run): Record<string, unknown>[] {
  return run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('occ generate', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'occ-generate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the default run of valid cases as NDJSON lines that pass the contract', async () => {
    const run = await occ('--seed', '7', '--now', NOW);
    expect(run.status).toBe(0);
    const cases = lines(run);
    expect(cases).toHaveLength(DEFAULT_VALID_CASES);
    expect(cases.find((c) => c.id === 'country.IE')).toMatchObject({
      kind: 'valid',
      strategy: 'every-country',
      apiVersion: 'v2.1',
      operation: 'createOrderContact',
      seed: 7,
      now: '2026-11-23T12:00:00.000Z',
      payload: { country: 'IE' },
    });
    for (const c of cases) {
      expect(
        validateContactRequest('v2.1', 'createOrderContact', c.payload, Date.parse(NOW)),
        String(c.id),
      ).toEqual([]);
    }
    expect(run.stderr).toBe('');
  });

  it('writes invalid cases that each break the rule they name', async () => {
    const run = await occ(
      '--seed',
      '3',
      '--now',
      NOW,
      '--kind',
      'invalid',
      '--api-version',
      'v2',
      '--operation',
      'updateOrderContact',
    );
    const cases = lines(run);
    expect(cases.length).toBeGreaterThan(50);
    for (const c of cases) {
      expect(c).toMatchObject({
        kind: 'invalid',
        apiVersion: 'v2',
        operation: 'updateOrderContact',
        seed: 3,
      });
      const rules =
        typeof c.rawBody === 'string'
          ? [parseRequestBody(c.rawBody)].flatMap((p) => (p.ok ? [] : [p.violation.rule]))
          : validateContactRequest('v2', 'updateOrderContact', c.payload, Date.parse(NOW)).map((v) => v.rule);
      expect(new Set(rules), String(c.id)).toEqual(new Set([c.rule]));
    }
  });

  it('writes valid then invalid cases for --kind all, honouring --count', async () => {
    const cases = lines(await occ('--seed', '3', '--now', NOW, '--kind', 'all', '--count', '4'));
    expect(cases.slice(0, 4).every((c) => c.kind === 'valid')).toBe(true);
    expect(cases.slice(4).every((c) => c.kind === 'invalid')).toBe(true);
    expect(cases.length).toBeGreaterThan(100);
  });

  it('replays one case by --case, byte for byte as in the full run', async () => {
    const full = (
      await occ('--seed', '11', '--now', NOW, '--kind', 'all', '--operation', 'partiallyUpdateOrderContact')
    ).stdout.split('\n');
    for (const id of [
      'title.Sheikh',
      'unicode.rtl-hebrew',
      'random.3',
      'dateOfBirth.future-1s',
      'json.trailing-comma',
    ]) {
      const one = await occ(
        '--seed',
        '11',
        '--now',
        NOW,
        '--operation',
        'partiallyUpdateOrderContact',
        '--case',
        id,
      );
      expect(one.status, id).toBe(0);
      const line = full.find((l) => l.includes(`"id":"${id}"`));
      expect(one.stdout, id).toBe(`${line}\n`);
    }
  });

  it('prints the premise with every case and filters by --premise', async () => {
    const all = lines(await occ('--seed', '4', '--now', NOW, '--kind', 'all'));
    for (const c of all) {
      expect(['documented', 'inferred'], String(c.id)).toContain((c.premise as { level?: unknown }).level);
    }
    expect(all.find((c) => c.id === 'dateOfBirth.date-only')?.premise).toMatchObject({
      level: 'inferred',
      because: expect.stringContaining('dateOfBirth "1985-12-24" is date-only'),
    });
    const documented = lines(
      await occ('--seed', '4', '--now', NOW, '--kind', 'all', '--premise', 'documented'),
    );
    const inferred = lines(await occ('--seed', '4', '--now', NOW, '--kind', 'all', '--premise', 'inferred'));
    expect(documented.length).toBeGreaterThan(0);
    expect(documented.every((c) => (c.premise as { level: string }).level === 'documented')).toBe(true);
    expect(inferred.every((c) => (c.premise as { level: string }).level === 'inferred')).toBe(true);
    expect(documented.length + inferred.length).toBe(all.length);
  });

  it('exits 2 when --case names a case --premise leaves out', async () => {
    const run = await occ(
      '--seed',
      '4',
      '--now',
      NOW,
      '--case',
      'dateOfBirth.date-only',
      '--premise',
      'documented',
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      '--case: "dateOfBirth.date-only" is inferred (dateOfBirth "1985-12-24" is date-only',
    );
    expect(run.stderr).toContain('Drop --premise to print it.');
  });

  it('prints a random seed and the current time to stderr when none is given', async () => {
    const run = await occ('--count', '1');
    expect(run.status).toBe(0);
    const seed = /^occ: seed (\d+)$/m.exec(run.stderr)?.[1];
    const now = /^occ: now (\S+)$/m.exec(run.stderr)?.[1];
    expect(seed).toBeDefined();
    expect(now).toBeDefined();
    const again = await occ('--count', '1', '--seed', String(seed), '--now', String(now));
    expect(again.stdout).toBe(run.stdout);
  });

  it('writes to --out atomically and leaves no temporary file', async () => {
    const file = join(dir, 'cases.ndjson');
    const run = await occ('--seed', '5', '--now', NOW, '--count', '3', '--out', file);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`occ: wrote 3 cases to ${file}`);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(3);
    expect(await readdir(dir)).toEqual(['cases.ndjson']);
  });

  it('exits 2 naming --out when the folder does not exist', async () => {
    const run = await occ('--seed', '5', '--now', NOW, '--out', join(dir, 'missing', 'x.ndjson'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /Failed to write cases to ".*missing\/x\.ndjson": .*Check that the folder exists/,
    );
  });

  it('exits 2 for an unknown --case, listing near matches', async () => {
    const run = await occ('--seed', '1', '--now', NOW, '--case', 'dateOfBirth.futur-1s');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--case: received "dateOfBirth.futur-1s"');
    expect(run.stderr).toMatch(/Near matches: dateOfBirth\.future-1s, /);
  });

  it.each([
    [['--seed', 'seven'], '--seed: received "seven", expected a whole number from 0 to 2147483647.'],
    [['--seed', '-1'], '--seed: received "-1", expected a whole number from 0 to 2147483647.'],
    [['--count', '1.5'], '--count: received "1.5", expected a whole number from 0 to 100000.'],
    [['--kind', 'broken'], '--kind: received "broken", expected valid, invalid or all.'],
    [['--premise', 'must'], '--premise: received "must", expected documented or inferred.'],
    [['--api-version', 'v3'], '--api-version: received "v3", expected v2.1 or v2.'],
    [
      ['--api-version', 'v2', '--operation', 'replaceOrderContact'],
      '--operation: received "replaceOrderContact", expected createOrderContact or updateOrderContact for v2.',
    ],
    [
      ['--now', '23/11/2026'],
      '--now: received "23/11/2026", expected an ISO 8601 date-time such as 2026-01-01T00:00:00Z.',
    ],
  ])('exits 2 for %j with a message naming the flag', async (args, message) => {
    const run = await occ(...args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});
