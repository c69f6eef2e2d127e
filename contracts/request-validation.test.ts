import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractsPath } from './paths.ts';
import {
  isJsonContentType,
  MAX_REQUEST_BODY_BYTES,
  parseRequestBody,
  validateContactRequest,
} from './request-validation.ts';

const valid = JSON.parse(
  readFileSync(contractsPath('examples', 'v2.1-create-request.json'), 'utf8'),
) as Record<string, unknown>;
const NOW = Date.parse('2026-11-23T12:00:00Z');

function rulesOf(body: unknown, version: 'v2.1' | 'v2' = 'v2.1', op = 'createOrderContact'): string[] {
  return validateContactRequest(version, op, body, NOW).map((v) => v.rule);
}

describe('validateContactRequest', () => {
  it('finds nothing wrong with the vendor example', () => {
    expect(rulesOf(valid)).toEqual([]);
  });

  it('names OC-NAMES-REQUIRED with the vendor message for a null firstName', () => {
    expect(validateContactRequest('v2.1', 'createOrderContact', { ...valid, firstName: null }, NOW)).toEqual([
      {
        rule: 'OC-NAMES-REQUIRED',
        instancePath: '/firstName',
        keyword: 'type',
        message: 'firstName: may not be null.',
      },
    ]);
  });

  it('names OC-DOB-PAST for a dateOfBirth a second from now in v2.1, and nothing in v2', () => {
    const body = { ...valid, dateOfBirth: new Date(NOW + 1000).toISOString() };
    expect(validateContactRequest('v2.1', 'createOrderContact', body, NOW).map((v) => v.message)).toEqual([
      'dateOfBirth: must be in the past.',
    ]);
    expect(rulesOf({ firstName: 'John', lastName: 'Doe', dateOfBirth: body.dateOfBirth }, 'v2')).toEqual([]);
  });

  it('gives a wrong type one violation, not an enum complaint beside it', () => {
    expect(rulesOf({ ...valid, gender: 1 })).toEqual(['OC-FIELD-TYPES']);
  });

  it('reads a body that is not an object as OC-BODY-OBJECT', () => {
    for (const body of [[], 'contact', null, 42]) expect(rulesOf(body)).toEqual(['OC-BODY-OBJECT']);
  });

  it('lets a PATCH leave names out but not null them', () => {
    expect(rulesOf({ city: 'Cork' }, 'v2.1', 'partiallyUpdateOrderContact')).toEqual([]);
    expect(rulesOf({ lastName: null }, 'v2.1', 'partiallyUpdateOrderContact')).toEqual(['OC-NAMES-REQUIRED']);
  });

  it('names identifiers by index in the message', () => {
    const body = { ...valid, identifiers: [{ id: 'x' }] };
    expect(validateContactRequest('v2.1', 'createOrderContact', body, NOW).map((v) => v.message)).toEqual([
      'identifiers[0].provider: may not be null.',
    ]);
  });

  it('treats __proto__ and constructor keys as data', () => {
    const body = JSON.parse(
      '{"firstName":"A","lastName":"B","__proto__":{"gender":"x"},"constructor":{"prototype":{}}}',
    );
    expect(rulesOf(body)).toEqual([]);
  });
});

describe('parseRequestBody', () => {
  it('parses JSON text', () => {
    expect(parseRequestBody('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('names OC-MALFORMED-JSON for a trailing comma', () => {
    const parsed = parseRequestBody('{"a":1,}');
    expect(parsed.ok ? undefined : parsed.violation.rule).toBe('OC-MALFORMED-JSON');
  });

  it('names OC-BODY-TOO-LARGE above the limit, before parsing', () => {
    const parsed = parseRequestBody('x'.repeat(MAX_REQUEST_BODY_BYTES + 1));
    expect(parsed.ok ? undefined : parsed.violation.rule).toBe('OC-BODY-TOO-LARGE');
  });
});

describe('isJsonContentType', () => {
  it.each([
    undefined,
    '',
    'application/json',
    'application/json; charset=utf-8',
    'application/merge-patch+json',
  ])('accepts %j', (value) => expect(isJsonContentType(value)).toBe(true));
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('refuses %j', (value) =>
    expect(isJsonContentType(value)).toBe(false),
  );
});
