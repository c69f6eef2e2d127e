// Where this package keeps what it can compute again (the suites transformed by vitest, the contracts parsed):
// `.cache/order-contact-conformance` in the node_modules that holds the package when it is installed, else in the
// checkout's own node_modules, so a reinstall clears it. Here, in the lowest layer, because contracts use it too.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { contractsPath } from './paths.ts';

const NAME = 'order-contact-conformance';

/**
 * The cache folder `part` of the package at `root` (by default this one), made when missing; undefined when it
 * cannot be made or written (a read-only install): callers then compute everything as if nothing were cached.
 */
export function cacheDir(part: string, root = contractsPath('..')): string | undefined {
  const packageFolder = dirname(root.replace(/[\\/]+$/, ''));
  const modules = basename(packageFolder) === 'node_modules' ? packageFolder : join(root, 'node_modules');
  const dir = join(modules, '.cache', NAME, part);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return dir;
  } catch {
    return undefined;
  }
}
