import { createHash, timingSafeEqual } from 'node:crypto';

/** What an Authorization header amounts to. */
export type CredentialVerdict = 'ok' | 'missing' | 'wrong-key' | 'wrong-token';

const BASIC = /^basic[ \t]+([A-Za-z0-9+/=_-]+)[ \t]*$/i;
/** Headers up to this many bytes are first compared whole against the canonical one (the common, fast case). */
const SLOT_BYTES = 512;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * A checker of HTTP Basic credentials against one client key and API token. It compares SHA-256 digests with
 * timingSafeEqual, so neither the time taken nor the lengths compared depend on how close a guess is.
 */
export function createCredentialChecker(
  clientKey: string,
  apiToken: string,
): (authorization: string | undefined) => CredentialVerdict {
  const wantKey = digest(clientKey);
  const wantToken = digest(apiToken);
  // Fast path: the header exactly as basicAuthorization() writes it, compared in a fixed-size slot so neither the
  // content nor the length of a guess changes how long the comparison takes. Anything else takes the slow path.
  const canonical = Buffer.alloc(SLOT_BYTES);
  const canonicalLength = Buffer.byteLength(basicAuthorization(clientKey, apiToken));
  const fastPath = canonicalLength <= SLOT_BYTES;
  if (fastPath) canonical.write(basicAuthorization(clientKey, apiToken));
  const slot = Buffer.alloc(SLOT_BYTES);
  return (authorization) => {
    if (authorization === undefined || authorization === '') return 'missing';
    if (fastPath && authorization.length <= SLOT_BYTES) {
      slot.fill(0);
      const written = slot.write(authorization, 'latin1');
      const same = timingSafeEqual(slot, canonical);
      if (same && written === canonicalLength) return 'ok';
    }
    const basic = decodeBasic(authorization);
    if (!basic) return 'missing';
    const { user, password } = basic;
    // Both comparisons always run, so a right key with a wrong token takes as long as anything else.
    const keyOk = timingSafeEqual(digest(user), wantKey);
    const tokenOk = timingSafeEqual(digest(password), wantToken);
    if (!keyOk) return 'wrong-key';
    return tokenOk ? 'ok' : 'wrong-token';
  };
}

/** The user and password of a Basic Authorization header, or undefined for anything else. */
export function decodeBasic(
  authorization: string | undefined,
): { readonly user: string; readonly password: string } | undefined {
  const match = BASIC.exec(authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0
    ? { user: decoded, password: '' }
    : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The Authorization header value for these credentials (tests and the benchmark send it). */
export function basicAuthorization(clientKey: string, apiToken: string): string {
  return `Basic ${Buffer.from(`${clientKey}:${apiToken}`, 'utf8').toString('base64')}`;
}
