// Runs runConformance in a process of its own (it starts vitest, which cannot run inside a test worker) and prints
// one JSON line per run: the report, whether anything called process.exit, and the SIGINT/SIGTERM listeners
// before, during and after. Usage: node --import tsx run-in-child.ts '<JSON array of options>'.
// An option `cancelAfter: "<log line>"` sends this process SIGINT when that line is logged.
import { runConformance } from '../index.ts';
import type { RunConformanceOptions } from '../run-options.ts';

type ChildRun = RunConformanceOptions & { readonly cancelAfter?: string };

const exitCalls: unknown[] = [];
process.exit = ((code?: number) => {
  exitCalls.push(code);
  throw new Error(`process.exit(${code}) was called`);
}) as typeof process.exit;

const listeners = () => ({
  SIGINT: process.listenerCount('SIGINT'),
  SIGTERM: process.listenerCount('SIGTERM'),
});

for (const { cancelAfter, ...options } of JSON.parse(process.argv[2] ?? '[]') as ChildRun[]) {
  const before = listeners();
  let during: ReturnType<typeof listeners> | undefined;
  const logged: string[] = [];
  const started = performance.now();
  try {
    const report = await runConformance({
      ...options,
      log: (line) => {
        logged.push(line);
        if (line === 'running the suites') during = listeners();
        if (line === cancelAfter) process.kill(process.pid, 'SIGINT');
      },
    });
    const ms = Math.round(performance.now() - started);
    const result = {
      report,
      exitCalls,
      before,
      during,
      after: listeners(),
      logged,
      ms,
      exitCode: process.exitCode,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    const { name, message } = error as Error;
    process.stdout.write(
      `${JSON.stringify({ error: { name, message }, exitCalls, before, after: listeners() })}\n`,
    );
  }
}
