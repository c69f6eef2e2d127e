import { describe, expect, it } from 'vitest';
import { loadConfig } from '../lib/config.ts';
import { decodeRunContext, encodeRunContext, RUN_CONTEXT_ENV, runContextOf } from './run-context.ts';

const facts = {
  runId: '20261202T1800-abcdef',
  now: '2026-12-02T18:00:00.000Z',
  startedAt: '2026-12-02T18:00:00.000Z',
  baseUrl: 'http://127.0.0.1:8787',
  targetKind: 'url' as const,
  orderRef: '2d7de9df-45a2-45ea-872c-30e45139007d',
  orderCreated: true,
  ledgerDir: '/tmp/ledger',
};

describe('the run context', () => {
  it('carries the facts and the workers settings, never credentials, and reads back as it was written', () => {
    const config = loadConfig({
      CDP_BASE_URL: 'http://127.0.0.1:8787',
      CDP_CLIENT_KEY: 'secret-key',
      CDP_API_TOKEN: 'secret-token',
      OCC_SEED: '7',
      OCC_SETTLE_MS: '500',
    });
    const context = runContextOf(facts, config);
    const text = encodeRunContext(context);
    expect(text).not.toMatch(/secret-/);
    expect(decodeRunContext({ [RUN_CONTEXT_ENV]: text })).toEqual(context);
    expect(context).toMatchObject({ seed: 7, settleMs: 500, apiVersions: ['v2.1', 'v2'] });
  });

  it('refuses a context with a missing or invalid field, naming it', () => {
    const context = runContextOf(facts, loadConfig({}));
    const broken = { ...JSON.parse(encodeRunContext(context)), timeoutMs: -1, targetKind: 'ftp' };
    delete broken.seed;
    expect(() => decodeRunContext({ [RUN_CONTEXT_ENV]: JSON.stringify(broken) })).toThrow(
      /targetKind, seed, timeoutMs missing or invalid/,
    );
    expect(() => decodeRunContext({ [RUN_CONTEXT_ENV]: '{' })).toThrow(/not JSON/);
    expect(decodeRunContext({})).toBeUndefined();
  });
});
