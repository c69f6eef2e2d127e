import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeConfig, ENV_VARIABLES, loadConfig } from './config.ts';
import { ConfigError } from './errors.ts';

function problemsOf(env: Record<string, string>, flags = {}): readonly string[] {
  try {
    loadConfig(env, flags);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('loadConfig', () => {
  it('targets the embedded mock with both API versions when nothing is configured', () => {
    const config = loadConfig({});
    expect(config.baseUrl).toBeUndefined();
    expect(config.apiVersions).toEqual(['v2.1', 'v2']);
    expect(config.reportDir).toBe('reports/out');
    expect(Number.isInteger(config.seed)).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the target and credentials from the environment', () => {
    const config = loadConfig({
      CDP_BASE_URL: 'https://api-engage-eu.sitecorecloud.io/',
      CDP_CLIENT_KEY: 'key',
      CDP_API_TOKEN: 'token',
      CDP_API_VERSION: 'v2',
      OCC_SEED: '42',
    });
    expect(config).toMatchObject({
      baseUrl: 'https://api-engage-eu.sitecorecloud.io',
      apiVersions: ['v2'],
      seed: 42,
    });
  });

  it('lets flags win over the environment', () => {
    const config = loadConfig(
      { OCC_SEED: '1', CDP_API_VERSION: 'v2' },
      { seed: '7', apiVersions: 'all', strict: true },
    );
    expect(config).toMatchObject({ seed: 7, apiVersions: ['v2.1', 'v2'], strict: true });
  });

  it('reports every problem at once, naming the variable or flag, the value and what is expected', () => {
    const problems = problemsOf(
      { CDP_API_VERSION: 'v3', OCC_SEED: 'abc', OCC_TIMEOUT_MS: '-5' },
      { rps: '0' },
    );
    expect(problems).toEqual([
      'CDP_API_VERSION: received "v3", expected v2.1, v2 or all.',
      'OCC_SEED: received "abc", expected a whole number from 0 to 2147483647.',
      'OCC_TIMEOUT_MS: received "-5", expected a whole number from 50 to 600000.',
      '--rps: received "0", expected a number of requests per second above 0.',
    ]);
  });

  it('requires both credentials once a base URL is set', () => {
    expect(problemsOf({ CDP_BASE_URL: 'https://x.example' })).toEqual([
      'a base URL is set but --client-key / CDP_CLIENT_KEY and --api-token / CDP_API_TOKEN is not: the target needs both (Settings > API access in Sitecore CDP).',
    ]);
  });

  it('refuses plain http:// for a host that is not this machine unless --allow-insecure', () => {
    const env = { CDP_BASE_URL: 'http://cdp.example', CDP_CLIENT_KEY: 'k', CDP_API_TOKEN: 't' };
    expect(problemsOf(env)[0]).toMatch(/plain http:\/\/ URL .* pass --allow-insecure/);
    expect(problemsOf(env, { allowInsecure: true })).toEqual([]);
    expect(problemsOf({ ...env, CDP_BASE_URL: 'http://127.0.0.1:8787' })).toEqual([]);
  });

  it('refuses credentials inside the base URL', () => {
    expect(
      problemsOf({ CDP_BASE_URL: 'https://k:t@x.example', CDP_CLIENT_KEY: 'k', CDP_API_TOKEN: 't' })[0],
    ).toMatch(/holds credentials/);
  });

  it('describes a configuration without its secrets', () => {
    const config = loadConfig({
      CDP_BASE_URL: 'https://x.example',
      CDP_CLIENT_KEY: 'secret-key',
      CDP_API_TOKEN: 'secret-token',
    });
    expect(JSON.stringify(describeConfig(config))).not.toMatch(/secret-/);
  });
});

describe('.env.example', () => {
  it('documents every variable loadConfig reads, each after a comment, and nothing else', () => {
    const lines = readFileSync(new URL('../.env.example', import.meta.url), 'utf8').split('\n');
    const documented = lines.flatMap((line) => /^([A-Z_]+)=/.exec(line)?.[1] ?? []);
    expect([...documented].sort()).toEqual(Object.keys(ENV_VARIABLES).sort());
    for (const name of documented) {
      const at = lines.findIndex((line) => line.startsWith(`${name}=`));
      const above = lines.slice(0, at).reverse();
      const comment = above.find((line) => !/^[A-Z_]+=/.test(line));
      expect(comment, name).toMatch(/^# /);
    }
  });
});
