import { createServer, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { listenOnLoopback } from '../loopback.ts';

/** What reached the proxy: a CONNECT tunnel or an absolute-URI request, and the host:port it was for. */
export interface ProxiedRequest {
  readonly kind: 'connect' | 'forward';
  readonly target: string;
}

/** A running forward proxy on loopback. */
export interface ForwardProxy {
  readonly url: string;
  /** Everything that reached it, in order (tunnels and absolute-URI requests alike, refused ones too). */
  readonly received: readonly ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * Starts an HTTP forward proxy on 127.0.0.1, as a corporate one: CONNECT tunnels (what undici's proxy agent opens,
 * for http:// targets too) and absolute-URI requests. With `refuse`, it answers 403 to everything instead.
 */
export async function startForwardProxy(
  options: {
    refuse?: boolean;
    /** Where a host:port is really served (a name that only the proxy can resolve, as behind a corporate one). */
    route?: (target: string) => string;
  } = {},
): Promise<ForwardProxy> {
  const route = options.route ?? ((target: string) => target);
  const received: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/');
    const target = `${url.hostname}:${url.port || '80'}`;
    received.push({ kind: 'forward', target });
    if (options.refuse) {
      req.resume();
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden by the proxy');
      return;
    }
    const [host, port] = hostAndPort(route(target), 80);
    const upstream = httpRequest(
      { host, port, path: `${url.pathname}${url.search}`, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    received.push({ kind: 'connect', target });
    if (options.refuse) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const [host, port] = hostAndPort(route(target), 443);
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    received,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await close();
    },
  };
}

function hostAndPort(target: string, fallback: number): [string, number] {
  const match = /^(.*):(\d+)$/.exec(target);
  return match ? [match[1] ?? '', Number(match[2])] : [target, fallback];
}
