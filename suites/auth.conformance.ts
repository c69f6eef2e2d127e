// Every operation with every credential variant (lib/credential-variants.ts): 401, the documented body, and
// nothing changed.
import { randomUUID } from 'node:crypto';
import { it } from 'vitest';
import { type ContactJson, differingFields, refOf } from '../checks/contact.ts';
import { conformsTo, expectStatus } from '../checks/responses.ts';
import { ruleCheck, ruleHolds } from '../checks/violation-builder.ts';
import { type ApiVersion, SchemaName } from '../contracts/index.ts';
import { createFaker, documentedContact } from '../generators/index.ts';
import {
  CORE_CREDENTIAL_VARIANTS,
  CREDENTIAL_VARIANTS,
  type CredentialVariant,
  SERVED_CREDENTIAL_FORMS,
  type VariantAuth,
} from '../lib/credential-variants.ts';
import type { Exchange } from '../lib/exchange.ts';
import type { CallOptions, OrderContactClient } from '../lib/order-contact-client.ts';
import { conformance, runContext, runCredentials } from './support/harness.ts';
import { eachInOrder } from './support/in-order.ts';
import { homeOrder } from './support/own-order.ts';
import { answeredAs, checkSetUpCreate } from './support/set-up.ts';
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

/** How the client sends a variant's credentials. */
function sendAs(variant: CredentialVariant, auth: VariantAuth): NonNullable<CallOptions['auth']> {
  if (auth.kind === 'none') return 'none';
  if (auth.kind === 'wrong') return auth.credentials;
  return { variant: variant.name, authorization: auth.authorization, secrets: auth.secrets };
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
        let createdRef: string | undefined;
        if (!context.readOnly) {
          const created = recorder.exchange(await client.createContact(version, orderRef, body));
          // The contact has only documented forms: its refusal is a finding, and "nothing changed" unchecked on it.
          checkSetUpCreate(recorder, version, created);
          const ref = refOf(created.json as ContactJson | undefined);
          if (!ref)
            recorder.setupFailed(
              'OC-AUTH-401-NO-DATA',
              `authentication (${version}): the contact the refused writes go to could not be created (${answeredAs(created)})`,
            );
          if (ref) contactRef = createdRef = ref;
        }
        // The contact and the list as they were, read at once.
        const [beforeRead, listBefore] = await Promise.all([
          createdRef ? client.retrieveContact(version, createdRef) : undefined,
          readWholeList(recorder, client, version, orderRef),
        ]);
        const before = beforeRead ? ((recorder.exchange(beforeRead).json ?? {}) as ContactJson) : undefined;
        // Every credential variant on every operation: a service that checks only the header's presence, one part
        // of it, compares without case or decodes leniently serves one of them. A variant that would equal the
        // configured credentials (a token without letters in swapped case) is not sent. The smoke tier sends every
        // variant to the list, and one core variant to each other operation, in turn. The refusals are
        // independent: they are sent concurrently.
        const variants = CREDENTIAL_VARIANTS.flatMap((variant) => {
          const auth = variant.auth(runCredentials());
          return auth === undefined ? [] : [{ variant, auth: sendAs(variant, auth) }];
        });
        const core = variants.filter(({ variant }) => CORE_CREDENTIAL_VARIANTS.includes(variant.name));
        const attempts = operations(version, orderRef, contactRef, body)
          .filter(([, , writes]) => !(writes && context.readOnly))
          .flatMap(([operation, call, writes], i) =>
            (isSmoke(context)
              ? i === 0
                ? variants
                : [core[i % core.length] as (typeof core)[number]]
              : variants
            ).map(({ variant, auth }) => ({ operation, call, writes, variant, auth })),
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
          ({ exchange: answer, stray }, { operation, writes, variant }) => {
            const exchange = recorder.exchange(answer);
            const at = { apiVersion: version, operation, exchange };
            const status = exchange.response?.status ?? 0;
            const refused = exchange.response
              ? ruleHolds(variant.rule, at, status === 401, {
                  received: `status ${status} for ${variant.description}`,
                  expected: 'status 401',
                })
              : expectStatus(variant.rule, at, [401]);
            // A 400 or 403 for a header the vendor's pages do not speak of is a refusal, only not the 401 we read.
            if (!variant.documented && status >= 400 && status < 500)
              recorder.checkOnPremise(
                {
                  level: 'inferred',
                  because: `that ${variant.description} is answered 401 (not ${status}) is our reading: the vendor documents 401 for requests that are not authenticated, not for every malformed header`,
                },
                exchange,
                refused,
              );
            else recorder.check(exchange, refused);
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
        // The right credentials in another form HTTP allows (the scheme in lower case) are served. These reads, the
        // list after the refusals and the contact after them go at once.
        const forms = SERVED_CREDENTIAL_FORMS.flatMap((form) => {
          const auth = form.auth(runCredentials());
          return auth === undefined ? [] : [{ form, auth: sendAs(form, auth) }];
        });
        const [servedAnswers, listAfter, afterRead] = await Promise.all([
          Promise.all(forms.map(({ auth }) => client.listContacts(version, orderRef, {}, { auth }))),
          context.readOnly ? undefined : readWholeList(recorder, client, version, orderRef),
          before ? client.retrieveContact(version, contactRef) : undefined,
        ]);
        for (const [i, { form }] of forms.entries()) {
          const served = recorder.exchange(servedAnswers[i] as Exchange);
          const at = { apiVersion: version, operation: served.operation, exchange: served };
          // Served means the list itself, not any 200: a server that answers everything with 200 is not served.
          recorder.check(
            served,
            expectStatus(form.rule, at, [200]),
            ...(served.response?.status === 200
              ? [conformsTo(form.rule, at, version === 'v2.1' ? SchemaName.listV21 : SchemaName.listV2)]
              : []),
          );
        }
        // Undefined in a read-only run, which wrote nothing to look for.
        if (!listAfter) return;
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
        if (before && afterRead) {
          const after = recorder.exchange(afterRead);
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
