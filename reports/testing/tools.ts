// Finding the external tools some report tests need (xmllint, Chromium): a missing tool skips the test on a
// developer's machine and fails it in CI, where it must be installed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** True when running in CI (CI=true), where a missing tool is an error, not a reason to skip. */
export const IN_CI = process.env.CI === 'true';

/** True when a command is on the PATH. */
export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Where the headless browser the HTML test uses lives. */
export const CHROMIUM = '/usr/bin/chromium';

/** True when Chromium is installed at CHROMIUM. */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

/** What a test needs to skip itself (vitest's test context). */
interface Skippable {
  skip(note?: string): void;
}

/**
 * Skips the running test with `why` when a tool is missing, except in CI, where it fails with `why` instead.
 *
 * @example requireTool(ctx, hasCommand('xmllint'), 'xmllint is missing: apt-get install -y libxml2-utils')
 */
export function requireTool(ctx: Skippable, present: boolean, why: string): void {
  if (present) return;
  if (IN_CI) throw new Error(`${why} (CI=true, so this is an error rather than a skip)`);
  ctx.skip(why);
}
