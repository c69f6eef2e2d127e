// Every operation without credentials and with a wrong API token: 401, the documented body, and nothing changed.
import { randomUUID } from 'node:crypto';
import { it } from 'vitest';
import { type ContactJson, differingFields, refOf } from '../checks/contact.ts';
import { conformsTo, expectStatus } from '../checks/responses.ts';
import { ruleCheck, ruleHolds } from '../checks/violation-builder.ts';
import { type ApiVersion, SchemaName } from '../contracts/index.ts';
import { createFaker, documentedContact } from '../generators/index.ts';
import type { Exchange } from '../lib/exchange.ts';
import type { Credentials } from '../lib/http-client.ts';
import type { CallOptions, OrderContactClient } from '../lib/order-contact-client.ts';
import { wrongApiToken, wrongClientKey } from '../lib/wrong-credentials.ts';
import { conformance, runContext, runCredentials } from './support/harness.ts';
import { eachInOrder } from './support/in-order.ts';
import { homeOrder, versionsRunTogether } from './support/own-order.ts';
import { tagged } from './support/tagging.ts';
import { isSmoke } from './support/tier.ts';
import { perVersion } from './support/version-suites.ts';
import { addedBetween, readWholeList } from './support/whole-list.ts';

const ctx = runContext();

type Call = (client: OrderContactClient, options: CallOptions) => Promise<Exchange>;

function operations(
  version: ApiVersion,
  orderRef: string,
  contactRef: string,
  body: unknown,
): Array<[string, Call, boolean]> {
  const calls: Array<[string, Call, boolean]> = [
    ['retrieveOrderContacts', (c, o) => c.listContacts(version, orderRef, {}, o), false],
    ['retrieveOrderContact', (c, o) => c.retrieveContact(version, contactRef, o), false],
    ['createOrderContact', (c, o) => c.createContact(version, orderRef, body, o), true],
    ['deleteOrderContact', (c, o) => c.deleteContact(version, contactRef, o), true],
  ];
  if (version === 'v2.1') {
    calls.push(['replaceOrderContact', (c, o) => c.replaceContact(contactRef, body, o), true]);
    calls.push([
      'partiallyUpdateOrderContact',
      (c, o) => c.patchContact(contactRef, { city: 'Nowhere' }, o),
      true,
    ]);
  } else {
    calls.push(['updateOrderContact', (c, o) => c.updateContactV2(contactRef, body, o), true]);
  }
  return calls;
}

perVersion(ctx).each(ctx.apiVersions)('authentication (%s)', (version) => {
  it.skipIf(!ctx.orderRef).sequential(
    'refuses every operation without credentials or with a wrong token',
    async ({ task }) => {
      await conformance(task, version, async ({ recorder, client, context }) => {
        const orderRef = await homeOrder(client, version, context);
        const faker = createFaker(context.seed + 2);
        const now = Date.parse(context.now);
        const body = tagged(documentedContact(faker, { apiVersion: version, now }), context.runId);
        // A real contact to aim the writes at (a random ref in read-only mode: auth comes before lookup).
        let contactRef: string = randomUUID();
        let before: ContactJson | undefined;
        if (!context.readOnly) {
          const created = recorder.exchange(await client.createContact(version, orderRef, body));
          const ref = refOf(created.json as ContactJson | undefined);
          if (ref) {
            contactRef = ref;
            before = (recorder.exchange(await client.retrieveContact(version, ref)).json ??
              {}) as ContactJson;
          }
        }
        const listBefore = await readWholeList(recorder, client, version, orderRef);
        // A wrong token with the right client key, and a wrong client key: a service that checks only one of them fails.
        const wrongToken: Credentials = {
          clientKey: runCredentials().clientKey,
          apiToken: wrongApiToken(),
        };
        const wrongKey: Credentials = {
          clientKey: wrongClientKey(),
          apiToken: runCredentials().apiToken,
        };
        const variants = [
          ['OC-AUTH-401-MISSING', 'none'],
          ['OC-AUTH-401-WRONG', wrongToken],
          ['OC-AUTH-401-WRONG', wrongKey],
        ] as const;
        // Every variant on every operation; the smoke tier sends one variant per operation, in turn, so each
        // variant still reaches some operation. The refusals are independent: they are sent concurrently.
        const attempts = operations(version, orderRef, contactRef, body)
          .filter(([, , writes]) => !(writes && context.readOnly))
          .flatMap(([operation, call, writes], i) =>
            (isSmoke(context) ? [variants[i % variants.length] as (typeof variants)[number]] : variants).map(
              ([rule, auth]) => ({ operation, call, writes, rule, auth }),
            ),
          );
        await eachInOrder(
          attempts,
          context.concurrency,
          async ({ operation, call, writes, auth }) => {
            const exchange = await call(client, { auth });
            const created = refOf(exchange.json as ContactJson | undefined);
            const stray =
              writes &&
              created &&
              operation === 'createOrderContact' &&
              (exchange.response?.status ?? 500) < 300
                ? await client.deleteContact(version, created)
                : undefined;
            return { exchange, stray };
          },
          ({ exchange: answer, stray }, { operation, writes, rule }) => {
            const exchange = recorder.exchange(answer);
            const at = { apiVersion: version, operation, exchange };
            recorder.check(exchange, expectStatus(rule, at, [401]));
            if (exchange.response?.status === 401)
              recorder.check(exchange, conformsTo('OC-AUTH-401-BODY', at, SchemaName.error401));
            if (writes && exchange.response && exchange.response.status < 300)
              recorder.check(
                exchange,
                ruleCheck('OC-AUTH-401-NO-DATA', at, [
                  { received: `status ${exchange.response.status}`, expected: 'the write refused' },
                ]),
              );
            if (stray) recorder.exchange(stray);
          },
        );
        if (context.readOnly) return;
        const listAfter = await readWholeList(recorder, client, version, orderRef);
        const at = { apiVersion: version, operation: 'retrieveOrderContacts', exchange: listAfter.last };
        const diff = addedBetween(listBefore, listAfter);
        if ('why' in diff) recorder.skip('OC-AUTH-401-NO-DATA', diff.why);
        else
          recorder.check(
            listAfter.last,
            ruleHolds('OC-AUTH-401-NO-DATA', at, diff.added.length === 0, {
              received: `new contacts ${JSON.stringify(diff.added)}`,
              expected: 'no contact created without credentials',
            }),
          );
        if (before) {
          const after = recorder.exchange(await client.retrieveContact(version, contactRef));
          const changed =
            after.response?.status === 200
              ? differingFields(version, before, (after.json ?? {}) as ContactJson)
              : ['(deleted)'];
          recorder.check(
            after,
            ruleHolds(
              'OC-AUTH-401-NO-DATA',
              { ...at, operation: 'retrieveOrderContact', exchange: after },
              changed.length === 0,
              { received: `changed ${JSON.stringify(changed)}`, expected: 'the contact as it was' },
            ),
          );
          recorder.exchange(await client.deleteContact(version, contactRef));
        }
      });
    },
  );
});
