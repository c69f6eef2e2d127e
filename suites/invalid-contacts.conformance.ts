// Every invalid case of the generators, for every write operation: the answer the rule demands, the documented
// error body, and nothing stored or changed.
import { it } from 'vitest';
import { type ContactJson, differingFields, refOf } from '../checks/contact.ts';
import { conformsTo } from '../checks/responses.ts';
import type { Unverified } from '../checks/unverified.ts';
import { ruleHolds } from '../checks/violation-builder.ts';
import {
  type ApiVersion,
  type BadRequestError,
  contactFieldNames,
  type RuleId,
  ruleNamed,
  SchemaName,
} from '../contracts/index.ts';
import { createFaker, documentedContact, type InvalidCase, invalidCases } from '../generators/index.ts';
import type { Exchange } from '../lib/exchange.ts';
import type { OrderContactClient } from '../lib/order-contact-client.ts';
import { recomputeTimeRelative, timeRelativeText } from '../lib/time-relative.ts';
import { conformance, runContext } from './support/harness.ts';
import { eachInOrder } from './support/in-order.ts';
import { orderLanes } from './support/own-order.ts';
import type { RuleRecorder } from './support/recorder.ts';
import { INVALID_CASE_OPERATIONS } from './support/request-estimate.ts';
import { answeredAs, checkSetUpCreate } from './support/set-up.ts';
import { settle } from './support/settle.ts';
import { tagged } from './support/tagging.ts';
import { isSmoke, smokeInvalidPlans } from './support/tier.ts';
import { perVersion } from './support/version-suites.ts';
import { addedAcross, readWholeLists, type WholeList } from './support/whole-list.ts';

const ctx = runContext();

const OPERATIONS = INVALID_CASE_OPERATIONS;

/**
 * A future dateOfBirth was built for the case's reference time; against a slow target that moment may have
 * passed before the case is sent, so its time-relative values are computed again for now, and the description
 * quotes what is sent (the finding's message is built from it).
 */
function fresh(c: InvalidCase): InvalidCase {
  if (c.timeRelative === undefined || c.payload === undefined) return c;
  const sentAt = Date.now();
  const before = c.timeRelative.map((v) => timeRelativeText(v, Date.parse(c.now)));
  const { body } = recomputeTimeRelative(JSON.stringify(c.payload), c.timeRelative, sentAt);
  let description = c.description.split(c.now).join(new Date(sentAt).toISOString());
  c.timeRelative.forEach((v, i) => {
    description = description.split(before[i] as string).join(timeRelativeText(v, sentAt));
  });
  return { ...c, payload: JSON.parse(body) as unknown, description };
}

function send(
  client: OrderContactClient,
  version: ApiVersion,
  operation: string,
  target: string,
  c: InvalidCase,
): Promise<Exchange> {
  const raw = c.rawBody === undefined ? {} : { rawBody: c.rawBody, contentType: 'application/json' };
  const body = c.rawBody === undefined ? c.payload : undefined;
  switch (operation) {
    case 'createOrderContact':
      return client.createContact(version, target, body, raw);
    case 'replaceOrderContact':
      return client.replaceContact(target, body, raw);
    case 'partiallyUpdateOrderContact':
      return client.patchContact(target, body, raw);
    default:
      return client.updateContactV2(target, body, raw);
  }
}

/** The contact a retrieve read: a 200 with a JSON object, else undefined. */
function contactRead(exchange: Exchange): ContactJson | undefined {
  const json = exchange.json;
  return exchange.response?.status === 200 &&
    json !== null &&
    typeof json === 'object' &&
    !Array.isArray(json)
    ? (json as ContactJson)
    : undefined;
}

/** The catalogue rule an invalid case breaks (the generators name it as a string). */
function caseRule(c: InvalidCase): RuleId {
  return ruleNamed(c.rule).id;
}

/** Checks the answer to one invalid case: its rule's status, the 400 body, a message naming the field. */
function checkAnswer(
  recorder: RuleRecorder,
  version: ApiVersion,
  operation: string,
  c: InvalidCase,
  exchange: Exchange,
): void {
  const at = {
    apiVersion: version,
    operation,
    exchange,
    ...(c.timeRelative !== undefined ? { timeRelative: c.timeRelative } : {}),
  };
  const status = exchange.response?.status;
  const received = status === undefined ? `no response (${exchange.error?.kind})` : `status ${status}`;
  // An invalid case whose invalidity is our reading (a SHOULD rule, an empty string) that is accepted is a warning.
  recorder.checkOnPremise(
    c.premise,
    exchange,
    ruleHolds(caseRule(c), at, status !== undefined && c.expectedStatus.includes(status), {
      received: `${received} for ${c.id} (${c.description})`,
      expected: `status ${c.expectedStatus.join(' or ')}`,
    }),
  );
  if (status !== 400) return;
  recorder.check(exchange, conformsTo('OC-400-BODY', at, SchemaName.error400));
  const field = c.id.split('.')[0] ?? '';
  if (contactFieldNames(version).includes(field)) {
    const message = (exchange.json as Unverified<BadRequestError> | undefined)?.message;
    recorder.check(
      exchange,
      ruleHolds(
        'OC-400-MESSAGE-FIELD',
        at,
        typeof message === 'string' && message.toLowerCase().startsWith(field.toLowerCase()),
        { received: `message ${JSON.stringify(message)}`, expected: `a message starting with "${field}"` },
      ),
    );
  }
}

perVersion(ctx).each(ctx.apiVersions)('invalid contacts (%s)', (version) => {
  const now = Date.parse(ctx.now);

  it.skipIf(ctx.readOnly || !ctx.orderRef).sequential.for(OPERATIONS[version])(
    '%s rejects every invalid case',
    async (operation, { task }) => {
      await conformance(task, version, async ({ recorder, client, context }) => {
        const cases = invalidCases(
          { seed: context.seed, apiVersion: version, operation, now },
          isSmoke(context) ? smokeInvalidPlans(version, OPERATIONS[version] ?? [], operation) : undefined,
        );
        const at = (exchange: Exchange, op = operation) => ({ apiVersion: version, operation: op, exchange });

        if (operation === 'createOrderContact') {
          // Cases are spread over the lanes' orders, one in flight per order, and checked in their order.
          const lanes = await orderLanes(client, version, context);
          const before = await readWholeLists(recorder, client, version, lanes);
          const accepted = new Set<string>();
          await eachInOrder(
            cases,
            { lanes: lanes.length, concurrency: context.concurrency },
            async (c, index) => {
              const sent = fresh(c);
              const answer = await send(
                client,
                version,
                operation,
                lanes[index % lanes.length] as string,
                sent,
              );
              const ref = refOf(answer.json as ContactJson | undefined);
              const kept = answer.response && answer.response.status < 300 ? ref : undefined;
              return {
                answer,
                sent,
                ref: kept,
                deleted: kept ? await client.deleteContact(version, kept) : undefined,
              };
            },
            ({ answer, sent, ref, deleted }) => {
              const exchange = recorder.exchange(answer);
              checkAnswer(recorder, version, operation, sent, exchange);
              // An accepted case is its own rule's finding (checkAnswer), never OC-INVALID-NOT-STORED's: that rule
              // is about a refusal that stored the contact anyway. Accepted contacts are deleted and not counted.
              if (ref) accepted.add(ref.toLowerCase());
              if (deleted) recorder.exchange(deleted);
            },
          );
          // A lagging list may still show a contact that was accepted and deleted, or one an earlier test deleted
          // after the list before the cases was read: re-read until nothing is new or the wait is over.
          const stored = (lists: readonly WholeList[]) => {
            const diff = addedAcross(before, lists);
            return 'why' in diff ? diff : { ...diff, added: diff.added.filter((r) => !accepted.has(r)) };
          };
          const read = await settle(
            context.settleMs,
            () => readWholeLists(recorder, client, version, lanes),
            (lists) => {
              const diff = stored(lists);
              return 'why' in diff || diff.added.length === 0;
            },
          );
          if (read.settled) recorder.settled(['OC-INVALID-NOT-STORED'], read.waitedMs);
          const diff = stored(read.value);
          if ('why' in diff) {
            recorder.skip('OC-INVALID-NOT-STORED', diff.why);
            return;
          }
          const added = diff.added;
          recorder.check(
            diff.evidence,
            ruleHolds(
              'OC-INVALID-NOT-STORED',
              at(diff.evidence, 'retrieveOrderContacts'),
              added.length === 0,
              {
                received: `new contacts ${JSON.stringify(added)}`,
                expected: 'the list as before the invalid cases',
              },
            ),
          );
          return;
        }

        // Updates: every case goes to a valid contact, which must stay as it was: one contact per lane, each
        // lane's cases one at a time (an accepted case is put back before the next), the lanes in parallel.
        const faker = createFaker(context.seed + 1);
        // Only forms the vendor documents: a strict server must accept the contact every case is applied to.
        const original = tagged(
          documentedContact(faker, { apiVersion: version, now, operation: 'createOrderContact' }),
          context.runId,
        );
        const lanes = await orderLanes(client, version, context);
        const made = await Promise.all(
          lanes.map(async (laneOrder) => {
            const created = await client.createContact(version, laneOrder, original);
            const ref = refOf(created.json as ContactJson | undefined);
            return { created, ref, baseline: ref ? await client.retrieveContact(version, ref) : undefined };
          }),
        );
        const contacts: { ref: string; baseline: ContactJson | undefined; baselineRead: Exchange }[] = [];
        const caseRules: RuleId[] = ['OC-INVALID-UPDATE-NOT-APPLIED', ...new Set(cases.map(caseRule))];
        let refused: Exchange | undefined;
        for (const { created, ref, baseline } of made) {
          // The set-up's create is a finding of its own when refused: the contact has only documented forms.
          checkSetUpCreate(recorder, version, recorder.exchange(created));
          if (!ref || !baseline) {
            refused ??= created;
            continue;
          }
          contacts.push({ ref, baseline: contactRead(recorder.exchange(baseline)), baselineRead: baseline });
        }
        if (contacts.length === 0) {
          recorder.setupFailed(
            caseRules,
            `${operation}: the contact its ${cases.length} cases go to could not be created (${answeredAs(refused)})`,
          );
          return;
        }
        let restoreFailed: string | undefined;
        await eachInOrder(
          cases,
          { lanes: contacts.length, concurrency: context.concurrency },
          async (c, index) => {
            const { ref } = contacts[index % contacts.length] as (typeof contacts)[number];
            const sent = fresh(c);
            const answer = await send(client, version, operation, ref, sent);
            // An accepted update is its own rule's finding (checkAnswer); the contact is put back, and the check
            // below (a refusal that changed the contact anyway) can only trust the comparison if that worked.
            const accepted = answer.response !== undefined && answer.response.status < 300;
            return {
              answer,
              sent,
              restored: accepted ? await client.updateContact(version, ref, original) : undefined,
            };
          },
          ({ answer, sent, restored }, c) => {
            checkAnswer(recorder, version, operation, sent, recorder.exchange(answer));
            if (!restored) return;
            recorder.exchange(restored);
            if (!restored.response || restored.response.status >= 300) restoreFailed ??= c.id;
          },
        );
        const rereads = await Promise.all(contacts.map(({ ref }) => client.retrieveContact(version, ref)));
        const deleteAll = async () => {
          const deleted = await Promise.all(contacts.map(({ ref }) => client.deleteContact(version, ref)));
          for (const exchange of deleted) recorder.exchange(exchange);
        };
        for (const reread of rereads) recorder.exchange(reread);
        if (restoreFailed !== undefined) {
          recorder.setupFailed(
            'OC-INVALID-UPDATE-NOT-APPLIED',
            `${operation}: the contact could not be put back after the accepted case ${restoreFailed}`,
          );
          await deleteAll();
          return;
        }
        const unreadable = contacts.findIndex((c, i) => !c.baseline || !contactRead(rereads[i] as Exchange));
        if (unreadable >= 0) {
          const c = contacts[unreadable] as (typeof contacts)[number];
          // Comparing unreadable answers would find them equal and pass the rule on nothing.
          recorder.setupFailed(
            'OC-INVALID-UPDATE-NOT-APPLIED',
            `${operation}: the contact could not be read back (status ${(c.baseline ? rereads[unreadable] : c.baselineRead)?.response?.status ?? 'none'})`,
          );
          await deleteAll();
          return;
        }
        const changes = contacts.map((c, i) => ({
          reread: rereads[i] as Exchange,
          changed: differingFields(
            version,
            c.baseline as ContactJson,
            contactRead(rereads[i] as Exchange) as ContactJson,
          ).filter((f) => f !== 'modifiedAt'),
        }));
        const changed = changes.find((c) => c.changed.length > 0) ?? (changes[0] as (typeof changes)[number]);
        recorder.check(
          changed.reread,
          ruleHolds(
            'OC-INVALID-UPDATE-NOT-APPLIED',
            at(changed.reread, 'retrieveOrderContact'),
            changed.changed.length === 0,
            {
              received: `changed fields ${JSON.stringify(changed.changed)}`,
              expected: 'the contact as before the invalid updates',
            },
          ),
        );
        await deleteAll();
      });
    },
  );
});
