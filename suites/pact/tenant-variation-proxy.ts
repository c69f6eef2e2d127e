// Test support: a proxy on 127.0.0.1 in front of the mock that answers the way a real tenant legitimately may
// (refs in upper case, another ISO form of each date, extra fields, 201 for updates, gzip, charset, a list that lags
// behind a create, Connection: close). It logs every request it receives.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { type LoopbackServer, listenOnLoopback } from '../../lib/loopback.ts';

/** Which variations the proxy applies; each is off unless set. */
export interface TenantVariations {
  /** Refs in response bodies in upper case (request paths are lower-cased back for the mock). */
  readonly upperCaseRefs?: boolean;
  /** Every timestamp in the other ISO form: '…:54Z' becomes '…:54.000Z' and '…:54.554Z' becomes '…:54Z'. */
  readonly otherDateForms?: boolean;
  /** A field the vendor does not document in every response object, and path and timestamp in error bodies. */
  readonly extraFields?: boolean;
  /** The status a successful update (PUT, PATCH, v2 POST to a contact) answers instead of 200. */
  readonly updateStatus?: number;
  readonly gzip?: boolean;
  /** Content-Type "application/json; charset=UTF-8". */
  readonly charset?: boolean;
  /** A new contact is left out of its order's list for this long after the create answered. */
  readonly listLagMs?: number;
  readonly connectionClose?: boolean;
}

/** The running proxy: its URL, every request it received ("GET /v2.1/…"), and how to stop it. */
export interface TenantVariationProxy extends LoopbackServer {
  readonly requests: readonly string[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const UPDATE = /^(PUT|PATCH) \/v2\.1\/orderContacts\/[^/]+$|^POST \/v2\/orderContacts\/[^/]+$/;
const CREATE_CONTACT = /^POST \/v2(\.1)?\/orders\/[^/]+\/contacts$/;

function withExtraFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withExtraFields);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([k, v]) => [k, withExtraFields(v)]);
  return { ...Object.fromEntries(entries), tenantExtension: { note: 'not in the vendor pages' } };
}

export async function startTenantVariationProxy(
  upstream: string,
  variations: TenantVariations,
): Promise<TenantVariationProxy> {
  const requests: string[] = [];
  const createdAt = new Map<string, number>();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://x');
    const path = variations.upperCaseRefs ? url.pathname.replace(UUID, (m) => m.toLowerCase()) : url.pathname;
    const key = `${method} ${path}`;
    requests.push(key);
    const headers = { ...req.headers };
    delete headers.host;
    delete headers['accept-encoding'];
    const answer = await request(`${upstream}${path}${url.search}`, {
      method: method as 'GET',
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : null,
    });
    let status = answer.statusCode;
    const text = await answer.body.text();
    let body: unknown = text === '' ? undefined : (JSON.parse(text) as unknown);
    if (CREATE_CONTACT.test(key) && status === 201) {
      const ref = (body as { ref?: string }).ref;
      if (ref) createdAt.set(ref, Date.now());
    }
    const list = body as { items?: Array<{ ref?: string; href?: string }> } | undefined;
    if (variations.listLagMs && Array.isArray(list?.items)) {
      list.items = list.items.filter((item) => {
        const ref = item.ref ?? item.href?.split('/').pop() ?? '';
        return Date.now() - (createdAt.get(ref) ?? 0) >= (variations.listLagMs ?? 0);
      });
    }
    if (variations.updateStatus !== undefined && UPDATE.test(key) && status === 200)
      status = variations.updateStatus;
    if (variations.extraFields && body) {
      body = withExtraFields(body);
      if (status >= 400) body = { ...(body as object), path, timestamp: new Date().toISOString() };
    }
    let out = body === undefined ? '' : JSON.stringify(body);
    if (variations.upperCaseRefs) out = out.replace(UUID, (m) => m.toUpperCase());
    if (variations.otherDateForms)
      out = out.replace(/(T\d{2}:\d{2}:\d{2})(\.\d+)?Z"/g, (_m, time: string, fraction?: string) =>
        fraction ? `${time}Z"` : `${time}.000Z"`,
      );
    const outHeaders: Record<string, string> = {};
    if (out !== '')
      outHeaders['content-type'] = variations.charset
        ? 'application/json; charset=UTF-8'
        : 'application/json';
    if (variations.connectionClose) outHeaders.connection = 'close';
    let bytes = Buffer.from(out);
    if (variations.gzip && out !== '') {
      bytes = gzipSync(bytes);
      outHeaders['content-encoding'] = 'gzip';
    }
    res.writeHead(status, { ...outHeaders, 'content-length': String(bytes.length) });
    res.end(bytes);
  };
  const server = await listenOnLoopback(
    createServer((req, res) => {
      handle(req, res).catch(() => res.destroy());
    }),
  );
  return { url: server.url, requests, close: () => server.close() };
}
