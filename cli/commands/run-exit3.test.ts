// Exit 3 through the real entry point, one cause at a time: the words say which cause, the hint names only flags
// the command has, the report keeps the cause, and the JUnit file carries an error so a CI test tab goes red.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UnreachableCause } from '../../lib/errors.ts';
import { type OccOutcome, spawnOcc } from '../testing/spawn-occ.ts';

const KEY = 'key-exit3';
const TOKEN = 'tok-EXIT3-RECOGNISABLE-5d2e';

/** A loopback server that answers every request alike and logs each, so a claim about requests is a count. */
interface LoggingServer {
  readonly url: string;
  readonly port: number;
  readonly requests: { method: string; path: string; headers: IncomingHttpHeaders }[];
}

type Answer = { status: number; body: string; type?: string } | 'never';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

async function serving(answer: Answer): Promise<LoggingServer> {
  const requests: LoggingServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    req.resume();
    if (answer === 'never') return;
    res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
    res.end(answer.body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, requests };
}

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface Exit3Run extends OccOutcome {
  readonly message: string;
  readonly cause: string | undefined;
  readonly junit: string;
  readonly html: string;
  readonly markdown: string;
}

async function occRun(baseUrl: string, extra: readonly string[] = []): Promise<Exit3Run> {
  const reportDir = mkdtempSync(join(tmpdir(), 'occ-exit3-report-'));
  const outcome = await spawnOcc([
    'run',
    '--base-url',
    baseUrl,
    '--client-key',
    KEY,
    '--api-token',
    TOKEN,
    '--timeout-ms',
    '1500',
    '--retries',
    '0',
    '--no-pact',
    '--report-dir',
    reportDir,
    '--ledger-dir',
    mkdtempSync(join(tmpdir(), 'occ-exit3-ledger-')),
    ...extra,
  ]);
  const read = (name: string) => readFileSync(join(reportDir, name), 'utf8');
  const report = JSON.parse(read('conformance.json')) as { notes?: string[]; unreachableCause?: string };
  return {
    ...outcome,
    message: report.notes?.[0] ?? '',
    cause: report.unreachableCause,
    junit: read('conformance.xml'),
    html: read('conformance.html'),
    markdown: read('conformance.md'),
  };
}

/** The long flags a command's --help lists. */
async function helpFlags(command: string): Promise<Set<string>> {
  const help = await spawnOcc([command, '--help']);
  expect(help.code, help.stderr).toBe(0);
  return new Set(help.stdout.match(/--[a-z][a-z-]*/g) ?? []);
}

function flagsIn(message: string): string[] {
  return message.match(/(?<![\w/])--[a-z][a-z-]*/g) ?? [];
}

/** What every exit 3 owes its user, whatever the cause. */
function expectExit3(run: Exit3Run, cause: UnreachableCause, words: RegExp, flags: Set<string>): void {
  const output = run.stdout + run.stderr;
  expect(run.code, output).toBe(3);
  expect(run.message).toMatch(words);
  expect(output).toContain(run.message);
  expect(run.cause).toBe(cause);
  for (const flag of flagsIn(run.message)) expect(flags, `${flag} in: ${run.message}`).toContain(flag);
  expect(output).not.toContain('Pass --order-ref to test on an existing order');
  expect(output).not.toContain('RECOGNISABLE');
  expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  // The CI test tab: the root counts one error and one testcase carries it.
  expect(run.junit).toMatch(/<testsuites [^>]*errors="1"/);
  expect(run.junit.match(/<error message="not checked: /g)).toHaveLength(1);
  expect(run.junit).not.toContain('RECOGNISABLE');
  // Not checked, in a box that is not the passed one.
  expect(run.html).toMatch(/<div class="verdict-box unreachable" role="alert"><strong>not checked<\/strong>/);
  expect(run.html).toContain('<header class="top verdict-unreachable">');
  expect(run.markdown).toMatch(/^## Order contact API conformance: ⚠️ not checked: /);
  expect(run.markdown).not.toContain('✅');
}

let runFlags: Set<string>;
let verifyFlags: Set<string>;
beforeAll(async () => {
  [runFlags, verifyFlags] = await Promise.all([helpFlags('run'), helpFlags('verify')]);
}, 30_000);

describe('occ run: exit 3 says which cause, with the hint that fits', () => {
  it('connection refused: a port nothing listens on', async () => {
    const run = await occRun(`http://127.0.0.1:${await closedPort()}`);
    expectExit3(
      run,
      'connect-refused',
      /^Cannot connect to .*: the connection was refused.*ECONNREFUSED.*Check that the server is running and that --base-url \/ CDP_BASE_URL names its host and port\.$/,
      runFlags,
    );
    expect(run.markdown).toContain('not checked: cannot connect (connection refused)');
  }, 30_000);

  it('DNS: a host name that cannot resolve fails fast', async () => {
    const run = await occRun('https://nonexistent.invalid');
    expectExit3(
      run,
      'dns',
      /^Cannot connect to https:\/\/nonexistent\.invalid: the host name nonexistent\.invalid does not resolve \(DNS, (ENOTFOUND|EAI_AGAIN)\)\. Check the host in --base-url/,
      runFlags,
    );
    expect(run.ms).toBeLessThan(20_000);
  }, 30_000);

  it('TLS: https:// at a plain-HTTP server, which logs the handshake as garbage, not as a request', async () => {
    const server = await serving({ status: 200, body: '{}' });
    const run = await occRun(`https://127.0.0.1:${server.port}`);
    expectExit3(
      run,
      'tls',
      /^Cannot connect to https:\/\/127\.0\.0\.1:\d+: the TLS handshake with 127\.0\.0\.1:\d+ failed \(ERR_SSL_[A-Z_]+\)\. If the server speaks plain HTTP, write http:\/\/ in --base-url \/ CDP_BASE_URL; otherwise check its certificate\.$/,
      runFlags,
    );
    expect(server.requests).toHaveLength(0);
  }, 30_000);

  it('timeout: a server that never answers, within --timeout-ms', async () => {
    const server = await serving('never');
    const run = await occRun(server.url, ['--timeout-ms', '300']);
    expectExit3(
      run,
      'timeout',
      /^Cannot connect to .*: no answer within 300 ms to creating the run's order \(timeout\)\. .*raise --timeout-ms \/ OCC_TIMEOUT_MS\.$/,
      runFlags,
    );
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v2.1/orders']);
  }, 30_000);

  it.each([
    [
      401,
      /^Credentials refused by .*: status 401 to creating the run's order\. Check --client-key \/ CDP_CLIENT_KEY and --api-token \/ CDP_API_TOKEN/,
    ],
    [
      403,
      /^Credentials refused by .*: status 403 to creating the run's order, the API key may not do this\. .*access to orders/,
    ],
  ])(
    'credentials: %i from the target',
    async (status, words) => {
      const server = await serving({ status, body: JSON.stringify({ status, message: 'Unauthorized' }) });
      const run = await occRun(server.url);
      expectExit3(run, 'credentials', words, runFlags);
      expect(run.message).not.toMatch(/could not be reached|order-ref/);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.headers.authorization).toMatch(/^Basic /);
    },
    30_000,
  );

  it('base URL wrong: 404 on set-up', async () => {
    const server = await serving({ status: 404, body: '<h1>Not Found</h1>', type: 'text/html' });
    const run = await occRun(`${server.url}/api`);
    expectExit3(
      run,
      'base-url',
      /^Base URL wrong: http:\/\/127\.0\.0\.1:\d+\/api answered status 404 \(text\/html\): "<h1>Not Found<\/h1>", to creating the run's order.*--base-url \/ CDP_BASE_URL must be the API's root/,
      runFlags,
    );
    expect(server.requests.map((r) => r.path)).toEqual(['/api/v2.1/orders']);
  }, 30_000);

  it.each(['/v2.1', '/v2/'])(
    'base URL wrong: %s at its end is refused before any request',
    async (segment) => {
      const server = await serving({ status: 200, body: '{}' });
      const run = await occRun(`${server.url}${segment}`);
      const bare = segment.replace(/\/$/, '');
      expectExit3(
        run,
        'base-url',
        new RegExp(
          `ends in ${bare.replace('.', '\\.')}; nothing was sent\\. Leave out ${bare.replace('.', '\\.')}: occ adds the version \\(use http://127\\.0\\.0\\.1:\\d+\\)\\.$`,
        ),
        runFlags,
      );
      expect(server.requests).toHaveLength(0);
    },
    30_000,
  );

  it('set-up refused: a 400 and its body, quoted short and redacted, with --order-ref as a way round', async () => {
    const reason = `orderedAt must be in the past; token was ${TOKEN}; ${'x'.repeat(400)}`;
    const server = await serving({ status: 400, body: JSON.stringify({ status: 400, message: reason }) });
    const run = await occRun(server.url);
    expectExit3(
      run,
      'setup-refused',
      /^Set-up refused: .* answered status 400 \(application\/json\): ".*orderedAt must be in the past; token was <redacted>; x+…", to creating the run's order\. Fix what its answer names\. .*pass --order-ref with an existing order\.$/,
      runFlags,
    );
    const quoted = JSON.parse(
      /answered status 400 \(application\/json\): ("(?:[^"\\]|\\.)*")/.exec(run.message)?.[1] ?? '""',
    );
    expect((quoted as string).length).toBeLessThanOrEqual(200);
  }, 30_000);

  it('server error: a 503 on set-up', async () => {
    const server = await serving({ status: 503, body: '{"message":"maintenance"}' });
    const run = await occRun(server.url);
    expectExit3(
      run,
      'server-error',
      /^Server error at .*: status 503 \(application\/json\): "\{\\"message\\":\\"maintenance\\"\}", to creating the run's order\. The target is failing or overloaded: try again later or raise --retries \/ OCC_RETRIES\./,
      runFlags,
    );
    expect(server.requests).toHaveLength(1);
  }, 30_000);
});

describe('occ verify: exit 3 with hints in its own flags', () => {
  async function occVerify(baseUrl: string): Promise<OccOutcome> {
    return spawnOcc(
      [
        'verify',
        '--base-url',
        baseUrl,
        '--timeout-ms',
        '1500',
        '--ledger-dir',
        mkdtempSync(join(tmpdir(), 'occ-exit3-ledger-')),
      ],
      { CDP_CLIENT_KEY: KEY, CDP_API_TOKEN: TOKEN, OCC_RETRIES: '0' },
    );
  }

  it('server error: no --retries, which verify does not have, but --order-ref, which it has', async () => {
    expect(verifyFlags).not.toContain('--retries');
    const server = await serving({ status: 503, body: '{}' });
    const run = await occVerify(server.url);
    const output = run.stdout + run.stderr;
    expect(run.code, output).toBe(3);
    expect(output).toMatch(
      /Server error at .*: status 503.*try again later\. To test without creating an order, pass --order-ref with an existing order\./,
    );
    expect(output).not.toContain('--retries');
    const message = output.split('\n').find((l) => l.includes('Server error')) ?? '';
    for (const flag of flagsIn(message)) expect(verifyFlags, `${flag} in: ${message}`).toContain(flag);
    expect(server.requests).toHaveLength(1);
  }, 30_000);

  it('credentials: 401 names the settings in verify’s flags', async () => {
    const server = await serving({ status: 401, body: '{}' });
    const run = await occVerify(server.url);
    const output = run.stdout + run.stderr;
    expect(run.code, output).toBe(3);
    const message = output.split('\n').find((l) => l.includes('Credentials refused')) ?? '';
    expect(message).toMatch(
      /status 401 .*Check --client-key \/ CDP_CLIENT_KEY and --api-token \/ CDP_API_TOKEN/,
    );
    for (const flag of flagsIn(message)) expect(verifyFlags, `${flag} in: ${message}`).toContain(flag);
    expect(output).not.toContain('RECOGNISABLE');
  }, 30_000);

  it('a version segment in the base URL: refused before any request', async () => {
    const server = await serving({ status: 200, body: '{}' });
    const run = await occVerify(`${server.url}/v2.1`);
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(run.stdout + run.stderr).toMatch(
      /Base URL wrong: --base-url \/ CDP_BASE_URL ".*\/v2\.1" ends in \/v2\.1; nothing was sent/,
    );
    expect(server.requests).toHaveLength(0);
  }, 30_000);
});
