import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedParse } from './cached-parse.ts';

function setUp() {
  const folder = mkdtempSync(join(tmpdir(), 'occ-cached-parse-'));
  const cache = mkdtempSync(join(tmpdir(), 'occ-cached-parse-cache-'));
  const file = join(folder, 'rules.yaml');
  const calls: string[] = [];
  const parse = (text: string) => {
    calls.push(text);
    if (text.includes('bad')) throw new Error(`bad input: ${text}`);
    return { text, list: [1, 2] };
  };
  return { folder, cache, file, calls, parse };
}

describe('cachedParse', () => {
  it('parses a text once: the next call on the same text and checker reads the kept JSON', () => {
    const { cache, file, calls, parse } = setUp();
    writeFileSync(file, 'a: 1');
    const first = cachedParse(file, 'schema 1', parse, cache);
    const second = cachedParse(file, 'schema 1', parse, cache);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(calls).toEqual(['a: 1']);
    expect(readdirSync(cache)).toHaveLength(1);
  });

  it('parses again when the file’s text or what checks it changed, and keeps only the newest', () => {
    const { cache, file, calls, parse } = setUp();
    writeFileSync(file, 'a: 1');
    cachedParse(file, 'schema 1', parse, cache);
    writeFileSync(file, 'a: 2');
    expect(cachedParse(file, 'schema 1', parse, cache)).toEqual({ text: 'a: 2', list: [1, 2] });
    expect(cachedParse(file, 'schema 2', parse, cache)).toEqual({ text: 'a: 2', list: [1, 2] });
    expect(calls).toEqual(['a: 1', 'a: 2', 'a: 2']);
    expect(readdirSync(cache)).toHaveLength(1);
  });

  it('keeps nothing when the parse throws, and throws each time', () => {
    const { cache, file, calls, parse } = setUp();
    writeFileSync(file, 'bad: 1');
    expect(() => cachedParse(file, 'schema 1', parse, cache)).toThrow('bad input: bad: 1');
    expect(() => cachedParse(file, 'schema 1', parse, cache)).toThrow('bad input: bad: 1');
    expect(calls).toHaveLength(2);
    expect(readdirSync(cache)).toEqual([]);
  });

  it('parses again over a torn cache file (a process killed while writing one)', () => {
    const { cache, file, calls, parse } = setUp();
    writeFileSync(file, 'a: 1');
    cachedParse(file, 'schema 1', parse, cache);
    const [kept] = readdirSync(cache);
    writeFileSync(join(cache, kept as string), '{"text": "a: ');
    expect(cachedParse(file, 'schema 1', parse, cache)).toEqual({ text: 'a: 1', list: [1, 2] });
    expect(calls).toHaveLength(2);
  });

  it('parses every time where nothing can be kept', () => {
    const { folder, file, calls, parse } = setUp();
    writeFileSync(file, 'a: 1');
    const notAFolder = join(folder, 'rules.yaml', 'cache');
    expect(cachedParse(file, 'schema 1', parse, notAFolder)).toEqual({ text: 'a: 1', list: [1, 2] });
    cachedParse(file, 'schema 1', parse, notAFolder);
    expect(calls).toHaveLength(2);
  });
});
