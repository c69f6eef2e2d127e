// Raw request rates: a fixed number of requests over keep-alive connections (undici), timed from this process.
// bench/mock.ts and bench/overhead.ts measure with this; the server under test runs in another process, so the
// figures are the server's and not this load generator's competition for the same event loop.
import { type Dispatcher, Pool } from 'undici';
import { basicAuthorization, DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY } from '../../mock/index.ts';

/** The Authorization header of the mock's default credentials. */
export const AUTH = basicAuthorization(DEFAULT_CLIENT_KEY, DEFAULT_API_TOKEN);

/** One request of a measurement. */
export interface MeasuredRequest {
  readonly method: Dispatcher.HttpMethod;
  /** Path and query, e.g. /v2.1/orders/{ref}/contacts?expand=true. */
  readonly path: string;
  /** Sent as application/json. */
  readonly body?: string;
  /** Extra headers; they win over the defaults (Authorization, Accept, Content-Type). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What one measurement found. */
export interface Result {
  /** Requests per second over the measurement's wall time. */
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Answers with an unexpected status, and requests without an answer. */
  readonly failures: number;
  /** e.g. "201×10000". */
  readonly statuses: string;
}

/** How a measurement is run. */
export interface MeasureOptions {
  /** Requests in all (shared by the connections, each keeping one in flight). */
  readonly requests: number;
  /** Keep-alive connections, i.e. requests in flight at once. */
  readonly connections: number;
  /** The statuses that are not failures; default: below 300. */
  readonly expected?: (status: number) => boolean;
}

/** The p-th quantile (0..1) of sorted values, nearest rank; 0 for none. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/** "201×9000 400×1000", ordered by status. */
export function formatStatuses(statuses: ReadonlyMap<number | string, number>): string {
  return [...statuses]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
}

/**
 * Sends `requests` requests (the i-th is `request(i)`) to `url` over `connections` keep-alive connections, each
 * connection one request at a time, and times them.
 */
export async function measure(
  url: string,
  request: (i: number) => MeasuredRequest,
  options: MeasureOptions,
): Promise<Result> {
  const { requests, connections } = options;
  const expected = options.expected ?? ((status: number) => status < 300);
  const pool = new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const latencies = new Float64Array(requests);
  const statuses = new Map<number | string, number>();
  let failures = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < requests; i = next++) {
      const spec = request(i);
      const headers: Record<string, string> = { authorization: AUTH, accept: 'application/json' };
      if (spec.body !== undefined) headers['content-type'] = 'application/json';
      Object.assign(headers, spec.headers);
      const started = performance.now();
      try {
        const response = await pool.request({
          method: spec.method,
          path: spec.path,
          headers,
          ...(spec.body === undefined ? {} : { body: spec.body }),
        });
        await response.body.dump();
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (!expected(response.statusCode)) failures += 1;
      } catch {
        statuses.set('error', (statuses.get('error') ?? 0) + 1);
        failures += 1;
      }
      latencies[i] = performance.now() - started;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = performance.now() - started;
  await pool.close();
  latencies.sort();
  return {
    rps: (requests / elapsed) * 1000,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    failures,
    statuses: formatStatuses(statuses),
  };
}

/** The median of some values (the upper one of an even count); 0 for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Several rounds of one measurement as one: medians, failures summed, statuses side by side. */
export function summarise(results: readonly Result[]): Result {
  return {
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    failures: results.reduce((sum, r) => sum + r.failures, 0),
    statuses: results.map((r) => r.statuses).join(' | '),
  };
}
