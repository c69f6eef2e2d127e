import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { contractArtifacts } from './artifacts.ts';
import { bundleOpenApi } from './openapi-document.ts';
import { operationsOf } from './operations.ts';
import { API_VERSIONS } from './rule-catalogue.ts';

describe('the OpenAPI documents', () => {
  it.each(API_VERSIONS)('%s, bundled with its schemas, is a valid OpenAPI 3.1 document', async (version) => {
    const validator = new Validator();
    const result = await validator.validate(bundleOpenApi(version) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it.each(API_VERSIONS)('%s leaves no $ref pointing outside the bundled document', (version) => {
    const refs = JSON.stringify(bundleOpenApi(version)).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => !ref.startsWith('"$ref":"#/'))).toEqual([]);
  });

  it('v2.1 has create, list, retrieve, PUT, PATCH and delete of order contacts, the setup operations and the order and guest reads', () => {
    expect(
      operationsOf('v2.1')
        .map((op) => `${op.method} ${op.path} ${op.operationId}`)
        .sort(),
    ).toEqual([
      'DELETE /v2.1/orderContacts/{orderContactRef} deleteOrderContact',
      'DELETE /v2.1/orders/{orderRef} deleteOrder',
      'GET /v2.1/guests/{guestRef} retrieveGuest',
      'GET /v2.1/orderContacts/{orderContactRef} retrieveOrderContact',
      'GET /v2.1/orders retrieveOrders',
      'GET /v2.1/orders/{orderRef} retrieveOrder',
      'GET /v2.1/orders/{orderRef}/contacts retrieveOrderContacts',
      'PATCH /v2.1/orderContacts/{orderContactRef} partiallyUpdateOrderContact',
      'POST /v2.1/guests createGuest',
      'POST /v2.1/orders createOrder',
      'POST /v2.1/orders/{orderRef}/contacts createOrderContact',
      'PUT /v2.1/orderContacts/{orderContactRef} replaceOrderContact',
    ]);
  });

  it('v2 has create, list, retrieve, update by POST and delete of order contacts, the setup operations and the order and guest reads', () => {
    expect(
      operationsOf('v2')
        .map((op) => `${op.method} ${op.path} ${op.operationId}`)
        .sort(),
    ).toEqual([
      'DELETE /v2/orderContacts/{orderContactRef} deleteOrderContact',
      'DELETE /v2/orders/{orderRef} deleteOrder',
      'GET /v2/guests/{guestRef} retrieveGuest',
      'GET /v2/orderContacts/{orderContactRef} retrieveOrderContact',
      'GET /v2/orders retrieveOrders',
      'GET /v2/orders/{orderRef} retrieveOrder',
      'GET /v2/orders/{orderRef}/contacts retrieveOrderContacts',
      'POST /v2/guests createGuest',
      'POST /v2/orderContacts/{orderContactRef} updateOrderContact',
      'POST /v2/orders createOrder',
      'POST /v2/orders/{orderRef}/contacts createOrderContact',
    ]);
  });

  it.each(API_VERSIONS)(
    '%s answers 401 on every operation and 400 and 415 on every contact write',
    (version) => {
      for (const op of operationsOf(version)) {
        expect(Object.keys(op.responses), op.operationId).toContain('401');
        if (op.requestSchema && /OrderContact$/.test(op.operationId)) {
          expect(Object.keys(op.responses), op.operationId).toEqual(
            expect.arrayContaining(['400', '404', '413', '415']),
          );
        }
      }
    },
  );

  it.each(API_VERSIONS)(
    '%s says for every operation whether the vendor documents it, and where',
    (version) => {
      for (const op of operationsOf(version)) {
        expect(['documented', 'inferred']).toContain(op.evidence);
        expect(op.source).toMatch(/^(https:\/\/|seeds\/\d{3}_|API-NOTES\.md)/);
      }
    },
  );
});

describe('generated contract files', () => {
  it('are up to date with their sources (run `npm run contracts:build` after changing a contract)', async () => {
    for (const [path, expected] of await contractArtifacts()) {
      expect(readFileSync(path, 'utf8'), path).toBe(expected);
    }
  });
});
