// vitest transforms every suite module (TypeScript through vite) on each run: some 1.2 s and 100 MB of a smoke
// run on a 2-core machine. Its file-system module cache keeps the transformed modules between runs, keyed by each
// file's content and the config, so a changed suite is transformed again.
import { accessSync, constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makeDirectory } from '../lib/make-directory.ts';

const NAME = 'order-contact-conformance';

/**
 * Where the transformed suites are cached: `.cache/order-contact-conformance` in the node_modules that holds this
 * package when it is installed, else in the checkout's own node_modules. Undefined when that folder cannot be
 * made or written (a read-only install): the run then transforms the suites as before.
 */
export function suitesCacheDir(root: string): string | undefined {
  const packageFolder = dirname(root.replace(/[\\/]+$/, ''));
  const modules = basename(packageFolder) === 'node_modules' ? packageFolder : join(root, 'node_modules');
  const dir = join(modules, '.cache', NAME);
  try {
    makeDirectory(dir);
    accessSync(dir, constants.W_OK);
    return dir;
  } catch {
    return undefined;
  }
}
