import type { ErrorObject } from 'ajv/dist/2020.js';
import { isoToEpochMs } from './iso-date-time.ts';
import { operation } from './operations.ts';
import { type ApiVersion, ruleNamed } from './rule-catalogue.ts';
import { validateAgainst } from './schema-registry.ts';

/** One way a request body breaks an input rule of the catalogue. */
export interface InputViolation {
  /** The catalogue rule broken, e.g. OC-GENDER-ENUM. */
  readonly rule: string;
  /** JSON pointer of the offending value in the body ('' for the body itself). */
  readonly instancePath: string;
  /** The ajv keyword, or the checker's name for what a schema cannot express. */
  readonly keyword: string;
  /** The vendor-style message, "<field>: <what is wrong>", e.g. "dateOfBirth: must be in the past". */
  readonly message: string;
}

/** The largest request body the contract accepts (the vendor documents none; see OC-BODY-TOO-LARGE). */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** The fallback rule for a type error on a field without its own mapping. */
const TYPE_RULE = 'OC-FIELD-TYPES';

function fieldName(instancePath: string, missing?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (missing) parts.push(missing);
  if (parts.length === 0) return 'body';
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'may not be null.';
    case 'type':
      return error.data === null
        ? 'may not be null.'
        : `must be ${/^[aeiou]/.test(String(error.params.type)) ? 'an' : 'a'} ${String(error.params.type)}.`;
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}.`;
    case 'format':
      return 'must be an ISO 8601 date.';
    case 'pattern':
      return 'must be an upper-case ISO 3166-1 alpha-2 code.';
    case 'minLength':
      return 'may not be empty.';
    default:
      return error.message ?? 'is invalid.';
  }
}

function hasRuleMap(error: ErrorObject): boolean {
  return (error.parentSchema as Record<string, unknown> | undefined)?.['x-rule'] !== undefined;
}

function ruleOf(error: ErrorObject): string {
  const map = ((error.parentSchema as Record<string, unknown> | undefined)?.['x-rule'] ?? {}) as Record<
    string,
    string
  >;
  if (error.keyword === 'type') return (error.data === null ? map.null : undefined) ?? map.type ?? TYPE_RULE;
  return map[error.keyword] ?? 'OC-UNMAPPED';
}

/** Maps ajv errors on a request body to catalogue rules: one violation per rule and location. */
export function inputViolationsFromErrors(errors: readonly ErrorObject[]): InputViolation[] {
  // A wrong type explains every other complaint about the same value (an enum on a number, say).
  // Of several type errors on one value (the body against the request and its field set), the one whose schema
  // names a rule speaks for the value.
  const typeErrorAt = new Map<string, ErrorObject>();
  for (const error of errors.filter((e) => e.keyword === 'type')) {
    const current = typeErrorAt.get(error.instancePath);
    if (!current || (!hasRuleMap(current) && hasRuleMap(error))) typeErrorAt.set(error.instancePath, error);
  }
  const seen = new Set<string>();
  const violations: InputViolation[] = [];
  for (const error of errors) {
    const typeError = typeErrorAt.get(error.instancePath);
    if (typeError && typeError !== error) continue;
    const missing = error.keyword === 'required' ? String(error.params.missingProperty) : undefined;
    const instancePath = missing ? `${error.instancePath}/${missing}` : error.instancePath;
    const rule = ruleOf(error);
    const key = `${rule} ${instancePath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push({
      rule,
      instancePath,
      keyword: error.keyword,
      message: `${fieldName(instancePath)}: ${describe(error)}`,
    });
  }
  return violations;
}

function appliesTo(ruleId: string, version: ApiVersion, operationId: string): boolean {
  if (ruleId === 'OC-UNMAPPED') return true;
  const rule = ruleNamed(ruleId);
  return rule.levels[version] !== undefined && rule.operations.includes(operationId);
}

/** Checks what the schemas cannot say: a dateOfBirth in the past (v2.1, OC-DOB-PAST). */
export function dateOfBirthInPast(body: unknown, now: number): InputViolation[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  const dob = (body as { dateOfBirth?: unknown }).dateOfBirth;
  if (typeof dob !== 'string') return [];
  const at = isoToEpochMs(dob);
  if (Number.isNaN(at) || at < now) return [];
  return [
    {
      rule: 'OC-DOB-PAST',
      instancePath: '/dateOfBirth',
      keyword: 'past',
      message: 'dateOfBirth: must be in the past.',
    },
  ];
}

/**
 * Validates a parsed request body for an operation against the contract: its schema, then the rule checkers.
 * Only violations of rules that apply to this version and operation are returned.
 */
export function validateContactRequest(
  version: ApiVersion,
  operationId: string,
  body: unknown,
  now: number = Date.now(),
): InputViolation[] {
  const schema = operation(version, operationId).requestSchema;
  if (!schema) return [];
  const violations = [
    ...inputViolationsFromErrors(validateAgainst(schema, body)),
    ...dateOfBirthInPast(body, now),
  ];
  return violations.filter((v) => appliesTo(v.rule, version, operationId));
}

/** The outcome of reading a raw request body: the parsed value, or the violation that stops it. */
export type ParsedBody =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly violation: InputViolation };

/** Parses a raw JSON request body, enforcing the size limit (OC-BODY-TOO-LARGE) and JSON syntax (OC-MALFORMED-JSON). */
export function parseRequestBody(raw: string | Uint8Array): ParsedBody {
  const bytes = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength;
  if (bytes > MAX_REQUEST_BODY_BYTES) {
    return {
      ok: false,
      violation: {
        rule: 'OC-BODY-TOO-LARGE',
        instancePath: '',
        keyword: 'size',
        message: `body: must be at most ${MAX_REQUEST_BODY_BYTES} bytes.`,
      },
    };
  }
  const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      violation: {
        rule: 'OC-MALFORMED-JSON',
        instancePath: '',
        keyword: 'json',
        message: `body: is not valid JSON (${reason}).`,
      },
    };
  }
}

/** True when a Content-Type header names JSON; a missing header counts as JSON (the vendor's curl examples send none). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === '') return true;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
}
