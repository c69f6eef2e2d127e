import { TargetUnreachableError, type UnreachableCause } from '../lib/errors.ts';
import type { Exchange } from '../lib/exchange.ts';
import { redactSecrets } from '../lib/redact.ts';
import { SETTINGS, type SettingKey } from '../lib/settings.ts';

/** The most of a refusing body a message quotes: enough to read the target's reason, short enough for one line. */
export const QUOTED_BODY_CHARS = 200;

/** What a set-up failure's words and hint need beyond the exchange. */
export interface SetupFailureContext {
  readonly baseUrl: string;
  /** What the request was for: "creating the run's order", "listing the contacts of order 1f…". */
  readonly step: string;
  /** The request created the run's order: only then is an existing order (--order-ref) a way round it. */
  readonly creatingOrder: boolean;
  /** The settings the command offers as flags: a hint names only those flags (and every setting's variable). */
  readonly flags: readonly SettingKey[];
  readonly timeoutMs: number;
  readonly secrets: readonly (string | undefined)[];
}

/** "--client-key / CDP_CLIENT_KEY" when the command has the flag, else the variable alone. */
function setting(key: SettingKey, flags: readonly SettingKey[]): string {
  const { flag, env } = SETTINGS[key];
  if (!flags.includes(key)) return env ?? flag;
  return env === undefined ? flag : `${flag} / ${env}`;
}

/** The transport error's code ("ECONNREFUSED: connect …" → ECONNREFUSED), as lib/http-client writes it. */
function errorCode(exchange: Exchange): string {
  return /^([A-Z][A-Z0-9_]+):/.exec(exchange.error?.message ?? '')?.[1] ?? '';
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|EPROTO$|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;
/** The TLS errors of a chain this machine does not trust (as opposed to an expired or misnamed certificate). */
const UNTRUSTED_ISSUER =
  /^(UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/;

/** Which kind of failure an exchange of the set-up is, from its transport error or its status. */
export function unreachableCauseOf(exchange: Exchange): UnreachableCause {
  const status = exchange.response?.status;
  if (status === undefined) {
    const code = errorCode(exchange);
    if (exchange.error?.kind === 'timeout') return 'timeout';
    if (DNS_CODES.has(code)) return 'dns';
    if (REFUSED_CODES.has(code)) return 'connect-refused';
    if (TLS_CODE.test(code)) return 'tls';
    return 'server-error';
  }
  if (status === 401 || status === 403) return 'credentials';
  // 429 once retries are spent is a target too busy to answer, like a 5xx: nothing about the request was wrong.
  if (status >= 500 || status === 429) return 'server-error';
  if (status === 404 || status === 405 || (status >= 300 && status < 400)) return 'base-url';
  if (status >= 400) return 'setup-refused';
  if (exchange.json !== undefined) return 'setup-refused';
  // A web page where the API should answer is a base URL that names a site, not the API; other non-JSON is broken.
  return /html/i.test(exchange.response?.headers['content-type'] ?? '') ? 'base-url' : 'server-error';
}

/** The body as one line of at most QUOTED_BODY_CHARS, credentials redacted. */
export function quotedBody(body: string, secrets: readonly (string | undefined)[]): string {
  const line = redactSecrets(body, secrets).replace(/\s+/g, ' ').trim();
  const cut = line.length > QUOTED_BODY_CHARS ? `${line.slice(0, QUOTED_BODY_CHARS - 1)}…` : line;
  return JSON.stringify(cut);
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/** Plain HTTP to this machine needs no --allow-insecure, so its hint does not name the flag. */
function isLoopback(baseUrl: string): boolean {
  return /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i.test(new URL(baseUrl).hostname);
}

/** "after 4 attempts", or '' when the first attempt was the only one. */
function attemptsOf(exchange: Exchange): string {
  return exchange.attempts > 1 ? `after ${exchange.attempts} attempts` : '';
}

/** What the target answered, for the message: "status 400 (application/json): {\"message\":…}". */
function answerOf(exchange: Exchange, context: SetupFailureContext): string {
  const response = exchange.response;
  if (response === undefined) return `${exchange.error?.message ?? 'no response'}`;
  const location = response.headers.location;
  const to = location === undefined ? '' : ` to ${redactSecrets(location, context.secrets)}`;
  const type = response.headers['content-type'] ?? 'no content type';
  const body = response.body === '' ? 'an empty body' : quotedBody(response.body, context.secrets);
  const but =
    response.status >= 300
      ? ''
      : exchange.json === undefined
        ? ', but the body is not JSON'
        : ', but the body has no ref';
  return `status ${response.status}${to}${but} (${type}): ${body}`;
}

/** The sentence that says what went wrong, and the fix that fits it with this command's flags. */
function words(
  cause: UnreachableCause,
  exchange: Exchange,
  c: SetupFailureContext,
): { what: string; fix: string } {
  const host = hostOf(c.baseUrl);
  const base = setting('baseUrl', c.flags);
  const tries = attemptsOf(exchange);
  const orderRef =
    c.creatingOrder && c.flags.includes('orderRef')
      ? ' To test without creating an order, pass --order-ref with an existing order.'
      : '';
  const retries = c.flags.includes('retries') ? ` or raise ${setting('retries', c.flags)}` : '';
  switch (cause) {
    case 'connect-refused':
      return {
        what: `Cannot connect to ${c.baseUrl}: the connection was refused, nothing answers at ${host} (${errorCode(exchange)}${tries === '' ? '' : `, ${tries}`})`,
        fix: `Check that the server is running and that ${base} names its host and port.`,
      };
    case 'dns':
      return {
        what: `Cannot connect to ${c.baseUrl}: the host name ${new URL(c.baseUrl).hostname} does not resolve (DNS, ${errorCode(exchange)}${tries === '' ? '' : `, ${tries}`})`,
        fix: `Check the host in ${base} for a typo, and this machine's DNS.`,
      };
    case 'tls':
      return {
        what: `Cannot connect to ${c.baseUrl}: the TLS handshake with ${host} failed (${errorCode(exchange)})`,
        fix: UNTRUSTED_ISSUER.test(errorCode(exchange))
          ? // A corporate proxy that inspects TLS, or a private CA: Node trusts only its own CA list unless told.
            `The certificate's issuer is not one this machine's Node trusts (a TLS-inspecting corporate proxy or a private CA signs it?): give that CA's certificate (PEM) in NODE_EXTRA_CA_CERTS=/path/to/ca.pem; never turn verification off.`
          : c.baseUrl.startsWith('https:')
            ? `If the server speaks plain HTTP, write http:// in ${base}${c.flags.includes('allowInsecure') && !isLoopback(c.baseUrl) ? ' and pass --allow-insecure' : ''}; otherwise check its certificate.`
            : `Check the server's certificate and ${base}.`,
      };
    case 'timeout':
      return {
        what: `Cannot connect to ${c.baseUrl}: no answer within ${c.timeoutMs} ms to ${c.step} (timeout${tries === '' ? '' : `, ${tries}`})`,
        fix: `Check the network and that ${host} is up, or raise ${setting('timeoutMs', c.flags)}.`,
      };
    case 'credentials':
      return exchange.response?.status === 403
        ? {
            what: `Credentials refused by ${c.baseUrl}: status 403 to ${c.step}, the API key may not do this`,
            fix: `Check that ${setting('clientKey', c.flags)} and ${setting('apiToken', c.flags)} are an API key of this tenant with access to orders (Settings > API access).`,
          }
        : {
            what: `Credentials refused by ${c.baseUrl}: status ${exchange.response?.status} to ${c.step}`,
            fix: `Check ${setting('clientKey', c.flags)} and ${setting('apiToken', c.flags)} (Settings > API access).`,
          };
    case 'base-url':
      return {
        what: `Base URL wrong: ${c.baseUrl} answered ${answerOf(exchange, c)}, to ${c.step}; the Order contact API would not`,
        fix: `${base} must be the API's root, such as https://api-engage-eu.sitecorecloud.io, with no /v2.1 or /v2: occ adds the version and the path.`,
      };
    case 'setup-refused':
      return {
        what: `Set-up refused: ${c.baseUrl} answered ${answerOf(exchange, c)}, to ${c.step}`,
        fix:
          (exchange.response?.status ?? 0) < 300
            ? `The API answers a created order with its ref.${orderRef}`
            : `Fix what its answer names.${orderRef}`,
      };
    case 'server-error':
      return {
        what: `Server error at ${c.baseUrl}: ${answerOf(exchange, c)}, to ${c.step}${tries === '' ? '' : ` (${tries})`}`,
        fix: `The target is failing or overloaded: try again later${retries}.${orderRef}`,
      };
  }
}

/** The error a failed set-up request ends the run with: the cause's kind and words, and the hint that fits. */
export function setupFailure(exchange: Exchange, context: SetupFailureContext): TargetUnreachableError {
  const cause = unreachableCauseOf(exchange);
  const { what, fix } = words(cause, exchange, context);
  return new TargetUnreachableError(`${what}. ${fix}`, cause);
}

/**
 * A base URL that ends in a version segment (/v2.1, /v2) would be sent /v2.1/v2.1/orders: refused before any
 * request, with the fix.
 */
export function versionSegmentFailure(
  baseUrl: string,
  flags: readonly SettingKey[],
): TargetUnreachableError | undefined {
  const segment = /\/(v2(?:\.1)?)\/*$/i.exec(new URL(baseUrl).pathname)?.[1];
  if (segment === undefined) return undefined;
  const root = baseUrl.replace(/\/v2(?:\.1)?\/*$/i, '');
  return new TargetUnreachableError(
    `Base URL wrong: ${setting('baseUrl', flags)} "${baseUrl}" ends in /${segment}; nothing was sent. Leave out /${segment}: occ adds the version (use ${root}).`,
    'base-url',
  );
}
