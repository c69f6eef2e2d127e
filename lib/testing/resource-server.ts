import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { listenOnLoopback } from '../loopback.ts';

/** A small stand-in for a tenant: it creates and deletes orders and contacts, nothing else. */
export interface ResourceServer {
  readonly url: string;
  /** Refs of the live orders. */
  readonly orders: ReadonlySet<string>;
  /** Live contacts: ref → the order it hangs off. */
  readonly contacts: ReadonlyMap<string, string>;
  /** The identifiers each live contact was created with. */
  readonly identifiers: ReadonlyMap<string, unknown>;
  /** Every request as "METHOD path", in arrival order (tests may empty it). */
  readonly log: string[];
  /** Refs whose DELETE answers this status instead of working. */
  readonly failDeletes: Map<string, number>;
  /** Adds an order (and contacts on it, with these identifiers) directly, as if a run had created them. */
  seed(orderRef: string, contactRefs?: readonly string[], identifiers?: unknown): void;
  close(): Promise<void>;
}

/**
 * Starts the stand-in tenant on 127.0.0.1. Like a careful real API it refuses (409) to delete an order that still
 * has contacts, so a cleanup that deletes in the wrong order shows up.
 */
export async function startResourceServer(): Promise<ResourceServer> {
  const orders = new Set<string>();
  const contacts = new Map<string, string>();
  const identifiers = new Map<string, unknown>();
  const log: string[] = [];
  const failDeletes = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    log.push(`${req.method} ${path}`);
    const answer = (status: number, body?: unknown): void => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      const parts = path.split('/').map((p) => decodeURIComponent(p));
      const [, version, collection, ref, sub] = parts;
      if (version !== 'v2.1' && version !== 'v2') return answer(404, { status: 404 });
      if (req.method === 'POST' && collection === 'orders' && ref === undefined) {
        const created = randomUUID();
        orders.add(created);
        return answer(201, { ref: created });
      }
      if (req.method === 'POST' && collection === 'orders' && ref !== undefined && sub === 'contacts') {
        if (!orders.has(ref)) return answer(404, { status: 404 });
        const created = randomUUID();
        contacts.set(created, ref);
        try {
          identifiers.set(
            created,
            (JSON.parse(Buffer.concat(chunks).toString()) as { identifiers?: unknown }).identifiers,
          );
        } catch {
          // Not JSON: a contact without identifiers.
        }
        return answer(201, { ref: created });
      }
      if (req.method === 'GET' && collection === 'orders' && ref !== undefined && sub === 'contacts') {
        if (!orders.has(ref)) return answer(404, { status: 404 });
        const offset = Number(query.get('offset') ?? 0);
        const limit = Number(query.get('limit') ?? 10);
        const all = [...contacts].filter(([, order]) => order === ref).map(([c]) => c);
        const items = all
          .slice(offset, offset + limit)
          .map((c) => ({ ref: c, identifiers: identifiers.get(c) }));
        return answer(200, { offset, limit, items });
      }
      if (req.method === 'DELETE' && ref !== undefined) {
        const failure = failDeletes.get(ref);
        if (failure !== undefined) return answer(failure, { status: failure });
        if (collection === 'orderContacts') {
          identifiers.delete(ref);
          return contacts.delete(ref) ? answer(204) : answer(404, { status: 404 });
        }
        if (collection === 'orders') {
          if (!orders.has(ref)) return answer(404, { status: 404 });
          if ([...contacts.values()].includes(ref))
            return answer(409, { status: 409, message: 'order has contacts' });
          orders.delete(ref);
          return answer(204);
        }
      }
      return answer(404, { status: 404 });
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    orders,
    contacts,
    identifiers,
    log,
    failDeletes,
    seed(orderRef, contactRefs = [], contactIdentifiers) {
      orders.add(orderRef);
      for (const ref of contactRefs) {
        contacts.set(ref, orderRef);
        if (contactIdentifiers !== undefined) identifiers.set(ref, contactIdentifiers);
      }
    },
    close,
  };
}
