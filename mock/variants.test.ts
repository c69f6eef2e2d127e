import { describe, expect, it } from 'vitest';
import { type ApiVersion, SchemaName } from '../contracts/index.ts';
import { basicAuthorization } from './credentials.ts';
import { resolveVariants } from './options.ts';
import {
  type Answer,
  BASE,
  createContact,
  createOrder,
  expectSchema,
  FULL_V2,
  FULL_V21,
  type Send,
  send,
  type TestClock,
  testClock,
  testHandler,
} from './test-support.ts';
import type { MockHandler } from './types.ts';
import { LIST_LAG_MS, RATE_LIMIT_PER_SECOND, TRANSIENT_503_EVERY } from './variant-layers.ts';
import { isVariantName, VARIANT_NAMES, VARIANTS, type VariantName } from './variants.ts';

const UUID_ANY_CASE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNKNOWN = '3b5cb55e-c616-424a-991c-a241d0024896';

function handlerWith(variants: readonly VariantName[], clock: TestClock = testClock()): MockHandler {
  return testHandler({ variants, now: clock });
}

function contactsPath(orderRef: string, version: ApiVersion = 'v2.1'): string {
  return `/${version}/orders/${orderRef}/contacts`;
}

function listedRefs(handler: MockHandler, orderRef: string, query: Record<string, string> = {}): string[] {
  const listed = send(handler, 'GET', contactsPath(orderRef), { query: { limit: '100', ...query } });
  expect(listed.status, listed.text).toBe(200);
  return (listed.body.items as Array<{ href: string }>).map((item) => item.href.split('/').at(-1) ?? '');
}

describe('mock variants: the table', () => {
  it('has unique kebab-case names, a kind, a description and a basis each', () => {
    expect(new Set(VARIANT_NAMES).size).toBe(VARIANT_NAMES.length);
    for (const variant of VARIANTS) {
      expect(variant.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['behaviour', 'transport']).toContain(variant.kind);
      expect(variant.description.length, variant.name).toBeGreaterThan(20);
      expect(variant.basis.length, variant.name).toBeGreaterThan(20);
    }
  });

  it('keeps every promised name', () => {
    const promised = [
      'lenient-inferred',
      'strict-dates',
      'strict-limit',
      'upper-case-refs',
      'extra-fields',
      'lagging-list',
      'update-201',
      'dates-reformatted',
      'reordered-keys',
      'charset-utf8',
      'gzip',
      'deflate',
      'br',
      'latency',
      'connection-close',
      'rate-limit-429',
      'transient-resets',
      'transient-503',
    ];
    for (const name of promised) expect(isVariantName(name), name).toBe(true);
    expect(isVariantName('nope')).toBe(false);
  });

  it('refuses an unknown variant, naming near matches', () => {
    expect(() => resolveVariants(['lagging-lists'])).toThrow(
      /Failed to switch on mock variant "lagging-lists": unknown\. Near matches: lagging-list, /,
    );
    expect(() => testHandler({ variants: ['gzip', 'zip'] })).toThrow(/"zip": unknown\. Near matches: gzip/);
  });

  it('combines with each other and with faults', () => {
    const handler = testHandler({
      variants: ['upper-case-refs', 'extra-fields', 'charset-utf8', 'update-201'],
      faults: ['create-returns-200'],
    });
    const orderRef = createOrder(handler);
    const created = send(handler, 'POST', contactsPath(orderRef), { body: FULL_V21 });
    expect(created.status).toBe(200);
    expect(created.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(created.body.tenantId).toBeDefined();
    expect(String(created.body.ref)).toBe(String(created.body.ref).toUpperCase());
    const put = send(handler, 'PUT', `/v2.1/orderContacts/${String(created.body.ref)}`, {
      body: { firstName: 'A', lastName: 'B' },
    });
    expect(put.status).toBe(201);
  });
});

describe('mock variant lenient-inferred', () => {
  const accepted: Array<[ApiVersion, string, Record<string, unknown>]> = [
    [
      'v2.1',
      'an identifier expiryDate 31/12/2030',
      { identifiers: [{ provider: 'p', id: '1', expiryDate: '31/12/2030' }] },
    ],
    ['v2.1', 'an empty firstName', { firstName: '' }],
    ['v2.1', 'a passportExpiry "soon"', { passportExpiry: 'soon' }],
    ['v2.1', 'a lower-case country', { country: 'ie' }],
    ['v2.1', 'emails as a string', { emails: 'a@example.com' }],
    ['v2.1', 'a missing lastName', { lastName: undefined }],
    [
      'v2',
      'an identifier expiryDate 31/12/2030',
      { identifiers: [{ provider: 'p', id: '1', expiryDate: '31/12/2030' }] },
    ],
    ['v2', 'an empty firstName', { firstName: '' }],
    ['v2', 'a lower-case country', { country: 'ie' }],
  ];
  for (const [version, what, change] of accepted) {
    it(`accepts ${what} in ${version} and stores it as sent`, () => {
      const handler = handlerWith(['lenient-inferred']);
      const plain = testHandler();
      const body = { ...(version === 'v2' ? FULL_V2 : FULL_V21), ...change };
      expect(send(plain, 'POST', contactsPath(createOrder(plain, version), version), { body }).status).toBe(
        400,
      );
      const created = send(handler, 'POST', contactsPath(createOrder(handler, version), version), { body });
      expect(created.status, created.text).toBe(201);
      for (const [field, value] of Object.entries(change)) expect(created.body[field]).toEqual(value);
    });
  }

  const refused: Array<[ApiVersion, string, unknown]> = [
    ['v2.1', 'gender robot', { ...FULL_V21, gender: 'robot' }],
    ['v2.1', 'a dateOfBirth 28/10/1985', { ...FULL_V21, dateOfBirth: '28/10/1985' }],
    ['v2.1', 'a dateOfBirth in the future', { ...FULL_V21, dateOfBirth: '2999-01-01T00:00:00Z' }],
    ['v2.1', 'an identifier without id', { ...FULL_V21, identifiers: [{ provider: 'p' }] }],
    ['v2', 'a missing lastName', { firstName: 'Only' }],
    ['v2', 'a passportExpiry "soon"', { ...FULL_V2, passportExpiry: 'soon' }],
    ['v2', 'an array body (an empty contact has no names)', [1, 2]],
  ];
  for (const [version, what, body] of refused) {
    it(`still refuses ${what} in ${version} (a MUST rule) with the documented 400`, () => {
      const handler = handlerWith(['lenient-inferred']);
      const orderRef = createOrder(handler, version);
      const answer = send(handler, 'POST', contactsPath(orderRef, version), { body });
      expect(answer.status).toBe(400);
      expectSchema(SchemaName.error400, answer.json);
      expect(handler.store.contactCount).toBe(0);
    });
  }

  it('applies to updates as well', () => {
    const handler = handlerWith(['lenient-inferred']);
    const contact = createContact(handler, createOrder(handler), FULL_V21);
    const ref = String(contact.ref);
    expect(send(handler, 'PATCH', `/v2.1/orderContacts/${ref}`, { body: { country: 'ie' } }).status).toBe(
      200,
    );
    expect(send(handler, 'PATCH', `/v2.1/orderContacts/${ref}`, { body: { gender: 'robot' } }).status).toBe(
      400,
    );
  });
});

describe('mock variant strict-dates', () => {
  const refused: Array<[string, Record<string, unknown>, string]> = [
    ['a date-only dateOfBirth', { dateOfBirth: '1991-01-01' }, 'dateOfBirth'],
    ['a dateOfBirth with an offset', { dateOfBirth: '1991-01-01T16:17:16+01:00' }, 'dateOfBirth'],
    ['a date-only passportExpiry', { passportExpiry: '2031-06-30' }, 'passportExpiry'],
    [
      'a date-only identifier expiryDate',
      { identifiers: [{ provider: 'p', id: '1', expiryDate: '2030-01-01' }] },
      'identifiers[0].expiryDate',
    ],
  ];
  for (const [what, change, field] of refused) {
    it(`refuses ${what} with the documented 400 naming the field`, () => {
      const handler = handlerWith(['strict-dates']);
      const answer = send(handler, 'POST', contactsPath(createOrder(handler)), {
        body: { ...FULL_V21, ...change },
      });
      expect(answer.status).toBe(400);
      expectSchema(SchemaName.error400, answer.json);
      expect(answer.body.message).toBe(`${field}: must be an ISO 8601 date.`);
      expect(handler.store.contactCount).toBe(0);
    });
  }

  it('accepts the forms the vendor shows', () => {
    const handler = handlerWith(['strict-dates']);
    const body = {
      ...FULL_V21,
      dateOfBirth: '1991-01-01T16:17:16Z',
      passportExpiry: '1985-12-24T00:00Z',
      identifiers: [{ provider: 'p', id: '1', expiryDate: '2025-10-28T00:00:00.000Z' }],
    };
    expect(send(handler, 'POST', contactsPath(createOrder(handler)), { body }).status).toBe(201);
  });
});

describe('mock variant strict-limit', () => {
  it('answers a limit above 100 with the documented 400; 100 is served', () => {
    const handler = handlerWith(['strict-limit']);
    const orderRef = createOrder(handler);
    const over = send(handler, 'GET', contactsPath(orderRef), { query: { limit: '101' } });
    expect(over.status).toBe(400);
    expectSchema(SchemaName.error400, over.json);
    expect(over.body.message).toMatch(/^limit: /);
    expect(send(handler, 'GET', contactsPath(orderRef), { query: { limit: '100' } }).status).toBe(200);
    // The reference clamps instead.
    const plain = testHandler();
    const clamped = send(plain, 'GET', contactsPath(createOrder(plain)), { query: { limit: '101' } });
    expect(clamped.body.limit).toBe(100);
  });
});

describe('mock variant upper-case-refs', () => {
  it('answers new refs and hrefs in upper case, retrievable in lower case', () => {
    const handler = handlerWith(['upper-case-refs']);
    const orderRef = createOrder(handler);
    const created = createContact(handler, orderRef, FULL_V21);
    const ref = String(created.ref);
    expect(ref).toMatch(UUID_ANY_CASE);
    expect(ref).toBe(ref.toUpperCase());
    expect(created.href).toBe(`${BASE}/v2.1/orderContacts/${ref}`);
    for (const spelt of [ref.toLowerCase(), ref]) {
      const retrieved = send(handler, 'GET', `/v2.1/orderContacts/${spelt}`);
      expect(retrieved.status).toBe(200);
      expect(retrieved.body.ref).toBe(ref);
    }
    expect(listedRefs(handler, orderRef)).toEqual([ref]);
    expect(send(handler, 'DELETE', `/v2.1/orderContacts/${ref.toLowerCase()}`).status).toBe(204);
  });
});

describe('mock variant extra-fields', () => {
  it('adds tenantId to contacts, total to list pages, path and timestamp to error bodies', () => {
    const handler = handlerWith(['extra-fields']);
    const orderRef = createOrder(handler);
    const created = createContact(handler, orderRef, FULL_V21);
    expect(created.tenantId).toEqual(expect.any(String));
    const { tenantId: _, ...contact } = created;
    expectSchema(SchemaName.contactV21, contact);
    const listed = send(handler, 'GET', contactsPath(orderRef));
    expect(listed.body.total).toBe(1);
    const missing = send(handler, 'GET', `/v2.1/orderContacts/${UNKNOWN}`);
    expect(missing.status).toBe(404);
    expect(missing.body.path).toBe(`/v2.1/orderContacts/${UNKNOWN}`);
    expect(Date.parse(String(missing.body.timestamp))).not.toBeNaN();
  });
});

describe('mock variant lagging-list', () => {
  it(`shows a create in the list only ${LIST_LAG_MS} ms after it answered; retrieve is immediate`, () => {
    const clock = testClock();
    const handler = handlerWith(['lagging-list'], clock);
    const orderRef = createOrder(handler);
    const ref = String(createContact(handler, orderRef, FULL_V21).ref);
    expect(send(handler, 'GET', `/v2.1/orderContacts/${ref}`).status).toBe(200);
    expect(listedRefs(handler, orderRef)).toEqual([]);
    expect(listedRefs(handler, orderRef, { expand: 'true' })).toEqual([]);
    clock.advance(LIST_LAG_MS - 1);
    expect(listedRefs(handler, orderRef)).toEqual([]);
    clock.advance(1);
    expect(listedRefs(handler, orderRef)).toEqual([ref]);
  });

  it('shows an update and a delete late as well', () => {
    const clock = testClock();
    const handler = handlerWith(['lagging-list'], clock);
    const orderRef = createOrder(handler);
    const ref = String(createContact(handler, orderRef, FULL_V21).ref);
    clock.advance(LIST_LAG_MS);
    send(handler, 'PATCH', `/v2.1/orderContacts/${ref}`, { body: { city: 'Cork' } });
    const expanded = () =>
      (
        send(handler, 'GET', contactsPath(orderRef), { query: { expand: 'true' } }).body.items as Array<{
          city: string;
        }>
      )[0]?.city;
    expect(expanded()).toBe('Dublin');
    expect(send(handler, 'GET', `/v2.1/orderContacts/${ref}`).body.city).toBe('Cork');
    clock.advance(LIST_LAG_MS);
    expect(expanded()).toBe('Cork');
    expect(send(handler, 'DELETE', `/v2.1/orderContacts/${ref}`).status).toBe(204);
    expect(listedRefs(handler, orderRef)).toEqual([ref]);
    clock.advance(LIST_LAG_MS);
    expect(listedRefs(handler, orderRef)).toEqual([]);
  });
});

describe('mock variant update-201', () => {
  it('answers PUT, PATCH and the v2 update with 201 and the same body', () => {
    const handler = handlerWith(['update-201']);
    const plain = testHandler();
    for (const h of [handler, plain]) {
      const v21 = String(createContact(h, createOrder(h), FULL_V21).ref);
      const v2 = String(createContact(h, createOrder(h, 'v2'), FULL_V2, 'v2').ref);
      const answers = [
        send(h, 'PUT', `/v2.1/orderContacts/${v21}`, { body: { firstName: 'A', lastName: 'B' } }),
        send(h, 'PATCH', `/v2.1/orderContacts/${v21}`, { body: { city: 'Cork' } }),
        send(h, 'POST', `/v2/orderContacts/${v2}`, { body: { firstName: 'C', lastName: 'D' } }),
      ];
      expect(answers.map((a) => a.status)).toEqual(h === handler ? [201, 201, 201] : [200, 200, 200]);
    }
  });
});

describe('mock variant dates-reformatted', () => {
  it('echoes dates and timestamps as the same instant in another ISO 8601 form', () => {
    const handler = handlerWith(['dates-reformatted']);
    const created = createContact(handler, createOrder(handler), FULL_V21);
    expect(created.dateOfBirth).toBe('1991-01-01T16:17:16.000Z');
    expect(created.passportExpiry).toBe('2033-01-01T00:00:00.000Z');
    const identifiers = created.identifiers as Array<{ expiryDate: string }>;
    expect(identifiers[0]?.expiryDate).toBe('2030-01-01T00:00:00.000+00:00');
    const plain = testHandler();
    const reference = createContact(plain, createOrder(plain), FULL_V21);
    for (const field of ['createdAt', 'modifiedAt', 'dateOfBirth', 'passportExpiry']) {
      expect(created[field], field).not.toBe(reference[field]);
      expect(Date.parse(String(created[field])), field).toBe(Date.parse(String(reference[field])));
    }
  });
});

describe('mock variant reordered-keys', () => {
  it('answers the same JSON with its keys in another order', () => {
    const handler = handlerWith(['reordered-keys']);
    const plain = testHandler();
    const [bent, reference] = [handler, plain].map((h) =>
      send(h, 'POST', contactsPath(createOrder(h)), { body: FULL_V21 }),
    );
    expect(bent?.json).toEqual(reference?.json);
    expect(Object.keys(bent?.body ?? {})).not.toEqual(Object.keys(reference?.body ?? {}));
  });
});

describe('mock variant charset-utf8', () => {
  it('sends application/json; charset=UTF-8 on every JSON answer', () => {
    const handler = handlerWith(['charset-utf8']);
    const orderRef = createOrder(handler);
    const ref = String(createContact(handler, orderRef, FULL_V21).ref);
    for (const answer of [
      send(handler, 'GET', `/v2.1/orderContacts/${ref}`),
      send(handler, 'GET', contactsPath(orderRef)),
      send(handler, 'GET', `/v2.1/orderContacts/${UNKNOWN}`),
      send(handler, 'GET', contactsPath(orderRef), { auth: false }),
    ]) {
      expect(answer.headers['content-type']).toBe('application/json; charset=UTF-8');
    }
    expect(send(handler, 'DELETE', `/v2.1/orderContacts/${ref}`).headers['content-type']).toBeUndefined();
  });
});

describe('mock variant rate-limit-429', () => {
  it(`lets ${RATE_LIMIT_PER_SECOND} requests through in a second and answers the next with 429, doing nothing`, () => {
    const clock = testClock();
    const handler = handlerWith(['rate-limit-429'], clock);
    const orderRef = createOrder(handler);
    for (let i = 1; i < RATE_LIMIT_PER_SECOND; i += 1) {
      expect(send(handler, 'GET', contactsPath(orderRef)).status).toBe(200);
    }
    const limited = send(handler, 'POST', contactsPath(orderRef), { body: FULL_V21 });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(Object.keys(limited.body)).toEqual(['status', 'code', 'message', 'moreInfoUrl']);
    expect(limited.body).toMatchObject({ status: 429, code: 429 });
    expect(handler.store.contactCount).toBe(0);
    clock.advance(1000);
    expect(send(handler, 'POST', contactsPath(orderRef), { body: FULL_V21 }).status).toBe(201);
  });

  it('refills at 20 per second: one request every 50 ms is never limited', () => {
    const clock = testClock();
    const handler = handlerWith(['rate-limit-429'], clock);
    for (let i = 0; i < 100; i += 1) {
      clock.advance(50);
      expect(send(handler, 'GET', '/nowhere').status).toBe(404);
    }
  });
});

describe('mock variant transient-503', () => {
  it(`answers every ${TRANSIENT_503_EVERY}th request with 503 and Retry-After before processing it`, () => {
    const handler = handlerWith(['transient-503']);
    const orderRef = createOrder(handler);
    const answers: Answer[] = [];
    for (let i = 2; i <= 14; i += 1)
      answers.push(send(handler, 'POST', contactsPath(orderRef), { body: FULL_V21 }));
    const unavailable = answers.flatMap((a, i) => (a.status === 503 ? [i + 2] : []));
    expect(unavailable).toEqual([7, 14]);
    expect(answers[5]?.headers['retry-after']).toMatch(/^[01]$/);
    expect(handler.store.contactCount).toBe(11);
  });
});

// A short conversation touching what MUST rules of the catalogue say, asked as a retrying client would.
function mustFacts(handler: MockHandler, clock: TestClock): string[] {
  const broken: string[] = [];
  const ask = (method: string, path: string, options: Send = {}): Answer => {
    clock.advance(1000);
    const first = send(handler, method, path, options);
    if (first.status !== 503 && first.status !== 429) return first;
    clock.advance(1000);
    return send(handler, method, path, options);
  };
  const expectThat = (ok: boolean, what: string) => {
    if (!ok) broken.push(what);
  };
  const order = ask('POST', '/v2.1/orders', {
    body: { currencyCode: 'EUR', orderedAt: '2026-01-01T10:00:00Z', price: 5, referenceId: 'R' },
  });
  const orderRef = String(order.body.ref);
  const created = ask('POST', contactsPath(orderRef), { body: FULL_V21 });
  expectThat(created.status === 201, `create answers 201 (got ${created.status})`);
  expectThat(UUID_ANY_CASE.test(String(created.body.ref)), 'create answers a UUID ref');
  expectThat(String(created.headers['content-type']).startsWith('application/json'), 'JSON content type');
  const ref = String(created.body.ref);
  for (const [field, value] of Object.entries(FULL_V21)) {
    const echoed = created.body[field];
    const same =
      typeof value === 'string' && typeof echoed === 'string' && /T/.test(value)
        ? Date.parse(value) === Date.parse(echoed)
        : JSON.stringify(echoed) === JSON.stringify(value) || field === 'identifiers';
    expectThat(same, `create echoes ${field}`);
  }
  const retrieved = ask('GET', `/v2.1/orderContacts/${ref.toLowerCase()}`);
  expectThat(retrieved.status === 200, `retrieve answers 200 (got ${retrieved.status})`);
  expectThat(retrieved.body.firstName === 'John', 'retrieve shows the contact');
  const put = ask('PUT', `/v2.1/orderContacts/${ref}`, { body: { firstName: 'Max', lastName: 'Power' } });
  expectThat(put.status === 200 || put.status === 201, `update answers 2xx (got ${put.status})`);
  expectThat(ask('GET', `/v2.1/orderContacts/${ref}`).body.firstName === 'Max', 'update applies');
  for (const [what, body] of [
    ['gender robot', { ...FULL_V21, gender: 'robot' }],
    ['dateOfBirth 28/10/1985', { ...FULL_V21, dateOfBirth: '28/10/1985' }],
    ['dateOfBirth in the future', { ...FULL_V21, dateOfBirth: '2999-01-01T00:00:00Z' }],
    ['identifier without id', { ...FULL_V21, identifiers: [{ provider: 'p' }] }],
  ] as const) {
    const refused = ask('POST', contactsPath(orderRef), { body });
    expectThat(refused.status === 400, `refuses ${what} with 400 (got ${refused.status})`);
    expectThat(
      typeof refused.body.message === 'string' && typeof refused.body.code === 'number',
      `400 body for ${what}`,
    );
  }
  const listed = ask('GET', contactsPath(orderRef), { query: { limit: '100' } });
  expectThat(listed.status === 200, 'list answers 200');
  const unauthorised = ask('GET', contactsPath(orderRef), {
    auth: basicAuthorization('occ-client-key', 'wrong'),
  });
  expectThat(
    unauthorised.status === 401 && unauthorised.body.status === 'UNAUTHORIZED',
    'wrong token gets the 401',
  );
  expectThat(ask('GET', `/v2.1/orderContacts/${UNKNOWN}`).status === 404, 'unknown contact gets 404');
  expectThat(ask('GET', `/v2.1/orders/${UNKNOWN}/contacts`).status === 404, 'unknown order gets 404');
  expectThat(ask('DELETE', `/v2.1/orderContacts/${ref}`).status === 204, 'delete answers 204');
  expectThat(ask('GET', `/v2.1/orderContacts/${ref}`).status === 404, 'deleted contact gets 404');
  clock.advance(LIST_LAG_MS);
  expectThat(ask('GET', contactsPath(orderRef)).body.items !== undefined, 'list after delete');
  return broken;
}

describe('mock variants keep the MUST behaviour of the reference', () => {
  it('the reference itself passes the conversation', () => {
    const clock = testClock();
    expect(mustFacts(testHandler({ now: clock }), clock)).toEqual([]);
  });
  for (const variant of VARIANTS.filter((v) => v.kind === 'behaviour')) {
    it(`${variant.name} breaks none of them`, () => {
      const clock = testClock();
      expect(mustFacts(handlerWith([variant.name], clock), clock)).toEqual([]);
    });
  }
  it('all behaviour variants at once break none of them', () => {
    const clock = testClock();
    const all = VARIANTS.filter((v) => v.kind === 'behaviour').map((v) => v.name);
    expect(mustFacts(handlerWith(all, clock), clock)).toEqual([]);
  });
});
