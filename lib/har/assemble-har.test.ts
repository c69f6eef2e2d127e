import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../http-client.ts';
import { assembleHar } from './assemble-har.ts';
import type { HarFile } from './har-format.ts';
import { partPath } from './har-parts.ts';
import { HarRecording, recordingScope } from './har-recording.ts';

const KEY = 'ck-unit-7f3a91';
const TOKEN = 'tok-unit-c0ffee42';
const RUN = '20261204T0400-abc123';
const CREATOR = { name: 'order-contact-conformance', version: '0.0.0-test' };
const LOG = {
  seed: 7,
  tier: 'smoke' as const,
  baseUrl: 'http://127.0.0.1:1',
  startedAt: '2026-12-04T04:00:00.000Z',
  finishedAt: '2026-12-04T04:00:01.000Z',
};

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A server that answers 503 to the first request of each path, then 200 with the path it was asked for. */
async function flakyServer(): Promise<string> {
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    const first = !seen.has(req.url ?? '');
    seen.add(req.url ?? '');
    res.writeHead(first ? 503 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url, echoedAuth: req.headers.authorization }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(baseUrl: string, recording: HarRecording): HttpClient {
  return new HttpClient({
    baseUrl,
    credentials: { clientKey: KEY, apiToken: TOKEN },
    backoff: { baseMs: 1, maxMs: 1 },
    observer: recording,
  });
}

describe('assembleHar', () => {
  it('joins the parts in stage order, one entry per attempt, the rules on the final one, and removes the parts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'occ-har-unit-'));
    const target = join(dir, 'run.har');
    const baseUrl = await flakyServer();
    const recording = new HarRecording({ target, runId: RUN, stage: 'prepare', secrets: [KEY, TOKEN] });
    const http = client(baseUrl, recording);
    const setup = await http.send({ method: 'GET', path: '/setup', operation: 'setup' });
    recording.setStage('suites');
    const scope = recordingScope('a.conformance.ts > lists > twice');
    recording.useScope(() => scope);
    const listed = await http.send({
      method: 'GET',
      path: '/list?limit=10',
      operation: 'list',
      apiVersion: 'v2',
    });
    const again = await http.send({
      method: 'GET',
      path: '/list?limit=10',
      operation: 'list',
      apiVersion: 'v2',
    });
    recording.annotate(new Map([[listed.id, ['OC-NO-5XX', 'OC-LIST-200']]]));
    // Another process's part: "pacts" sorts before "prepare" by name, but comes after the suites by stage.
    const pacts = new HarRecording({ target, runId: RUN, stage: 'pacts', secrets: [KEY, TOKEN] });
    pacts.useScope(() => recordingScope('an interaction'));
    const pactClient = client(baseUrl, pacts);
    const replayed = await pactClient.send({
      method: 'GET',
      path: '/pact',
      operation: 'pact GET /pact',
      retry: false,
    });
    recording.setStage('teardown');
    recording.useScope(() => undefined);
    const deleted = await http.send({ method: 'DELETE', path: '/list?limit=10', operation: 'delete' });
    await Promise.all([http.close(), pactClient.close()]);
    // A part of another run beside it, and an earlier HAR at the target: neither survives into this file.
    writeFileSync(join(dir, `run.har.20261203T0000-000000.suites.1.part`), '{"entry":{}}\n');
    writeFileSync(target, 'an earlier recording');
    // A line cut short (a process killed while writing) is left out, and counted.
    writeFileSync(partPath(target, RUN, 'suites'), '{"entry":{"startedDate', { flag: 'a' });

    const assembled = await assembleHar({ target, runId: RUN, creator: CREATOR, log: LOG });

    expect(assembled).toEqual({ path: target, entries: 7, skippedLines: 1 });
    expect(readdirSync(dir).sort()).toEqual(['run.har', 'run.har.20261203T0000-000000.suites.1.part']);
    const text = readFileSync(target, 'utf8');
    const har = JSON.parse(text) as HarFile;
    expect(har.log._occ).toEqual({ runId: RUN, ...LOG, entries: 7 });
    expect(har.log.creator).toEqual(CREATOR);
    const occ = har.log.entries.map((e) => e._occ);
    expect(occ.map((o) => [o.stage, o.exchangeId, o.attempt, o.attempts, o.final, o.sequence])).toEqual([
      ['prepare', setup.id, 1, 2, false, 0],
      ['prepare', setup.id, 2, 2, true, 0],
      ['suites', listed.id, 1, 2, false, 0],
      ['suites', listed.id, 2, 2, true, 0],
      ['suites', again.id, 1, 1, true, 1],
      ['pacts', replayed.id, 1, 1, true, 0],
      ['teardown', deleted.id, 1, 1, true, 0],
    ]);
    expect(occ[0]?.retryReason).toBe('503');
    expect(occ[1]?.retryReason).toBeUndefined();
    expect(occ[3]).toMatchObject({
      test: 'a.conformance.ts > lists > twice',
      apiVersion: 'v2',
      operation: 'list',
      auth: 'configured',
      rules: ['OC-LIST-200', 'OC-NO-5XX'],
    });
    expect(occ[2]?.rules).toEqual([]);
    expect(occ[5]?.test).toBe('an interaction');
    expect(occ[6]?.test).toBeUndefined();
    expect(har.log.entries[0]?.response.status).toBe(503);
    expect(har.log.entries[1]?.response.status).toBe(200);
    expect(har.log.entries[2]?.request.queryString).toEqual([{ name: 'limit', value: '10' }]);
    // The server echoed the Authorization header into its body: redacted there too, in every form.
    for (const secret of [KEY, TOKEN, `${KEY}:${TOKEN}`, Buffer.from(`${KEY}:${TOKEN}`).toString('base64')])
      expect(text).not.toContain(secret);
  });
});
