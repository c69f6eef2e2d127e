import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import pLimit, { type LimitFunction } from 'p-limit';
import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';
import type { ApiVersion } from '../contracts/index.ts';
import { type AdaptiveRate, createAdaptiveRate } from './adaptive-rate.ts';
import { ACCEPTED_ENCODINGS, decodeContent } from './content-decoding.ts';
import type {
  AttemptRecord,
  Exchange,
  RequestAuth,
  RequestRecord,
  ResponseRecord,
  SendObserver,
  TransportErrorKind,
} from './exchange.ts';
import type { GiveUpSwitch } from './give-up.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import { REDACTED, redactSecrets } from './redact.ts';
import { type AttemptOutcome, type Backoff, retryDecision, retryDelayMs } from './retry-policy.ts';
import { DEFAULT_CONCURRENCY } from './settings.ts';
import { isOwnWrongCredential } from './wrong-credentials.ts';

/** Basic-auth credentials of a CDP tenant. */
export interface Credentials {
  readonly clientKey: string;
  readonly apiToken: string;
}

/** How an HttpClient talks to its target. */
export interface HttpClientOptions {
  /** e.g. http://127.0.0.1:8787 or https://api-engage-eu.sitecorecloud.io (a trailing slash is ignored). */
  baseUrl: string;
  credentials?: Credentials;
  /** Per attempt: connect + headers + the whole body. Default 10 000. */
  timeoutMs?: number;
  /** Hard limit on one send, all attempts and waits included. Default: the sum of the worst cases. */
  deadlineMs?: number;
  /** Extra attempts on transient failures. Default 3. */
  retries?: number;
  /** Exponential backoff with full jitter. Defaults 200 / 5 000 ms. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Cap on an honoured Retry-After. Default 30 000. */
  maxRetryAfterMs?: number;
  /** Sends in flight at once. Default DEFAULT_CONCURRENCY (16). */
  concurrency?: number;
  /** Attempts started per second at most (evenly spaced); unlimited when absent. A hard cap over the adaptive rate. */
  rps?: number;
  /** Lower the rate on 429 and raise it again slowly (lib/adaptive-rate.ts). Default true. */
  adaptiveRate?: boolean;
  /** Largest response body read; above it the exchange fails with kind 'protocol'. Default 8 MiB. */
  maxResponseBytes?: number;
  /** Stops sending once the target has stopped answering (sends are then refused with error kind 'not-sent'). */
  giveUp?: GiveUpSwitch;
  /** Refuses every method but GET, HEAD and OPTIONS before it leaves the process (error kind 'not-sent'). */
  readOnly?: boolean;
  /** Forward proxies (CONNECT) and the hosts that bypass them; none when absent. Never read from process.env here. */
  proxy?: { readonly httpProxy: string; readonly httpsProxy: string; readonly noProxy: string };
  /** Told of every send and each of its attempts (occ run --record's HAR: lib/har). */
  observer?: SendObserver;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** One request to send. */
export interface SendOptions {
  method: string;
  /** '/v2.1/orders/x/contacts' (sent as written, unnormalised) or an absolute URL on the target's origin. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Serialised with JSON.stringify, sent as application/json. */
  json?: unknown;
  /** Sent as-is (malformed JSON, huge bodies); wins over json. */
  rawBody?: string | Uint8Array;
  /** Overrides the Content-Type of a body; null sends none. */
  contentType?: string | null;
  /** Extra headers; they win over the defaults (Accept, Accept-Encoding, User-Agent, Authorization). */
  headers?: Record<string, string>;
  /** Default: the client's credentials. */
  auth?: 'default' | 'none' | Credentials | HeaderAuth;
  operation: string;
  apiVersion?: ApiVersion;
  /** Default true; false makes exactly one attempt. */
  retry?: boolean;
  /** Aborts the send; the exchange then ends with error kind 'aborted'. */
  signal?: AbortSignal;
}

/**
 * An Authorization header of a credential variant (lib/credential-variants.ts), sent as given; recorded by the
 * variant's name only. `secrets`: values derived from the configured credentials it carries, redacted everywhere.
 */
export interface HeaderAuth {
  readonly variant: string;
  readonly authorization: string;
  readonly secrets: readonly string[];
}

function isHeaderAuth(auth: SendOptions['auth']): auth is HeaderAuth {
  return typeof auth === 'object' && 'variant' in auth;
}

/** Counters over the client's life. */
export interface HttpClientStats {
  /** Sends (logical requests). */
  requests: number;
  /** Attempts on the wire (requests + retries). */
  attempts: number;
  retries: number;
  /** Sends that ended without a response. */
  failures: number;
  inFlight: number;
  maxInFlight: number;
}

interface Prepared {
  readonly origin: string;
  readonly path: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array | undefined;
  readonly record: RequestRecord;
  readonly secrets: readonly string[];
}

type AttemptResult =
  | { readonly response: ResponseRecord; readonly contentEncoding?: Exchange['contentEncoding'] }
  | {
      readonly error: TransportErrorKind;
      readonly code: string;
      readonly message: string;
      readonly sent: 'no' | 'maybe';
    };

const USER_AGENT = `order-contact-conformance/${packageVersion()}`;
// pid (and worker thread, when not the main one) tells apart the processes of one machine; the random part, shards
// run on different machines.
const PROCESS_TAG = `${process.pid}${threadId === 0 ? '' : `.${threadId}`}-${randomBytes(2).toString('hex')}`;
let exchangeCounter = 0;
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** The methods a read-only client sends; every other is refused before it leaves the process. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CONNECTION_CODES = new Set([...NOT_SENT, 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET']);

/** Why an attempt was aborted: its own timeout, the send's deadline, or the caller. */
class AbortCause {
  constructor(
    readonly kind: 'timeout' | 'deadline' | 'aborted',
    readonly message: string,
  ) {}
}

/** An id unique across the processes and threads of a run: x-<pid>[.<thread>]-<random>-<counter>. */
export function nextExchangeId(): string {
  exchangeCounter += 1;
  return `x-${PROCESS_TAG}-${String(exchangeCounter).padStart(6, '0')}`;
}

/**
 * Real HTTP to one target (undici): every request becomes an Exchange, never an exception. A status is data; a
 * transport failure is `exchange.error`. Bounded everywhere: a timeout per attempt, a deadline per send, a bounded
 * number of jittered retries, a concurrency limit and an optional request rate.
 *
 * @example const http = new HttpClient({ baseUrl, credentials }); const x = await http.send({ method: 'GET', path: '/v2.1/orders/1/contacts', operation: 'retrieveOrderContacts' });
 */
export class HttpClient {
  /** The target, without a trailing slash. */
  readonly baseUrl: string;
  readonly stats: Readonly<HttpClientStats>;
  private readonly counters: HttpClientStats = {
    requests: 0,
    attempts: 0,
    retries: 0,
    failures: 0,
    inFlight: 0,
    maxInFlight: 0,
  };
  private readonly origin: string;
  private readonly basePath: string;
  private readonly agent: Dispatcher;
  private readonly limit: LimitFunction;
  private readonly limiter: RateLimiter | undefined;
  private readonly pace: AdaptiveRate | undefined;
  private readonly timeoutMs: number;
  private readonly deadlineMs: number;
  private readonly retries: number;
  private readonly backoff: Backoff;
  private readonly maxRetryAfterMs: number;
  private readonly maxResponseBytes: number;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly credentials: Credentials | undefined;
  private readonly giveUp: GiveUpSwitch | undefined;
  private readonly readOnly: boolean;
  private readonly observer: SendObserver | undefined;
  private closed = false;

  constructor(options: HttpClientOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.baseUrl = `${this.origin}${this.basePath}`;
    this.credentials = options.credentials;
    this.timeoutMs = positive(options.timeoutMs, 10_000);
    this.retries = Math.max(0, Math.floor(options.retries ?? 3));
    this.backoff = { baseMs: options.backoff?.baseMs ?? 200, maxMs: options.backoff?.maxMs ?? 5_000 };
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.maxResponseBytes = positive(options.maxResponseBytes, 8 * 1024 * 1024);
    // By default the deadline is the worst case the other limits allow, so it only ever cuts a send that something
    // (a dripping server, a stuck socket) would otherwise keep alive for ever.
    const worstWait = Math.max(this.backoff.maxMs, this.maxRetryAfterMs);
    this.deadlineMs = positive(
      options.deadlineMs,
      this.timeoutMs * (this.retries + 1) + worstWait * this.retries,
    );
    this.giveUp = options.giveUp;
    this.readOnly = options.readOnly ?? false;
    this.observer = options.observer;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
    this.limit = pLimit(concurrency);
    this.limiter =
      options.rps === undefined ? undefined : createRateLimiter({ rps: options.rps, sleep: this.sleep });
    this.pace = options.adaptiveRate === false ? undefined : createAdaptiveRate({ sleep: this.sleep });
    const agentOptions = {
      connections: concurrency,
      connect: { timeout: this.timeoutMs },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    };
    const proxy = options.proxy;
    // Every value is given ('' for none), so undici never falls back to reading process.env itself.
    this.agent =
      proxy && (proxy.httpProxy !== '' || proxy.httpsProxy !== '')
        ? new EnvHttpProxyAgent({ ...agentOptions, ...proxy })
        : new Agent(agentOptions);
    this.stats = this.counters;
  }

  /** Sends a request (with retries) and resolves to its Exchange; never rejects. */
  send(options: SendOptions): Promise<Exchange> {
    this.counters.requests += 1;
    const id = nextExchangeId();
    const prepared = this.prepare(options);
    if (typeof prepared === 'string') return Promise.resolve(this.refused(id, options, prepared));
    if (this.closed)
      return Promise.resolve(this.refused(id, options, 'the client is closed', prepared.record));
    if (this.readOnly && !READ_METHODS.has(prepared.method)) {
      const reason = `read-only run: ${prepared.method} is never sent (only GET, HEAD and OPTIONS leave a run started with --read-only)`;
      return Promise.resolve(this.refused(id, options, reason, prepared.record, 'not-sent'));
    }
    // At the send's start, not its end: a recording numbers a test's sends in the order they were made.
    const observed = this.observer?.begin();
    return this.limit(async () => {
      // Checked once the send's turn comes: the target may have been given up on while it queued.
      if (this.giveUp && !this.giveUp.reserve())
        return this.refused(id, options, this.giveUp.reason() ?? 'not sent', prepared.record, 'not-sent');
      const attempts: AttemptRecord[] | undefined = observed ? [] : undefined;
      const exchange = await this.exchange(id, options, prepared, attempts);
      if (observed && attempts && attempts.length > 0) observed(exchange, attempts);
      if (this.giveUp && exchange.error?.kind !== 'aborted')
        this.giveUp.record(
          exchange.response?.status,
          exchange.response
            ? `status ${exchange.response.status}`
            : `${exchange.error?.kind}: ${exchange.error?.message}`,
        );
      return exchange;
    });
  }

  /** Lets in-flight requests finish (bounded by the timeout), then closes every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'grace'>((resolve) => {
      timer = setTimeout(() => resolve('grace'), Math.min(this.timeoutMs, 2_000));
      timer.unref();
    });
    const closing = this.agent.close().then(
      () => 'closed' as const,
      () => 'closed' as const,
    );
    const outcome = await Promise.race([closing, grace]);
    clearTimeout(timer);
    if (outcome === 'grace') await this.agent.destroy();
  }

  /** One send, attempt by attempt; each attempt is pushed to `recorded` when given (for the observer). */
  private async exchange(
    id: string,
    options: SendOptions,
    prepared: Prepared,
    recorded?: AttemptRecord[],
  ): Promise<Exchange> {
    const startedAt = new Date();
    const t0 = performance.now();
    const deadlineAt = t0 + this.deadlineMs;
    const maxAttempts = options.retry === false ? 1 : this.retries + 1;
    const retryReasons: string[] = [];
    let attempts = 0;
    let last: AttemptResult | undefined;
    while (attempts < maxAttempts) {
      // Aborted during a backoff wait, or the target given up on by other sends meanwhile: the last answer stands.
      if (last !== undefined && (options.signal?.aborted || (this.giveUp && !this.giveUp.reserve()))) break;
      if (this.limiter) await this.limiter.acquire();
      const sentAt = this.pace ? await this.pace.acquire() : 0;
      const remaining = deadlineAt - performance.now();
      if (remaining <= 0) break;
      attempts += 1;
      const attemptStartedAt = new Date();
      const a0 = performance.now();
      last = await this.attempt(
        prepared,
        Math.min(this.timeoutMs, remaining),
        remaining <= this.timeoutMs,
        options.signal,
      );
      recorded?.push(attemptRecord(last, attemptStartedAt, performance.now() - a0));
      const outcome: AttemptOutcome =
        'response' in last
          ? { status: last.response.status, retryAfter: last.response.headers['retry-after'] }
          : last;
      const decision = retryDecision(prepared.method, outcome);
      this.pace?.answered(sentAt, 'response' in last ? last.response.status : undefined);
      if (!decision.retry || attempts >= maxAttempts || options.signal?.aborted) break;
      const wait = retryDelayMs(attempts - 1, decision, this.backoff, this.maxRetryAfterMs, this.random);
      // A wait that would outlast the deadline is not worth starting: the last answer is the answer.
      if (performance.now() + wait >= deadlineAt) break;
      retryReasons.push(decision.reason);
      const tried = recorded?.at(-1);
      if (recorded && tried) recorded[recorded.length - 1] = { ...tried, retryReason: decision.reason };
      this.counters.retries += 1;
      if (wait > 0) await this.sleep(wait);
    }
    last ??= deadlineResult(this.deadlineMs);
    if (!('response' in last)) this.counters.failures += 1;
    const base = {
      id,
      ...(options.apiVersion !== undefined ? { apiVersion: options.apiVersion } : {}),
      operation: options.operation,
      request: prepared.record,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - t0),
      attempts,
      retryReasons,
    };
    if (!('response' in last)) return { ...base, error: { kind: last.error, message: last.message } };
    const json = parseJson(last.response.body);
    return {
      ...base,
      response: last.response,
      ...(json.ok ? { json: json.value } : {}),
      ...(last.contentEncoding ? { contentEncoding: last.contentEncoding } : {}),
    };
  }

  private async attempt(
    p: Prepared,
    timeoutMs: number,
    isDeadline: boolean,
    signal?: AbortSignal,
  ): Promise<AttemptResult> {
    const controller = new AbortController();
    const cause = isDeadline
      ? new AbortCause('deadline', `no complete response before the send's deadline of ${this.deadlineMs} ms`)
      : new AbortCause('timeout', `no complete response within ${timeoutMs} ms`);
    const onAbort = (): void => controller.abort(new AbortCause('aborted', 'the caller aborted the request'));
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    // The timer settles the attempt itself rather than trusting the abort to surface through undici: whatever a
    // server does (drip a byte a second, hold the socket open), the attempt ends on time.
    const timedOut = new Promise<AttemptResult>((resolve) => {
      timer = setTimeout(() => {
        controller.abort(cause);
        resolve({ error: 'timeout', code: 'timeout', message: cause.message, sent: 'maybe' });
      }, timeoutMs);
    });
    this.counters.attempts += 1;
    this.counters.inFlight += 1;
    this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.counters.inFlight);
    try {
      return await Promise.race([this.request(p, controller.signal), timedOut]);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      this.counters.inFlight -= 1;
    }
  }

  private async request(p: Prepared, signal: AbortSignal): Promise<AttemptResult> {
    let phase: 'headers' | 'body' = 'headers';
    let status = 0;
    try {
      const res = await this.agent.request({
        origin: p.origin,
        path: p.path,
        method: p.method as Dispatcher.HttpMethod,
        headers: p.headers,
        body: p.body ?? null,
        signal,
      });
      phase = 'body';
      status = res.statusCode;
      const headers = flattenHeaders(res.headers);
      const raw = await readCapped(res.body, this.maxResponseBytes, headers['content-length']);
      // The same limit holds for the decoded body; the attempt's timer bounds the decoding too.
      const decoded = await decodeContent(raw, headers['content-encoding'], this.maxResponseBytes);
      const text = redactSecrets(decoded.body.toString('utf8'), p.secrets);
      const redactedHeaders = Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k, redactSecrets(v, p.secrets)]),
      );
      return {
        response: { status, headers: redactedHeaders, body: text },
        ...(decoded.encoding !== undefined
          ? { contentEncoding: { codings: decoded.encoding, encodedBytes: raw.length } }
          : {}),
      };
    } catch (error) {
      return classify(error, signal.reason, phase, status, p.secrets);
    }
  }

  private prepare(options: SendOptions): Prepared | string {
    const target = this.resolve(options.path, options.query);
    if (typeof target === 'string') return target;
    const auth = options.auth ?? 'default';
    const header = isHeaderAuth(auth) ? auth : undefined;
    const credentials: Credentials | undefined =
      auth === 'none' || isHeaderAuth(auth) ? undefined : auth === 'default' ? this.credentials : auth;
    const secrets = [
      this.credentials?.clientKey,
      this.credentials?.apiToken,
      credentials?.clientKey,
      credentials?.apiToken,
      ...(header?.secrets ?? []),
    ].filter((s): s is string => s !== undefined);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-encoding': ACCEPTED_ENCODINGS,
      'user-agent': USER_AGENT,
    };
    if (credentials) {
      headers.authorization = `Basic ${Buffer.from(`${credentials.clientKey}:${credentials.apiToken}`).toString('base64')}`;
    }
    if (header) headers.authorization = header.authorization;
    let body: string | Uint8Array | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.json !== undefined) body = JSON.stringify(options.json);
    const contentType =
      options.contentType === undefined
        ? body === undefined
          ? null
          : 'application/json'
        : options.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    const method = options.method.toUpperCase();
    const recorded: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      recorded[name] = name === 'authorization' ? redactAuthorization(value) : redactSecrets(value, secrets);
    }
    const bodyText =
      body === undefined ? undefined : typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    const record: RequestRecord = {
      method,
      url: redactSecrets(`${target.origin}${target.path}`, secrets),
      headers: recorded,
      ...(bodyText !== undefined ? { body: redactSecrets(bodyText, secrets) } : {}),
      auth: header
        ? { kind: 'variant', variant: header.variant }
        : requestAuth(credentials, this.credentials),
    };
    return { origin: target.origin, path: target.path, method, headers, body, record, secrets };
  }

  private resolve(path: string, query: SendOptions['query']): { origin: string; path: string } | string {
    let origin = this.origin;
    let rest = path;
    if (/^[a-z][a-z\d+.-]*:/i.test(path)) {
      let url: URL;
      try {
        url = new URL(path);
      } catch {
        return `"${path}" is not a valid URL`;
      }
      // Credentials go to the configured target only, never to a host a response named.
      if (url.origin !== this.origin)
        return `"${url.origin}" is not the target's origin "${this.origin}"; credentials are sent to the target only`;
      origin = url.origin;
      rest = path.slice(url.origin.length) || '/';
    } else {
      rest = `${this.basePath}${path.startsWith('/') ? '' : '/'}${path}`;
    }
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {}))
      if (value !== undefined) search.append(key, String(value));
    const qs = search.toString();
    if (qs !== '') rest += `${rest.includes('?') ? '&' : '?'}${qs}`;
    return { origin, path: rest };
  }

  private refused(
    id: string,
    options: SendOptions,
    reason: string,
    record?: RequestRecord,
    kind: 'aborted' | 'not-sent' = 'aborted',
  ): Exchange {
    this.counters.failures += 1;
    const secrets = [this.credentials?.clientKey, this.credentials?.apiToken];
    return {
      id,
      ...(options.apiVersion !== undefined ? { apiVersion: options.apiVersion } : {}),
      operation: options.operation,
      request: record ?? {
        method: options.method.toUpperCase(),
        url: redactSecrets(options.path, secrets),
        headers: {},
      },
      error: {
        kind,
        message: redactSecrets(
          kind === 'not-sent' ? reason : `Failed to send the request: ${reason}.`,
          secrets,
        ),
      },
      startedAt: new Date().toISOString(),
      durationMs: 0,
      attempts: 0,
      retryReasons: [],
    };
  }
}

/** An attempt's result as its recording keeps it. */
function attemptRecord(result: AttemptResult, startedAt: Date, durationMs: number): AttemptRecord {
  const base = { startedAt: startedAt.toISOString(), durationMs };
  if (!('response' in result)) return { ...base, error: { kind: result.error, message: result.message } };
  return {
    ...base,
    response: result.response,
    ...(result.contentEncoding ? { contentEncoding: result.contentEncoding } : {}),
  };
}

function classify(
  error: unknown,
  reason: unknown,
  phase: 'headers' | 'body',
  status: number,
  secrets: readonly string[],
): AttemptResult {
  const message = (text: string): string => redactSecrets(text, secrets);
  if (reason instanceof AbortCause) {
    const kind = reason.kind === 'aborted' ? 'aborted' : 'timeout';
    return {
      error: kind,
      code: reason.kind === 'aborted' ? 'aborted' : 'timeout',
      message: reason.message,
      sent: 'maybe',
    };
  }
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  // undici's words for a proxy that would not open the tunnel; the user's fix is in their proxy variables.
  const proxyStatus = /Proxy response \((\d+)\)/.exec(detail)?.[1];
  if (proxyStatus !== undefined)
    return {
      error: 'connection',
      code,
      message: `the proxy refused to open a connection to the target (it answered ${proxyStatus}); check HTTPS_PROXY / HTTP_PROXY, or list the target's host in NO_PROXY`,
      sent: 'no',
    };
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return {
      error: 'timeout',
      code,
      message: message(`${code}: ${detail}`),
      sent: NOT_SENT.has(code) ? 'no' : 'maybe',
    };
  }
  if (code === 'UND_ERR_DESTROYED' || code === 'UND_ERR_CLOSED' || code === 'UND_ERR_INVALID_ARG') {
    return { error: 'aborted', code, message: message(`${code}: ${detail}`), sent: 'no' };
  }
  if (
    phase === 'body' ||
    code.startsWith('HPE_') ||
    code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' ||
    code === 'TOO_LARGE' ||
    code === 'DECODE'
  ) {
    const where = phase === 'body' ? ` after status ${status}, while reading the body` : '';
    return { error: 'protocol', code, message: message(`${code}${where}: ${detail}`), sent: 'maybe' };
  }
  const kind: TransportErrorKind = CONNECTION_CODES.has(code) ? 'connection' : 'protocol';
  return {
    error: kind,
    code,
    message: message(`${code}: ${detail}`),
    sent: NOT_SENT.has(code) ? 'no' : 'maybe',
  };
}

/** The error code of an error, its cause, or the first of an AggregateError (happy-eyeballs connects). */
function errorCode(error: unknown): string {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof e.code === 'string') return e.code;
    current = Array.isArray(e.errors) && e.errors.length > 0 ? e.errors[0] : e.cause;
  }
  return 'UNKNOWN';
}

async function readCapped(
  body: Dispatcher.ResponseData['body'],
  max: number,
  declared: string | undefined,
): Promise<Buffer> {
  if (declared !== undefined && Number(declared) > max) {
    body.destroy();
    throw Object.assign(new Error(`the response declares ${declared} bytes, more than the limit of ${max}`), {
      code: 'TOO_LARGE',
    });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > max) {
      body.destroy();
      throw Object.assign(new Error(`the response body exceeded the limit of ${max} bytes`), {
        code: 'TOO_LARGE',
      });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Which credentials a request carried, the wrong parts as sent only when the suite made them. */
function requestAuth(sent: Credentials | undefined, configured: Credentials | undefined): RequestAuth {
  if (sent === undefined) return { kind: 'none' };
  const part = (value: string, own: string | undefined): string | undefined =>
    value === own ? undefined : isOwnWrongCredential(value) ? value : REDACTED;
  const clientKey = part(sent.clientKey, configured?.clientKey);
  const apiToken = part(sent.apiToken, configured?.apiToken);
  if (clientKey === undefined && apiToken === undefined) return { kind: 'configured' };
  return {
    kind: 'wrong',
    ...(clientKey !== undefined ? { clientKey } : {}),
    ...(apiToken !== undefined ? { apiToken } : {}),
  };
}

/** "Basic <redacted>": the scheme stays (it is evidence), the credentials never do. */
function redactAuthorization(value: string): string {
  const scheme = value.trim().split(/\s+/)[0] ?? '';
  return scheme === '' || scheme === value.trim() ? REDACTED : `${scheme} ${REDACTED}`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  // Whatever the media type's parameters (charset=UTF-8) or a byte-order mark, JSON is JSON.
  const json = text.replace(/^\uFEFF/, '');
  if (json.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return { ok: false };
  }
}

function deadlineResult(deadlineMs: number): AttemptResult {
  return {
    error: 'timeout',
    code: 'deadline',
    message: `no attempt could start before the send's deadline of ${deadlineMs} ms`,
    sent: 'no',
  };
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
