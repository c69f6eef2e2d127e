// What a client gets wrong: a non-JSON Content-Type, unknown orders and contacts. No 5xx anywhere (every
// exchange of every suite is checked for that by the recorder).
import { randomUUID } from 'node:crypto';
import { it } from 'vitest';
import { type ContactJson, refOf } from '../../checks/contact.ts';
import { conformsTo, expectStatus } from '../../checks/responses.ts';
import { ruleHolds } from '../../checks/violation-builder.ts';
import type { RuleId } from '../../contracts/index.ts';
import { SchemaName } from '../../contracts/index.ts';
import { createFaker, documentedContact } from '../../generators/index.ts';
import type { Exchange } from '../../lib/exchange.ts';
import { conformance, runContext } from '../support/harness.ts';
import { homeOrder } from '../support/own-order.ts';
import type { RuleRecorder } from '../support/recorder.ts';
import { tagged } from '../support/tagging.ts';
import { isSmoke } from '../support/tier.ts';
import { perVersion } from '../support/version-suites.ts';
import { addedBetween, readWholeList } from '../support/whole-list.ts';

const ctx = runContext();

function expectNotFound(
  recorder: RuleRecorder,
  rule: RuleId,
  version: 'v2.1' | 'v2',
  exchange: Exchange,
): void {
  const at = { apiVersion: version, operation: exchange.operation, exchange };
  recorder.check(exchange, expectStatus(rule, at, [404]));
  if (exchange.response?.status === 404)
    recorder.check(exchange, conformsTo('OC-404-BODY', at, SchemaName.error));
}

perVersion(ctx).each(ctx.apiVersions)('robustness (%s)', (version) => {
  it.sequential('answers 404 for unknown orders and contacts', async ({ task }) => {
    await conformance(task, version, async ({ recorder, client, context }) => {
      const body = documentedContact(createFaker(context.seed + 4), {
        apiVersion: version,
        now: Date.parse(context.now),
      });
      const unknown = randomUUID();
      expectNotFound(
        recorder,
        'OC-UNKNOWN-ORDER-404',
        version,
        recorder.exchange(await client.listContacts(version, unknown)),
      );
      expectNotFound(
        recorder,
        'OC-UNKNOWN-CONTACT-404',
        version,
        recorder.exchange(await client.retrieveContact(version, unknown)),
      );
      if (context.readOnly) return;
      const created = recorder.exchange(
        await client.createContact(version, unknown, tagged(body, context.runId)),
      );
      expectNotFound(recorder, 'OC-UNKNOWN-ORDER-404', version, created);
      const stray = refOf(created.json as ContactJson | undefined);
      if (stray) recorder.exchange(await client.deleteContact(version, stray));
      expectNotFound(
        recorder,
        'OC-UNKNOWN-CONTACT-404',
        version,
        recorder.exchange(await client.updateContact(version, unknown, body)),
      );
      if (version === 'v2.1') {
        expectNotFound(
          recorder,
          'OC-UNKNOWN-CONTACT-404',
          version,
          recorder.exchange(await client.patchContact(unknown, { city: 'Cork' })),
        );
      }
      expectNotFound(
        recorder,
        'OC-UNKNOWN-CONTACT-404',
        version,
        recorder.exchange(await client.deleteContact(version, unknown)),
      );
    });
  });

  // Its rule is SHOULD: the smoke tier leaves it to the full tier (the 404 probes above stay: they are where a
  // server's 5xx shows, OC-NO-5XX).
  it.skipIf(isSmoke(ctx) || ctx.readOnly || !ctx.orderRef).sequential(
    'refuses a write sent as text/plain with 415 and stores nothing',
    async ({ task }) => {
      await conformance(task, version, async ({ recorder, client, context }) => {
        // The version's own home order: the other version's tests write to theirs at the same time.
        const orderRef = await homeOrder(client, version, context);
        const faker = createFaker(context.seed + 5);
        const now = Date.parse(context.now);
        const body = tagged(documentedContact(faker, { apiVersion: version, now }), context.runId);
        const text = { rawBody: JSON.stringify(body), contentType: 'text/plain' };
        const before = await readWholeList(recorder, client, version, orderRef);
        const created = recorder.exchange(await client.createContact(version, orderRef, undefined, text));
        const at = (exchange: Exchange) => ({ apiVersion: version, operation: exchange.operation, exchange });
        recorder.check(created, expectStatus('OC-415-NON-JSON', at(created), [415]));
        const stray = refOf(created.json as ContactJson | undefined);
        if (stray) recorder.exchange(await client.deleteContact(version, stray));
        const after = await readWholeList(recorder, client, version, orderRef);
        const diff = addedBetween(before, after);
        const added = 'why' in diff ? [] : diff.added.filter((r) => r !== stray?.toLowerCase());
        if ('why' in diff) recorder.skip('OC-415-NON-JSON', diff.why);
        else
          recorder.check(
            after.last,
            ruleHolds('OC-415-NON-JSON', at(after.last), added.length === 0, {
              received: `new contacts ${JSON.stringify(added)}`,
              expected: 'nothing stored',
            }),
          );

        const target = refOf(
          recorder.exchange(await client.createContact(version, orderRef, body)).json as
            | ContactJson
            | undefined,
        );
        if (!target) return;
        const updated = recorder.exchange(await client.updateContact(version, target, undefined, text));
        recorder.check(updated, expectStatus('OC-415-NON-JSON', at(updated), [415]));
        if (version === 'v2.1') {
          const patched = recorder.exchange(
            await client.patchContact(target, undefined, {
              rawBody: '{"city":"Cork"}',
              contentType: 'text/plain',
            }),
          );
          recorder.check(patched, expectStatus('OC-415-NON-JSON', at(patched), [415]));
        }
        recorder.exchange(await client.deleteContact(version, target));
      });
    },
  );

  it.sequential('answers requests outside the contract without a server error', async ({ task }) => {
    await conformance(task, version, async ({ recorder, client, context }) => {
      const at = (exchange: Exchange) => ({ apiVersion: version, operation: exchange.operation, exchange });
      // Paging parameters that are no numbers, or out of range: refused with 400, or a well-formed page (their
      // rules are checked elsewhere in the smoke tier, which leaves these to the full tier).
      if (context.orderRef !== undefined && !isSmoke(context)) {
        const orderRef = await homeOrder(client, version, context);
        const schema = version === 'v2.1' ? SchemaName.listV21 : SchemaName.listV2;
        for (const query of [{ offset: 'abc' }, { offset: '-1' }, { limit: '0' }, { limit: 'ten' }]) {
          const page = recorder.exchange(await client.listContacts(version, orderRef, query));
          const status = page.response?.status;
          if (status === 200) recorder.check(page, conformsTo('OC-LIST-SCHEMA', at(page), schema));
          else if (status === 400)
            recorder.check(page, conformsTo('OC-400-BODY', at(page), SchemaName.error400));
        }
      }
      // A method the path does not take (v2.1 contacts take no POST, v2 contacts no PUT): the server keeps
      // standing. Written with a ref no contact has, so nothing can change.
      if (!context.readOnly) {
        const method = version === 'v2.1' ? 'POST' : 'PUT';
        recorder.exchange(
          await client.outsideContract(version, method, `/${version}/orderContacts/${randomUUID()}`, {
            retry: false,
          }),
        );
      }
    });
  });
});
