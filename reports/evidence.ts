import type { Evidence } from '../checks/violation.ts';
import { type HttpHeaders, MAX_EVIDENCE_BODY_BYTES, type ReportEvidence } from './model.ts';
import { compareText } from './order.ts';

/** Cuts a body to `maxBytes` of UTF-8 (never inside a character) and says how much was cut. */
export function trimBody(body: string, maxBytes = MAX_EVIDENCE_BODY_BYTES): string {
  const bytes = Buffer.from(body, 'utf8');
  if (bytes.length <= maxBytes) return body;
  let cut = maxBytes;
  // A UTF-8 continuation byte is 10xxxxxx: step back to the start of the character it belongs to.
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut -= 1;
  return `${bytes.subarray(0, cut).toString('utf8')}…[trimmed ${bytes.length - cut} bytes]`;
}

function sortedHeaders(headers: Readonly<Record<string, string | undefined>>): HttpHeaders {
  const out: HttpHeaders = {};
  for (const name of Object.keys(headers).sort(compareText)) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The evidence as the report keeps it: bodies trimmed, headers in a stable order. */
export function reportEvidence(evidence: Evidence | ReportEvidence): ReportEvidence {
  const { request, response } = evidence;
  return {
    exchangeId: evidence.exchangeId,
    request: {
      method: request.method,
      url: request.url,
      headers: sortedHeaders(request.headers),
      ...(request.body !== undefined ? { body: trimBody(request.body) } : {}),
    },
    ...(response
      ? {
          response: {
            status: response.status,
            headers: sortedHeaders(response.headers),
            body: trimBody(response.body),
          },
        }
      : {}),
    ...(evidence.error !== undefined ? { error: evidence.error } : {}),
    curl: evidence.curl,
    ...(evidence.auth !== undefined ? { auth: evidence.auth } : {}),
    ...(evidence.wrongCredentials !== undefined
      ? { wrongCredentials: { ...evidence.wrongCredentials } }
      : {}),
    ...(evidence.credentialVariant !== undefined ? { credentialVariant: evidence.credentialVariant } : {}),
    ...(evidence.timeRelative !== undefined
      ? { timeRelative: evidence.timeRelative.map((v) => ({ ...v })) }
      : {}),
  };
}
