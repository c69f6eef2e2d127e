import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN_ENV } from '../testing/spawn-occ.ts';

// `npm pack` here, `npm install <tgz>` in an empty project (from npm's cache: the lock's packages are there since
// npm ci), then the package used as a user would: npx occ, a plain .mjs file, a TypeScript file type-checked.
// One pack and one install for the whole file: they take most of its time.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'occ-package-'));
const project = join(work, 'project');

interface Done {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(file: string, args: readonly string[], cwd: string): Promise<Done> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, {
      cwd,
      env: CLEAN_ENV,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === 'number' ? code : -1, stdout: stdout ?? '', stderr: stderr ?? '' };
  }
}

/** The README's "From code" example, as it stands there. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## From code\n'));
  const block = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('README.md has no ```js block under "## From code"');
  return block;
}

let packed: { filename: string; files: { path: string }[]; size: number };
let packMs = 0;
let installMs = 0;
let installMode = '--offline';

beforeAll(async () => {
  let started = performance.now();
  const pack = await run('npm', ['pack', '--json', '--pack-destination', work], ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  // npm prints prepack's output (tsc's, nothing when it passes) before the JSON.
  const [first] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as (typeof packed)[];
  if (first === undefined) throw new Error(`npm pack --json printed no package: ${pack.stdout}`);
  packed = first;
  packMs = performance.now() - started;
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  started = performance.now();
  // msw is the optional peer /msw needs: the checkout's own copy, so the install needs no network.
  const install = [
    'install',
    join(work, packed.filename),
    join(ROOT, 'node_modules', 'msw'),
    '--no-audit',
    '--no-fund',
  ];
  let installed = await run('npm', [...install, '--offline'], project);
  // --offline needs the registry's metadata in the cache too, which npm ci does not always leave there.
  if (installed.code !== 0) {
    installMode = '--prefer-offline';
    installed = await run('npm', [...install, installMode], project);
  }
  expect(installed.code, installed.stderr).toBe(0);
  installMs = performance.now() - started;
}, 300_000);

afterAll(() => {
  console.log(
    `npm pack ${Math.round(packMs)} ms (${packed?.files.length} files, ${packed?.size} bytes); npm install ${installMode} ${Math.round(installMs)} ms`,
  );
  rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds what a run needs and none of the project’s tests, benchmarks or reports', () => {
    const paths = packed.files.map((f) => f.path);
    expect(
      paths.filter((p) =>
        /\.test\.ts$|\.pact\.ts$|(^|\/)testing\/|^bench\/|^reports\/out\/|__golden__/.test(p),
      ),
    ).toEqual([]);
    for (const needed of [
      'bin/occ.js',
      'entry/index.js',
      'entry/msw.js',
      'dist/types/api/index.d.ts',
      'dist/types/msw-handlers/index.d.ts',
      'contracts/meta/conformance-report.schema.json',
      'contracts/rules.yaml',
      'vitest.config.ts',
      'suites/ordered-chains.conformance.ts',
      'suites/chains/lifecycle.ts',
      'suites/pact/verify-pacts-child.ts',
      'mock/handler.ts',
    ])
      expect(paths).toContain(needed);
    expect(paths.some((p) => p.startsWith('contracts/pacts/') && p.endsWith('.json'))).toBe(true);
    expect(paths.some((p) => p.startsWith('contracts/schemas/'))).toBe(true);
  });

  it('depends only on what its files import at run time', () => {
    const installed = join(project, 'node_modules', 'order-contact-conformance');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const sources = packed.files
      .map((f) => f.path)
      .filter((p) => /\.(ts|js)$/.test(p) && !p.startsWith('dist/'))
      .map((p) => readFileSync(join(installed, p), 'utf8'))
      .join('\n');
    const unused = Object.keys(manifest.dependencies).filter(
      (name) => !new RegExp(`['"]${name.replace('/', '\\/')}(/[^'"]*)?['"]`).test(sources),
    );
    expect(unused).toEqual([]);
  });

  it('npx occ run --tier smoke runs against the embedded mock and writes the four reports', async () => {
    const done = await run(
      'npx',
      ['occ', 'run', '--tier', 'smoke', '--seed', '1', '--report-dir', 'smoke'],
      project,
    );
    expect(done.code, done.stdout + done.stderr).toBe(0);
    expect(done.stdout).toContain('target the embedded mock');
    expect(readdirSync(join(project, 'smoke')).sort()).toEqual([
      'conformance.html',
      'conformance.json',
      'conformance.md',
      'conformance.xml',
    ]);
  }, 120_000);

  it("runs the README's From code example in plain Node, against a baseline occ run wrote", async () => {
    mkdirSync(join(project, 'baseline'));
    copyFileSync(join(project, 'smoke', 'conformance.json'), join(project, 'baseline', 'conformance.json'));
    writeFileSync(join(project, 'example.mjs'), readmeExample());
    const done = await run(process.execPath, ['example.mjs'], project);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^passed: \d+ passed, 0 failed\n0 regressions, 0 fixes\n$/);
    expect(readdirSync(join(project, 'reports', 'out'))).toContain('conformance.json');
  }, 120_000);

  it('serves order-contact-conformance/msw to plain Node', async () => {
    writeFileSync(
      join(project, 'msw.mjs'),
      `import { setupServer } from 'msw/node';
import { orderContactHandlers } from 'order-contact-conformance/msw';
const ref = '2d7de9df-45a2-45ea-872c-30e45139007d';
const cdp = orderContactHandlers({ baseUrl: 'https://cdp.example', seedData: { orders: [{ ref, contacts: [] }] } });
const server = setupServer(...cdp.handlers);
server.listen({ onUnhandledRequest: 'error' });
const contact = await fetch(\`https://cdp.example/v2.1/orders/\${ref}/contacts\`, {
  method: 'POST',
  headers: { authorization: cdp.authorization, 'content-type': 'application/json' },
  body: JSON.stringify({ firstName: 'Ann', lastName: 'Lee' }),
});
const { href } = await contact.json();
console.log(contact.status, href.startsWith('https://cdp.example/v2.1/orderContacts/'), cdp.store.contactsOf(ref).length);
server.close();
`,
    );
    const done = await run(process.execPath, ['msw.mjs'], project);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toBe('201 true 1\n');
  }, 60_000);

  it('gives TypeScript the types of the API and of /msw', async () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { type ConformanceReport, ConformanceOptionsError, diffReports, loadReport, runConformance } from 'order-contact-conformance';
import { orderContactHandlers, type OrderContactMock } from 'order-contact-conformance/msw';

export async function gate(): Promise<number> {
  const report: ConformanceReport = await runConformance({ tier: 'smoke', apiVersions: ['v2.1'], seed: 1 });
  const verdict: 'passed' | 'failed' | 'inconclusive' | 'unreachable' = report.verdict;
  const regressions: number = diffReports(loadReport('baseline'), report).regressions.length;
  // @ts-expect-error: the tiers are smoke and full
  await runConformance({ tier: 'quick' });
  // @ts-expect-error: a seed is a number
  await runConformance({ seed: '7' });
  const problems: readonly string[] = new ConformanceOptionsError([]).problems;
  const mock: OrderContactMock = orderContactHandlers({ baseUrl: 'https://cdp.example' });
  return verdict === 'passed' ? regressions + problems.length + mock.handlers.length : 1;
}
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          types: [],
        },
        files: ['consumer.ts'],
      }),
    );
    const done = await run(process.execPath, [TSC, '-p', '.'], project);
    expect(done.stdout + done.stderr).toBe('');
    expect(done.code).toBe(0);
  }, 120_000);
});
