import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD_SCRIPT = fileURLToPath(new URL('./ledger-child.ts', import.meta.url));

/** Starts the ledger child script under node with the tsx loader. */
export function spawnLedgerChild(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the exit code (or signal) once the child has ended; rejects after `timeoutMs`. */
export function exited(child: ChildProcess, timeoutMs = 20_000): Promise<number | NodeJS.Signals> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Failed to see child ${child.pid} exit within ${timeoutMs} ms.`)),
      timeoutMs,
    );
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal as NodeJS.Signals));
    });
  });
}

/** Resolves once the child prints "ready"; rejects if it exits or stays silent for `timeoutMs`. */
export function ready(child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`Failed to see child ${child.pid} get ready within ${timeoutMs} ms: ${err}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready\n')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Failed to get child ready: it exited with ${code}: ${err}`));
    });
  });
}
