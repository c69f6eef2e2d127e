import { describe, expect, it } from 'vitest';
import { API_VERSIONS, MAX_REQUEST_BODY_BYTES, operationsOf, SchemaName } from '../contracts/index.ts';
import { createFaker, invalidCases, validContact, writeOperations } from '../generators/index.ts';
import { basicAuthorization } from './credentials.ts';
import { UNAUTHORIZED_MESSAGE } from './responses.ts';
import {
  createContact,
  createOrder,
  expectSchema,
  FULL_V2,
  FULL_V21,
  send,
  T0,
  testHandler,
} from './test-support.ts';

const UNAUTHORIZED = {
  status: 'UNAUTHORIZED',
  code: 401,
  message: UNAUTHORIZED_MESSAGE,
  moreInfoUrl: 'https://support.sitecore.com',
};
const UNKNOWN = '3b5cb55e-c616-424a-991c-a241d0024896';
const EVERY_OPERATION = API_VERSIONS.flatMap(operationsOf);

function concretePath(template: string, orderRef: string, contactRef: string): string {
  return template
    .replace('{orderRef}', orderRef)
    .replace('{orderContactRef}', contactRef)
    .replace('{guestRef}', contactRef);
}

describe('mock handler: authentication', () => {
  const wrong = [
    ['no Authorization header', false],
    ['a wrong API token', basicAuthorization('occ-client-key', 'nope')],
    ['a wrong client key', basicAuthorization('someone', 'occ-api-token')],
    ['no password part', `Basic ${Buffer.from('occ-client-key').toString('base64')}`],
    ['a Bearer token', 'Bearer occ-api-token'],
    ['an empty header', ''],
  ] as const;

  it.each(wrong)('answers exactly the documented 401 on every operation for %s', (_, auth) => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const contactRef = String(createContact(handler, orderRef, FULL_V21).ref);
    for (const op of EVERY_OPERATION) {
      const answer = send(handler, op.method, concretePath(op.path, orderRef, contactRef), {
        body: FULL_V2,
        auth,
      });
      expect(answer.status, `${op.method} ${op.path}`).toBe(401);
      expect(answer.json).toEqual(UNAUTHORIZED);
      expectSchema(SchemaName.error401, answer.json);
    }
    // Nothing a refused request asked for happened.
    expect(handler.store.contactsOf(orderRef).map((c) => c.ref)).toEqual([contactRef]);
    expect(handler.store.orderCount).toBe(1);
  });

  it('answers 401 before 404 and 405: unknown paths and methods need credentials too', () => {
    const handler = testHandler();
    for (const [method, path] of [
      ['GET', '/nothing/here'],
      ['GET', '/'],
      ['PATCH', `/v2/orderContacts/${UNKNOWN}`],
      ['GET', '/v2.1/orders'],
    ]) {
      expect(send(handler, method ?? '', path ?? '', { auth: false }).json).toEqual(UNAUTHORIZED);
    }
  });

  it('accepts the scheme name in any case and a token containing colons', () => {
    const handler = testHandler({ apiToken: 'a:b:c' });
    const header = basicAuthorization('occ-client-key', 'a:b:c').replace('Basic', 'bAsIc');
    expect(send(handler, 'POST', '/v2.1/orders', { body: {}, auth: header }).status).toBe(400);
  });
});

describe('mock handler: routing errors', () => {
  it('answers 404 with the error envelope for a path the contract does not have', () => {
    const handler = testHandler();
    for (const path of [
      '/v3/orders',
      '/v2.1/orderContacts',
      '/v2.1/orders/x/contacts/y',
      '/v2.1/orderContacts/%E0%A4%A',
    ]) {
      const answer = send(handler, 'GET', path);
      expect(answer.status, path).toBe(404);
      expectSchema(SchemaName.error, answer.json);
      expect(answer.body).toMatchObject({
        status: 404,
        code: 404,
        moreInfoUrl: 'https://support.sitecore.com',
      });
    }
  });

  it('answers 405 with an Allow header for a method the path does not have', () => {
    const handler = testHandler();
    const cases = [
      ['PATCH', `/v2/orderContacts/${UNKNOWN}`, 'GET, POST, DELETE'],
      ['POST', `/v2.1/orderContacts/${UNKNOWN}`, 'GET, PUT, PATCH, DELETE'],
      ['DELETE', '/v2.1/orders', 'GET, POST'],
      ['PUT', `/v2/guests/${UNKNOWN}`, 'GET'],
      ['PUT', `/v2.1/orders/${UNKNOWN}/contacts`, 'GET, POST'],
      ['HEAD', `/v2.1/orders/${UNKNOWN}`, 'GET, DELETE'],
    ];
    for (const [method, path, allow] of cases) {
      const answer = send(handler, method ?? '', path ?? '');
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.headers.allow).toBe(allow);
      expectSchema(SchemaName.error, answer.json);
    }
  });

  it('answers 404 for an unknown order, contact or guest on every operation', () => {
    const handler = testHandler();
    for (const op of EVERY_OPERATION.filter((o) => o.path.includes('{'))) {
      const answer = send(handler, op.method, concretePath(op.path, UNKNOWN, UNKNOWN), {
        body: op.version === 'v2.1' ? FULL_V21 : FULL_V2,
      });
      expect(answer.status, `${op.method} ${op.path}`).toBe(404);
      expectSchema(SchemaName.error, answer.json);
      expect(answer.body).toMatchObject({ status: 404, code: 404 });
      expect(String(answer.body.message)).toContain(UNKNOWN);
    }
    expect(handler.store.contactCount).toBe(0);
  });
});

describe('mock handler: body errors', () => {
  const writes = EVERY_OPERATION.filter((op) => op.requestSchema !== undefined);

  it('answers 415 to an explicit non-JSON Content-Type on every write, and stores nothing', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const contactRef = String(createContact(handler, orderRef, FULL_V21).ref);
    for (const op of writes) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
        const answer = send(handler, op.method, concretePath(op.path, orderRef, contactRef), {
          raw: JSON.stringify(FULL_V2),
          headers: { 'content-type': type },
        });
        expect(answer.status, `${op.method} ${op.path} ${type}`).toBe(415);
        expectSchema(SchemaName.error, answer.json);
      }
    }
    expect(handler.store.contactCount).toBe(1);
    expect(handler.store.orderCount).toBe(1);
  });

  it('accepts a write without Content-Type, and JSON media types with parameters or +json', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    for (const type of [
      undefined,
      'application/json; charset=utf-8',
      'application/merge-patch+json',
      'APPLICATION/JSON',
    ]) {
      const answer = send(handler, 'POST', `/v2.1/orders/${orderRef}/contacts`, {
        raw: JSON.stringify(FULL_V21),
        headers: { 'content-type': type },
      });
      expect(answer.status, String(type)).toBe(201);
    }
  });

  it('answers 413 to a body over MAX_REQUEST_BODY_BYTES, as text or bytes', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const huge = JSON.stringify({ firstName: 'x'.repeat(MAX_REQUEST_BODY_BYTES), lastName: 'y' });
    for (const raw of [huge, new TextEncoder().encode(huge)]) {
      const answer = send(handler, 'POST', `/v2.1/orders/${orderRef}/contacts`, { raw });
      expect(answer.status).toBe(413);
      expectSchema(SchemaName.error, answer.json);
      expect(answer.body.message).toBe(`body: must be at most ${MAX_REQUEST_BODY_BYTES} bytes.`);
    }
    expect(handler.store.contactCount).toBe(0);
  });

  it('answers malformed JSON with the vendor 400 body', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    for (const raw of ['{"firstName": "A",}', "{'firstName': 'A'}", '{"firstName": "A"', '', 'null x']) {
      const answer = send(handler, 'POST', `/v2.1/orders/${orderRef}/contacts`, { raw });
      expect(answer.status, raw).toBe(400);
      expectSchema(SchemaName.error400, answer.json);
      expect(String(answer.body.message)).toMatch(/^body: is not valid JSON/);
    }
    expect(handler.store.contactCount).toBe(0);
  });

  it('checks in order: auth, route, 415, 413, JSON syntax, lookup, validation', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const big = 'x'.repeat(MAX_REQUEST_BODY_BYTES + 1);
    const text = { 'content-type': 'text/plain' };
    const post = (path: string, options: Parameters<typeof send>[3]) =>
      send(handler, 'POST', path, options).status;
    expect(post('/nowhere', { raw: big, headers: text, auth: false })).toBe(401);
    expect(post('/nowhere', { raw: big, headers: text })).toBe(404);
    expect(post(`/v2.1/orders/${UNKNOWN}/contacts`, { raw: big, headers: text })).toBe(415);
    expect(post(`/v2.1/orders/${UNKNOWN}/contacts`, { raw: big })).toBe(413);
    expect(post(`/v2.1/orders/${UNKNOWN}/contacts`, { raw: '{' })).toBe(400);
    expect(post(`/v2.1/orders/${UNKNOWN}/contacts`, { body: { gender: 'robot' } })).toBe(404);
    expect(post(`/v2.1/orders/${orderRef}/contacts`, { body: { gender: 'robot' } })).toBe(400);
  });
});

describe('mock handler: validation', () => {
  it('answers the vendor 400 body: the first problem as message, all of them as developerMessage', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const answer = send(handler, 'POST', `/v2.1/orders/${orderRef}/contacts`, {
      body: { lastName: 'Doe', gender: 'Male', dateOfBirth: '2999-01-01T00:00:00Z' },
    });
    expect(answer.status).toBe(400);
    expectSchema(SchemaName.error400, answer.json);
    const parts = String(answer.body.developerMessage).split('; ');
    expect(parts.sort()).toEqual([
      'dateOfBirth: must be in the past.',
      'firstName: may not be null.',
      'gender: must be one of male, female, unknown.',
    ]);
    // The message is the first of them, in the order the contract reports them.
    const developerMessage = String(answer.body.developerMessage);
    expect(developerMessage.startsWith(String(answer.body.message))).toBe(true);
    expect(answer.body).toMatchObject({
      status: 400,
      code: 400,
      moreInfoUrl: 'https://support.sitecore.com',
    });
  });

  it('judges "in the past" by the injected clock', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const at = (ms: number) => new Date(T0 + ms).toISOString();
    const post = (dob: string) =>
      send(handler, 'POST', `/v2.1/orders/${orderRef}/contacts`, { body: { ...FULL_V21, dateOfBirth: dob } });
    expect(post(at(-1)).status).toBe(201);
    expect(post(at(1000)).status).toBe(400);
    // v2 does not check it (its own examples use a future date of birth).
    expect(
      send(handler, 'POST', `/v2/orders/${orderRef}/contacts`, {
        body: { ...FULL_V2, dateOfBirth: at(1000) },
      }).status,
    ).toBe(201);
  });

  // Every invalid case the generators build, for every write of both versions, breaks the rule it names here.
  for (const version of API_VERSIONS) {
    for (const operation of writeOperations(version)) {
      it(`refuses every generated invalid ${version} ${operation} body and changes nothing`, () => {
        const handler = testHandler();
        const orderRef = createOrder(handler);
        const original = createContact(handler, orderRef, version === 'v2.1' ? FULL_V21 : FULL_V2, version);
        const op = operationsOf(version).find((o) => o.operationId === operation);
        const path = concretePath(op?.path ?? '', orderRef, String(original.ref));
        const cases = invalidCases({ seed: 7, apiVersion: version, operation, now: T0 });
        expect(cases.length).toBeGreaterThan(10);
        const rules = new Set<string>();
        for (const invalid of cases) {
          const answer = send(handler, op?.method ?? '', path, {
            ...(invalid.rawBody === undefined ? { body: invalid.payload } : { raw: invalid.rawBody }),
          });
          expect(invalid.expectedStatus, `${invalid.id}: ${invalid.description} -> ${answer.text}`).toContain(
            answer.status,
          );
          if (answer.status === 400) {
            expectSchema(SchemaName.error400, answer.json);
            expect(String(answer.body.message)).toMatch(/^[\w.[\]]+: /);
          }
          rules.add(invalid.rule);
        }
        expect(handler.store.contactsOf(orderRef)).toHaveLength(1);
        expect(send(handler, 'GET', `/${version}/orderContacts/${String(original.ref)}`).json).toEqual(
          original,
        );
        expect(rules.size).toBeGreaterThan(5);
      });
    }
  }

  it('accepts every valid contact the generators build', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    for (const version of API_VERSIONS) {
      const faker = createFaker(11);
      for (let i = 0; i < 25; i += 1) {
        const body = validContact(faker, { apiVersion: version, now: T0 });
        const answer = send(handler, 'POST', `/${version}/orders/${orderRef}/contacts`, { body });
        expect(answer.status, answer.text).toBe(201);
      }
    }
  });

  it('names the parameter in a 400 for a bad offset or limit', () => {
    const handler = testHandler();
    const orderRef = createOrder(handler);
    const cases: Array<[Record<string, string>, string]> = [
      [{ offset: '-1' }, 'offset'],
      [{ offset: '1.5' }, 'offset'],
      [{ offset: 'abc' }, 'offset'],
      [{ offset: '' }, 'offset'],
      [{ offset: '99999999999999999999' }, 'offset'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '-5' }, 'limit'],
      [{ limit: '2e1' }, 'limit'],
      [{ limit: '' }, 'limit'],
    ];
    for (const [query, parameter] of cases) {
      for (const version of API_VERSIONS) {
        const answer = send(handler, 'GET', `/${version}/orders/${orderRef}/contacts`, { query });
        expect(answer.status, JSON.stringify(query)).toBe(400);
        expectSchema(SchemaName.error400, answer.json);
        expect(String(answer.body.message).startsWith(`${parameter}: `)).toBe(true);
      }
    }
  });
});
