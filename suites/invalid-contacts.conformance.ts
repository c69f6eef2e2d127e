// Every invalid case of the generators, for every write operation: the answer the rule demands, the documented
// error body, and nothing stored or changed.
import { describe, it } from 'vitest';
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
import { conformance, runContext } from './support/harness.ts';
import type { RuleRecorder } from './support/recorder.ts';
import { settle } from './support/settle.ts';
import { tagged } from './support/tagging.ts';
import { addedBetween, readWholeList } from './support/whole-list.ts';

const ctx = runContext();

const OPERATIONS: Readonly<Record<ApiVersion, readonly string[]>> = {
  'v2.1': ['createOrderContact', 'replaceOrderContact', 'partiallyUpdateOrderContact'],
  v2: ['createOrderContact', 'updateOrderContact'],
};

/**
 * A future dateOfBirth was built for the case's reference time; against a slow target that moment may have
 * passed before the case is sent, so the date is moved by the time that went by.
 */
function fresh(c: InvalidCase): InvalidCase {
  if (c.rule !== 'OC-DOB-PAST' || c.payload === null || typeof c.payload !== 'object') return c;
  const payload = c.payload as Record<string, unknown>;
  const dob = Date.parse(String(payload.dateOfBirth));
  if (Number.isNaN(dob) || !String(payload.dateOfBirth).includes('T')) return c;
  const shifted = new Date(dob + (Date.now() - Date.parse(c.now))).toISOString();
  return {
    ...c,
    payload: { ...payload, dateOfBirth: shifted },
    description: `${c.description} (sent as ${shifted})`,
  };
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
  const at = { apiVersion: version, operation, exchange };
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

describe.each(ctx.apiVersions)('invalid contacts (%s)', (version) => {
  const now = Date.parse(ctx.now);

  it.skipIf(ctx.readOnly || !ctx.orderRef).for(OPERATIONS[version])(
    '%s rejects every invalid case',
    async (operation, { task }) => {
      await conformance(task, version, async ({ recorder, client, context }) => {
        const orderRef = context.orderRef as string;
        const cases = invalidCases({ seed: context.seed, apiVersion: version, operation, now });
        const at = (exchange: Exchange, op = operation) => ({ apiVersion: version, operation: op, exchange });

        if (operation === 'createOrderContact') {
          const before = await readWholeList(recorder, client, version, orderRef);
          const accepted = new Set<string>();
          for (const c of cases) {
            const exchange = recorder.exchange(await send(client, version, operation, orderRef, fresh(c)));
            checkAnswer(recorder, version, operation, c, exchange);
            const ref = refOf(exchange.json as ContactJson | undefined);
            // An accepted case is its own rule's finding (checkAnswer), never OC-INVALID-NOT-STORED's: that rule
            // is about a refusal that stored the contact anyway. Accepted contacts are deleted and not counted.
            if (exchange.response && exchange.response.status < 300 && ref) {
              accepted.add(ref.toLowerCase());
              recorder.exchange(await client.deleteContact(version, ref));
            }
          }
          // A lagging list may still show a contact that was accepted and deleted: re-read until it settles.
          const read = await settle(
            context.settleMs,
            () => readWholeList(recorder, client, version, orderRef),
            (list) => !list.readable || list.refs.every((r) => !accepted.has(r)),
          );
          const after = read.value;
          if (read.settled) recorder.settled(['OC-INVALID-NOT-STORED'], read.waitedMs);
          const diff = addedBetween(before, after);
          if ('why' in diff) {
            recorder.skip('OC-INVALID-NOT-STORED', diff.why);
            return;
          }
          const added = diff.added.filter((r) => !accepted.has(r));
          recorder.check(
            after.last,
            ruleHolds('OC-INVALID-NOT-STORED', at(after.last, 'retrieveOrderContacts'), added.length === 0, {
              received: `new contacts ${JSON.stringify(added)}`,
              expected: 'the list as before the invalid cases',
            }),
          );
          return;
        }

        // Updates: every case goes to one valid contact, which must stay as it was.
        const faker = createFaker(context.seed + 1);
        // Only forms the vendor documents: a strict server must accept the contact every case is applied to.
        const original = tagged(
          documentedContact(faker, { apiVersion: version, now, operation: 'createOrderContact' }),
          context.runId,
        );
        const created = recorder.exchange(await client.createContact(version, orderRef, original));
        const ref = refOf(created.json as ContactJson | undefined);
        if (!ref) {
          recorder.skip(
            ['OC-INVALID-UPDATE-NOT-APPLIED', ...new Set(cases.map(caseRule))],
            'a contact to update could not be created',
          );
          return;
        }
        const baselineRead = recorder.exchange(await client.retrieveContact(version, ref));
        const baseline = contactRead(baselineRead);
        let restoreFailed: string | undefined;
        for (const c of cases) {
          const exchange = recorder.exchange(await send(client, version, operation, ref, fresh(c)));
          checkAnswer(recorder, version, operation, c, exchange);
          // An accepted update is its own rule's finding (checkAnswer); the contact is put back, and the check below
          // (a refusal that changed the contact anyway) can only trust the comparison if that worked.
          if (exchange.response && exchange.response.status < 300) {
            const restored = recorder.exchange(await client.updateContact(version, ref, original));
            if (!restored.response || restored.response.status >= 300) restoreFailed = c.id;
          }
        }
        if (restoreFailed !== undefined) {
          recorder.skip(
            'OC-INVALID-UPDATE-NOT-APPLIED',
            `the contact could not be put back after the accepted case ${restoreFailed}`,
          );
          recorder.exchange(await client.deleteContact(version, ref));
          return;
        }
        const reread = recorder.exchange(await client.retrieveContact(version, ref));
        const after = contactRead(reread);
        if (!baseline || !after) {
          // Comparing unreadable answers would find them equal and pass the rule on nothing.
          recorder.skip(
            'OC-INVALID-UPDATE-NOT-APPLIED',
            `the contact could not be read back (status ${(baseline ? reread : baselineRead).response?.status ?? 'none'})`,
          );
          recorder.exchange(await client.deleteContact(version, ref));
          return;
        }
        const changed = differingFields(version, baseline, after).filter((f) => f !== 'modifiedAt');
        recorder.check(
          reread,
          ruleHolds(
            'OC-INVALID-UPDATE-NOT-APPLIED',
            at(reread, 'retrieveOrderContact'),
            changed.length === 0,
            {
              received: `changed fields ${JSON.stringify(changed)}`,
              expected: 'the contact as before the invalid updates',
            },
          ),
        );
        recorder.exchange(await client.deleteContact(version, ref));
      });
    },
  );
});
