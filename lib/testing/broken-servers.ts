import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { freePort, listenOnLoopback } from '../loopback.ts';

/** The ways a test server can misbehave (plus `ok-delayed` and `echo`, well-behaved helpers for client tests). */
export type BrokenServerKind =
  | 'hang'
  | 'reset'
  | 'slow-drip'
  | 'garbage'
  | 'html'
  | 'wrong-content-type'
  | '429-retry-after'
  | '503-burst'
  | 'close-mid-body'
  | 'down'
  | 'auth-refused'
  | 'huge'
  | 'ok-delayed'
  | 'echo';

/** Knobs of the broken servers; each kind reads the ones it needs. */
export interface BrokenServerOptions {
  /** 429-retry-after and 503-burst: how many requests fail before the server answers 200. Default 1 / 2. */
  readonly failures?: number;
  /** 429-retry-after: the Retry-After value. Default '1'. */
  readonly retryAfter?: string;
  /** 503-burst: the failing status (502, 504 to test those). Default 503. */
  readonly status?: number;
  /** slow-drip: ms between body bytes. Default 50. */
  readonly dripIntervalMs?: number;
  /** ok-delayed: ms before answering. Default 50. */
  readonly delayMs?: number;
  /** huge: body size in bytes. Default 9 MiB. */
  readonly sizeBytes?: number;
}

/** A running broken server. */
export interface BrokenServer {
  readonly url: string;
  /** Requests received so far. */
  readonly requests: number;
  /** Requests being handled right now, and the most at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** When each request arrived (performance.now()). */
  readonly arrivals: readonly number[];
  /** Stops the server, destroying any socket it still holds. */
  close(): Promise<void>;
}

/** The body every kind that finally succeeds answers with. */
export const OK_BODY = { ok: true } as const;

/** The vendor's 401 body. */
export const UNAUTHORIZED_BODY = {
  status: 'UNAUTHORIZED',
  code: 401,
  message:
    'Authentication credentials are required to access the resource. All requests must be authenticated.',
  moreInfoUrl: 'https://support.sitecore.com',
} as const;

/**
 * Starts a deliberately broken HTTP server on 127.0.0.1 (a random port), for testing how a client copes.
 *
 * @example const server = await startBrokenServer('hang'); try { ... } finally { await server.close(); }
 */
export async function startBrokenServer(
  kind: BrokenServerKind,
  options: BrokenServerOptions = {},
): Promise<BrokenServer> {
  if (kind === 'down') return downServer();
  const timers = new Set<NodeJS.Timeout>();
  const state = { requests: 0, inFlight: 0, maxInFlight: 0, arrivals: [] as number[] };
  const handle = handlerFor(kind, options, state, timers);
  const server = createServer((req, res) => {
    state.requests += 1;
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    state.arrivals.push(performance.now());
    let settled = false;
    const done = (): void => {
      if (settled) return;
      settled = true;
      state.inFlight -= 1;
    };
    res.on('close', done);
    req.on('error', () => {});
    // The body is read first, as a real server would, so a POST has certainly been received when it misbehaves.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  const listening = await listenOnLoopback(server);
  return {
    url: listening.url,
    get requests() {
      return state.requests;
    },
    get inFlight() {
      return state.inFlight;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    get arrivals() {
      return state.arrivals;
    },
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return listening.close();
    },
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

function handlerFor(
  kind: Exclude<BrokenServerKind, 'down'>,
  options: BrokenServerOptions,
  state: { requests: number },
  timers: Set<NodeJS.Timeout>,
): Handler {
  const json = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  switch (kind) {
    case 'hang':
      return () => {};
    case 'reset':
      return (req) => req.socket.destroy();
    case 'slow-drip':
      return (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
        const timer = setInterval(() => res.write(' '), options.dripIntervalMs ?? 50);
        timers.add(timer);
        res.on('close', () => {
          clearInterval(timer);
          timers.delete(timer);
        });
      };
    case 'garbage':
      return (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ref": "3b5cb55e", "firstName": <<<this is not JSON');
      };
    case 'html':
      return (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          '<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Something went wrong</h1></body></html>',
        );
      };
    case 'wrong-content-type':
      return (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(JSON.stringify(OK_BODY));
      };
    case '429-retry-after':
      return (_req, res) => {
        if (state.requests <= (options.failures ?? 1)) {
          json(
            res,
            429,
            { status: 429, message: 'Too many requests' },
            { 'retry-after': options.retryAfter ?? '1' },
          );
        } else json(res, 200, OK_BODY);
      };
    case '503-burst':
      return (_req, res) => {
        if (state.requests <= (options.failures ?? 2))
          json(res, options.status ?? 503, { status: options.status ?? 503 });
        else json(res, 200, OK_BODY);
      };
    case 'close-mid-body':
      return (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"ref": "a', () => req.socket.destroy());
      };
    case 'auth-refused':
      return (_req, res) => json(res, 401, UNAUTHORIZED_BODY, { 'www-authenticate': 'Basic realm="cdp"' });
    case 'huge':
      return (_req, res) => {
        const size = options.sizeBytes ?? 9 * 1024 * 1024;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`"${'x'.repeat(Math.max(0, size - 2))}"`);
      };
    case 'ok-delayed':
      return (_req, res) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          json(res, 200, OK_BODY);
        }, options.delayMs ?? 50);
        timers.add(timer);
      };
    case 'echo':
      // Repeats the request back, credentials and all: a server like this must not make the client leak them.
      return (req, res, body) =>
        json(res, 200, { method: req.method, url: req.url, headers: req.headers, body });
  }
}

/** A port that was just free: listened on, then closed, so connecting to it is refused. */
async function downServer(): Promise<BrokenServer> {
  const url = `http://127.0.0.1:${await freePort()}`;
  return { url, requests: 0, inFlight: 0, maxInFlight: 0, arrivals: [], close: async () => {} };
}
