// Formats instants the ways the vendor's ISO 8601 dates appear ("1991-01-01T16:17:16Z", "1985-12-24T00:00Z",
// "2025-10-28T00:00:00.000Z"), so the generators can cover each form.

const MINUTE_MS = 60_000;

/** Options for isoAt: milliseconds or not, seconds or not, and the zone offset the instant is written in. */
export interface IsoFormat {
  /** Keep the milliseconds (default true). */
  readonly millis?: boolean;
  /** Keep the seconds (default true; false also drops the milliseconds). */
  readonly seconds?: boolean;
  /** Write the same instant in this offset from UTC, in minutes (default 0, written as Z). */
  readonly offsetMinutes?: number;
}

function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/** The instant `ms` as an ISO 8601 date-time, e.g. isoAt(0, { offsetMinutes: 330 }) is 1970-01-01T05:30:00.000+05:30. */
export function isoAt(ms: number, format: IsoFormat = {}): string {
  const offset = format.offsetMinutes ?? 0;
  const local = new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 23);
  const seconds = format.seconds ?? true;
  const text = !seconds ? local.slice(0, 16) : (format.millis ?? true) ? local : local.slice(0, 19);
  return text + offsetText(offset);
}

/** The UTC calendar date of `ms`, e.g. 1991-01-01. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of the day of `ms`, in the form the vendor's responses use: 1991-01-01T00:00:00.000Z. */
export function isoMidnight(ms: number): string {
  return `${isoDate(ms)}T00:00:00.000Z`;
}
