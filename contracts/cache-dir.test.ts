import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDir } from './cache-dir.ts';

describe('cacheDir', () => {
  it('is in the checkout’s own node_modules, made when missing', () => {
    const checkout = mkdtempSync(join(tmpdir(), 'occ-cache-'));
    const dir = cacheDir('suites', `${checkout}/`);
    expect(dir).toBe(join(checkout, 'node_modules', '.cache', 'order-contact-conformance', 'suites'));
    expect(existsSync(dir as string)).toBe(true);
  });

  it('is in the node_modules that holds the installed package, not inside the package', () => {
    const project = mkdtempSync(join(tmpdir(), 'occ-cache-'));
    const installed = join(project, 'node_modules', 'order-contact-conformance');
    mkdirSync(installed, { recursive: true });
    expect(cacheDir('contracts', installed)).toBe(
      join(project, 'node_modules', '.cache', 'order-contact-conformance', 'contracts'),
    );
  });

  it('is undefined where the folder cannot be made, so the run goes on without a cache', () => {
    const checkout = mkdtempSync(join(tmpdir(), 'occ-cache-'));
    writeFileSync(join(checkout, 'node_modules'), 'a file where the folder should be');
    expect(cacheDir('suites', checkout)).toBeUndefined();
  });
});
