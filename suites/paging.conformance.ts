// Several contacts on one order: limit and offset honoured, first/last/next consistent and followable.
import { it } from 'vitest';
import { type ContactJson, refOf } from '../checks/contact.ts';
import {
  hrefIsRequest,
  type ListBody,
  limitHonoured,
  linksConsistent,
  offsetHonoured,
  pagesReadTheList,
  refsOf,
} from '../checks/list.ts';
import { conformsTo, expectStatus } from '../checks/responses.ts';
import { type RuleId, SchemaName } from '../contracts/index.ts';
import { createFaker, documentedContact } from '../generators/index.ts';
import { conformance, runContext } from './support/harness.ts';
import { orderFor } from './support/own-order.ts';
import { settle } from './support/settle.ts';
import { tagged } from './support/tagging.ts';
import { isSmoke } from './support/tier.ts';
import { perVersion } from './support/version-suites.ts';

const ctx = runContext();
const CONTACTS = 5;
const LIMIT = 2;
const PAGING_RULES: readonly RuleId[] = ['OC-PAGING-LIMIT', 'OC-PAGING-OFFSET', 'OC-PAGING-LINKS-CONSISTENT'];

perVersion(ctx).each(ctx.apiVersions)('paging (%s)', (version) => {
  it.skipIf(isSmoke(ctx) || ctx.readOnly || !ctx.orderRef).sequential(
    'pages through several contacts',
    async ({ task }) => {
      await conformance(task, version, async ({ recorder, client, context }) => {
        const faker = createFaker(context.seed + 3);
        const now = Date.parse(context.now);
        const refs: string[] = [];
        const { orderRef, own } = await orderFor('paging', client, version, context);
        try {
          for (let i = 0; i < CONTACTS; i += 1) {
            const created = recorder.exchange(
              await client.createContact(
                version,
                orderRef,
                tagged(documentedContact(faker, { apiVersion: version, now }), context.runId),
              ),
            );
            const ref = refOf(created.json as ContactJson | undefined);
            if (!ref && i === 0) {
              // A documented contact on an order of its own: its refusal is a finding, and paging was not checked.
              recorder.check(
                created,
                expectStatus(
                  'OC-CREATE-201',
                  { apiVersion: version, operation: created.operation, exchange: created },
                  [201],
                ),
              );
              recorder.setupFailed(
                PAGING_RULES,
                `paging (${version}): the first contact could not be created (status ${created.response?.status ?? created.error?.kind}, exchange ${created.id})`,
              );
              return;
            }
            if (!ref) {
              // Whether an order takes a second contact is undocumented (the vendor's "primary contact"): no finding.
              recorder.skip(
                PAGING_RULES,
                `the target refused contact ${i + 1} on one order (status ${created.response?.status}); paging needs several`,
              );
              return;
            }
            refs.push(ref);
          }
          // A tenant may list new contacts a moment after their creates answered: wait until all of them show.
          const read = await settle(
            context.settleMs,
            async () => recorder.exchange(await client.listContacts(version, orderRef, { limit: 100 })),
            (exchange) => {
              const listed = new Set(refsOf(exchange.json as ListBody).map((r) => r.toLowerCase()));
              return exchange.response?.status !== 200 || refs.every((r) => listed.has(r.toLowerCase()));
            },
          );
          if (read.settled) recorder.settled(PAGING_RULES, read.waitedMs);
          const all = read.value;
          const order = refsOf(all.json as ListBody);
          const total = order.length;
          const listSchema = version === 'v2.1' ? SchemaName.listV21 : SchemaName.listV2;
          const at = (exchange: typeof all) => ({
            apiVersion: version,
            operation: 'retrieveOrderContacts',
            exchange,
          });

          const first = recorder.exchange(
            await client.listContacts(version, orderRef, { offset: 0, limit: LIMIT }),
          );
          const firstBody = (first.json ?? {}) as ListBody;
          recorder.check(
            first,
            conformsTo('OC-LIST-SCHEMA', at(first), listSchema),
            limitHonoured(at(first), firstBody, LIMIT),
            hrefIsRequest(at(first), firstBody, orderRef),
          );
          const second = recorder.exchange(
            await client.listContacts(version, orderRef, { offset: LIMIT, limit: LIMIT }),
          );
          const secondBody = (second.json ?? {}) as ListBody;
          recorder.check(
            second,
            offsetHonoured(at(second), secondBody, LIMIT, order.slice(LIMIT, 2 * LIMIT)),
            hrefIsRequest(at(second), secondBody, orderRef),
          );

          if (version !== 'v2.1') return;
          // A page size that divides the total exactly is where an off-by-one in last or next shows.
          const exact = recorder.exchange(
            await client.listContacts(version, orderRef, { offset: 0, limit: total }),
          );
          recorder.check(exact, linksConsistent(at(exact), (exact.json ?? {}) as ListBody, total));
          // Follow next from the first page to the end: every contact once, links consistent on every page.
          const seen: string[] = [];
          let page = first;
          for (let hops = 0; hops <= total; hops += 1) {
            const body = (page.json ?? {}) as ListBody;
            recorder.check(page, linksConsistent(at(page), body, total));
            seen.push(...refsOf(body));
            const next = body.next?.href;
            if (typeof next !== 'string') break;
            page = recorder.exchange(await client.follow(version, 'retrieveOrderContacts', next));
          }
          recorder.check(
            page,
            pagesReadTheList(at(page), 'following next from the first page read', seen, order),
          );
          const lastHref = firstBody.last?.href;
          if (typeof lastHref === 'string') {
            const last = recorder.exchange(await client.follow(version, 'retrieveOrderContacts', lastHref));
            const expected = order.slice(Math.floor((total - 1) / LIMIT) * LIMIT);
            const lastRefs = refsOf(last.json as ListBody);
            recorder.check(last, pagesReadTheList(at(last), 'the last page listed', lastRefs, expected));
          }
        } finally {
          for (const ref of refs) recorder.exchange(await client.deleteContact(version, ref));
          if (own) await client.deleteOrder(version, orderRef);
        }
      });
    },
  );
});
