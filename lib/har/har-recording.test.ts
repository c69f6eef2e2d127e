import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../http-client.ts';
import type { HarEntry } from './har-format.ts';
import { partPath } from './har-parts.ts';
import { HarRecording, recordingScope } from './har-recording.ts';

const RUN = '20261204T0410-def456';
let server: Server | undefined;
afterEach(() => server?.close());

/** Answers /slow after 150 ms, anything else at once. */
async function start(): Promise<string> {
  server = createServer((req, res) => {
    setTimeout(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
      req.url === '/slow' ? 150 : 0,
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function entriesOf(path: string): HarEntry[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { entry: HarEntry }).entry);
}

describe('HarRecording', () => {
  it("numbers a test's sends in the order they were made, not the order they ended, and writes each as it ends", async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'occ-har-rec-')), 'x.har');
    const scope = recordingScope('t');
    const recording = new HarRecording({
      target,
      runId: RUN,
      stage: 'suites',
      secrets: [],
      scope: () => scope,
    });
    const http = new HttpClient({ baseUrl: await start(), observer: recording });
    const [slow, fast] = await Promise.all([
      http.send({ method: 'GET', path: '/slow', operation: 'slow' }),
      http.send({ method: 'GET', path: '/fast', operation: 'fast' }),
    ]);
    await http.close();
    const entries = entriesOf(partPath(target, RUN, 'suites'));
    // The fast one ended first, so it was written first; its number is still the second.
    expect(entries.map((e) => [e._occ.exchangeId, e._occ.sequence])).toEqual([
      [fast.id, 1],
      [slow.id, 0],
    ]);
  });

  it('records no entry for a send refused before it left the process (read-only), and numbers only what was sent after it', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'occ-har-rec-')), 'x.har');
    const recording = new HarRecording({ target, runId: RUN, stage: 'prepare', secrets: [] });
    const http = new HttpClient({ baseUrl: await start(), observer: recording, readOnly: true });
    const refused = await http.send({ method: 'POST', path: '/fast', json: {}, operation: 'write' });
    const read = await http.send({ method: 'GET', path: '/fast', operation: 'read' });
    await http.close();
    expect(refused.error?.kind).toBe('not-sent');
    const entries = entriesOf(partPath(target, RUN, 'prepare'));
    expect(entries.map((e) => [e._occ.exchangeId, e._occ.stage, e._occ.sequence, e._occ.test])).toEqual([
      [read.id, 'prepare', 0, undefined],
    ]);
  });
});
