// The transport faults and variants: layers of the adapters (node:http, fetch), which alone hold the connection.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { FaultName } from './faults.ts';
import type { MockHandler } from './types.ts';
import type { VariantName } from './variants.ts';

/** An answer as it is about to go over the wire. */
export interface WireAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer | undefined;
  /** How long to hold the answer before writing it, in ms. */
  readonly delayMs: number;
  /** Connection: close, and the socket closed once the answer is written. */
  readonly close: boolean;
}

/**
 * What the layers read of a request: an IncomingMessage, or what the fetch adapter makes of a Request (which has
 * no connection of its own, so each is its own `socket`).
 */
export interface WireRequest {
  readonly method?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly socket: object;
}

/** A layer of the adapter: it may reset a connection before its request is read, or change the answer. */
export interface AdapterLayer {
  /** True to reset the connection of this request before anything is processed. */
  readonly resets?: (req: WireRequest) => boolean;
  readonly answer?: (req: WireRequest, answer: WireAnswer) => WireAnswer;
}

/** The latency variant's delay. */
export const LATENCY_MS = 50;
const RESET_EVERY_NTH_GET = 5;
const RESET_EVERY_NTH_CONNECTION = 5;

function accepts(req: WireRequest, coding: string): boolean {
  const header = req.headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (name === coding || name === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

function compressing(coding: string, compress: (data: Buffer) => Buffer): () => AdapterLayer {
  return () => ({
    answer(req, answer) {
      const type = answer.headers['content-type'] ?? '';
      if (answer.body === undefined || answer.headers['content-encoding'] !== undefined) return answer;
      if (!/^application\/json/.test(type) || !accepts(req, coding)) return answer;
      return {
        ...answer,
        headers: { ...answer.headers, 'content-encoding': coding, vary: 'Accept-Encoding' },
        body: compress(Buffer.from(answer.body)),
      };
    },
  });
}

// Connections are counted as they open; the doomed ones are reset when their first request arrives.
function resettingConnections(): AdapterLayer {
  let connections = 0;
  const seen = new WeakMap<object, boolean>();
  return {
    resets(req) {
      let doomed = seen.get(req.socket);
      if (doomed === undefined) {
        connections += 1;
        doomed = connections % RESET_EVERY_NTH_CONNECTION === 0;
        seen.set(req.socket, doomed);
      }
      return doomed;
    },
  };
}

function resettingGets(): AdapterLayer {
  let gets = 0;
  return {
    resets(req) {
      if (req.method !== 'GET') return false;
      gets += 1;
      return gets % RESET_EVERY_NTH_GET === 0;
    },
  };
}

const ADAPTER_LAYERS: Partial<Record<FaultName | VariantName, (handler: MockHandler) => AdapterLayer>> = {
  'reset-connection': resettingGets,
  'transient-resets': resettingConnections,
  'slow-responses': (handler) => ({
    answer: (_req, answer) => ({ ...answer, delayMs: answer.delayMs + handler.slowResponseMs }),
  }),
  latency: () => ({ answer: (_req, answer) => ({ ...answer, delayMs: answer.delayMs + LATENCY_MS }) }),
  'connection-close': () => ({ answer: (_req, answer) => ({ ...answer, close: true }) }),
  br: compressing('br', (data) => brotliCompressSync(data)),
  gzip: compressing('gzip', (data) => gzipSync(data)),
  deflate: compressing('deflate', (data) => deflateSync(data)),
};

/** The adapter layers of the faults and variants a handler has switched on. */
export function adapterLayersOf(handler: MockHandler): AdapterLayer[] {
  const on = new Set<string>([...handler.faults, ...handler.variants]);
  return Object.entries(ADAPTER_LAYERS).flatMap(([name, make]) =>
    on.has(name) && make ? [make(handler)] : [],
  );
}
