import { createServer } from 'node:http';
import { forwardRequest, listenOnLoopback } from '../loopback.ts';

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
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    const action = plan(requests, req.method ?? 'GET');
    if (action === 'forward') return forwardRequest(upstream, req, res);
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
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    get requests() {
      return requests;
    },
    close,
  };
}
