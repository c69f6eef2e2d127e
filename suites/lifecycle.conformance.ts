// The whole life of one contact per API version: create, retrieve, list (plain and expanded), update, retrieve,
// delete, retrieve (404) and list (gone). Every response is checked against the contract.
import { describe, it } from 'vitest';
import {
  type ContactBody,
  differingFields,
  echoesFields,
  guestLinkIs,
  hrefIsSelf,
  orderLinkIs,
  refIsUuid,
  refOf,
  timestampsAreUtc,
  timestampsInOrder,
} from '../checks/contact.ts';
import {
  defaultPaging,
  hrefIsRequest,
  itemsNameTheirContact,
  type ListBody,
  pagingLinksPresent,
  refsOf,
} from '../checks/list.ts';
import { conformsTo, expectStatus } from '../checks/responses.ts';
import {
  createdAtKept,
  leftOutFieldsGone,
  modifiedAtAdvanced,
  refStable,
  unnamedFieldsKept,
} from '../checks/update.ts';
import { violation } from '../checks/violation-builder.ts';
import { SchemaName } from '../contracts/index.ts';
import { createFaker, validContact } from '../generators/index.ts';
import type { Exchange } from '../lib/exchange.ts';
import { conformance, runContext } from './support/harness.ts';
import { tagged } from './support/tagging.ts';
import { incompleteReason, readWholeList } from './support/whole-list.ts';

const ctx = runContext();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ctx.apiVersions)('order contact lifecycle (%s)', (version) => {
  const contactSchema = version === 'v2.1' ? SchemaName.contactV21 : SchemaName.contactV2;
  const listSchema = version === 'v2.1' ? SchemaName.listV21 : SchemaName.listV2;

  it.skipIf(ctx.readOnly || !ctx.orderRef)(
    'creates, reads, lists, updates and deletes a contact',
    async ({ task }) => {
      await conformance(task, version, async ({ recorder, client, context }) => {
        const orderRef = context.orderRef as string;
        const faker = createFaker(context.seed);
        const now = Date.parse(context.now);
        const at = (exchange: Exchange, operation = exchange.operation) => ({
          apiVersion: version,
          operation,
          exchange,
        });
        const body = (exchange: Exchange) => (exchange.json ?? {}) as ContactBody;

        // Create
        const sent = tagged(validContact(faker, { apiVersion: version, now }), context.runId);
        const created = recorder.exchange(await client.createContact(version, orderRef, sent));
        recorder.check('OC-CREATE-201', created, expectStatus('OC-CREATE-201', at(created), [201]));
        const contact = body(created);
        const ref = refOf(contact);
        if (created.response && created.response.status < 300) {
          recorder.check(
            'OC-RESOURCE-SCHEMA',
            created,
            conformsTo('OC-RESOURCE-SCHEMA', at(created), contactSchema),
          );
          recorder.check(['OC-CREATE-REF', 'OC-REF-UUID'], created, [
            ...refIsUuid(at(created), contact, 'OC-CREATE-REF'),
            ...refIsUuid(at(created), contact),
          ]);
        }
        if (!created.response || created.response.status >= 300 || !ref) {
          recorder.skip(
            ['OC-RETRIEVE-200', 'OC-LIST-CONTAINS-CREATED', 'OC-UPDATE-STATUS', 'OC-DELETE-204'],
            'the contact could not be created',
          );
          return;
        }
        recorder.check('OC-CREATE-ECHO', created, echoesFields(at(created), sent, contact));
        recorder.check('OC-DATE-INSTANT-ECHO', created, []);
        recorder.check('OC-HREF-SELF', created, hrefIsSelf(at(created), contact));
        recorder.check('OC-ORDER-LINK', created, orderLinkIs(at(created), contact, orderRef));
        recorder.check('OC-GUEST-LINK', created, guestLinkIs(at(created), contact));
        recorder.check(
          ['OC-TIMESTAMPS', 'OC-TIMESTAMP-PRECISION'],
          created,
          timestampsAreUtc(at(created), contact),
        );
        recorder.check(
          'OC-TIMESTAMP-ORDER',
          created,
          timestampsInOrder(at(created), contact, Date.parse(created.startedAt)),
        );

        // Retrieve, by ref, by href, and by the ref in upper case
        const retrieved = recorder.exchange(await client.retrieveContact(version, ref));
        recorder.check('OC-RETRIEVE-200', retrieved, expectStatus('OC-RETRIEVE-200', at(retrieved), [200]));
        recorder.check(
          'OC-RESOURCE-SCHEMA',
          retrieved,
          conformsTo('OC-RESOURCE-SCHEMA', at(retrieved), contactSchema),
        );
        const differs = differingFields(version, contact, body(retrieved));
        recorder.check(
          'OC-RETRIEVE-MATCHES-CREATE',
          retrieved,
          differs.map((field) =>
            violation(
              'OC-RETRIEVE-MATCHES-CREATE',
              at(retrieved),
              `${field} ${JSON.stringify(body(retrieved)[field])}`,
              `${JSON.stringify(contact[field])} as created`,
            ),
          ),
        );
        recorder.check(
          ['OC-TIMESTAMPS', 'OC-TIMESTAMP-PRECISION'],
          retrieved,
          timestampsAreUtc(at(retrieved), body(retrieved)),
        );
        recorder.check('OC-HREF-SELF', retrieved, hrefIsSelf(at(retrieved), body(retrieved)));
        recorder.check('OC-ORDER-LINK', retrieved, orderLinkIs(at(retrieved), body(retrieved), orderRef));
        if (typeof contact.href === 'string') {
          const followed = recorder.exchange(
            await client.follow(version, 'retrieveOrderContact', contact.href),
          );
          const sameRef = refOf(body(followed))?.toLowerCase() === ref.toLowerCase();
          recorder.check(
            'OC-HREF-FOLLOWABLE',
            followed,
            followed.response?.status === 200 && sameRef
              ? []
              : [
                  violation(
                    'OC-HREF-FOLLOWABLE',
                    at(followed),
                    `status ${followed.response?.status} ref ${JSON.stringify(refOf(body(followed)))}`,
                    `200 with ref ${ref}`,
                  ),
                ],
          );
        }
        const upper = recorder.exchange(await client.retrieveContact(version, ref.toUpperCase()));
        recorder.check(
          'OC-REF-CASE-INSENSITIVE',
          upper,
          upper.response?.status === 200 && refOf(body(upper))?.toLowerCase() === ref.toLowerCase()
            ? []
            : [
                violation(
                  'OC-REF-CASE-INSENSITIVE',
                  at(upper),
                  `status ${upper.response?.status} for ${ref.toUpperCase()}`,
                  `200 with the contact ${ref}`,
                ),
              ],
        );

        // List, plain and expanded
        const listed = recorder.exchange(await client.listContacts(version, orderRef));
        const list = (listed.json ?? {}) as ListBody;
        recorder.check('OC-LIST-200', listed, expectStatus('OC-LIST-200', at(listed), [200]));
        recorder.check('OC-LIST-SCHEMA', listed, conformsTo('OC-LIST-SCHEMA', at(listed), listSchema));
        if (listed.response?.status === 200)
          recorder.check('OC-PAGING-LINKS-PRESENT', listed, pagingLinksPresent(at(listed), list));
        recorder.check('OC-LIST-ITEM-REF', listed, itemsNameTheirContact(at(listed), list));
        recorder.check('OC-LIST-DEFAULTS', listed, defaultPaging(at(listed), list));
        recorder.check('OC-LIST-HREF', listed, hrefIsRequest(at(listed), list, orderRef));
        // The default page may not reach a new contact on a busy order: look through the whole list if need be.
        if (refsOf(list).includes(ref.toLowerCase())) recorder.check('OC-LIST-CONTAINS-CREATED', listed, []);
        else {
          const whole = await readWholeList(recorder, client, version, orderRef);
          if (whole.readable && whole.refs.includes(ref.toLowerCase()))
            recorder.check('OC-LIST-CONTAINS-CREATED', whole.last, []);
          else if (whole.readable && !whole.complete)
            recorder.skip('OC-LIST-CONTAINS-CREATED', incompleteReason(whole));
          else
            recorder.check('OC-LIST-CONTAINS-CREATED', listed, [
              violation(
                'OC-LIST-CONTAINS-CREATED',
                at(listed),
                `refs ${JSON.stringify(whole.readable ? whole.refs : refsOf(list))}`,
                `a list holding ${ref}`,
              ),
            ]);
        }
        if (version === 'v2.1') {
          const expanded = recorder.exchange(await client.listContacts(version, orderRef, { expand: true }));
          recorder.check(
            'OC-EXPAND',
            expanded,
            conformsTo('OC-EXPAND', at(expanded), SchemaName.listExpandedV21),
          );
          const item = ((expanded.json as ListBody | undefined)?.items as ContactBody[] | undefined)?.find(
            (i) => refOf(i)?.toLowerCase() === ref.toLowerCase(),
          );
          const fresh = body(retrieved);
          recorder.check(
            'OC-EXPAND-MATCHES-RETRIEVE',
            expanded,
            item === undefined
              ? [
                  violation(
                    'OC-EXPAND-MATCHES-RETRIEVE',
                    at(expanded),
                    'no item for the contact',
                    `an expanded item for ${ref}`,
                  ),
                ]
              : differingFields(version, fresh, item).map((field) =>
                  violation(
                    'OC-EXPAND-MATCHES-RETRIEVE',
                    at(expanded),
                    `${field} ${JSON.stringify(item[field])}`,
                    `${JSON.stringify(fresh[field])} as retrieved`,
                  ),
                ),
          );
        }

        // Full update: PUT in v2.1, POST in v2. Leave out optional fields the contact has, to see them go.
        await sleep(20);
        const replacement = tagged(validContact(faker, { apiVersion: version, now }), context.runId);
        for (const field of ['nationality', 'passportNumber', 'phoneNumbers'])
          delete (replacement as Record<string, unknown>)[field];
        const before = body(retrieved);
        const updated = recorder.exchange(await client.updateContact(version, ref, replacement));
        recorder.check(
          'OC-UPDATE-STATUS',
          updated,
          expectStatus('OC-UPDATE-STATUS', at(updated), [200, 201]),
        );
        const replaceRule = version === 'v2.1' ? 'OC-PUT-REPLACES' : 'OC-V2-UPDATE-REPLACES';
        if (updated.response && updated.response.status < 300) {
          const after = body(updated);
          recorder.check(
            'OC-RESOURCE-SCHEMA',
            updated,
            conformsTo('OC-RESOURCE-SCHEMA', at(updated), contactSchema),
          );
          recorder.check(
            'OC-UPDATE-APPLIES',
            updated,
            echoesFields(at(updated), replacement, after, 'OC-UPDATE-APPLIES'),
          );
          recorder.check(
            replaceRule,
            updated,
            leftOutFieldsGone(replaceRule, at(updated), before, replacement, after),
          );
          recorder.check('OC-CREATED-AT-KEPT', updated, createdAtKept(at(updated), before, after));
          recorder.check('OC-MODIFIED-AT-ADVANCED', updated, modifiedAtAdvanced(at(updated), before, after));
          recorder.check('OC-REF-STABLE', updated, refStable(at(updated), before, after));
          recorder.check(
            ['OC-TIMESTAMPS', 'OC-TIMESTAMP-PRECISION'],
            updated,
            timestampsAreUtc(at(updated), after),
          );
          recorder.check('OC-HREF-SELF', updated, hrefIsSelf(at(updated), after));
        }
        // Read back whatever the update answered: a refused update (405, say) is an update not applied too.
        const reread = recorder.exchange(await client.retrieveContact(version, ref));
        if (reread.response?.status === 200 && reread.json !== undefined)
          recorder.check(
            'OC-UPDATE-APPLIES',
            reread,
            echoesFields(at(reread, 'retrieveOrderContact'), replacement, body(reread), 'OC-UPDATE-APPLIES'),
          );
        if (updated.response && updated.response.status < 300) {
          recorder.check(
            replaceRule,
            reread,
            leftOutFieldsGone(replaceRule, at(reread), before, replacement, body(reread)),
          );
        }

        // Partial update (v2.1): only the keys sent change.
        if (version === 'v2.1') {
          await sleep(20);
          const current = body(recorder.exchange(await client.retrieveContact(version, ref)));
          const patch = { city: faker.location.city(), emails: [faker.internet.email()] };
          const patched = recorder.exchange(await client.patchContact(ref, patch));
          recorder.check(
            'OC-UPDATE-STATUS',
            patched,
            expectStatus('OC-UPDATE-STATUS', at(patched), [200, 201]),
          );
          if (patched.response && patched.response.status < 300) {
            const after = body(patched);
            recorder.check(
              'OC-RESOURCE-SCHEMA',
              patched,
              conformsTo('OC-RESOURCE-SCHEMA', at(patched), contactSchema),
            );
            recorder.check(
              'OC-UPDATE-APPLIES',
              patched,
              echoesFields(at(patched), patch, after, 'OC-UPDATE-APPLIES'),
            );
            recorder.check('OC-PATCH-MERGES', patched, unnamedFieldsKept(at(patched), current, patch, after));
            recorder.check('OC-CREATED-AT-KEPT', patched, createdAtKept(at(patched), current, after));
            recorder.check(
              'OC-MODIFIED-AT-ADVANCED',
              patched,
              modifiedAtAdvanced(at(patched), current, after),
            );
            recorder.check('OC-REF-STABLE', patched, refStable(at(patched), current, after));
            const reread = recorder.exchange(await client.retrieveContact(version, ref));
            recorder.check(
              'OC-PATCH-MERGES',
              reread,
              unnamedFieldsKept(at(reread), current, patch, body(reread)),
            );
          }
        }

        // Delete, then it is gone.
        const deleted = recorder.exchange(await client.deleteContact(version, ref));
        const deletedBody = deleted.response?.body ?? '';
        recorder.check('OC-DELETE-204', deleted, [
          ...expectStatus('OC-DELETE-204', at(deleted), [204]),
          ...(deletedBody.length > 0
            ? [
                violation(
                  'OC-DELETE-204',
                  at(deleted),
                  `a body ${JSON.stringify(deletedBody.slice(0, 100))}`,
                  'an empty body',
                ),
              ]
            : []),
        ]);
        const gone = recorder.exchange(await client.retrieveContact(version, ref));
        recorder.check('OC-DELETE-THEN-404', gone, expectStatus('OC-DELETE-THEN-404', at(gone), [404]));
        if (gone.response?.status === 404)
          recorder.check('OC-404-BODY', gone, conformsTo('OC-404-BODY', at(gone), SchemaName.error));
        const remaining = await readWholeList(recorder, client, version, orderRef);
        if (remaining.readable && remaining.refs.includes(ref.toLowerCase()))
          recorder.check('OC-DELETE-GONE-FROM-LIST', remaining.last, [
            violation(
              'OC-DELETE-GONE-FROM-LIST',
              at(remaining.last),
              `${ref} still listed, among ${remaining.refs.length} contacts`,
              `a list without ${ref}`,
            ),
          ]);
        else if (remaining.readable && remaining.complete)
          recorder.check('OC-DELETE-GONE-FROM-LIST', remaining.last, []);
        else recorder.skip('OC-DELETE-GONE-FROM-LIST', incompleteReason(remaining));
      });
    },
  );
});
