import { randomUUID } from 'node:crypto';
import { type ExchangeSpec, harOf, type RunSpec } from './har-builder.ts';

// A recording of one seeded lifecycle (the run's order, a contact created, read, an invalid create refused, the
// list), as two targets would record it: each with its own run id, host, refs, clock and retries, and with the
// tweaks a test asks for. For the tests of occ compare.

/** What may change between two recordings of the same seeded lifecycle. */
export interface Tweaks {
  readonly createStatus?: number;
  readonly extraField?: boolean;
  readonly invalidStatus?: number;
  readonly encoding?: string;
  readonly dropRetrieve?: boolean;
  readonly upperCaseRefs?: boolean;
  readonly contentType?: string;
}

/** A run of one seeded lifecycle against a target: its own run id, host, refs, clock and retries. */
export function lifecycle(port: number, tweaks: Tweaks = {}, startedAt = '2026-12-04T10:00:00.000Z'): object {
  const runId = `20261204T1000-${port}`;
  const base = `http://127.0.0.1:${port}`;
  const ref = (uuid: string): string => (tweaks.upperCaseRefs ? uuid.toUpperCase() : uuid);
  const order = randomUUID();
  const contact = randomUUID();
  const start = Date.parse(startedAt);
  const at = (ms: number): string => new Date(start + ms).toISOString();
  const marker = `occ-run-${runId}`;
  const sent = { firstName: 'Ada', lastName: `Lovelace ${marker}`, dateOfBirth: '1985-12-24T00:00:00.000Z' };
  const contactBody = {
    ref: ref(contact),
    href: `${base}/v2.1/orders/${ref(order)}/contacts/${ref(contact)}`,
    ...sent,
    createdAt: at(5),
    modifiedAt: at(5),
    ...(tweaks.extraField ? { loyaltyTier: 'gold' } : {}),
  };
  const test = 'lifecycle.conformance.ts > v2.1 > creates, reads and refuses';
  const exchanges: ExchangeSpec[] = [
    {
      id: 'x-000001',
      stage: 'prepare',
      operation: 'createOrder',
      method: 'POST',
      path: '/v2.1/orders',
      body: { referenceId: marker, orderedAt: at(0) },
      status: 201,
      responseBody: { ref: ref(order), href: `${base}/v2.1/orders/${ref(order)}` },
    },
    {
      id: 'x-000002',
      test,
      operation: 'createOrderContact',
      method: 'POST',
      path: `/v2.1/orders/${order}/contacts`,
      body: sent,
      status: tweaks.createStatus ?? 201,
      responseBody: contactBody,
      rules: ['OC-CREATE-201'],
      retries: port % 2,
      ...(tweaks.encoding ? { contentEncoding: tweaks.encoding } : {}),
      ...(tweaks.contentType ? { contentType: tweaks.contentType } : {}),
    },
    ...(tweaks.dropRetrieve
      ? []
      : [
          {
            id: 'x-000003',
            test,
            operation: 'retrieveOrderContact',
            path: `/v2.1/orders/${order}/contacts/${contact}`,
            status: 200,
            responseBody: contactBody,
          },
        ]),
    {
      id: 'x-000004',
      test,
      operation: 'createOrderContact',
      method: 'POST',
      path: `/v2.1/orders/${order}/contacts`,
      body: { ...sent, dateOfBirth: '24/12/1985' },
      status: tweaks.invalidStatus ?? 400,
      responseBody:
        (tweaks.invalidStatus ?? 400) === 400
          ? { status: '400', message: 'dateOfBirth is invalid' }
          : // A target that accepts the invalid case creates a contact of its own.
            (() => {
              const accepted = randomUUID();
              return {
                ...contactBody,
                ref: ref(accepted),
                href: `${base}/v2.1/orders/${ref(order)}/contacts/${ref(accepted)}`,
                dateOfBirth: '24/12/1985',
              };
            })(),
      rules: ['OC-DOB-FORMAT'],
    },
    {
      id: 'x-000005',
      test,
      operation: 'listOrderContacts',
      path: `/v2.1/orders/${order}/contacts?offset=0&limit=10`,
      status: 200,
      responseBody: { href: `${base}/v2.1/orders/${ref(order)}/contacts`, items: [{ ref: ref(contact) }] },
    },
  ];
  const run: RunSpec = { runId, baseUrl: base, startedAt };
  return harOf(run, exchanges);
}
