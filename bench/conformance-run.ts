// Benchmark of whole conformance runs: `npx tsx bench/conformance-run.ts [cases...]` (default 100 1000 10000).
// Each run is `occ run --cases N --no-pact` against a standalone `occ mock` (started here, on 127.0.0.1), so the
// mock's request log counts the exchanges; peak memory is the run process's VmHWM (vitest's workers are threads
// of it). Prints one row per size, and the machine.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/occ.js', import.meta.url));
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const CASES = sizes.length > 0 ? sizes : [100, 1000, 10000];

function peakRss(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function startMock(): Promise<{ url: string; requests: () => number; stop: () => void }> {
  const child = spawn(process.execPath, [BIN, 'mock', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let lines = 0;
  let url = '';
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        const listening = /listening on (http:\/\/\S+)/.exec(line);
        if (listening?.[1]) {
          url = listening[1];
          resolve();
        } else if (line.startsWith('occ: mock ')) lines += 1;
      }
    });
  });
  return { url, requests: () => lines, stop: () => child.kill('SIGTERM') };
}

async function run(cases: number): Promise<void> {
  const mock = await startMock();
  const dir = mkdtempSync(join(tmpdir(), 'occ-bench-'));
  const started = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [
      BIN,
      'run',
      '--base-url',
      mock.url,
      '--cases',
      String(cases),
      '--seed',
      '1',
      '--no-pact',
      '--report-dir',
      dir,
      '--ledger-dir',
      join(dir, 'ledger'),
    ],
    {
      stdio: 'ignore',
      env: { ...process.env, CDP_CLIENT_KEY: 'occ-client-key', CDP_API_TOKEN: 'occ-api-token' },
    },
  );
  let peak = 0;
  const poll = setInterval(() => {
    peak = Math.max(peak, peakRss(child.pid ?? 0));
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await new Promise((resolve) => setTimeout(resolve, 200));
  const requests = mock.requests();
  mock.stop();
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `| ${cases} | ${code} | ${seconds.toFixed(1)} | ${requests} | ${Math.round(requests / seconds)} | ${Math.round(peak / 1024 / 1024)} |`,
  );
}

console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
);
console.log('| --cases | exit | wall s | requests | requests/s | peak RSS MiB |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const cases of CASES) await run(cases);
