// Builds HAR files as `occ run --record` writes them (see the HAR section of ARCHITECTURE.md), for the tests of
// occ compare: a recorded run by hand, exchange by exchange.

/** One exchange to record; everything but the request and the status has a default. */
export interface ExchangeSpec {
  readonly id: string;
  readonly operation?: string;
  readonly apiVersion?: 'v2.1' | 'v2';
  readonly stage?: 'prepare' | 'suites' | 'pacts' | 'teardown';
  readonly test?: string;
  readonly sequence?: number;
  readonly method?: string;
  /** Path and query after the base URL, e.g. "/v2.1/orders/…/contacts?limit=10". */
  readonly path: string;
  readonly body?: unknown;
  readonly auth?: string;
  readonly status: number;
  readonly responseBody?: unknown;
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly rules?: readonly string[];
  /** Attempts before the final one (each recorded as a retried entry). */
  readonly retries?: number;
  readonly startedAt?: string;
}

/** The run a recording is of. */
export interface RunSpec {
  readonly runId: string;
  readonly baseUrl: string;
  readonly seed?: number;
  readonly tier?: 'smoke' | 'full';
  readonly startedAt?: string;
}

const STARTED = '2026-12-04T10:00:00.000Z';

function entries(run: RunSpec, x: ExchangeSpec, index: number): object[] {
  const attempts = (x.retries ?? 0) + 1;
  const url = new URL(x.path, run.baseUrl);
  const text =
    x.body === undefined ? undefined : typeof x.body === 'string' ? x.body : JSON.stringify(x.body);
  const answer =
    x.responseBody === undefined
      ? ''
      : typeof x.responseBody === 'string'
        ? x.responseBody
        : JSON.stringify(x.responseBody);
  const startedDateTime =
    x.startedAt ?? new Date(Date.parse(run.startedAt ?? STARTED) + index * 10).toISOString();
  return Array.from({ length: attempts }, (_, i) => {
    const final = i === attempts - 1;
    const status = final ? x.status : 503;
    const contentType = x.contentType ?? (answer === '' ? undefined : 'application/json');
    return {
      startedDateTime,
      time: 1,
      request: {
        method: x.method ?? 'GET',
        url: url.href,
        httpVersion: 'HTTP/1.1',
        headers: [
          { name: 'authorization', value: 'Basic <redacted>' },
          ...(text === undefined ? [] : [{ name: 'content-type', value: 'application/json' }]),
        ],
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
        cookies: [],
        headersSize: -1,
        bodySize: text === undefined ? 0 : Buffer.byteLength(text),
        ...(text === undefined ? {} : { postData: { mimeType: 'application/json', text } }),
      },
      response: {
        status,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        headers: [
          ...(contentType ? [{ name: 'content-type', value: contentType }] : []),
          ...(x.contentEncoding ? [{ name: 'content-encoding', value: x.contentEncoding }] : []),
          { name: 'date', value: new Date(Date.parse(startedDateTime)).toUTCString() },
        ],
        cookies: [],
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
        content: {
          size: Buffer.byteLength(final ? answer : ''),
          mimeType: contentType ?? '',
          text: final ? answer : '',
        },
      },
      cache: {},
      timings: { send: 0, wait: 1, receive: 0 },
      _occ: {
        exchangeId: x.id,
        attempt: i + 1,
        attempts,
        final,
        ...(final ? {} : { retryReason: '503' }),
        stage: x.stage ?? 'suites',
        ...(x.apiVersion ? { apiVersion: x.apiVersion } : { apiVersion: 'v2.1' }),
        operation: x.operation ?? 'retrieveOrderContact',
        ...(x.test === undefined && (x.stage ?? 'suites') !== 'suites'
          ? {}
          : { test: x.test ?? 'a.conformance.ts > a > b' }),
        sequence: x.sequence ?? index,
        auth: x.auth ?? 'configured',
        rules: final ? [...(x.rules ?? [])] : [],
        ...(final && x.contentEncoding ? { contentEncoding: x.contentEncoding } : {}),
      },
    };
  });
}

/** A whole HAR 1.2 document of these exchanges, in this order. */
export function harOf(run: RunSpec, exchanges: readonly ExchangeSpec[]): object {
  const list = exchanges.flatMap((x, i) => entries(run, x, i));
  return {
    log: {
      version: '1.2',
      creator: { name: 'order-contact-conformance', version: '0.1.0' },
      _occ: {
        runId: run.runId,
        seed: run.seed ?? 7,
        tier: run.tier ?? 'smoke',
        baseUrl: run.baseUrl,
        startedAt: run.startedAt ?? STARTED,
        finishedAt: run.startedAt ?? STARTED,
        entries: list.length,
      },
      entries: list,
    },
  };
}

/** The JSON text of harOf. */
export const harText = (run: RunSpec, exchanges: readonly ExchangeSpec[]): string =>
  `${JSON.stringify(harOf(run, exchanges), null, 2)}\n`;
