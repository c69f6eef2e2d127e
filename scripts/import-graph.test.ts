import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const require = createRequire(import.meta.url);
const { LAYERS, BESIDE } = require(CONFIG) as { LAYERS: string[][]; BESIDE: Record<string, string[]> };
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface CruiseOutput {
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

async function cruise(cwd: string, folders: readonly string[]): Promise<CruiseOutput> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [DEPCRUISE, '--config', CONFIG, '--output-type', 'json', ...folders],
    { cwd, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return JSON.parse(stdout) as CruiseOutput;
}

const fixtures: string[] = [];
afterAll(() => {
  for (const dir of fixtures) rmSync(dir, { recursive: true, force: true });
});

describe('the import graph', () => {
  it('keeps its direction: no cycle, each layer imports only the layers below it', async () => {
    const output = await cruise(ROOT, [...LAYERS.flat(), ...Object.keys(BESIDE)]);
    expect(output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  }, 60_000);

  it('is drawn in ARCHITECTURE.md as the check enforces it', () => {
    const architecture = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    expect(architecture).toContain(LAYERS.map((layer) => layer.join(', ')).join(' → '));
  });

  it('reports a module that imports upwards, a cycle, run-time code in reports/, and msw-handlers/ out of bounds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-import-graph-'));
    fixtures.push(dir);
    cpSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    const file = (path: string, text: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    file('cli/main.ts', 'export const main = 1;\n');
    file('lib/log.ts', "import { main } from '../cli/main.ts';\nexport const log = main;\n");
    file('checks/a.ts', "import { b } from './b.ts';\nexport const a = b;\n");
    file('checks/b.ts', "import { a } from './a.ts';\nexport const b = a;\n");
    file('reports/render.ts', "import { log } from '../lib/log.ts';\nexport const render = log;\n");
    file('engine/run.ts', 'export const run = 1;\n');
    file('msw-handlers/index.ts', "import { run } from '../engine/run.ts';\nexport const handlers = run;\n");
    file(
      'mock/handler.ts',
      "import { handlers } from '../msw-handlers/index.ts';\nexport const handler = handlers;\n",
    );
    const names = (
      await cruise(dir, ['cli', 'lib', 'checks', 'reports', 'engine', 'mock', 'msw-handlers'])
    ).summary.violations.map((v) => v.rule.name);
    expect(names).toContain('lib-imports-down');
    expect(names).toContain('no-circular');
    expect(names).toContain('reports-imports-no-run-time-code');
    expect(names).toContain('msw-handlers-imports-beside');
    expect(names).toContain('mock-imports-down');
  }, 60_000);
});
