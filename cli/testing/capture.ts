import type { CliContext } from '../context.ts';
import { main } from '../main.ts';

/** A CliContext that keeps what a command writes, for tests that call main() in-process. */
export function captureContext(env: Record<string, string | undefined> = {}): {
  context: CliContext;
  out: () => string;
  err: () => string;
} {
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    exitCode: 0,
  };
  return { context, out: () => stdout, err: () => stderr };
}

/** Runs occ in-process with these arguments and returns its exit status and output. */
export async function runOcc(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { context, out, err } = captureContext(env);
  const status = await main(args, context);
  return { status, stdout: out(), stderr: err() };
}
