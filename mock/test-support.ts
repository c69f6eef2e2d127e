// Helpers for the mock's own tests: a fixed clock, predictable refs, and one-line requests to the handler.
import { expect } from 'vitest';
import { type ApiVersion, type SchemaFile, validateAgainst } from '../contracts/index.ts';
import { basicAuthorization } from './credentials.ts';
import { createMockHandler } from './handler.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY, type MockOptions } from './options.ts';
import type { MockHandler, MockResponse } from './types.ts';

/** The Authorization header of the default credentials. */
export const AUTH = basicAuthorization(DEFAULT_CLIENT_KEY, DEFAULT_API_TOKEN);

/** The fixed start of the test clock: 2026-01-02T03:04:05.678Z. */
export const T0 = Date.parse('2026-01-02T03:04:05.678Z');

/** A clock that stays where it is put (advance it by hand). */
export interface TestClock {
  (): number;
  advance(ms: number): void;
}

/** A clock at T0 that moves only when told to. */
export function testClock(start = T0): TestClock {
  let at = start;
  const clock = (() => at) as TestClock;
  clock.advance = (ms) => {
    at += ms;
  };
  return clock;
}

/** UUIDs 00000000-0000-4000-8000-000000000001, ...02, ... (upper-case ones when asked, to test lower-casing). */
export function uuidSequence(upper = false): () => string {
  let n = 0;
  return () => {
    n += 1;
    const id = `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
    return upper ? id.toUpperCase() : id;
  };
}

/** A handler with the test clock and refs unless the options say otherwise. */
export function testHandler(options: MockOptions = {}): MockHandler {
  return createMockHandler({ now: testClock(), randomUUID: uuidSequence(), ...options });
}

/** What a test reads of an answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string | undefined;
  /** The parsed body (undefined without one). */
  readonly json: unknown;
  /** The parsed body as a record, for reading fields. */
  readonly body: Record<string, unknown>;
}

/** Options of one request. */
export interface Send {
  readonly body?: unknown;
  /** Sent as-is, instead of JSON.stringify(body). */
  readonly raw?: string | Uint8Array;
  readonly query?: Record<string, string | readonly string[]>;
  readonly headers?: Record<string, string | undefined>;
  /** false: no Authorization header. */
  readonly auth?: string | false;
  readonly host?: string;
}

function parse(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The answer as a test reads it. */
export function answerOf(response: MockResponse): Answer {
  const json = parse(response.body);
  const body =
    json !== null && typeof json === 'object' && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : {};
  return { status: response.status, headers: response.headers, text: response.body, json, body };
}

/** Sends one request to the handler in-process. */
export function send(handler: MockHandler, method: string, path: string, options: Send = {}): Answer {
  const headers: Record<string, string | undefined> = { host: options.host ?? 'mock.test' };
  if (options.auth !== false) headers.authorization = options.auth ?? AUTH;
  const raw = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (raw !== undefined) headers['content-type'] = 'application/json';
  Object.assign(headers, options.headers);
  return answerOf(
    handler.handle({
      method,
      path,
      query: options.query ?? {},
      headers,
      ...(raw === undefined ? {} : { body: raw }),
    }),
  );
}

/** The base of every href the helpers' requests get (their Host header is mock.test). */
export const BASE = 'http://mock.test';

/** A valid order-create body. */
export const ORDER_BODY = {
  currencyCode: 'EUR',
  orderedAt: '2026-01-01T10:00:00Z',
  price: 50,
  referenceId: 'B94TXY-1',
};

/** Creates an order and returns its ref. */
export function createOrder(handler: MockHandler, version: ApiVersion = 'v2.1'): string {
  const created = send(handler, 'POST', `/${version}/orders`, { body: ORDER_BODY });
  expect(created.status).toBe(201);
  return String(created.body.ref);
}

/** Creates a contact on an order and returns the 201 body. */
export function createContact(
  handler: MockHandler,
  orderRef: string,
  body: unknown,
  version: ApiVersion = 'v2.1',
): Record<string, unknown> {
  const created = send(handler, 'POST', `/${version}/orders/${orderRef}/contacts`, { body });
  expect(created.status, created.text).toBe(201);
  return created.body;
}

/** Asserts a body matches a contract schema, showing ajv's errors when it does not. */
export function expectSchema(schema: SchemaFile, data: unknown): void {
  expect(validateAgainst(schema, data).map((e) => `${e.instancePath} ${e.message ?? ''}`)).toEqual([]);
}

/** A contact with every v2.1 field. */
export const FULL_V21 = {
  title: 'Mr',
  firstName: 'John',
  lastName: 'Doe',
  gender: 'male',
  dateOfBirth: '1991-01-01T16:17:16Z',
  emails: ['john.doe@example.com'],
  phoneNumbers: ['+353161123345'],
  nationality: 'Irish',
  passportNumber: 'PZ4A9565',
  passportExpiry: '2033-01-01T00:00Z',
  country: 'IE',
  identifiers: [
    {
      provider: 'ProfileSystem',
      id: 'B7524AE6-CF1C-440F-B1A2-0C9D42F5CB41',
      expiryDate: '2030-01-01T00:00:00.000Z',
    },
  ],
  street: ['Tara St.', 'Main Ave.'],
  city: 'Dublin',
  state: 'Leinster',
  postCode: 'D02',
} as const;

/** A contact with every v2 field (no guest link). */
export const FULL_V2 = {
  title: 'Ms',
  firstName: 'Jane',
  lastName: 'Roe',
  gender: 'female',
  dateOfBirth: '1985-12-24T00:00Z',
  emails: ['jane.roe@example.com'],
  phoneNumbers: ['+353861123345'],
  nationality: 'British',
  passportNumber: 'XK1234567',
  passportExpiry: '2031-06-30',
  country: 'GB',
  identifiers: [{ provider: 'Loyalty', id: 'L-1' }],
} as const;
