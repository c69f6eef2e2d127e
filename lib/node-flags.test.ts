import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RUN_NODE_FLAGS } from './node-flags.ts';

describe('the V8 flags of a run', () => {
  it('are the ones npm run conformance passes, so the benchmarks measure what users run', () => {
    const scripts = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
      .scripts as Record<string, string>;
    expect(scripts.conformance).toBe(`node ${RUN_NODE_FLAGS.join(' ')} bin/occ.js run`);
  });
});
