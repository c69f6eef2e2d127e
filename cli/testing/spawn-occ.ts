import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/occ.js', import.meta.url));

/** The test process's environment without any CDP_/OCC_ setting or vitest's own, so a child starts clean. */
export const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(CDP_|OCC_|VITEST|NODE_OPTIONS)/.test(k)),
);

/** What a spawned occ did: its exit status, output, and how long it took. */
export interface OccOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * Runs occ through its real entry point (bin/occ.js) as a child process, in an empty working folder, as a user
 * would. `occ run` starts vitest itself, so it cannot run inside a test worker.
 */
export function spawnOcc(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd: string = mkdtempSync(join(tmpdir(), 'occ-cwd-')),
): Promise<OccOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...CLEAN_ENV, ...env },
      cwd,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}
