// Every read after every write: after the create, the full update (PUT, or the v2 update), PATCH and the delete
// of one contact, its retrieve, the plain list, the expanded list and the other API version must all agree with
// what the write answered. That the versions share contacts is our reading (OC-VERSIONS-SHARE-CONTACTS, SHOULD).
import { it } from 'vitest';
import type { CheckResult } from '../../checks/check-result.ts';
import {
  type ContactJson,
  echoesFields,
  itemRef,
  matchesContact,
  refOf,
  sameJson,
} from '../../checks/contact.ts';
import { expectStatus } from '../../checks/responses.ts';
import { ruleHolds } from '../../checks/violation-builder.ts';
import { type ApiVersion, contactFieldNames, type RuleId } from '../../contracts/index.ts';
import { createFaker, documentedContact } from '../../generators/index.ts';
import type { Exchange } from '../../lib/exchange.ts';
import type { OrderContactClient } from '../../lib/order-contact-client.ts';
import { conformance, runContext } from '../support/harness.ts';
import { orderFor } from '../support/own-order.ts';
import type { RuleRecorder } from '../support/recorder.ts';
import { answeredAs, checkSetUpCreate } from '../support/set-up.ts';
import { settle } from '../support/settle.ts';
import { tagged } from '../support/tagging.ts';
import { isSmoke } from '../support/tier.ts';
import { perVersion } from '../support/version-suites.ts';

const ctx = runContext();

type Write = 'create' | 'full update' | 'PATCH' | 'delete';

function at(version: ApiVersion, exchange: Exchange) {
  return { apiVersion: version, operation: exchange.operation, exchange };
}

function bodyOf(exchange: Exchange): ContactJson {
  return (exchange.json ?? {}) as ContactJson;
}

function accepted(exchange: Exchange): boolean {
  return exchange.response !== undefined && exchange.response.status < 300;
}

function listed(exchange: Exchange, ref: string): ContactJson | undefined {
  const items = ((exchange.json as { items?: unknown[] } | undefined)?.items ?? []) as ContactJson[];
  return items.find((item) => itemRef(item)?.toLowerCase() === ref.toLowerCase());
}

/** The fields both versions have, which a contact read through the other version must show alike. */
function sharedFields(): string[] {
  const v2 = new Set(contactFieldNames('v2'));
  return contactFieldNames('v2.1').filter((field) => v2.has(field) && field !== 'guest');
}

function sameShared(
  rule: RuleId,
  version: ApiVersion,
  exchange: Exchange,
  want: ContactJson,
  got: ContactJson,
  where: string,
): CheckResult {
  const differing = sharedFields().filter(
    (field) => !sameJson({ [field]: want[field] }, { [field]: got[field] }),
  );
  return ruleHolds(rule, at(version, exchange), differing.length === 0, {
    received: `${where}: ${differing.map((f) => `${f} ${JSON.stringify(got[f])}`).join(', ')}`,
    expected: differing.map((f) => `${f} ${JSON.stringify(want[f])}`).join(', '),
  });
}

/** Reads the contact every way after `write` and checks each read against `want` (undefined after the delete). */
async function readsAgree(
  recorder: RuleRecorder,
  client: OrderContactClient,
  versions: { readonly writer: ApiVersion; readonly other: ApiVersion | undefined },
  orderRef: string,
  ref: string,
  write: Write,
  want: ContactJson | undefined,
  settleMs: number,
): Promise<void> {
  const { writer, other } = versions;
  const gone = want === undefined;
  const where = `after the ${write} through ${writer}`;
  const retrieved = recorder.exchange(await client.retrieveContact(writer, ref));
  if (gone) recorder.check(retrieved, expectStatus('OC-DELETE-THEN-404', at(writer, retrieved), [404]));
  else if (write === 'create')
    recorder.check(
      retrieved,
      matchesContact(
        'OC-RETRIEVE-MATCHES-CREATE',
        at(writer, retrieved),
        want,
        bodyOf(retrieved),
        `as the create answered`,
      ),
    );
  else
    recorder.check(
      retrieved,
      echoesFields(at(writer, retrieved), want, bodyOf(retrieved), 'OC-UPDATE-APPLIES'),
    );
  const current = gone ? undefined : bodyOf(retrieved);

  // The plain list (settled: a tenant may list a write a moment after it answered).
  const shows = (exchange: Exchange) =>
    exchange.response?.status === 200 && (listed(exchange, ref) !== undefined) !== gone;
  const list = await settle(
    settleMs,
    async () => recorder.exchange(await client.listContacts(writer, orderRef, { limit: 100 })),
    shows,
  );
  const listRule: RuleId = gone ? 'OC-DELETE-GONE-FROM-LIST' : 'OC-LIST-CONTAINS-CREATED';
  if (list.settled) recorder.settled([listRule], list.waitedMs);
  recorder.check(
    list.value,
    ruleHolds(listRule, at(writer, list.value), shows(list.value), {
      received: `the list ${where} ${gone ? 'still holds' : 'does not hold'} ${ref} (status ${list.value.response?.status})`,
      expected: gone ? 'the contact gone' : 'the contact listed',
    }),
  );

  // The expanded list (v2.1's own reads: a v2 test's recorder holds no v2.1-only rule): the item is the contact
  // as retrieved, or gone.
  if (writer === 'v2.1') {
    const expandRule: RuleId = gone ? 'OC-DELETE-GONE-FROM-LIST' : 'OC-EXPAND-MATCHES-RETRIEVE';
    const expanded = await settle(
      settleMs,
      async () =>
        recorder.exchange(await client.listContacts('v2.1', orderRef, { expand: true, limit: 100 })),
      shows,
    );
    if (expanded.settled) recorder.settled([expandRule], expanded.waitedMs);
    const item = listed(expanded.value, ref);
    recorder.check(
      expanded.value,
      gone || item === undefined || current === undefined
        ? ruleHolds(expandRule, at('v2.1', expanded.value), shows(expanded.value), {
            received: `the expanded list ${where} ${gone ? 'still holds' : 'does not hold'} ${ref}`,
            expected: gone ? 'the contact gone' : 'the contact listed',
          })
        : matchesContact(
            'OC-EXPAND-MATCHES-RETRIEVE',
            at('v2.1', expanded.value),
            current,
            item,
            'as retrieved',
          ),
    );
  }

  // The other version agrees with what this one shows now: the same contact, or gone there too. Where this
  // version is wrong itself (a delete not applied), that is its own rule's finding, not a difference between
  // the versions.
  if (other === undefined) return;
  const writerStatus = retrieved.response?.status;
  const across = recorder.exchange(await client.retrieveContact(other, ref));
  if (writerStatus === 200 && current !== undefined)
    recorder.check(
      across,
      across.response?.status === 200
        ? sameShared(
            'OC-VERSIONS-SHARE-CONTACTS',
            other,
            across,
            current,
            bodyOf(across),
            `retrieved through ${other} ${where}`,
          )
        : expectStatus('OC-VERSIONS-SHARE-CONTACTS', at(other, across), [200]),
    );
  else if (writerStatus === 404)
    recorder.check(across, expectStatus('OC-VERSIONS-SHARE-CONTACTS', at(other, across), [404]));
  const writerShows = listed(list.value, ref) !== undefined;
  if (list.value.response?.status !== 200) return;
  const agrees = (exchange: Exchange) =>
    exchange.response?.status === 200 && (listed(exchange, ref) !== undefined) === writerShows;
  const otherList = await settle(
    settleMs,
    async () => recorder.exchange(await client.listContacts(other, orderRef, { limit: 100 })),
    agrees,
  );
  if (otherList.settled) recorder.settled(['OC-VERSIONS-SHARE-CONTACTS'], otherList.waitedMs);
  recorder.check(
    otherList.value,
    ruleHolds('OC-VERSIONS-SHARE-CONTACTS', at(other, otherList.value), agrees(otherList.value), {
      received: `the ${other} list ${where} ${writerShows ? 'does not hold' : 'holds'} ${ref} (status ${otherList.value.response?.status})`,
      expected: `what the ${writer} list shows: the contact ${writerShows ? 'listed' : 'not listed'}`,
    }),
  );
}

perVersion(ctx).each(ctx.apiVersions)('reads after writes (%s)', (version) => {
  it.skipIf(isSmoke(ctx) || ctx.readOnly || !ctx.orderRef).sequential(
    'every read agrees after every write',
    async ({ task }) => {
      await conformance(task, version, async ({ recorder, client, context }) => {
        const other = context.apiVersions.find((v) => v !== version);
        const versions = { writer: version, other };
        const faker = createFaker(context.seed + 7);
        const now = Date.parse(context.now);
        const rules: RuleId[] = [
          'OC-RETRIEVE-MATCHES-CREATE',
          'OC-UPDATE-APPLIES',
          'OC-DELETE-THEN-404',
          'OC-VERSIONS-SHARE-CONTACTS',
        ];
        const { orderRef, own } = await orderFor(`reads-${version}`, client, version, context);
        try {
          const sent = tagged(documentedContact(faker, { apiVersion: version, now }), context.runId);
          const created = recorder.exchange(await client.createContact(version, orderRef, sent));
          checkSetUpCreate(recorder, version, created);
          const ref = accepted(created) ? refOf(bodyOf(created)) : undefined;
          if (!ref) {
            recorder.setupFailed(
              rules,
              `reads after writes (${version}): the contact could not be created (${answeredAs(created)})`,
            );
            return;
          }
          const agree = (write: Write, want: ContactJson | undefined) =>
            readsAgree(recorder, client, versions, orderRef, ref, write, want, context.settleMs);
          await agree('create', bodyOf(created));

          const replacement = tagged(
            documentedContact(faker, {
              apiVersion: version,
              now,
              operation: version === 'v2.1' ? 'replaceOrderContact' : 'updateOrderContact',
            }),
            context.runId,
          );
          const updated = recorder.exchange(await client.updateContact(version, ref, replacement));
          recorder.check(updated, expectStatus('OC-UPDATE-STATUS', at(version, updated), [200, 201]));
          if (accepted(updated)) await agree('full update', replacement);

          if (version === 'v2.1') {
            const patch = { lastName: 'Read-After-Patch', city: 'Galway' };
            const patched = recorder.exchange(await client.patchContact(ref, patch));
            recorder.check(patched, expectStatus('OC-UPDATE-STATUS', at(version, patched), [200, 201]));
            if (accepted(patched)) await agree('PATCH', patch);
          }

          const deleted = recorder.exchange(await client.deleteContact(version, ref));
          recorder.check(deleted, expectStatus('OC-DELETE-204', at(version, deleted), [204]));
          if (accepted(deleted)) await agree('delete', undefined);
        } finally {
          if (own) await client.deleteOrder(version, orderRef);
        }
      });
    },
  );
});
