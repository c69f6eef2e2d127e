// A value computed from the moment it was sent (a dateOfBirth a second in the future) is wrong a second later:
// replaying it means computing it again.

/** A body value that was `offsetMs` after the moment it was sent, at a JSON pointer into the body. */
export interface TimeRelativeValue {
  /** RFC 6901 pointer into the JSON body, e.g. "/dateOfBirth". */
  readonly pointer: string;
  readonly offsetMs: number;
  /** 'date-time': ISO 8601 with milliseconds and Z; 'date': the calendar date (YYYY-MM-DD, UTC). */
  readonly form: 'date-time' | 'date';
}

/** The value `value` stands for at `nowMs`. */
export function timeRelativeText(value: TimeRelativeValue, nowMs: number): string {
  const iso = new Date(nowMs + value.offsetMs).toISOString();
  return value.form === 'date' ? iso.slice(0, 10) : iso;
}

/**
 * The JSON body text with every time-relative value computed again for `nowMs`. A body that is not a JSON object,
 * or a pointer that names nothing, is left as it was (and said so in `skipped`).
 */
export function recomputeTimeRelative(
  body: string,
  values: readonly TimeRelativeValue[],
  nowMs: number,
): { readonly body: string; readonly sent: readonly string[]; readonly skipped: readonly string[] } {
  if (values.length === 0) return { body, sent: [], skipped: [] };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { body, sent: [], skipped: values.map((v) => `${v.pointer}: the body is not JSON`) };
  }
  const sent: string[] = [];
  const skipped: string[] = [];
  for (const value of values) {
    const path = value.pointer
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = path.pop();
    let parent: unknown = json;
    for (const key of path) parent = (parent as Record<string, unknown> | null)?.[key];
    if (last === undefined || parent === null || typeof parent !== 'object' || !(last in parent)) {
      skipped.push(`${value.pointer}: not in the body`);
      continue;
    }
    const text = timeRelativeText(value, nowMs);
    (parent as Record<string, unknown>)[last] = text;
    sent.push(`${value.pointer} = ${text}`);
  }
  return { body: JSON.stringify(json), sent, skipped };
}
