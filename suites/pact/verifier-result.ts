// Reading the native Verifier's JSON result into mismatch texts.

/** Texts in which the Verifier says it could not reach the provider at all, rather than that an answer was wrong. */
const TRANSPORT_TEXT =
  /error sending request|request to provider (?:endpoint )?failed|timed? ?out|connection (?:reset|refused|closed)|broken pipe|ECONNRESET|ECONNREFUSED|IncompleteMessage|hyper::Error/i;

/** The mismatch texts per interaction description from the Verifier's JSON result (pact_ffi's verifier JSON). */
export function mismatchesByInteraction(resultJson: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let result: { errors?: Array<{ interaction?: string; mismatch?: unknown }> };
  try {
    result = JSON.parse(resultJson) as typeof result;
  } catch {
    return out;
  }
  for (const error of result.errors ?? []) {
    const description = error.interaction ?? '(unknown interaction)';
    const texts = describeMismatch(error.mismatch);
    out.set(description, [...(out.get(description) ?? []), ...texts]);
  }
  return out;
}

/** Every mismatch text of a Verifier run (of one interaction), or its whole output when it was not JSON. */
export function allMismatches(resultJson: string): string[] {
  const mismatches = mismatchesByInteraction(resultJson);
  if (mismatches.size > 0) return [...mismatches.values()].flat();
  return resultJson.trim().startsWith('{') ? [] : [resultJson];
}

/** True when every text says the provider could not be reached: such an interaction proves nothing either way. */
export function onlyTransportFailures(texts: readonly string[]): boolean {
  return texts.length > 0 && texts.every((text) => TRANSPORT_TEXT.test(text));
}

function describeMismatch(mismatch: unknown): string[] {
  if (mismatch === null || typeof mismatch !== 'object') return [String(mismatch)];
  const m = mismatch as { type?: string; mismatches?: unknown[]; message?: string; error?: string };
  if (Array.isArray(m.mismatches)) {
    return m.mismatches.map((item) => {
      const i = item as {
        type?: string;
        mismatch?: string;
        path?: string;
        expected?: unknown;
        actual?: unknown;
      };
      const where = i.path ? ` at ${i.path}` : '';
      return `${i.type ?? 'mismatch'}${where}: ${i.mismatch ?? `expected ${JSON.stringify(i.expected)} but got ${JSON.stringify(i.actual)}`}`;
    });
  }
  return [m.message ?? m.error ?? JSON.stringify(mismatch)];
}
