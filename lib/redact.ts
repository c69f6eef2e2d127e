/** What every secret is replaced with wherever text leaves the tool. */
export const REDACTED = '<redacted>';

/** Replaces every occurrence of each secret (and its Basic-auth base64 forms) in `text`. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of cachedForms(secrets)) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

// Every recorded request and response is redacted with the same one or two secrets: their forms are computed once.
const formsCache = new Map<string, string[]>();

function cachedForms(secrets: readonly (string | undefined)[]): string[] {
  const key = JSON.stringify(secrets);
  let forms = formsCache.get(key);
  if (forms === undefined) {
    forms = secretForms(secrets);
    if (formsCache.size > 100) formsCache.clear();
    formsCache.set(key, forms);
  }
  return forms;
}

/** The secrets and the encodings they travel in (base64 of "key:token" in an Authorization header, URL encoding). */
export function secretForms(secrets: readonly (string | undefined)[]): string[] {
  const plain = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const forms = new Set<string>(plain);
  for (const s of plain) forms.add(encodeURIComponent(s));
  if (plain.length >= 2) forms.add(Buffer.from(`${plain[0]}:${plain[1]}`).toString('base64'));
  // Longest first, so a secret that contains another is replaced whole.
  return [...forms].sort((a, b) => b.length - a.length);
}
