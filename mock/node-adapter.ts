import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { MAX_REQUEST_BODY_BYTES } from '../contracts/index.ts';
import { adapterLayersOf, type WireAnswer } from './adapter-layers.ts';
import { type CreatedResource, createdResourceOf, storeCounts } from './created-resource.ts';
import { createMockHandler } from './handler.ts';
import type { MockOptions } from './options.ts';
import { parseQueryString } from './query-string.ts';
import type { MockHandler, MockRequest } from './types.ts';

/** One handled request, for a log line (never headers or bodies, so never credentials). */
export interface RequestLogEntry {
  readonly method: string;
  /** The path with its query string, as received. */
  readonly path: string;
  /** The status answered; 0 when the connection was reset on purpose (a transport fault or variant). */
  readonly status: number;
  readonly durationMs: number;
  /** What the request added to the store, when it added something. */
  readonly created?: CreatedResource;
}

/** Options of the node:http server around the handler. */
export interface MockServerOptions extends MockOptions {
  /** Default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** Default 0: a free port chosen by the system. */
  readonly port?: number;
  /** Called once per request after its answer is written. */
  readonly onRequest?: (entry: RequestLogEntry) => void;
}

/** A mock listening on a socket. */
export interface RunningMock {
  /** http://host:port, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly handler: MockHandler;
  /** Stops listening and closes every connection, idle or not. */
  close(): Promise<void>;
}

// After one byte over the limit nothing more is kept: the 413 goes out at once with Connection: close and Node
// ends the connection once it is written. Whatever still arrives meanwhile is dropped unread; this timer is only a
// backstop that destroys the socket should the answer be held (the slow-responses fault).
const DISCARD_GRACE_MS = 2_000;

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts the mock on a real socket (default 127.0.0.1, a random free port). */
export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMock> {
  const handler = createMockHandler(options);
  const host = options.host ?? '127.0.0.1';
  // Transport faults and variants are layers of the adapter; with none, answers are written as the handler gave them.
  const layers = adapterLayersOf(handler);
  const resetters = layers.flatMap((layer) => (layer.resets ? [layer.resets] : []));
  const rewriters = layers.flatMap((layer) => (layer.answer ? [layer.answer] : []));
  const timers = new Set<NodeJS.Timeout>();

  const write = (
    req: IncomingMessage,
    res: ServerResponse,
    response: WireAnswer,
    started: number,
    created: CreatedResource | undefined,
  ) => {
    if (res.destroyed || res.headersSent) return;
    const headers: Record<string, string> = { ...response.headers };
    if (response.body !== undefined) headers['content-length'] = String(Buffer.byteLength(response.body));
    if (response.close) headers.connection = 'close';
    res.writeHead(response.status, headers);
    res.end(response.body);
    options.onRequest?.({
      method: req.method ?? '',
      path: req.url ?? '',
      status: response.status,
      durationMs: performance.now() - started,
      ...(created ? { created } : {}),
    });
  };

  const answer = (
    req: IncomingMessage,
    res: ServerResponse,
    body: string | Buffer | undefined,
    started: number,
    tooLarge: boolean,
  ) => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const request: MockRequest = {
      method: req.method ?? 'GET',
      path: mark < 0 ? url : url.slice(0, mark),
      query: mark < 0 ? {} : parseQueryString(url.slice(mark + 1)),
      // Node lower-cases header names and joins repeats, except set-cookie (an array), which the mock never reads.
      headers: req.headers as Readonly<Record<string, string | undefined>>,
      ...(body === undefined ? {} : { body }),
    };
    const before = storeCounts(handler.store);
    const response = handler.handle(request);
    const created = createdResourceOf(before, storeCounts(handler.store), response.body);
    let wire: WireAnswer = { ...response, body: response.body, delayMs: 0, close: tooLarge };
    for (const rewrite of rewriters) wire = rewrite(req, wire);
    if (wire.delayMs === 0) return write(req, res, wire, started, created);
    const timer = setTimeout(() => {
      timers.delete(timer);
      write(req, res, wire, started, created);
    }, wire.delayMs);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    const started = performance.now();
    // Every resetter counts every request, so two of them keep their own rhythm.
    if (resetters.map((resets) => resets(req)).includes(true)) {
      req.socket.destroy();
      options.onRequest?.({
        method: req.method ?? '',
        path: req.url ?? '',
        status: 0,
        durationMs: performance.now() - started,
      });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('error', () => {
      // The client went away mid-body; there is nobody to answer.
    });
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size <= MAX_REQUEST_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      // One byte over the limit is all the handler needs to answer 413; nothing more is kept.
      tooLarge = true;
      chunks.push(chunk.subarray(0, chunk.length - (size - MAX_REQUEST_BODY_BYTES - 1)));
      answer(req, res, Buffer.concat(chunks), started, true);
      chunks.length = 0;
      const timer = setTimeout(() => {
        timers.delete(timer);
        req.socket.destroy();
      }, DISCARD_GRACE_MS);
      timers.add(timer);
      req.once('end', () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
    });
    req.on('end', () => {
      if (tooLarge) return;
      // Decoded once here: the handler would otherwise copy the bytes again before parsing them.
      const body =
        chunks.length === 0
          ? undefined
          : (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)).toString('utf8');
      answer(req, res, body, started, false);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${formatHost(host)}:${port}`,
    port,
    host,
    handler,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
