/** Decodes a query string (without the "?") into a null-prototype record; a repeated name becomes an array. */
export function parseQueryString(queryString: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  if (queryString === '') return out;
  for (const [name, value] of new URLSearchParams(queryString)) {
    const seen = out[name];
    if (seen === undefined) out[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[name] = [seen, value];
  }
  return out;
}

/** The first value of a query parameter (a repeated one is an array). */
export function firstValue(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}
