import type { AttemptRecord, Exchange, RequestAuth } from '../exchange.ts';
import type { HarEntry, HarEntryOcc, HarNameValue, HarRequest, HarResponse, HarStage } from './har-format.ts';

/** Where a send was made: the stage, and the test and the send's place among its sends. */
export interface SendPlace {
  readonly stage: HarStage;
  readonly test?: string;
  readonly sequence: number;
}

/**
 * The HAR entries of one send, one per attempt, from what the client recorded (already redacted). Rules are left
 * empty: the assembly attaches them to the final attempt from the annotations the suites wrote.
 */
export function harEntries(
  exchange: Exchange,
  attempts: readonly AttemptRecord[],
  place: SendPlace,
): HarEntry[] {
  const request = harRequest(exchange);
  const auth = authOf(exchange.request.auth);
  return attempts.map((attempt, index) => {
    const final = index === attempts.length - 1;
    const time = round(attempt.durationMs);
    const occ: HarEntryOcc = {
      exchangeId: exchange.id,
      attempt: index + 1,
      attempts: attempts.length,
      final,
      ...(!final && attempt.retryReason !== undefined ? { retryReason: attempt.retryReason } : {}),
      stage: place.stage,
      ...(exchange.apiVersion !== undefined ? { apiVersion: exchange.apiVersion } : {}),
      operation: exchange.operation,
      ...(place.test !== undefined ? { test: place.test } : {}),
      sequence: place.sequence,
      ...(auth !== undefined ? { auth } : {}),
      rules: [],
      ...(attempt.error ? { error: { kind: attempt.error.kind, message: attempt.error.message } } : {}),
      ...(attempt.contentEncoding ? { contentEncoding: attempt.contentEncoding.codings } : {}),
    };
    return {
      startedDateTime: attempt.startedAt,
      time,
      request,
      response: harResponse(attempt),
      cache: {},
      // One figure: the client times the whole attempt, not its phases.
      timings: { send: 0, wait: time, receive: 0 },
      _occ: occ,
    };
  });
}

function harRequest(exchange: Exchange): HarRequest {
  const { request } = exchange;
  const headers = pairs(request.headers);
  const body = request.body;
  return {
    method: request.method,
    url: request.url,
    httpVersion: 'HTTP/1.1',
    headers,
    queryString: queryOf(request.url),
    cookies: [],
    headersSize: -1,
    bodySize: body === undefined ? 0 : Buffer.byteLength(body),
    ...(body !== undefined
      ? { postData: { mimeType: request.headers['content-type'] ?? '', text: body } }
      : {}),
  };
}

function harResponse(attempt: AttemptRecord): HarResponse {
  const response = attempt.response;
  return {
    status: response?.status ?? 0,
    statusText: '',
    httpVersion: 'HTTP/1.1',
    headers: response ? pairs(response.headers) : [],
    cookies: [],
    redirectURL: response?.headers.location ?? '',
    headersSize: -1,
    bodySize: -1,
    content: response
      ? {
          size: Buffer.byteLength(response.body),
          mimeType: response.headers['content-type'] ?? '',
          text: response.body,
        }
      : { size: 0, mimeType: '' },
  };
}

function pairs(record: Readonly<Record<string, string>>): HarNameValue[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}

function queryOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function authOf(auth: RequestAuth | undefined): HarEntryOcc['auth'] {
  if (auth === undefined) return undefined;
  return auth.kind === 'variant' ? `variant:${auth.variant}` : auth.kind;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
