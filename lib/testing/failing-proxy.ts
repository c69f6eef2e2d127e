import { createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the proxy misbehaves for one request: hang, reset the connection, or answer a status itself. */
export type ProxyFailure = 'hang' | 'reset' | 503 | { readonly status: number; readonly retryAfter?: string };

/** Decides, for the n-th request (1-based) and its method, whether to forward it or how to fail it. */
export type ProxyPlan = (n: number, method: string) => 'forward' | ProxyFailure;

/** A running failing proxy. */
export interface FailingProxy {
  readonly url: string;
  /** Requests received so far (forwarded or not). */
  readonly requests: number;
  /** Stops the proxy, destroying the sockets it holds. */
  close(): Promise<void>;
}

/** A plan that forwards the first `healthy` requests and fails every later one: a target that dies mid-run. */
export function diesAfter(healthy: number, then: ProxyFailure): ProxyPlan {
  return (n) => (n > healthy ? then : 'forward');
}

/**
 * Starts a reverse proxy on 127.0.0.1 in front of a working server, failing the requests its plan says to (hang,
 * reset, or a status such as 503 or 429 with Retry-After) and forwarding the rest.
 */
export async function startFailingProxy(upstream: string, plan: ProxyPlan): Promise<FailingProxy> {
  const target = new URL(upstream);
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    const action = plan(requests, req.method ?? 'GET');
    if (action !== 'forward') {
      req.resume();
      if (action === 'reset') req.socket.destroy();
      else if (action !== 'hang') {
        const { status, retryAfter } = action === 503 ? { status: 503, retryAfter: undefined } : action;
        res.writeHead(status, {
          'content-type': 'application/json',
          ...(retryAfter !== undefined ? { 'retry-after': retryAfter } : {}),
        });
        res.end(JSON.stringify({ status, message: 'Injected by the failing proxy' }));
      }
      return;
    }
    const forward = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const url = await new Promise<string>((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
  return {
    url,
    get requests() {
      return requests;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
