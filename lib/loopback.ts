import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A server listening on 127.0.0.1, and how to stop it without waiting for idle keep-alive connections. */
export interface LoopbackServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (port 0: a free one), tracking its sockets so close() ends them all. */
export async function listenOnLoopback(server: Server, port = 0): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const url = await new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
  return {
    url,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port that was free a moment ago (for a child process that must be told its port). */
export async function freePort(): Promise<number> {
  const probe = await listenOnLoopback(createServer());
  await probe.close();
  return Number(new URL(probe.url).port);
}

/** Sends an incoming request on to `upstream` (an origin) and pipes the answer back: a reverse proxy's one step. */
export function forwardRequest(upstream: string, req: IncomingMessage, res: ServerResponse): void {
  const target = new URL(upstream);
  const onward = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  onward.on('error', () => res.destroy());
  req.pipe(onward);
}
