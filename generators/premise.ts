// The premise of a contact body: "documented" when the vendor's pages show or state a form for every value in
// it, so a server that refuses it contradicts the vendor; "inferred" when accepting it rests on our reading.
// A field counts only where the version's request documents it: in v2.1 the create page's "Request fields
// (application/json)" (seed 002), which list no passportExpiry, postCode, identifiers.expiryDate or guest; in
// v2 the order contact model (seed 003) and the guest link of the create example (seed 004). The value forms
// are in premise-forms.ts.
import type { ApiVersion } from '../contracts/index.ts';
import { shown } from './invalid-plan.ts';
import { isoAt } from './iso-format.ts';
import {
  arrayForm,
  countryForm,
  dateForm,
  emailForm,
  type FormCheck,
  genderForm,
  isObject,
  phoneForm,
  textForm,
  titleForm,
} from './premise-forms.ts';

/** Whether a case rests on what the vendor documents, and if not, why. */
export interface Premise {
  readonly level: 'documented' | 'inferred';
  /** One sentence naming the field, the value and why; set exactly when the level is inferred. */
  readonly because?: string;
}

/** What premiseOf may take into account beyond the body. */
export interface PremiseOptions {
  /** The reference time in epoch ms; without it, a dateOfBirth is judged by its form only. */
  readonly now?: number;
}

const DAY_MS = 86_400_000;

type Field = FormCheck | 'emails' | 'phones' | 'texts' | 'identifiers' | 'guest' | 'dateOfBirth';

const V21_FIELDS: Readonly<Record<string, Field>> = {
  firstName: textForm,
  lastName: textForm,
  emails: 'emails',
  identifiers: 'identifiers',
  street: 'texts',
  city: textForm,
  state: textForm,
  title: titleForm,
  gender: genderForm,
  dateOfBirth: 'dateOfBirth',
  phoneNumbers: 'phones',
  nationality: textForm,
  passportNumber: textForm,
  country: countryForm,
};

const V2_FIELDS: Readonly<Record<string, Field>> = {
  title: titleForm,
  firstName: textForm,
  lastName: textForm,
  gender: genderForm,
  dateOfBirth: 'dateOfBirth',
  emails: 'emails',
  nationality: textForm,
  country: countryForm,
  passportNumber: textForm,
  passportExpiry: dateForm,
  phoneNumbers: 'phones',
  identifiers: 'identifiers',
  guest: 'guest',
};

const FIELDS: Readonly<Record<ApiVersion, Readonly<Record<string, Field>>>> = {
  'v2.1': V21_FIELDS,
  v2: V2_FIELDS,
};

const IDENTIFIER_KEYS: Readonly<Record<ApiVersion, Readonly<Record<string, FormCheck>>>> = {
  'v2.1': { provider: textForm, id: textForm },
  v2: { provider: textForm, id: textForm, expiryDate: dateForm },
};

// Where the vendor mentions a field elsewhere, say where, so the reason reads as the vendor's pages do.
const UNLISTED: Readonly<Record<string, string>> = {
  'v2.1 postCode': 'the v2.1 create page lists postCode only in its response',
  'v2.1 guest': 'the v2.1 create page lists guest only in its response',
  'v2.1 passportExpiry': 'the v2.1 create page does not list it (the v2 model does)',
  'v2.1 expiryDate': 'the v2.1 create page lists only provider and id',
};

const GUEST_LINK = /\/v2\/guests\/[^/\s]+$/;

function unlisted(apiVersion: ApiVersion, path: string, key: string): string {
  const where = UNLISTED[`${apiVersion} ${key}`] ?? `the vendor documents no such field in ${apiVersion}`;
  return `${path} is not a ${apiVersion} request field: ${where}`;
}

function checked(path: string, value: unknown, check: FormCheck): string[] {
  const why = check(value);
  return why === undefined ? [] : [`${path} ${shown(value)} ${why}`];
}

function listOf(path: string, value: unknown, element: FormCheck): string[] {
  const why = arrayForm(value);
  if (why !== undefined) return [`${path} ${shown(value)} ${why}`];
  return (value as unknown[]).flatMap((item, i) => checked(`${path}[${i}]`, item, element));
}

function identifiers(apiVersion: ApiVersion, value: unknown): string[] {
  const why = arrayForm(value);
  if (why !== undefined) return [`identifiers ${shown(value)} ${why}`];
  const keys = IDENTIFIER_KEYS[apiVersion];
  return (value as unknown[]).flatMap((item, i): string[] => {
    const path = `identifiers[${i}]`;
    if (!isObject(item)) return [`${path} ${shown(item)} is not an object; the vendor documents objects`];
    const missing = ['provider', 'id']
      .filter((key) => !(key in item))
      .map((key) => `${path} has no ${key}; the vendor marks it Required`);
    const present = Object.entries(item).flatMap(([key, v]) => {
      const check = keys[key];
      return check === undefined
        ? [unlisted(apiVersion, `${path}.${key}`, key)]
        : checked(`${path}.${key}`, v, check);
    });
    return [...missing, ...present];
  });
}

function guest(value: unknown): string[] {
  if (!isObject(value) || Object.keys(value).length !== 1 || typeof value.href !== 'string') {
    return [`guest ${shown(value)} is not the { href } link the vendor shows`];
  }
  return GUEST_LINK.test(value.href)
    ? []
    : [`guest.href ${shown(value.href)} is not of the form <baseURL>/v2/guests/<guestRef> the vendor shows`];
}

// v2.1: "Validation: Date must be in the past" (seed 002). Within a day of now, being past depends on the
// server's clock and calendar day agreeing with ours. An old date such as 1900-01-01 stays documented: the vendor
// states no lower bound, only "in the past". v2 states no such rule (its example's date of birth is after its
// createdAt), so only the form counts there. Only forms are judged, not whether a linked guest exists.
function dateOfBirth(apiVersion: ApiVersion, value: unknown, now: number | undefined): string[] {
  const form = checked('dateOfBirth', value, dateForm);
  if (form.length > 0 || apiVersion !== 'v2.1' || now === undefined) return form;
  const at = Date.parse(value as string);
  if (at >= now) return [`dateOfBirth ${shown(value)} is not in the past (now is ${isoAt(now)})`];
  if (now - at < DAY_MS) {
    return [
      `dateOfBirth ${shown(value)} is less than a day before now; that it is past rests on the server's clock agreeing with ours`,
    ];
  }
  return [];
}

function field(apiVersion: ApiVersion, key: string, value: unknown, now: number | undefined): string[] {
  const kind = FIELDS[apiVersion][key];
  if (kind === undefined) return [unlisted(apiVersion, key, key)];
  switch (kind) {
    case 'emails':
      return listOf(key, value, emailForm);
    case 'phones':
      return listOf(key, value, phoneForm);
    case 'texts':
      return listOf(key, value, textForm);
    case 'identifiers':
      return identifiers(apiVersion, value);
    case 'guest':
      return guest(value);
    case 'dateOfBirth':
      return dateOfBirth(apiVersion, value, now);
    default:
      return checked(key, value, kind);
  }
}

/**
 * Every value of a contact body whose acceptance rests on our reading rather than the vendor's pages, each as
 * one sentence; empty when the body is documented throughout.
 * @example inferredValues({ firstName: 'John', lastName: 'Doe', dateOfBirth: '1985-12-24' }, 'v2.1')
 * // ['dateOfBirth "1985-12-24" is date-only; the vendor shows only date-times']
 */
export function inferredValues(
  payload: unknown,
  apiVersion: ApiVersion,
  options: PremiseOptions = {},
): string[] {
  if (!isObject(payload)) return [`the body ${shown(payload)} is not a JSON object`];
  return Object.entries(payload).flatMap(([key, value]) => field(apiVersion, key, value, options.now));
}

/**
 * The premise of any contact body (a create, PUT, PATCH or v2 update): documented when every value has a form
 * the vendor shows or states, else inferred, naming the first such value.
 * @example premiseOf({ firstName: 'John', lastName: 'Doe', country: 'IE' }, 'v2.1') // { level: 'documented' }
 */
export function premiseOf(payload: unknown, apiVersion: ApiVersion, options: PremiseOptions = {}): Premise {
  const reasons = inferredValues(payload, apiVersion, options);
  const [first] = reasons;
  if (first === undefined) return { level: 'documented' };
  const more = reasons.length - 1;
  return { level: 'inferred', because: more === 0 ? first : `${first} (and ${more} more)` };
}
