import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirectory, removeDirectories } from './make-directory.ts';

describe('makeDirectory', () => {
  it('creates the missing folders, returns them outermost first, and removeDirectories takes them back', () => {
    const root = mkdtempSync(join(tmpdir(), 'occ-mkdir-'));
    const created = makeDirectory(join(root, 'a', 'b'));
    expect(created).toEqual([join(root, 'a'), join(root, 'a', 'b')]);
    expect(makeDirectory(join(root, 'a', 'b'))).toEqual([]);
    removeDirectories(created);
    expect(existsSync(join(root, 'a'))).toBe(false);
    expect(existsSync(root)).toBe(true);
  });

  it('names the file that stands where a folder should be', () => {
    const root = mkdtempSync(join(tmpdir(), 'occ-mkdir-'));
    writeFileSync(join(root, 'f'), 'x');
    expect(() => makeDirectory(join(root, 'f', 'out'))).toThrow(`${join(root, 'f')} is a file, not a folder`);
  });

  it.runIf(process.platform === 'linux')(
    'fails at once under /proc, where Node’s recursive mkdir loops forever',
    () => {
      const started = performance.now();
      expect(() => makeDirectory('/proc/occ-nope/out')).toThrow(
        'Failed to create the folder /proc/occ-nope/out: mkdir /proc/occ-nope answered ENOENT',
      );
      expect(performance.now() - started).toBeLessThan(1000);
    },
  );
});
