// The whole life of one contact per API version, as ordered steps vitest reports one by one: create, retrieve,
// list (plain and expanded), update, retrieve, patch, delete, retrieve (404) and list (gone). Every response is
// checked against the contract. A step whose prerequisite failed records its rules as skipped, with the reason.
import { it } from 'vitest';
import { checkedRules } from '../../checks/check-result.ts';
import {
  type ContactJson,
  echoesFields,
  guestLinkIs,
  hrefIsSelf,
  matchesContact,
  orderLinkIs,
  refIsUuid,
  refOf,
  sameRef,
  timestampsAreUtc,
  timestampsInOrder,
} from '../../checks/contact.ts';
import {
  defaultPaging,
  hrefIsRequest,
  itemsNameTheirContact,
  type ListBody,
  pagingLinksPresent,
  refsOf,
} from '../../checks/list.ts';
import { conformsTo, expectEmptyBody, expectStatus } from '../../checks/responses.ts';
import {
  createdAtKept,
  leftOutFieldsGone,
  modifiedAtAdvanced,
  refStable,
  unnamedFieldsKept,
} from '../../checks/update.ts';
import { type CheckContext, ruleCheck, ruleHolds } from '../../checks/violation-builder.ts';
import { type ApiVersion, type RuleId, SchemaName } from '../../contracts/index.ts';
import { createFaker, documentedContact } from '../../generators/index.ts';
import type { Exchange } from '../../lib/exchange.ts';
import { type ConformanceScope, conformance, runContext } from '../support/harness.ts';
import { orderFor } from '../support/own-order.ts';
import type { RuleRecorder } from '../support/recorder.ts';
import { settle } from '../support/settle.ts';
import { tagged } from '../support/tagging.ts';
import { perVersion } from '../support/version-suites.ts';
import { incompleteReason, readWholeList } from '../support/whole-list.ts';

const ctx = runContext();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the steps of one version's lifecycle hand on to the next. */
interface Lifecycle {
  /** One seeded stream for the whole lifecycle, so a seed replays the same contacts. */
  faker?: ReturnType<typeof createFaker>;
  /** The order the lifecycle's contact is on: its own when the run may create orders (see own-order.ts). */
  orderRef?: string;
  /** The contact's ref, once it was created. */
  ref?: string;
  /** The contact as created, and as retrieved. */
  created?: ContactJson;
  retrieved?: ContactJson;
  /** The full update: what was sent, the contact before it, and whether the target accepted it. */
  update?: { readonly sent: ContactJson; readonly before: ContactJson; readonly accepted: boolean };
  /** The contact as read after the full update: what the partial update starts from. */
  afterUpdate?: ContactJson;
  /** Set once the delete was sent. */
  deleted?: boolean;
}

function body(exchange: Exchange): ContactJson {
  return (exchange.json ?? {}) as ContactJson;
}

function at(version: ApiVersion, exchange: Exchange, operation = exchange.operation): CheckContext {
  return { apiVersion: version, operation, exchange };
}

/**
 * The step's prerequisite, or undefined after recording its rules as inconclusive with the reason: an earlier step's
 * failure is that step's finding, and this step's rules were not checked (never passed on other tests' evidence).
 */
function prerequisite<T>(
  recorder: RuleRecorder,
  value: T | undefined,
  rules: readonly RuleId[],
  reason: string,
): T | undefined {
  if (value === undefined) recorder.setupFailed(rules, `lifecycle (${recorder.apiVersion}): ${reason}`);
  return value;
}

const NOT_CREATED = 'the contact could not be created';

perVersion(ctx, ctx.readOnly || !ctx.orderRef).each(ctx.apiVersions)(
  'order contact lifecycle (%s)',
  (version) => {
    const contactSchema = version === 'v2.1' ? SchemaName.contactV21 : SchemaName.contactV2;
    const listSchema = version === 'v2.1' ? SchemaName.listV21 : SchemaName.listV2;
    const replaceRule = version === 'v2.1' ? 'OC-PUT-REPLACES' : 'OC-V2-UPDATE-REPLACES';
    const state: Lifecycle = {};
    const step = (name: string, run: (scope: ConformanceScope) => Promise<void>) =>
      it.sequential(name, ({ task }) => conformance(task, version, run));
    // Reads of the same state (the list and the expanded list; the contact and the list after the delete): steps
    // declared one after the other with this run at once, the step after them waits for both.
    const readStep = (name: string, run: (scope: ConformanceScope) => Promise<void>) =>
      it.concurrent(name, ({ task }) => conformance(task, version, run));
    const faker = (seed: number) => {
      state.faker ??= createFaker(seed);
      return state.faker;
    };

    step('creates a contact', async ({ recorder, client, context }) => {
      // Deleted with the run's other orders at teardown (it is in the run's ledger).
      const { orderRef } = await orderFor('lifecycle', client, version, context);
      state.orderRef = orderRef;
      // Only forms the vendor documents: a strict server must accept the contact every later step reads.
      const sent = tagged(
        documentedContact(faker(context.seed), { apiVersion: version, now: Date.parse(context.now) }),
        context.runId,
      );
      const created = recorder.exchange(await client.createContact(version, orderRef, sent));
      recorder.check(created, expectStatus('OC-CREATE-201', at(version, created), [201]));
      const contact = body(created);
      const ref = refOf(contact);
      const accepted = created.response !== undefined && created.response.status < 300;
      if (accepted) {
        recorder.check(
          created,
          conformsTo('OC-RESOURCE-SCHEMA', at(version, created), contactSchema),
          refIsUuid(at(version, created), contact, 'OC-CREATE-REF'),
          refIsUuid(at(version, created), contact),
        );
      }
      // The later steps record their rules as inconclusive when they find no contact to work on.
      if (!accepted || !ref) return;
      state.ref = ref;
      state.created = contact;
      recorder.check(
        created,
        echoesFields(at(version, created), sent, contact),
        checkedRules('OC-DATE-INSTANT-ECHO'),
        hrefIsSelf(at(version, created), contact),
        orderLinkIs(at(version, created), contact, orderRef),
        guestLinkIs(at(version, created), contact),
        timestampsAreUtc(at(version, created), contact),
        timestampsInOrder(at(version, created), contact, Date.parse(created.startedAt)),
      );
    });

    step('retrieves it by ref, by href and by the ref in upper case', async ({ recorder, client }) => {
      const ref = prerequisite(recorder, state.ref, ['OC-RETRIEVE-200'], NOT_CREATED);
      const contact = state.created;
      if (ref === undefined || contact === undefined) return;
      const orderRef = state.orderRef as string;
      // Three reads of one contact, sent at once, recorded in this order.
      const [retrievedAnswer, followedAnswer, upperAnswer] = await Promise.all([
        client.retrieveContact(version, ref),
        typeof contact.href === 'string'
          ? client.follow(version, 'retrieveOrderContact', contact.href)
          : undefined,
        client.retrieveContact(version, ref.toUpperCase()),
      ]);
      const retrieved = recorder.exchange(retrievedAnswer);
      const fresh = body(retrieved);
      state.retrieved = fresh;
      recorder.check(
        retrieved,
        expectStatus('OC-RETRIEVE-200', at(version, retrieved), [200]),
        conformsTo('OC-RESOURCE-SCHEMA', at(version, retrieved), contactSchema),
        matchesContact('OC-RETRIEVE-MATCHES-CREATE', at(version, retrieved), contact, fresh, 'as created'),
        timestampsAreUtc(at(version, retrieved), fresh),
        hrefIsSelf(at(version, retrieved), fresh),
        orderLinkIs(at(version, retrieved), fresh, orderRef),
      );
      if (followedAnswer !== undefined) {
        const followed = recorder.exchange(followedAnswer);
        const followedRef = refOf(body(followed));
        recorder.check(
          followed,
          ruleHolds(
            'OC-HREF-FOLLOWABLE',
            at(version, followed),
            followed.response?.status === 200 && sameRef(followedRef, ref),
            {
              received: `status ${followed.response?.status} ref ${JSON.stringify(followedRef)}`,
              expected: `200 with ref ${ref}`,
            },
          ),
        );
      }
      const upper = recorder.exchange(upperAnswer);
      recorder.check(
        upper,
        ruleHolds(
          'OC-REF-CASE-INSENSITIVE',
          at(version, upper),
          upper.response?.status === 200 && sameRef(refOf(body(upper)), ref),
          {
            received: `status ${upper.response?.status} for ${ref.toUpperCase()}`,
            expected: `200 with the contact ${ref}`,
          },
        ),
      );
    });

    readStep('lists it', async ({ recorder, client, context }) => {
      const ref = prerequisite(recorder, state.ref, ['OC-LIST-CONTAINS-CREATED'], NOT_CREATED);
      if (ref === undefined) return;
      const orderRef = state.orderRef as string;
      const listed = recorder.exchange(await client.listContacts(version, orderRef));
      const list = (listed.json ?? {}) as ListBody;
      recorder.check(
        listed,
        expectStatus('OC-LIST-200', at(version, listed), [200]),
        conformsTo('OC-LIST-SCHEMA', at(version, listed), listSchema),
        ...(listed.response?.status === 200 ? [pagingLinksPresent(at(version, listed), list)] : []),
        itemsNameTheirContact(at(version, listed), list),
        defaultPaging(at(version, listed), list),
        hrefIsRequest(at(version, listed), list, orderRef),
      );
      // The default page may not reach a new contact on a busy order: look through the whole list if need be.
      if (refsOf(list).includes(ref.toLowerCase())) {
        recorder.check(listed, checkedRules('OC-LIST-CONTAINS-CREATED'));
        return;
      }
      // A tenant may list a new contact a moment after the create answered: re-read for up to --settle-ms.
      const read = await settle(
        context.settleMs,
        () => readWholeList(recorder, client, version, orderRef),
        (w) => !w.readable || !w.complete || w.refs.includes(ref.toLowerCase()),
      );
      const whole = read.value;
      if (whole.readable && whole.refs.includes(ref.toLowerCase())) {
        recorder.check(whole.last, checkedRules('OC-LIST-CONTAINS-CREATED'));
        recorder.settled(['OC-LIST-CONTAINS-CREATED'], read.waitedMs);
      } else if (whole.readable && !whole.complete)
        recorder.skip('OC-LIST-CONTAINS-CREATED', incompleteReason(whole));
      else
        recorder.check(
          listed,
          ruleCheck('OC-LIST-CONTAINS-CREATED', at(version, listed), [
            {
              received: `refs ${JSON.stringify(whole.readable ? whole.refs : refsOf(list))}`,
              expected: `a list holding ${ref}`,
            },
          ]),
        );
    });

    if (version === 'v2.1') {
      readStep('lists it expanded', async ({ recorder, client, context }) => {
        const ref = prerequisite(
          recorder,
          state.ref,
          ['OC-EXPAND', 'OC-EXPAND-MATCHES-RETRIEVE'],
          NOT_CREATED,
        );
        if (ref === undefined) return;
        const itemOf = (exchange: Exchange) =>
          ((exchange.json as ListBody | undefined)?.items as ContactJson[] | undefined)?.find((i) =>
            sameRef(refOf(i), ref),
          );
        const read = await settle(
          context.settleMs,
          async () =>
            recorder.exchange(await client.listContacts(version, state.orderRef as string, { expand: true })),
          (exchange) => exchange.response?.status !== 200 || itemOf(exchange) !== undefined,
        );
        const expanded = read.value;
        const item = itemOf(expanded);
        if (item !== undefined) recorder.settled(['OC-EXPAND-MATCHES-RETRIEVE'], read.waitedMs);
        recorder.check(
          expanded,
          conformsTo('OC-EXPAND', at(version, expanded), SchemaName.listExpandedV21),
          item === undefined
            ? ruleCheck('OC-EXPAND-MATCHES-RETRIEVE', at(version, expanded), [
                { received: 'no item for the contact', expected: `an expanded item for ${ref}` },
              ])
            : matchesContact(
                'OC-EXPAND-MATCHES-RETRIEVE',
                at(version, expanded),
                state.retrieved ?? {},
                item,
                'as retrieved',
              ),
        );
      });
    }

    step(
      `updates it in full (${version === 'v2.1' ? 'PUT' : 'POST'}), leaving out optional fields it has`,
      async ({ recorder, client, context }) => {
        const ref = prerequisite(recorder, state.ref, ['OC-UPDATE-STATUS', replaceRule], NOT_CREATED);
        if (ref === undefined) return;
        await sleep(20);
        const replacement = tagged(
          documentedContact(faker(context.seed), {
            apiVersion: version,
            now: Date.parse(context.now),
            operation: version === 'v2.1' ? 'replaceOrderContact' : 'updateOrderContact',
          }),
          context.runId,
        );
        for (const field of ['nationality', 'passportNumber', 'phoneNumbers'])
          delete (replacement as Record<string, unknown>)[field];
        const before = state.retrieved ?? {};
        const updated = recorder.exchange(await client.updateContact(version, ref, replacement));
        const accepted = updated.response !== undefined && updated.response.status < 300;
        state.update = { sent: replacement, before, accepted };
        recorder.check(updated, expectStatus('OC-UPDATE-STATUS', at(version, updated), [200, 201]));
        if (!accepted) return;
        const after = body(updated);
        recorder.check(
          updated,
          conformsTo('OC-RESOURCE-SCHEMA', at(version, updated), contactSchema),
          echoesFields(at(version, updated), replacement, after, 'OC-UPDATE-APPLIES'),
          leftOutFieldsGone(replaceRule, at(version, updated), before, replacement, after),
          createdAtKept(at(version, updated), before, after),
          modifiedAtAdvanced(at(version, updated), before, after),
          refStable(at(version, updated), before, after),
          timestampsAreUtc(at(version, updated), after),
          hrefIsSelf(at(version, updated), after),
        );
      },
    );

    step('retrieves it after the update', async ({ recorder, client, context }) => {
      const rules: RuleId[] = ['OC-UPDATE-APPLIES', replaceRule];
      const ref = prerequisite(recorder, state.ref, rules, NOT_CREATED);
      if (ref === undefined) return;
      const update = prerequisite(recorder, state.update, rules, 'the update step did not run');
      if (update === undefined) return;
      // Read back whatever the update answered: a refused update (405, say) is an update not applied too.
      const shows = (exchange: Exchange) =>
        exchange.response?.status === 200 &&
        echoesFields(
          at(version, exchange, 'retrieveOrderContact'),
          update.sent,
          body(exchange),
          'OC-UPDATE-APPLIES',
        ).violations.length === 0;
      const read = update.accepted
        ? await settle(
            context.settleMs,
            async () => recorder.exchange(await client.retrieveContact(version, ref)),
            shows,
          )
        : {
            value: recorder.exchange(await client.retrieveContact(version, ref)),
            waitedMs: 0,
            settled: false,
          };
      const reread = read.value;
      // Any 2xx with a body will do (a wrong status is the retrieve's own finding): a target that answers
      // otherwise is then sent the same requests, which keeps occ compare's pairs in step.
      const status = reread.response?.status ?? 0;
      if (status >= 200 && status < 300 && reread.json !== undefined) state.afterUpdate = body(reread);
      if (read.settled) recorder.settled(['OC-UPDATE-APPLIES'], read.waitedMs);
      if (reread.response?.status === 200 && reread.json !== undefined)
        recorder.check(
          reread,
          echoesFields(
            at(version, reread, 'retrieveOrderContact'),
            update.sent,
            body(reread),
            'OC-UPDATE-APPLIES',
          ),
        );
      if (update.accepted)
        recorder.check(
          reread,
          leftOutFieldsGone(replaceRule, at(version, reread), update.before, update.sent, body(reread)),
        );
    });

    if (version === 'v2.1') {
      step('updates it in part (PATCH): only the keys sent change', async ({ recorder, client, context }) => {
        const ref = prerequisite(recorder, state.ref, ['OC-PATCH-MERGES'], NOT_CREATED);
        if (ref === undefined) return;
        await sleep(20);
        // Nothing has written the contact since the last step read it; read it here only if that read failed.
        const current =
          state.afterUpdate ?? body(recorder.exchange(await client.retrieveContact(version, ref)));
        const random = faker(context.seed);
        const patch = { city: random.location.city(), emails: [random.internet.email()] };
        const patched = recorder.exchange(await client.patchContact(ref, patch));
        recorder.check(patched, expectStatus('OC-UPDATE-STATUS', at(version, patched), [200, 201]));
        if (!patched.response || patched.response.status >= 300) return;
        const after = body(patched);
        recorder.check(
          patched,
          conformsTo('OC-RESOURCE-SCHEMA', at(version, patched), contactSchema),
          echoesFields(at(version, patched), patch, after, 'OC-UPDATE-APPLIES'),
          unnamedFieldsKept(at(version, patched), current, patch, after),
          createdAtKept(at(version, patched), current, after),
          modifiedAtAdvanced(at(version, patched), current, after),
          refStable(at(version, patched), current, after),
        );
        const reread = recorder.exchange(await client.retrieveContact(version, ref));
        recorder.check(reread, unnamedFieldsKept(at(version, reread), current, patch, body(reread)));
      });
    }

    step('deletes it', async ({ recorder, client }) => {
      const ref = prerequisite(recorder, state.ref, ['OC-DELETE-204'], NOT_CREATED);
      if (ref === undefined) return;
      const deleted = recorder.exchange(await client.deleteContact(version, ref));
      state.deleted = true;
      recorder.check(
        deleted,
        expectStatus('OC-DELETE-204', at(version, deleted), [204]),
        expectEmptyBody('OC-DELETE-204', at(version, deleted)),
      );
    });

    readStep('does not find it after the delete', async ({ recorder, client, context }) => {
      const rules: RuleId[] = ['OC-DELETE-THEN-404'];
      const ref = prerequisite(recorder, state.ref, rules, NOT_CREATED);
      if (ref === undefined || !prerequisite(recorder, state.deleted, rules, 'the delete step did not run'))
        return;
      const read = await settle(
        context.settleMs,
        async () => recorder.exchange(await client.retrieveContact(version, ref)),
        (exchange) => exchange.response?.status !== 200,
      );
      const gone = read.value;
      if (read.settled) recorder.settled(rules, read.waitedMs);
      recorder.check(gone, expectStatus('OC-DELETE-THEN-404', at(version, gone), [404]));
      if (gone.response?.status === 404)
        recorder.check(gone, conformsTo('OC-404-BODY', at(version, gone), SchemaName.error));
    });

    readStep('does not list it after the delete', async ({ recorder, client, context }) => {
      const rules: RuleId[] = ['OC-DELETE-GONE-FROM-LIST'];
      const ref = prerequisite(recorder, state.ref, rules, NOT_CREATED);
      if (ref === undefined || !prerequisite(recorder, state.deleted, rules, 'the delete step did not run'))
        return;
      const read = await settle(
        context.settleMs,
        () => readWholeList(recorder, client, version, state.orderRef as string),
        (w) => !w.readable || !w.refs.includes(ref.toLowerCase()),
      );
      const remaining = read.value;
      if (read.settled) recorder.settled(rules, read.waitedMs);
      if (remaining.readable && remaining.refs.includes(ref.toLowerCase()))
        recorder.check(
          remaining.last,
          ruleCheck('OC-DELETE-GONE-FROM-LIST', at(version, remaining.last), [
            {
              received: `${ref} still listed, among ${remaining.refs.length} contacts`,
              expected: `a list without ${ref}`,
            },
          ]),
        );
      else if (remaining.readable && remaining.complete)
        recorder.check(remaining.last, checkedRules('OC-DELETE-GONE-FROM-LIST'));
      else recorder.skip('OC-DELETE-GONE-FROM-LIST', incompleteReason(remaining));
    });
  },
);
