// The Verifier's requests reach the target through this forwarder (Pact's requestFilter) instead of Pact's own
// proxy: http-proxy throws an uncaught error on a reset connection and waits for ever on a hanging target, while the
// project's client is bounded, retries idempotent requests, decodes gzip, and says when the transport failed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpClient } from '../../lib/http-client.ts';

/** The express request as Pact's proxy hands it over (its body already parsed by body-parser). */
type ProxiedRequest = IncomingMessage & { body?: unknown; originalUrl?: string; path?: string };

/** Headers that describe one connection, or a body the client re-encodes: never passed on. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'host',
  'accept-encoding',
  'content-encoding',
  'upgrade',
  'proxy-connection',
]);
/** The paths Pact's proxy serves itself (provider states, messages). */
const PACT_OWN_PATHS = new Set(['/_pactSetup', '/_messages']);

/** Options of the forwarder. */
export interface ForwarderOptions {
  /** Its credentials go in place of the pact's placeholder; a request recorded without one stays without. */
  readonly http: HttpClient;
  /** Refuses, without sending, anything but GET. */
  readonly readOnly: boolean;
}

/** Forwards the Verifier's requests, one interaction at a time, and remembers what went wrong on the way. */
export class ProviderForwarder {
  private failure: string | undefined;
  private blockedReason: string | undefined;

  constructor(private readonly options: ForwarderOptions) {}

  /** Starts an interaction: what went wrong for the last one is forgotten. */
  begin(): void {
    this.failure = undefined;
    this.blockedReason = undefined;
  }

  /** The transport failure of the current interaction (its request, or its set-up), if there was one. */
  transportFailure(): string | undefined {
    return this.failure;
  }

  /** Why the current interaction's request was not sent, if it was not. */
  blocked(): string | undefined {
    return this.blockedReason;
  }

  /** Its set-up failed: its request is answered here, unsent (its refs are placeholders, it would hit nothing real). */
  block(reason: string, transport: boolean): void {
    this.blockedReason ??= reason;
    if (transport) this.failure ??= reason;
  }

  /** The requestFilter for Pact's Verifier. */
  readonly filter = (req: ProxiedRequest, res: ServerResponse, next: () => void): void => {
    if (PACT_OWN_PATHS.has(req.path ?? '')) {
      next();
      return;
    }
    this.forward(req, res).catch((error: unknown) => {
      this.failure ??= `the forwarder failed: ${error instanceof Error ? error.message : String(error)}`;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end();
    });
  };

  private async forward(req: ProxiedRequest, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const refuse = (status: number, message: string): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ occ: message }));
    };
    if (this.blockedReason !== undefined) return refuse(502, `not sent: ${this.blockedReason}`);
    if (this.options.readOnly && method !== 'GET') {
      this.blockedReason = `read-only run: ${method} is never sent`;
      return refuse(405, this.blockedReason);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    // The client's own credentials replace the placeholder, so the exchange is recorded as sent with them.
    const authorized = headers.authorization !== undefined;
    delete headers.authorization;
    const hasBody =
      req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    const exchange = await this.options.http.send({
      method,
      path: req.originalUrl ?? req.url ?? '/',
      headers,
      auth: authorized ? 'default' : 'none',
      contentType: req.headers['content-type'] ?? null,
      operation: `pact ${method} ${req.path ?? ''}`,
      ...(hasBody ? { rawBody: bodyBytes(req.body) } : {}),
    });
    if (!exchange.response) {
      this.failure ??= `${method} ${req.path ?? ''} got no answer (${exchange.error?.kind}: ${exchange.error?.message})`;
      return refuse(502, this.failure);
    }
    const answer: Record<string, string> = {};
    for (const [name, value] of Object.entries(exchange.response.headers))
      if (!HOP_BY_HOP.has(name)) answer[name] = value;
    res.writeHead(exchange.response.status, answer);
    res.end(exchange.response.body);
  }
}

/** The body as body-parser left it, back to bytes (as Pact's own proxy does it). */
function bodyBytes(body: unknown): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array();
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  return Buffer.from(JSON.stringify(body));
}
