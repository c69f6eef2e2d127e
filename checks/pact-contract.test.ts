import { describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../contracts/index.ts';
import { readOwnPact } from '../suites/pact/own-pacts.ts';
import { expectationOf } from '../suites/pact/pact-expectation.ts';
import { pactFile } from '../suites/pact/pact-names.ts';
import { contractCrossCheck, type PactExpectation } from './pact-contract.ts';

const ORDER = '/v2.1/orders/2d7de9df-45a2-45ea-872c-30e45139007d/contacts';
const CONTACT = '/v2.1/orderContacts/3b5cb55e-c616-424a-991c-a241d0024896';
const AUTH = { authorization: 'Basic eDp5', 'content-type': 'application/json' };
const ADA = { firstName: 'Ada', lastName: 'Lovelace' };

function create(
  overrides: Partial<PactExpectation> = {},
  response: Partial<PactExpectation['response']> = {},
) {
  return {
    apiVersion: 'v2.1' as const,
    method: 'POST',
    path: ORDER,
    headers: AUTH,
    body: ADA,
    ...overrides,
    response: {
      status: 201,
      headers: {},
      body: { ...ADA, ref: '3b5cb55e-c616-424a-991c-a241d0024896' },
      ...response,
    },
  };
}

const rules = (e: PactExpectation) => contractCrossCheck(e).map((f) => `${f.rule ?? '-'} ${f.level}`);

describe('the contract cross-check of a pact interaction', () => {
  it('finds nothing in the committed pacts of both versions', () => {
    for (const version of API_VERSIONS) {
      const { pact } = readOwnPact(pactFile(version));
      expect(pact?.interactions.length).toBeGreaterThan(5);
      for (const { apiVersion, interaction } of pact?.interactions ?? [])
        expect(
          contractCrossCheck(expectationOf(interaction, apiVersion, 4)),
          interaction.description,
        ).toEqual([]);
    }
  });

  it('accepts a create that asks only what the contract promises, and a body that leaves fields out', () => {
    expect(contractCrossCheck(create())).toEqual([]);
    expect(contractCrossCheck(create({}, { body: { firstName: 'Ada' } }))).toEqual([]);
    expect(contractCrossCheck(create({}, { body: undefined }))).toEqual([]);
  });

  it('flags a status the operation never documents, by the operation’s status rule and its level per version', () => {
    const [finding] = contractCrossCheck(create({}, { status: 200 }));
    expect(finding).toMatchObject({ rule: 'OC-CREATE-201', level: 'MUST' });
    expect(finding?.message).toMatch(
      /^Received: status 200 expected from createOrderContact \/ Expected: .*201, 400/,
    );
    expect(rules(create({ apiVersion: 'v2', path: ORDER.replace('v2.1', 'v2') }, { status: 200 }))).toEqual([
      'OC-CREATE-201 SHOULD',
    ]);
    expect(rules(create({}, { status: 500 }))).toEqual(['OC-NO-5XX MUST']);
    expect(rules(create({}, { status: 409 }))).toEqual(['- MUST']);
  });

  it('flags a request body the API refuses while the pact expects it accepted, by the input rule it breaks', () => {
    expect(rules(create({ body: { ...ADA, gender: 'Male' } }))).toEqual(['OC-GENDER-ENUM MUST']);
    expect(rules(create({ body: { ...ADA, dateOfBirth: '2999-01-01T00:00:00Z' } }))).toEqual([
      'OC-DOB-PAST MUST',
    ]);
    // The same body expecting the refusal the rule names is what a negative interaction should be.
    expect(
      contractCrossCheck(create({ body: { ...ADA, gender: 'Male' } }, { status: 400, body: undefined })),
    ).toEqual([]);
  });

  it('warns of a 400 expected for a body the contract accepts', () => {
    expect(rules(create({}, { status: 400, body: undefined }))).toEqual(['- SHOULD']);
  });

  it('flags a request without credentials that expects anything but 401, and one sent as text that expects no 415', () => {
    expect(rules(create({ headers: { 'content-type': 'application/json' } }))).toEqual([
      'OC-AUTH-401-MISSING MUST',
    ]);
    expect(contractCrossCheck(create({ headers: {} }, { status: 401, body: undefined }))).toEqual([]);
    expect(rules(create({ headers: { ...AUTH, 'content-type': 'text/plain' }, body: 'Ada' }))).toEqual([
      'OC-415-NON-JSON SHOULD',
    ]);
  });

  it('flags a field the schema does not have, a value it does not allow, and a body where none is documented', () => {
    const extra = contractCrossCheck(create({}, { body: { ...ADA, loyaltyTier: 'gold' } }));
    expect(extra).toEqual([expect.objectContaining({ level: 'MUST' })]);
    expect(extra[0]?.rule).toBeUndefined();
    expect(extra[0]?.message).toContain('"loyaltyTier"');
    expect(rules(create({}, { body: { ...ADA, gender: 7 } }))).toEqual(['OC-RESOURCE-SCHEMA MUST']);
    expect(
      rules({
        apiVersion: 'v2.1',
        method: 'DELETE',
        path: CONTACT,
        headers: AUTH,
        response: { status: 204, headers: {}, body: { ok: true } },
      }),
    ).toEqual(['OC-DELETE-204 MUST']);
    expect(
      rules({
        apiVersion: 'v2.1',
        method: 'GET',
        path: CONTACT,
        headers: AUTH,
        response: { status: 200, headers: { 'content-type': 'text/html' }, body: 'Ada' },
      }),
    ).toContain('OC-CONTENT-TYPE-JSON MUST');
  });

  it('flags a request that is no operation of its version, naming the methods documented at that path', () => {
    const [finding] = contractCrossCheck({
      apiVersion: 'v2',
      method: 'PUT',
      path: CONTACT.replace('v2.1', 'v2'),
      headers: AUTH,
      body: ADA,
      response: { status: 200, headers: {} },
    });
    expect(finding?.level).toBe('MUST');
    expect(finding?.message).toMatch(
      /^Received: PUT \/v2\/orderContacts\/\S+ \/ Expected: one of GET .*POST .*DELETE/,
    );
  });
});
