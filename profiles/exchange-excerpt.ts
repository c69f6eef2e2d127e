import type { ProfileExchange } from '../contracts/index.ts';
import type { Exchange } from '../lib/exchange.ts';
import { redactSecrets } from '../lib/redact.ts';

const MAX_BODY = 300;

function cut(text: string, secrets: readonly string[]): string {
  const redacted = redactSecrets(text, secrets);
  return redacted.length > MAX_BODY ? `${redacted.slice(0, MAX_BODY - 1)}…` : redacted;
}

/**
 * The short, redacted form of an exchange a profile keeps as evidence: method, URL, status and the first
 * characters of each body. The HTTP client already redacted the Authorization header; headers are not kept.
 */
export function exchangeExcerpt(exchange: Exchange, secrets: readonly string[]): ProfileExchange {
  const { request, response } = exchange;
  return {
    method: request.method,
    url: redactSecrets(request.url, secrets),
    ...(request.body !== undefined && request.body !== '' ? { requestBody: cut(request.body, secrets) } : {}),
    ...(response ? { status: response.status } : {}),
    ...(response && response.body !== '' ? { body: cut(response.body, secrets) } : {}),
    ...(exchange.error ? { error: cut(exchange.error.message, secrets) } : {}),
  };
}

/** One line for a message: "PATCH http://…/orderContacts/x → 201 {…}". */
export function excerptLine(excerpt: ProfileExchange): string {
  const answer =
    excerpt.status !== undefined ? String(excerpt.status) : `no answer (${excerpt.error ?? '?'})`;
  return `${excerpt.method} ${excerpt.url} → ${answer}${excerpt.body !== undefined ? ` ${excerpt.body.slice(0, 120)}` : ''}`;
}
