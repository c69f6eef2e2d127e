import { describe, expect, it } from 'vitest';
import type { Exchange } from '../lib/exchange.ts';
import {
  differingFields,
  echoesFields,
  hrefIsSelf,
  matchesContact,
  orderLinkIs,
  refIsUuid,
  sameRef,
} from './contact.ts';
import { itemsNameTheirContact, offsetHonoured, refsOf } from './list.ts';
import { isJsonMediaType, jsonContentType } from './responses.ts';
import { createdAtKept, refStable } from './update.ts';

// Comparisons that must not raise false alarms: UUIDs in any case, JSON media types with parameters, dates as
// instants in any ISO 8601 spelling. Each also shows that a real difference still fails.
const REF = '3b5cb55e-c616-424a-991c-a241d0024896';
const UPPER = REF.toUpperCase();
const ORDER = '2d7de9df-45a2-45ea-872c-30e45139007d';
const BASE = 'https://api-engage-eu.sitecorecloud.io';
const v21 = { apiVersion: 'v2.1' as const, operation: 'retrieveOrderContact' };

function answer(contentType: string): Exchange {
  return {
    id: 'x-1',
    operation: 'retrieveOrderContact',
    request: { method: 'GET', url: `${BASE}/v2.1/orderContacts/${REF}`, headers: {} },
    response: { status: 200, headers: { 'content-type': contentType }, body: '{}' },
    json: {},
    startedAt: '2026-11-23T12:00:00.000Z',
    durationMs: 1,
    attempts: 1,
    retryReasons: [],
  };
}

const contact = {
  ref: REF,
  href: `${BASE}/v2.1/orderContacts/${REF}`,
  createdAt: '2026-11-23T12:00:54.000Z',
  modifiedAt: '2026-11-23T12:00:54.000Z',
  firstName: 'Ada',
  lastName: 'Lovelace',
  dateOfBirth: '1991-01-01T16:17:16.000Z',
  order: { href: `${BASE}/v2.1/orders/${ORDER}` },
};

describe('UUIDs compare case-insensitively', () => {
  it('a ref in upper case is a valid UUID, and its href is the self link', () => {
    const upper = { ...contact, ref: UPPER, href: `${BASE}/v2.1/orderContacts/${UPPER}` };
    expect(refIsUuid(v21, upper).violations).toEqual([]);
    expect(hrefIsSelf(v21, upper).violations).toEqual([]);
    expect(hrefIsSelf(v21, { ...contact, href: `${BASE}/v2.1/orderContacts/${UPPER}` }).violations).toEqual(
      [],
    );
    expect(refIsUuid(v21, { ...contact, ref: 'not-a-uuid' }).violations).toHaveLength(1);
    expect(
      hrefIsSelf(v21, { ...contact, href: `${BASE}/v2.1/orderContacts/${ORDER}` }).violations,
    ).toHaveLength(1);
  });

  it('an order link with the order ref in another case is the order', () => {
    expect(orderLinkIs(v21, contact, ORDER.toUpperCase()).violations).toEqual([]);
    expect(orderLinkIs(v21, contact, REF).violations).toHaveLength(1);
  });

  it('a retrieve that answers the ref in upper case matches the contact created', () => {
    const retrieved = { ...contact, ref: UPPER, href: `${BASE}/v2.1/orderContacts/${UPPER}` };
    expect(differingFields('v2.1', contact, retrieved)).toEqual([]);
    expect(
      matchesContact('OC-RETRIEVE-MATCHES-CREATE', v21, contact, retrieved, 'as created').violations,
    ).toEqual([]);
    expect(differingFields('v2.1', contact, { ...contact, ref: ORDER })).toEqual(['ref']);
    expect(sameRef(REF, UPPER)).toBe(true);
    expect(sameRef(REF, ORDER)).toBe(false);
  });

  it('the ref stays stable across an update that changes its case, not across one that changes it', () => {
    expect(refStable(v21, contact, { ...contact, ref: UPPER }).violations).toEqual([]);
    expect(refStable(v21, contact, { ...contact, ref: ORDER }).violations).toHaveLength(1);
  });

  it('lists: presence, item hrefs and paging order ignore the case of refs', () => {
    const page = {
      offset: 2,
      items: [{ ref: UPPER, href: `${BASE}/v2.1/orderContacts/${REF}` }],
    };
    expect(refsOf(page)).toEqual([REF]);
    expect(itemsNameTheirContact(v21, page).violations).toEqual([]);
    expect(offsetHonoured(v21, page, 2, [REF]).violations).toEqual([]);
    expect(offsetHonoured(v21, page, 2, [ORDER]).violations).toHaveLength(1);
  });
});

describe('the JSON content type', () => {
  it('accepts media-type parameters and any case', () => {
    for (const type of [
      'application/json',
      'application/json; charset=UTF-8',
      'Application/JSON;charset=utf-8',
      'application/problem+json',
    ]) {
      expect(isJsonMediaType(type), type).toBe(true);
      expect(jsonContentType({ ...v21, exchange: answer(type) }).violations, type).toEqual([]);
    }
  });

  it('still flags a body that is not JSON by its type', () => {
    for (const type of ['text/html; charset=utf-8', 'text/json', 'application/jsonp'])
      expect(jsonContentType({ ...v21, exchange: answer(type) }).violations, type).toHaveLength(1);
  });
});

describe('dates compare as instants', () => {
  const sent = { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1991-01-01T16:17:16Z' };

  it('passes any ISO 8601 spelling of the instant sent', () => {
    for (const spelling of [
      '1991-01-01T16:17:16.000Z',
      '1991-01-01T16:17:16+00:00',
      '1991-01-01T17:17:16+01:00',
    ])
      expect(echoesFields(v21, sent, { ...contact, dateOfBirth: spelling }).violations, spelling).toEqual([]);
  });

  it('fails another instant, on the same day or not', () => {
    expect(
      echoesFields(v21, sent, { ...contact, dateOfBirth: '1991-01-01T16:17:17.000Z' }).violations.map(
        (v) => v.rule,
      ),
    ).toEqual(['OC-DATE-INSTANT-ECHO']);
    expect(
      echoesFields(v21, sent, { ...contact, dateOfBirth: '1991-01-03T16:17:16.000Z' }).violations.map(
        (v) => v.rule,
      ),
    ).toEqual(['OC-CREATE-ECHO']);
  });

  it('keeps createdAt when an update spells it another way, not when it moves', () => {
    expect(createdAtKept(v21, contact, { ...contact, createdAt: '2026-11-23T12:00:54Z' }).violations).toEqual(
      [],
    );
    expect(
      createdAtKept(v21, contact, { ...contact, createdAt: '2026-11-23T12:00:54+00:00' }).violations,
    ).toEqual([]);
    expect(
      createdAtKept(v21, contact, { ...contact, createdAt: '2026-11-23T12:00:55Z' }).violations,
    ).toHaveLength(1);
  });

  it('matches a retrieve whose timestamps and identifier dates are spelt another way', () => {
    const withId = {
      ...contact,
      identifiers: [{ provider: 'p', id: '1', expiryDate: '2030-01-01T00:00:00.000Z' }],
    };
    const retrieved = {
      ...withId,
      createdAt: '2026-11-23T12:00:54Z',
      identifiers: [{ id: '1', expiryDate: '2030-01-01T00:00Z', provider: 'p' }],
    };
    expect(differingFields('v2.1', withId, retrieved)).toEqual([]);
    expect(differingFields('v2.1', withId, { ...retrieved, createdAt: '2026-11-23T12:00:53Z' })).toEqual([
      'createdAt',
    ]);
  });
});
