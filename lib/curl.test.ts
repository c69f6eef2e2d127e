import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MAX_CURL_BODY_CHARS, toCurl } from './curl.ts';
import type { RequestRecord } from './exchange.ts';
import { HttpClient } from './http-client.ts';
import { startBrokenServer } from './testing/broken-servers.ts';
import { wrongApiToken, wrongClientKey } from './wrong-credentials.ts';

const NASTY = `{"lastName":"O'Brien","note":"costs $HOME \`id\` \\"quoted\\" 'single' \\\\ !x\\n","emoji":"é€"}`;
const env = { ...process.env, CDP_CLIENT_KEY: 'env-key', CDP_API_TOKEN: 'env-token' };
const hasCurl = spawnSync('curl', ['--version']).status === 0;

/** Runs a generated command with `curl` replaced by a shell function that prints its arguments. */
function argsOf(command: string): string[] {
  const out = execFileSync('sh', ['-c', `curl() { printf '%s\\0' "$@"; }\n${command}`], {
    env,
    encoding: 'utf8',
  });
  return out.split('\0').slice(0, -1);
}

const record: RequestRecord = {
  method: 'POST',
  url: 'http://127.0.0.1:8787/v2.1/orders/o-1/contacts?x=[1]',
  headers: {
    authorization: 'Basic <redacted>',
    accept: 'application/json',
    'content-type': 'application/json',
    'content-length': '99',
  },
  body: NASTY,
};

describe('toCurl', () => {
  it('passes a body with quotes, $ and backticks to curl byte for byte', () => {
    const args = argsOf(toCurl(record, { hadAuth: true }));
    expect(args[args.indexOf('--data-raw') + 1]).toBe(NASTY);
    expect(args).toContain('http://127.0.0.1:8787/v2.1/orders/o-1/contacts?x=[1]');
    expect(args.slice(args.indexOf('-X'), args.indexOf('-X') + 2)).toEqual(['-X', 'POST']);
  });

  it('takes the credentials from the environment, never from the record', () => {
    const command = toCurl(record, { hadAuth: true });
    expect(command).toContain('-u "$CDP_CLIENT_KEY:$CDP_API_TOKEN"');
    expect(command).not.toContain('<redacted>');
    const args = argsOf(command);
    expect(args[args.indexOf('-u') + 1]).toBe('env-key:env-token');
  });

  it('leaves out headers curl sets itself, and names the rest', () => {
    const args = argsOf(toCurl(record, { hadAuth: true }));
    expect(args).toContain('Accept: application/json');
    expect(args).toContain('Content-Type: application/json');
    expect(args.join(' ')).not.toMatch(/content-length/i);
  });

  it('sends no Content-Type when the request had none', () => {
    const { 'content-type': _, ...headers } = record.headers;
    const args = argsOf(toCurl({ ...record, headers }, { hadAuth: true }));
    expect(args).toContain('Content-Type:');
  });

  it('sends a request without credentials without -u', () => {
    const { authorization: _, ...headers } = record.headers;
    const command = toCurl({ ...record, headers }, { hadAuth: false });
    expect(command).not.toContain('-u ');
  });

  it('keeps an Authorization header that was not the run credentials, as recorded', () => {
    const args = argsOf(
      toCurl({ ...record, headers: { authorization: 'Bearer <redacted>' } }, { hadAuth: true }),
    );
    expect(args).toContain('Authorization: Bearer <redacted>');
    expect(args).not.toContain('-u');
  });

  it('writes a plain GET without -X and a HEAD with -I', () => {
    const get = argsOf(toCurl({ method: 'GET', url: 'http://h/x', headers: {} }, { hadAuth: false }));
    expect(get).toEqual(['-sS', '-g', 'http://h/x']);
    const head = argsOf(toCurl({ method: 'HEAD', url: 'http://h/x', headers: {} }, { hadAuth: false }));
    expect(head).toEqual(['-sS', '-g', '-I', 'http://h/x']);
  });

  it('cuts a huge body and says so in a comment the shell ignores', () => {
    const body = 'a'.repeat(MAX_CURL_BODY_CHARS * 3);
    const command = toCurl({ ...record, body }, { hadAuth: true });
    expect(command.split('\n')[0]).toMatch(/^# body cut to its first 8192 of 24576 characters/);
    const args = argsOf(command);
    expect(args[args.indexOf('--data-raw') + 1]).toHaveLength(MAX_CURL_BODY_CHARS);
  });

  it.skipIf(!hasCurl)('reproduces the recorded request with the real curl', async () => {
    const server = await startBrokenServer('echo');
    const http = new HttpClient({
      baseUrl: server.url,
      credentials: { clientKey: 'env-key', apiToken: 'env-token' },
      retries: 0,
    });
    try {
      const sent = await http.send({
        method: 'PATCH',
        path: '/v2.1/orderContacts/c-1',
        query: { q: "it's" },
        rawBody: NASTY,
        operation: 'x',
      });
      const command = toCurl(sent.request, { hadAuth: true });
      // Asynchronously: the echo server runs in this process and must stay free to answer.
      const { stdout } = await promisify(execFile)('sh', ['-c', command], {
        env,
        encoding: 'utf8',
        timeout: 10_000,
      });
      const replayed = JSON.parse(stdout) as {
        method: string;
        url: string;
        headers: Record<string, string>;
        body: string;
      };
      const original = sent.json as typeof replayed;
      expect(replayed.method).toBe(original.method);
      expect(replayed.url).toBe(original.url);
      expect(replayed.body).toBe(NASTY);
      expect(replayed.headers['content-type']).toBe(original.headers['content-type']);
      expect(replayed.headers['user-agent']).toBe(original.headers['user-agent']);
      expect(replayed.headers.authorization).toBe(
        `Basic ${Buffer.from('env-key:env-token').toString('base64')}`,
      );
    } finally {
      await http.close();
      await server.close();
    }
  });
});

describe('toCurl with the credentials a request carried', () => {
  const wrongToken = wrongApiToken();
  const wrongKey = wrongClientKey();

  it('sends a wrong token as sent beside the configured client key, and nothing configured in the text', () => {
    const command = toCurl({ ...record, auth: { kind: 'wrong', apiToken: wrongToken } });
    expect(command).toContain(`-u "$CDP_CLIENT_KEY:${wrongToken}"`);
    expect(argsOf(command)).toContain(`env-key:${wrongToken}`);
    expect(command).not.toContain('env-key');
  });

  it('sends a wrong client key as sent beside the configured token', () => {
    expect(argsOf(toCurl({ ...record, auth: { kind: 'wrong', clientKey: wrongKey } }))).toContain(
      `${wrongKey}:env-token`,
    );
  });

  it('sends no credentials for a request that carried none, and the configured ones from the environment', () => {
    const { authorization: _, ...headers } = record.headers;
    const none = argsOf(toCurl({ ...record, headers, auth: { kind: 'none' } }));
    expect(none).not.toContain('-u');
    expect(none.join(' ')).not.toMatch(/authorization/i);
    expect(argsOf(toCurl({ ...record, auth: { kind: 'configured' } }))).toContain('env-key:env-token');
  });

  it('records the wrong parts the suite made as sent, and any other wrong value as <redacted>', async () => {
    const server = await startBrokenServer('echo');
    const client = new HttpClient({
      baseUrl: server.url,
      credentials: { clientKey: 'real-key', apiToken: 'real-token' },
    });
    try {
      const own = await client.send({
        method: 'GET',
        path: '/x',
        operation: 'x',
        auth: { clientKey: 'real-key', apiToken: wrongToken },
      });
      expect(own.request.auth).toEqual({ kind: 'wrong', apiToken: wrongToken });
      const other = await client.send({
        method: 'GET',
        path: '/x',
        operation: 'x',
        auth: { clientKey: 'another-real-key', apiToken: 'real-token' },
      });
      expect(other.request.auth).toEqual({ kind: 'wrong', clientKey: '<redacted>' });
      expect(JSON.stringify(other.request)).not.toContain('another-real-key');
      const configured = await client.send({ method: 'GET', path: '/x', operation: 'x' });
      expect(configured.request.auth).toEqual({ kind: 'configured' });
      expect(
        (await client.send({ method: 'GET', path: '/x', operation: 'x', auth: 'none' })).request.auth,
      ).toEqual({ kind: 'none' });
    } finally {
      await client.close();
      await server.close();
    }
  });
});
