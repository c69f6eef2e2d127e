// The value forms the vendor's pages show or state, one check each. A check returns why a value falls outside
// the documented forms (a short clause after the value, e.g. 'is date-only; the vendor shows only date-times'),
// or undefined when the vendor shows or states its form. Rules of thumb, in the vendor's words:
// - dates: "ISO 8601 Date UTC" (seed 003), shown as "1991-01-01T16:17:16Z" (seed 002), "1985-12-24T00:00Z"
//   (seed 003) and "2025-10-28T00:00:00.000Z" (seed 004): a date-time ending in Z, with or without seconds,
//   with or without milliseconds. A date-only or offset date is our reading of "ISO 8601".
// - title: the 26 'Example values: "Br", "Brigadier", ... "Sr"' (seed 002); others are our reading.
// - gender: 'Enum: "male", "female", "unknown"' (seed 002).
// - country: "2 letter ISO 3166-1 Alpha-2 country code (uppercase)" (seed 003): an officially assigned code.
// - arrays: 1 or 2 elements, the sizes the examples show (["john.doe@gmail.com"], ["Tara St.","Main Ave."],
//   ["+353161123345","+353161123346"]); an empty array or a longer one is our reading.
// - emails in the form of "john.doe@gmail.com" (plain ASCII addresses); phone numbers in the form of
//   "+353161123345" (a plus and digits, E.164).
// - other strings: any non-empty text. JSON strings carry any Unicode and the vendor restricts no script, so
//   names in other scripts count as documented; but characters outside the Basic Multilingual Plane (𠮷) are
//   inferred: they take 4 bytes in UTF-8, a store limited to 3-byte UTF-8 (MySQL's utf8) refuses them, and
//   the vendor's examples never show one. Control characters are inferred likewise.
import { ALPHA2_CODES } from './country-codes.ts';
import { GENDERS, LISTED_TITLES } from './vocabulary.ts';

/** Why a value is outside the documented forms, or undefined when it is inside them. */
export type FormCheck = (value: unknown) => string | undefined;

const VENDOR_DATE_SHOWN = '1991-01-01T16:17:16Z, 1985-12-24T00:00Z, 2025-10-28T00:00:00.000Z';
const VENDOR_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{3})?)?Z$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WITH_OFFSET = /T[\d:.]+[+-]\d{2}(?::?\d{2})?$/;
const EMAIL_FORM = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const PHONE_FORM = /^\+[1-9]\d{6,14}$/;
const TITLES: ReadonlySet<string> = new Set(LISTED_TITLES);
const COUNTRIES: ReadonlySet<string> = new Set(ALPHA2_CODES);
const GENDER_SET: ReadonlySet<string> = new Set(GENDERS);

/** The largest array any vendor example shows. */
export const MAX_SHOWN_ARRAY = 2;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The clause for a value of the wrong JSON type, or undefined when it is a string. */
function notString(value: unknown): string | undefined {
  if (typeof value === 'string') return undefined;
  return value === null
    ? 'is null; the vendor shows no null values'
    : `is ${typeName(value)}; the vendor documents a string`;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

/** A date in one of the forms the vendor shows: an ISO 8601 date-time in UTC, ending in Z. */
export const dateForm: FormCheck = (value) => {
  const wrongType = notString(value);
  if (wrongType !== undefined) return wrongType;
  const text = value as string;
  const match = VENDOR_DATE_TIME.exec(text);
  if (match) {
    return isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))
      ? undefined
      : 'is not a calendar date';
  }
  if (DATE_ONLY.test(text)) return 'is date-only; the vendor shows only date-times';
  if (WITH_OFFSET.test(text)) return 'has a zone offset; the vendor shows only UTC date-times ending in Z';
  return `is not in a form the vendor shows (${VENDOR_DATE_SHOWN})`;
};

/** Non-empty text without control characters, inside the Basic Multilingual Plane. */
export const textForm: FormCheck = (value) => {
  const wrongType = notString(value);
  if (wrongType !== undefined) return wrongType;
  const text = value as string;
  if (text.trim() === '') return 'is blank; the vendor shows only non-empty text';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(text)) return 'holds a control character; the vendor shows none';
  if (/[\u{10000}-\u{10ffff}]/u.test(text)) {
    return 'holds a character outside the Basic Multilingual Plane; the vendor shows none, and 3-byte UTF-8 stores refuse them';
  }
  return undefined;
};

export const titleForm: FormCheck = (value) =>
  notString(value) ??
  (TITLES.has(value as string) ? undefined : 'is not one of the 26 titles the vendor lists');

export const genderForm: FormCheck = (value) =>
  notString(value) ??
  (GENDER_SET.has(value as string) ? undefined : 'is not one of the enum male, female, unknown');

export const countryForm: FormCheck = (value) =>
  notString(value) ??
  (COUNTRIES.has(value as string)
    ? undefined
    : 'is not an officially assigned upper-case ISO 3166-1 alpha-2 code');

export const emailForm: FormCheck = (value) =>
  notString(value) ??
  (EMAIL_FORM.test(value as string)
    ? undefined
    : 'is not an address in the form the vendor shows (john.doe@gmail.com)');

export const phoneForm: FormCheck = (value) =>
  notString(value) ??
  (PHONE_FORM.test(value as string)
    ? undefined
    : 'is not a number in the form the vendor shows (+353161123345)');

/** An array of 1 or 2 elements; the elements are checked by the caller. */
export function arrayForm(value: unknown): string | undefined {
  if (!Array.isArray(value)) {
    return value === null
      ? 'is null; the vendor shows no null values'
      : `is ${typeName(value)}; the vendor documents an array`;
  }
  if (value.length === 0) return `is empty; the vendor's examples show 1 to ${MAX_SHOWN_ARRAY} elements`;
  if (value.length > MAX_SHOWN_ARRAY) {
    return `has ${value.length} elements; the vendor's examples show 1 to ${MAX_SHOWN_ARRAY}`;
  }
  return undefined;
}

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
