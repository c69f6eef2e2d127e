// Edges of every field the vendor types (generators/field-edges.ts), through every write operation: each value is
// created, read back, listed expanded (v2.1), then written again by PUT and PATCH (v2.1) or the v2 update and read
// back, and compared byte for byte at every step. A refusal, or a change, on a value whose acceptance or storage
// rests on our reading (a 300-character name, a decomposed accent, trailing spaces) is a SHOULD finding, saying so.
import { it } from 'vitest';
import type { CheckResult } from '../checks/check-result.ts';
import { type ContactJson, echoesFields, itemRef, refOf, sameJson } from '../checks/contact.ts';
import { expectStatus } from '../checks/responses.ts';
import { ruleHolds } from '../checks/violation-builder.ts';
import type { ApiVersion, RuleId } from '../contracts/index.ts';
import {
  createFaker,
  documentedContact,
  enumEdges,
  type FieldEdge,
  fieldEdges,
  type Premise,
} from '../generators/index.ts';
import type { Exchange } from '../lib/exchange.ts';
import type { OrderContactClient } from '../lib/order-contact-client.ts';
import { conformance, runContext } from './support/harness.ts';
import { eachInOrder } from './support/in-order.ts';
import { orderLanes } from './support/own-order.ts';
import { tagged } from './support/tagging.ts';
import { isSmoke } from './support/tier.ts';
import { perVersion } from './support/version-suites.ts';

const ctx = runContext();

/** One exchange of an edge and what it showed, recorded later in the edges' order. */
interface Step {
  readonly exchange: Exchange;
  readonly premise?: Premise;
  readonly results: readonly CheckResult[];
}

function at(version: ApiVersion, exchange: Exchange) {
  return { apiVersion: version, operation: exchange.operation, exchange };
}

function accepted(exchange: Exchange): boolean {
  return exchange.response !== undefined && exchange.response.status < 300;
}

function bodyOf(exchange: Exchange): ContactJson {
  return (exchange.json ?? {}) as ContactJson;
}

/** The edge's field read back as sent, under `rule`. */
function keptAs(
  rule: RuleId,
  version: ApiVersion,
  exchange: Exchange,
  edge: FieldEdge,
  got: unknown,
  where: string,
): CheckResult {
  return ruleHolds(
    rule,
    at(version, exchange),
    sameJson({ [edge.field]: got }, { [edge.field]: edge.value }),
    {
      received: `${edge.field} ${JSON.stringify(got)} ${where} (${edge.id})`,
      expected: JSON.stringify(edge.value),
    },
  );
}

/** A write of the edge: its status on the edge's acceptance, its echo on the edge's storage. */
function written(version: ApiVersion, exchange: Exchange, edge: FieldEdge, rule: RuleId): Step[] {
  const status = expectStatus(
    rule === 'OC-CREATE-ECHO' ? 'OC-CREATE-201' : 'OC-UPDATE-STATUS',
    at(version, exchange),
    rule === 'OC-CREATE-ECHO' ? [201] : [200, 201],
  );
  if (!accepted(exchange)) return [{ exchange, premise: edge.accepted, results: [status] }];
  const echo = echoesFields(
    at(version, exchange),
    { [edge.field]: edge.value },
    bodyOf(exchange),
    rule === 'OC-CREATE-ECHO' ? 'OC-CREATE-ECHO' : 'OC-UPDATE-APPLIES',
  );
  return [
    { exchange, premise: edge.accepted, results: [status] },
    { exchange, premise: edge.stored, results: [echo] },
  ];
}

/** A read of the contact after a write the target took: the edge's field as sent. */
async function readBack(
  client: OrderContactClient,
  version: ApiVersion,
  ref: string,
  edge: FieldEdge,
  rule: RuleId,
  where: string,
): Promise<Step> {
  const read = await client.retrieveContact(version, ref);
  return {
    exchange: read,
    premise: edge.stored,
    results: [keptAs(rule, version, read, edge, bodyOf(read)[edge.field], where)],
  };
}

/** Every write of one edge on one contact, in turn; the steps to record. */
async function edgeSteps(
  client: OrderContactClient,
  version: ApiVersion,
  orderRef: string,
  base: ContactJson,
  edge: FieldEdge,
  withCreate: boolean,
): Promise<Step[]> {
  const steps: Step[] = [];
  const plain = { ...base, [edge.field]: edge.plain };
  const created = await client.createContact(
    version,
    orderRef,
    withCreate ? { ...base, [edge.field]: edge.value } : plain,
  );
  const ref = accepted(created) ? refOf(bodyOf(created)) : undefined;
  if (withCreate) steps.push(...written(version, created, edge, 'OC-CREATE-ECHO'));
  else
    steps.push({ exchange: created, results: [expectStatus('OC-CREATE-201', at(version, created), [201])] });
  if (!ref) return steps;
  try {
    if (withCreate && accepted(created)) {
      steps.push(
        await readBack(
          client,
          version,
          ref,
          edge,
          'OC-RETRIEVE-MATCHES-CREATE',
          'read back after the create',
        ),
      );
      if (version === 'v2.1') {
        const list = await client.listContacts(version, orderRef, { expand: true, limit: 100 });
        const items = ((list.json as { items?: unknown[] } | undefined)?.items ?? []) as ContactJson[];
        const item = items.find((i) => itemRef(i)?.toLowerCase() === ref.toLowerCase());
        steps.push({
          exchange: list,
          premise: edge.stored,
          results:
            item === undefined
              ? []
              : [
                  keptAs(
                    'OC-EXPAND-MATCHES-RETRIEVE',
                    version,
                    list,
                    edge,
                    item[edge.field],
                    'in the expanded list',
                  ),
                ],
        });
      }
    }
    const updates: Array<[string, (body: unknown) => Promise<Exchange>, ContactJson]> =
      version === 'v2.1'
        ? [
            ['PUT', (body) => client.replaceContact(ref, body), { ...base, [edge.field]: edge.value }],
            ['PATCH', (body) => client.patchContact(ref, body), { [edge.field]: edge.value }],
          ]
        : [
            [
              'the v2 update',
              (body) => client.updateContactV2(ref, body),
              { ...base, [edge.field]: edge.value },
            ],
          ];
    for (const [name, send, body] of updates) {
      // Put the plain value back first, so the write below changes the field to the edge.
      const reset =
        version === 'v2.1'
          ? await client.patchContact(ref, { [edge.field]: edge.plain })
          : await client.updateContactV2(ref, plain);
      steps.push({ exchange: reset, results: [] });
      if (!accepted(reset)) break;
      const update = await send(body);
      steps.push(...written(version, update, edge, 'OC-UPDATE-APPLIES'));
      if (accepted(update))
        steps.push(
          await readBack(client, version, ref, edge, 'OC-UPDATE-APPLIES', `read back after ${name}`),
        );
    }
  } finally {
    steps.push({ exchange: await client.deleteContact(version, ref), results: [] });
  }
  return steps;
}

perVersion(ctx).each(ctx.apiVersions)('field edges (%s)', (version) => {
  it.skipIf(isSmoke(ctx) || ctx.readOnly || !ctx.orderRef).sequential(
    'every edge of every field is kept byte for byte through every write',
    async ({ task }) => {
      await conformance(task, version, async ({ recorder, client, context }) => {
        const lanes = await orderLanes(client, version, context);
        const base = tagged(
          documentedContact(createFaker(context.seed + 6), {
            apiVersion: version,
            now: Date.parse(context.now),
          }),
          context.runId,
        ) as ContactJson;
        // The field edges through the create and every update; the enum values through the updates (the valid
        // contacts suite creates every title and gender).
        const edges = [
          ...fieldEdges(version).map((edge) => ({ edge, withCreate: true })),
          ...enumEdges().map((edge) => ({ edge, withCreate: false })),
        ];
        await eachInOrder(
          edges,
          { lanes: lanes.length, concurrency: context.concurrency },
          ({ edge, withCreate }, index) =>
            edgeSteps(client, version, lanes[index % lanes.length] as string, base, edge, withCreate),
          (steps) => {
            const seen = new Set<string>();
            for (const { exchange, premise, results } of steps) {
              if (!seen.has(exchange.id)) recorder.exchange(exchange);
              seen.add(exchange.id);
              if (premise === undefined) recorder.check(exchange, ...results);
              else recorder.checkOnPremise(premise, exchange, ...results);
            }
          },
        );
      });
    },
  );
});
