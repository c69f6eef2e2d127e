import { describe, expect, it } from 'vitest';
import type { Exchange } from '../lib/exchange.ts';
import {
  echoesFields,
  guestLinkIs,
  hrefIsSelf,
  orderLinkIs,
  refIsUuid,
  timestampsAreUtc,
  timestampsInOrder,
} from './contact.ts';
import {
  defaultPaging,
  hrefIsRequest,
  itemsNameTheirContact,
  limitHonoured,
  linksConsistent,
  offsetHonoured,
} from './list.ts';
import { conformsTo, expectStatus, jsonContentType, noServerError } from './responses.ts';
import {
  createdAtKept,
  leftOutFieldsGone,
  modifiedAtAdvanced,
  refStable,
  unnamedFieldsKept,
} from './update.ts';

const REF = '3b5cb55e-c616-424a-991c-a241d0024896';
const ORDER = '2d7de9df-45a2-45ea-872c-30e45139007d';
const BASE = 'https://api-engage-eu.sitecorecloud.io';
const v21 = { apiVersion: 'v2.1' as const, operation: 'createOrderContact' };

function exchange(
  status: number,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Exchange {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    id: 'x-1',
    operation: 'createOrderContact',
    request: {
      method: 'POST',
      url: `${BASE}/v2.1/orders/${ORDER}/contacts`,
      headers: { authorization: 'Basic <redacted>' },
      body: '{}',
    },
    response: { status, headers, body: text },
    ...(body === undefined ? {} : { json: body }),
    startedAt: '2026-11-23T12:00:00.000Z',
    durationMs: 3,
    attempts: 1,
    retryReasons: [],
  };
}

const contact = {
  ref: REF,
  href: `${BASE}/v2.1/orderContacts/${REF}`,
  createdAt: '2026-11-23T12:00:00.123Z',
  modifiedAt: '2026-11-23T12:00:00.123Z',
  firstName: 'Zoë',
  lastName: "O'Brien",
  dateOfBirth: '1991-01-01T16:17:16Z',
  order: { href: `${BASE}/v2.1/orders/${ORDER}` },
  guest: { href: `${BASE}/v2.1/guests/f7aabbca-1c1b-4fc2-be72-3e16294a4f03` },
};

describe('check results', () => {
  it('name the rules they checked, whether or not they found a violation', () => {
    const ok = { ...v21, exchange: exchange(201, contact) };
    expect(expectStatus('OC-CREATE-201', ok, [201])).toEqual({ rules: ['OC-CREATE-201'], violations: [] });
    expect(timestampsAreUtc(ok, contact).rules).toEqual(['OC-TIMESTAMPS', 'OC-TIMESTAMP-PRECISION']);
    expect(refIsUuid(ok, contact, 'OC-CREATE-REF').rules).toEqual(['OC-CREATE-REF']);
    expect(echoesFields(ok, { firstName: 'Zoe' }, contact).rules).toEqual(['OC-CREATE-ECHO']);
    expect(echoesFields(ok, { firstName: 'Zoe' }, contact).violations.map((v) => v.rule)).toEqual([
      'OC-CREATE-ECHO',
    ]);
  });
});

describe('response checks', () => {
  it('expectStatus names the status received and the ones expected, with evidence and a curl command', () => {
    const [v] = expectStatus('OC-CREATE-201', { ...v21, exchange: exchange(200, contact) }, [201]).violations;
    expect(v).toMatchObject({
      rule: 'OC-CREATE-201',
      level: 'MUST',
      message: 'Received: status 200 / Expected: status 201',
    });
    expect(v?.evidence?.curl).toContain('-u "$CDP_CLIENT_KEY:$CDP_API_TOKEN"');
  });

  it('expectStatus reports a transport failure as what was received', () => {
    const failed: Exchange = {
      ...exchange(201, contact),
      error: { kind: 'timeout', message: 'after 10000 ms' },
    };
    const { response: _, ...noResponse } = failed;
    expect(
      expectStatus('OC-CREATE-201', { ...v21, exchange: noResponse }, [201]).violations[0]?.message,
    ).toMatch(/no response \(timeout/);
  });

  it('noServerError flags a 5xx and nothing else', () => {
    expect(noServerError({ ...v21, exchange: exchange(503, {}) }).violations).toHaveLength(1);
    expect(noServerError({ ...v21, exchange: exchange(404, {}) }).violations).toEqual([]);
  });

  it('jsonContentType flags a body served as text/html', () => {
    expect(
      jsonContentType({ ...v21, exchange: exchange(200, {}, { 'content-type': 'text/html' }) }).violations[0]
        ?.rule,
    ).toBe('OC-CONTENT-TYPE-JSON');
    expect(
      jsonContentType({
        ...v21,
        exchange: exchange(200, {}, { 'content-type': 'application/json; charset=utf-8' }),
      }).violations,
    ).toEqual([]);
  });

  it('conformsTo gives one violation per schema error, with ajv paths', () => {
    const { ref: _, ...noRef } = contact;
    const [v] = conformsTo(
      'OC-RESOURCE-SCHEMA',
      { ...v21, exchange: exchange(201, { ...noRef, limit: 1 }) },
      'order-contact.v2.1.json',
    ).violations;
    expect(v).toMatchObject({ rule: 'OC-RESOURCE-SCHEMA', instancePath: '', schemaPath: '#/required' });
    expect(v?.message).toMatch(/Received: no ref at \(body\)/);
  });

  it('conformsTo says so when the body is not JSON', () => {
    const ex = { ...exchange(201, undefined), response: { status: 201, headers: {}, body: '<html>' } };
    expect(
      conformsTo('OC-RESOURCE-SCHEMA', { ...v21, exchange: ex }, 'order-contact.v2.1.json').violations[0]
        ?.message,
    ).toMatch(/not JSON/);
  });
});

describe('contact checks', () => {
  it('accept a contact that is as the contract says', () => {
    expect([
      ...refIsUuid(v21, contact).violations,
      ...hrefIsSelf(v21, contact).violations,
      ...orderLinkIs(v21, contact, ORDER).violations,
      ...guestLinkIs(v21, contact).violations,
      ...timestampsAreUtc(v21, contact).violations,
      ...timestampsInOrder(v21, contact, Date.parse('2026-11-23T12:01:00Z')).violations,
    ]).toEqual([]);
  });

  it('flag an href of another version, a relative order link, a missing guest and second-precision timestamps', () => {
    const { guest: _missing, ...withoutGuest } = contact;
    const broken = {
      ...withoutGuest,
      href: `${BASE}/v2/orderContacts/${REF}`,
      order: { href: `/v2.1/orders/${ORDER}` },
      createdAt: '2026-11-23T12:00:00Z',
    };
    expect(hrefIsSelf(v21, broken).violations[0]?.rule).toBe('OC-HREF-SELF');
    expect(orderLinkIs(v21, broken, ORDER).violations[0]?.rule).toBe('OC-ORDER-LINK');
    expect(guestLinkIs(v21, broken).violations[0]?.rule).toBe('OC-GUEST-LINK');
    expect(timestampsAreUtc(v21, broken).violations.map((v) => v.rule)).toEqual(['OC-TIMESTAMP-PRECISION']);
  });

  it('flag modifiedAt before createdAt and a createdAt far from the request', () => {
    const odd = { ...contact, modifiedAt: '2026-11-23T11:00:00.000Z' };
    expect(
      timestampsInOrder(v21, odd, Date.parse('2026-11-24T12:00:00Z')).violations.map((v) => v.rule),
    ).toEqual(['OC-TIMESTAMP-ORDER', 'OC-TIMESTAMP-ORDER']);
  });

  it('echo: equal values pass, a date on the same day passes the echo but not the instant, Unicode changes name their rule', () => {
    const sent = {
      firstName: 'Zoë',
      lastName: "O'Brien",
      dateOfBirth: '1991-01-01T16:17:16Z',
      emails: ['a@b.example'],
    };
    expect(echoesFields(v21, sent, { ...contact, emails: ['a@b.example'] }).violations).toEqual([]);
    const normalised = { ...contact, emails: ['a@b.example'], dateOfBirth: '1991-01-01T00:00:00.000Z' };
    expect(echoesFields(v21, sent, normalised).violations.map((v) => v.rule)).toEqual([
      'OC-DATE-INSTANT-ECHO',
    ]);
    expect(
      echoesFields(v21, sent, { ...normalised, dateOfBirth: '1991-01-02T00:00:00.000Z' }).violations.map(
        (v) => v.rule,
      ),
    ).toEqual(['OC-CREATE-ECHO']);
    expect(
      echoesFields(v21, sent, { ...contact, emails: ['a@b.example'], firstName: 'Zoe' }).violations.map(
        (v) => v.rule,
      ),
    ).toEqual(['OC-UNICODE-ECHO']);
  });
});

describe('list checks', () => {
  const item = { ref: REF, href: `${BASE}/v2.1/orderContacts/${REF}` };
  const page = (offset: number, limit: number, extra: Record<string, unknown> = {}) => ({
    href: `${BASE}/v2.1/orders/${ORDER}/contacts?offset=${offset}&limit=${limit}`,
    offset,
    limit,
    first: { href: `${BASE}/v2.1/orders/${ORDER}/contacts?offset=0&limit=${limit}` },
    last: { href: `${BASE}/v2.1/orders/${ORDER}/contacts?offset=4&limit=${limit}` },
    items: [item],
    ...extra,
  });

  it('accept a consistent page', () => {
    const body = page(2, 2, { next: { href: `${BASE}/v2.1/orders/${ORDER}/contacts?offset=4&limit=2` } });
    expect([
      ...itemsNameTheirContact(v21, body).violations,
      ...hrefIsRequest(v21, body, ORDER).violations,
      ...linksConsistent(v21, body, 5).violations,
      ...limitHonoured(v21, body, 2).violations,
    ]).toEqual([]);
    expect(offsetHonoured(v21, body, 2, [REF]).violations).toEqual([]);
  });

  it('flag a next link on the last page, a wrong last link, and too many items', () => {
    const body = page(4, 2, {
      next: { href: `${BASE}/v2.1/orders/${ORDER}/contacts?offset=6&limit=2` },
      last: { href: `${BASE}/x?offset=2&limit=2` },
    });
    expect(linksConsistent(v21, body, 5).violations).toHaveLength(2);
    expect(limitHonoured(v21, { ...body, items: [item, item, item] }, 2).violations[0]?.rule).toBe(
      'OC-PAGING-LIMIT',
    );
  });

  it('flag an item without ref in v2.1 and an item href that names another contact', () => {
    expect(itemsNameTheirContact(v21, { items: [{ href: item.href }] }).violations[0]?.instancePath).toBe(
      '/items/0/ref',
    );
    expect(
      itemsNameTheirContact(v21, { items: [{ ref: REF, href: `${BASE}/v2.1/orderContacts/other` }] })
        .violations[0]?.rule,
    ).toBe('OC-LIST-ITEM-REF');
  });

  it('flag defaults other than offset 0 and limit 10', () => {
    expect(defaultPaging(v21, { offset: 0, limit: 20 }).violations[0]?.message).toBe(
      'Received: offset 0, limit 20 / Expected: offset 0, limit 10',
    );
  });
});

describe('update checks', () => {
  const before = { ...contact, nationality: 'Irish', city: 'Dublin' };
  it('PUT: a left-out field that stays is flagged; PATCH: an unnamed field that changes is flagged', () => {
    expect(
      leftOutFieldsGone(
        'OC-PUT-REPLACES',
        v21,
        before,
        { firstName: 'A', lastName: 'B' },
        before,
      ).violations.map((v) => v.message),
    ).toContain(
      'Received: nationality still "Irish" / Expected: nationality gone (it was not in the full update)',
    );
    expect(
      unnamedFieldsKept(v21, before, { city: 'Cork' }, { ...before, city: 'Cork', nationality: 'Irish' })
        .violations,
    ).toEqual([]);
    expect(
      unnamedFieldsKept(v21, before, { city: 'Cork' }, { ...before, city: 'Cork', nationality: undefined })
        .violations[0]?.rule,
    ).toBe('OC-PATCH-MERGES');
  });

  it('createdAt kept, modifiedAt advanced, ref stable', () => {
    const after = { ...before, modifiedAt: '2026-11-23T12:00:01.000Z' };
    expect([
      ...createdAtKept(v21, before, after).violations,
      ...modifiedAtAdvanced(v21, before, after).violations,
      ...refStable(v21, before, after).violations,
    ]).toEqual([]);
    expect(modifiedAtAdvanced(v21, before, before).violations[0]?.rule).toBe('OC-MODIFIED-AT-ADVANCED');
    expect(refStable(v21, before, { ...after, ref: 'other' }).violations[0]?.rule).toBe('OC-REF-STABLE');
  });
});
