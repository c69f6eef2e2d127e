import { credentialVariant, isCredentialVariantName } from './credential-variants.ts';
import type { RequestRecord } from './exchange.ts';
import { REDACTED } from './redact.ts';

/** Bodies longer than this are cut in the command, with a note above it. */
export const MAX_CURL_BODY_CHARS = 8192;

/** Headers curl sets itself, or that describe the connection rather than the request. */
const SKIPPED_HEADERS = new Set(['content-length', 'host', 'connection', 'transfer-encoding']);

/** Options of toCurl. */
export interface CurlOptions {
  /**
   * For a record without `auth` (made before it was kept): the request carried the run's credentials, so the
   * command sends them from the environment.
   */
  readonly hadAuth?: boolean;
}

/**
 * A POSIX-shell command that repeats a recorded request. Configured credentials never appear: the command reads
 * them from $CDP_CLIENT_KEY and $CDP_API_TOKEN; a wrong part the suite made is written as sent, so the command is
 * refused for the same reason the run's request was. Every other word is single-quoted, so a body
 * holding quotes, `$` or backticks reaches the server byte for byte.
 *
 * @example toCurl(exchange.request, { hadAuth: true }) // curl -sS -g -X POST 'https://…' -u "$CDP_CLIENT_KEY:$CDP_API_TOKEN" …
 */
export function toCurl(request: RequestRecord, options: CurlOptions = {}): string {
  const method = request.method.toUpperCase();
  const first = ['curl', '-sS', '-g'];
  if (method === 'HEAD') first.push('-I');
  else if (method !== 'GET' || request.body !== undefined) first.push('-X', shellQuote(method));
  first.push(shellQuote(request.url));
  const lines = [first.join(' ')];
  const authorization = request.headers.authorization;
  const auth = request.auth;
  if (auth?.kind === 'variant') {
    const fragment = isCredentialVariantName(auth.variant) ? credentialVariant(auth.variant).curl : '';
    if (fragment !== '') lines.push(fragment);
  } else if (auth?.kind === 'wrong') {
    lines.push(
      `-u "${auth.clientKey === undefined ? '$CDP_CLIENT_KEY' : doubleQuoted(auth.clientKey)}:${auth.apiToken === undefined ? '$CDP_API_TOKEN' : doubleQuoted(auth.apiToken)}"`,
    );
  } else if (auth?.kind === 'none') {
    if (authorization !== undefined && authorization !== `Basic ${REDACTED}`)
      lines.push(`-H ${shellQuote(`Authorization: ${authorization}`)}`);
  } else if (
    (auth?.kind === 'configured' || options.hadAuth === true) &&
    (authorization === undefined || authorization === `Basic ${REDACTED}`)
  ) {
    lines.push('-u "$CDP_CLIENT_KEY:$CDP_API_TOKEN"');
  } else if (authorization !== undefined) {
    lines.push(`-H ${shellQuote(`Authorization: ${authorization}`)}`);
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'authorization' || SKIPPED_HEADERS.has(name)) continue;
    lines.push(`-H ${shellQuote(`${headerName(name)}: ${value}`)}`);
  }
  const notes: string[] = [];
  if (request.body !== undefined) {
    // curl adds "Content-Type: application/x-www-form-urlencoded" to --data-raw unless told otherwise.
    if (request.headers['content-type'] === undefined) lines.push(`-H ${shellQuote('Content-Type:')}`);
    let body = request.body;
    if (body.includes('\0')) {
      notes.push('# the body holds NUL bytes, which no shell word can carry: they are left out below');
      body = body.split('\0').join('');
    }
    if (body.length > MAX_CURL_BODY_CHARS) {
      notes.push(
        `# body cut to its first ${MAX_CURL_BODY_CHARS} of ${body.length} characters: this command sends less than the run did`,
      );
      body = body.slice(0, MAX_CURL_BODY_CHARS);
    }
    lines.push(`--data-raw ${shellQuote(body)}`);
  }
  return [...notes, lines.join(' \\\n  ')].join('\n');
}

/** Single-quotes a word for a POSIX shell when it needs it: ' becomes '\'' and nothing else is special inside. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.split("'").join("'\\''")}'`;
}

/** The text of a word inside double quotes, where $, `, \\ and " are special. */
function doubleQuoted(text: string): string {
  return text.replace(/[$`"\\]/g, (c) => `\\${c}`);
}

function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => `${dash}${c.toUpperCase()}`);
}
