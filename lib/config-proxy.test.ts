import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig, proxyFromEnv } from './config.ts';
import { ConfigError } from './errors.ts';

describe('proxy settings', () => {
  it('reads the lower-case forms first, then the upper-case ones; unset is empty', () => {
    expect(
      proxyFromEnv({
        http_proxy: 'http://a:1',
        HTTP_PROXY: 'http://b:2',
        HTTPS_PROXY: 'http://c:3',
        NO_PROXY: 'x',
      }),
    ).toEqual({ httpProxy: 'http://a:1', httpsProxy: 'http://c:3', noProxy: 'x' });
    expect(proxyFromEnv({})).toEqual({ httpProxy: '', httpsProxy: '', noProxy: '' });
  });

  it('refuses a proxy that is not an http(s) URL, without its password', () => {
    const load = () => loadConfig({ HTTPS_PROXY: 'socks5://user:s3cret@proxy:1080' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow('https_proxy / HTTPS_PROXY: received "socks5://user:<redacted>@proxy:1080"');
    expect(load).not.toThrow(/s3cret/);
  });

  it('never shows a proxy password in the described configuration', () => {
    const config = loadConfig({ HTTP_PROXY: 'http://user:s3cret@proxy:3128' });
    expect(config.proxy.httpProxy).toBe('http://user:s3cret@proxy:3128');
    expect(JSON.stringify(describeConfig(config))).not.toContain('s3cret');
  });
});
