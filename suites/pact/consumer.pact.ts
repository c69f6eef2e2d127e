// Pact consumer tests: the interactions a typical integration of the Order contact API relies on, for both
// versions, recorded through the project's own typed client against Pact's mock server. They write the pacts to
// a temporary folder and fail when those differ from the committed ones in contracts/pacts (UPDATE_PACTS=1
// writes them there instead).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchersV3, PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../contracts/index.ts';
import { createFaker, validContact } from '../../generators/index.ts';
import { HttpClient } from '../../lib/http-client.ts';
import { OrderContactClient } from '../../lib/order-contact-client.ts';
import { EXAMPLE_REFS, PACT_CONSUMER, ProviderState, pactFile, pactProvider } from './pact-names.ts';

const { eachLike, fromProviderState, integer, like, matchStatus, regex } = MatchersV3;

// Fixed, so the recorded bodies are the same bytes on every run.
const PACT_SEED = 20251123;
const PACT_NOW = Date.parse('2025-06-01T12:00:00.000Z');
const FUTURE_DOB = '2999-01-01T00:00:00Z';
const UPDATE = process.env.UPDATE_PACTS === '1';
const outDir = mkdtempSync(join(tmpdir(), 'occ-pacts-'));

// The pacts match on what a consumer relies on (types, formats, a status class where the vendor allows two), never on
// incidental text: refs in either case (the vendor's own v2 example is upper case), dates in any ISO 8601 form of
// the same kind ('…:54Z' and '…:54.000Z' are one instant), extra fields anywhere in a response.
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** An ISO 8601 date, or date and time (seconds and fraction optional) with a zone: what the vendor accepts. */
const ISO_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2}))?$';
/** "create operations and update operations" answer 200 or 201 (the vendor's response-codes page). */
const UPDATED = matchStatus(200, [200, 201]);
const TIMESTAMP = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})$';
const JSON_TYPE = regex('^application/json.*$', 'application/json');
const BASIC_AUTH = regex('^Basic [A-Za-z0-9+/=]+$', 'Basic b2NjLWNsaWVudC1rZXk6b2NjLWFwaS10b2tlbg==');
const EU = 'https://api-engage-eu.sitecorecloud.io';

function client(url: string): OrderContactClient {
  return new OrderContactClient(
    new HttpClient({
      baseUrl: url,
      credentials: { clientKey: 'occ-client-key', apiToken: 'occ-api-token' },
      retries: 0,
    }),
  );
}

function path(template: string, example: string) {
  return fromProviderState(template, example);
}

/** A ref in either case. */
function ref(example: string) {
  return regex(`^${UUID}$`, example);
}

/** A date the consumer sent, echoed: the same kind of value in any ISO 8601 form. */
function isoDate(example: unknown) {
  return regex(ISO_DATE_TIME, String(example));
}

const ECHOED_DATES = new Set(['dateOfBirth', 'passportExpiry']);

function echoedValue(field: string, value: unknown): unknown {
  if (ECHOED_DATES.has(field)) return isoDate(value);
  if (field === 'identifiers' && Array.isArray(value))
    return value.map((identifier: Record<string, unknown>) =>
      identifier.expiryDate === undefined
        ? identifier
        : { ...identifier, expiryDate: isoDate(identifier.expiryDate) },
    );
  return value;
}

/** What the consumer reads from a contact: its ref and links, timestamps, and the fields it sent, echoed. */
function contactTemplate(version: ApiVersion, sent: Record<string, unknown>) {
  const echoed = Object.fromEntries(
    Object.entries(sent).map(([field, value]) => [field, echoedValue(field, value)]),
  );
  return {
    ...echoed,
    ref: ref(EXAMPLE_REFS.orderContactRef),
    href: regex(
      `^https?://.+/${version.replace('.', '\\.')}/orderContacts/${UUID}$`,
      `${EU}/${version}/orderContacts/${EXAMPLE_REFS.orderContactRef}`,
    ),
    createdAt: regex(TIMESTAMP, '2025-08-15T16:00:55.554Z'),
    modifiedAt: regex(TIMESTAMP, '2025-08-15T16:00:55.554Z'),
    order: {
      href: regex(`^https?://.+/orders/${UUID}$`, `${EU}/${version}/orders/${EXAMPLE_REFS.orderRef}`),
    },
  };
}

const errorTemplate = (status: number) => ({
  status: integer(status),
  code: integer(status),
  message: like('firstName: may not be null.'),
  developerMessage: like('firstName: may not be null.'),
  moreInfoUrl: like('https://support.sitecore.com'),
});

describe.each(['v2.1', 'v2'] as const)('Pact consumer of the Order contact API %s', (version) => {
  const pact = new PactV4({
    consumer: PACT_CONSUMER,
    provider: pactProvider(version),
    dir: outDir,
    spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
    logLevel: 'error',
  });
  const faker = createFaker(PACT_SEED);
  const sent = validContact(faker, { apiVersion: version, now: PACT_NOW });
  const replacement = validContact(faker, { apiVersion: version, now: PACT_NOW });
  const orderPath = path(
    `/${version}/orders/\${orderRef}/contacts`,
    `/${version}/orders/${EXAMPLE_REFS.orderRef}/contacts`,
  );
  const contactPath = path(
    `/${version}/orderContacts/\${orderContactRef}`,
    `/${version}/orderContacts/${EXAMPLE_REFS.orderContactRef}`,
  );
  const orderState = { orderRef: EXAMPLE_REFS.orderRef };
  const contactState = { orderRef: EXAMPLE_REFS.orderRef, orderContactRef: EXAMPLE_REFS.orderContactRef };

  it('creates a contact: 201 with ref, href and the fields sent', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.orderExists, orderState)
      .uponReceiving(`${version}: a request to create an order contact`)
      .withRequest('POST', orderPath, (b) =>
        b.headers({ Authorization: BASIC_AUTH, 'Content-Type': 'application/json' }).jsonBody(sent),
      )
      .willRespondWith(201, (b) =>
        b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(contactTemplate(version, sent)),
      )
      .executeTest(async (server) => {
        const exchange = await client(server.url).createContact(version, EXAMPLE_REFS.orderRef, sent);
        expect(exchange.response?.status).toBe(201);
        expect((exchange.json as { firstName?: unknown }).firstName).toBe(sent.firstName);
      });
  });

  it('lists the contacts of an order: references', async () => {
    const envelope = {
      href: regex(
        `^https?://.+/orders/${UUID}/contacts(\\?.*)?$`,
        `${EU}/${version}/orders/${EXAMPLE_REFS.orderRef}/contacts?offset=0&limit=10`,
      ),
      offset: integer(0),
      limit: integer(10),
      items: eachLike(
        version === 'v2.1'
          ? {
              ref: ref(EXAMPLE_REFS.orderContactRef),
              href: regex(
                `^https?://.+/${UUID}$`,
                `${EU}/v2.1/orderContacts/${EXAMPLE_REFS.orderContactRef}`,
              ),
            }
          : {
              href: regex(
                `^https?://.+/v2/orderContacts/${UUID}$`,
                `${EU}/v2/orderContacts/${EXAMPLE_REFS.orderContactRef}`,
              ),
            },
      ),
    };
    await pact
      .addInteraction()
      .given(ProviderState.contactExists, contactState)
      .uponReceiving(`${version}: a request to list the contacts of an order`)
      .withRequest('GET', orderPath, (b) => b.headers({ Authorization: BASIC_AUTH }))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(envelope))
      .executeTest(async (server) => {
        const exchange = await client(server.url).listContacts(version, EXAMPLE_REFS.orderRef);
        expect(exchange.response?.status).toBe(200);
        expect((exchange.json as { items: unknown[] }).items.length).toBeGreaterThan(0);
      });
  });

  if (version === 'v2.1') {
    it('lists the contacts of an order expanded: full contacts', async () => {
      await pact
        .addInteraction()
        .given(ProviderState.contactExists, contactState)
        .uponReceiving('v2.1: a request to list the contacts of an order with expand=true')
        .withRequest('GET', orderPath, (b) =>
          b.headers({ Authorization: BASIC_AUTH }).query({ expand: 'true' }),
        )
        .willRespondWith(200, (b) =>
          b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
            offset: integer(0),
            limit: integer(10),
            items: eachLike({
              ref: ref(EXAMPLE_REFS.orderContactRef),
              href: regex(
                `^https?://.+/v2\\.1/orderContacts/${UUID}$`,
                `${EU}/v2.1/orderContacts/${EXAMPLE_REFS.orderContactRef}`,
              ),
              firstName: like('John'),
              lastName: like('Doe'),
              createdAt: regex(TIMESTAMP, '2025-08-15T16:00:55.554Z'),
            }),
          }),
        )
        .executeTest(async (server) => {
          const exchange = await client(server.url).listContacts(version, EXAMPLE_REFS.orderRef, {
            expand: true,
          });
          expect(exchange.response?.status).toBe(200);
        });
    });
  }

  it('retrieves a contact', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.contactExists, contactState)
      .uponReceiving(`${version}: a request to retrieve an order contact`)
      .withRequest('GET', contactPath, (b) => b.headers({ Authorization: BASIC_AUTH }))
      .willRespondWith(200, (b) =>
        b
          .headers({ 'Content-Type': JSON_TYPE })
          .jsonBody({ ...contactTemplate(version, {}), firstName: like('John'), lastName: like('Doe') }),
      )
      .executeTest(async (server) => {
        const exchange = await client(server.url).retrieveContact(version, EXAMPLE_REFS.orderContactRef);
        expect(exchange.response?.status).toBe(200);
      });
  });

  it('updates a contact with the whole contact (PUT in v2.1, POST in v2)', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.contactExists, contactState)
      .uponReceiving(`${version}: a request to update an order contact`)
      .withRequest(version === 'v2.1' ? 'PUT' : 'POST', contactPath, (b) =>
        b.headers({ Authorization: BASIC_AUTH, 'Content-Type': 'application/json' }).jsonBody(replacement),
      )
      .willRespondWith(UPDATED, (b) =>
        b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(contactTemplate(version, replacement)),
      )
      .executeTest(async (server) => {
        const exchange = await client(server.url).updateContact(
          version,
          EXAMPLE_REFS.orderContactRef,
          replacement,
        );
        expect([200, 201]).toContain(exchange.response?.status);
      });
  });

  if (version === 'v2.1') {
    it('partially updates a contact (PATCH)', async () => {
      const patch = { city: 'Cork', phoneNumbers: ['+353211234567'] };
      await pact
        .addInteraction()
        .given(ProviderState.contactExists, contactState)
        .uponReceiving('v2.1: a request to partially update an order contact')
        .withRequest('PATCH', contactPath, (b) =>
          b.headers({ Authorization: BASIC_AUTH, 'Content-Type': 'application/json' }).jsonBody(patch),
        )
        .willRespondWith(UPDATED, (b) =>
          b
            .headers({ 'Content-Type': JSON_TYPE })
            .jsonBody({ ...contactTemplate(version, patch), firstName: like('John'), lastName: like('Doe') }),
        )
        .executeTest(async (server) => {
          const exchange = await client(server.url).patchContact(EXAMPLE_REFS.orderContactRef, patch);
          expect([200, 201]).toContain(exchange.response?.status);
        });
    });
  }

  it('deletes a contact: 204', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.contactExists, contactState)
      .uponReceiving(`${version}: a request to delete an order contact`)
      .withRequest('DELETE', contactPath, (b) => b.headers({ Authorization: BASIC_AUTH }))
      .willRespondWith(204)
      .executeTest(async (server) => {
        const exchange = await client(server.url).deleteContact(version, EXAMPLE_REFS.orderContactRef);
        expect(exchange.response?.status).toBe(204);
      });
  });

  it('gets 404 for a contact that does not exist', async () => {
    await pact
      .addInteraction()
      .given(ProviderState.contactMissing, { orderContactRef: EXAMPLE_REFS.missingContactRef })
      .uponReceiving(`${version}: a request to retrieve an order contact that does not exist`)
      .withRequest('GET', `/${version}/orderContacts/${EXAMPLE_REFS.missingContactRef}`, (b) =>
        b.headers({ Authorization: BASIC_AUTH }),
      )
      .willRespondWith(404, (b) =>
        b
          .headers({ 'Content-Type': JSON_TYPE })
          .jsonBody({ code: integer(404), message: like('Order contact not found.') }),
      )
      .executeTest(async (server) => {
        const exchange = await client(server.url).retrieveContact(version, EXAMPLE_REFS.missingContactRef);
        expect(exchange.response?.status).toBe(404);
      });
  });

  const invalid: Array<[string, Record<string, unknown>]> = [
    ['a dateOfBirth in the future', { ...sent, dateOfBirth: FUTURE_DOB }],
    ['a gender outside the enum', { ...sent, gender: 'Male' }],
  ];
  for (const [what, body] of version === 'v2.1' ? invalid : invalid.slice(1)) {
    it(`gets 400 for a contact with ${what}`, async () => {
      await pact
        .addInteraction()
        .given(ProviderState.orderExists, orderState)
        .uponReceiving(`${version}: a request to create an order contact with ${what}`)
        .withRequest('POST', orderPath, (b) =>
          b.headers({ Authorization: BASIC_AUTH, 'Content-Type': 'application/json' }).jsonBody(body),
        )
        .willRespondWith(400, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(errorTemplate(400)))
        .executeTest(async (server) => {
          const exchange = await client(server.url).createContact(version, EXAMPLE_REFS.orderRef, body);
          expect(exchange.response?.status).toBe(400);
        });
    });
  }

  it('gets 401 without credentials', async () => {
    await pact
      .addInteraction()
      .uponReceiving(`${version}: a request without credentials`)
      .withRequest('GET', `/${version}/orders/${EXAMPLE_REFS.orderRef}/contacts`)
      .willRespondWith(401, (b) =>
        b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
          status: 'UNAUTHORIZED',
          code: 401,
          message: like(
            'Authentication credentials are required to access the resource. All requests must be authenticated.',
          ),
          moreInfoUrl: like('https://support.sitecore.com'),
        }),
      )
      .executeTest(async (server) => {
        const exchange = await client(server.url).listContacts(
          version,
          EXAMPLE_REFS.orderRef,
          {},
          { auth: 'none' },
        );
        expect(exchange.response?.status).toBe(401);
      });
  });

  afterAll(() => {
    const written = pactFile(version, outDir);
    const committed = pactFile(version);
    if (UPDATE) {
      mkdirSync(join(committed, '..'), { recursive: true });
      copyFileSync(written, committed);
      return;
    }
    expect(existsSync(committed), `${committed} is missing: run npm run pact:update and commit it`).toBe(
      true,
    );
    expect(
      readFileSync(written, 'utf8'),
      `the pact for ${version} changed: run npm run pact:update and commit it`,
    ).toBe(readFileSync(committed, 'utf8'));
  });
});
