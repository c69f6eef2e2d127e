// ISO 8601 as the vendor uses it: a calendar date, optionally with a time (minutes required, seconds and a
// fraction optional) that must then carry a zone. RFC 3339 (ajv's date-time) would reject the vendor's own
// example "1985-12-24T00:00Z" (seed 003), so the contract needs this wider format.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):?(\d{2})))?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True when `value` is an ISO 8601 date, or date-time with a zone, that names a real instant. */
export function isIsoDateTime(value: string): boolean {
  const match = ISO_8601.exec(value);
  if (!match) return false;
  const [, y, mo, d, h, mi, s, , , offH, offM] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const maxDay = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > maxDay) return false;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return false;
  if (offH !== undefined && (Number(offH) > 23 || Number(offM) > 59)) return false;
  return true;
}

/** Milliseconds since the epoch of an ISO 8601 value (a bare date is midnight UTC), or NaN. */
export function isoToEpochMs(value: string): number {
  if (!isIsoDateTime(value)) return Number.NaN;
  const normalised = /T/.test(value) ? value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : `${value}T00:00:00Z`;
  return Date.parse(normalised);
}
