// Several contacts on one order: limit and offset honoured (limit 1, the largest pages, offsets at and past the end),
// first/last/next consistent and followable from every page, a total that is a multiple of the limit and one that is
// not; and an order without contacts.
import { it } from 'vitest';
import { type ContactJson, refOf } from '../../checks/contact.ts';
import {
  hrefIsRequest,
  type ListBody,
  largeLimitAnswered,
  limitHonoured,
  linksConsistent,
  offsetHonoured,
  pagesReadTheList,
  pagingLinksPresent,
  refsOf,
} from '../../checks/list.ts';
import { conformsTo, expectStatus } from '../../checks/responses.ts';
import { type RuleId, SchemaName } from '../../contracts/index.ts';
import { createFaker, documentedContact } from '../../generators/index.ts';
import type { Exchange } from '../../lib/exchange.ts';
import { conformance, runContext } from '../support/harness.ts';
import { orderFor } from '../support/own-order.ts';
import { answeredAs, checkSetUpCreate } from '../support/set-up.ts';
import { settle } from '../support/settle.ts';
import { tagged } from '../support/tagging.ts';
import { isSmoke } from '../support/tier.ts';
import { perVersion } from '../support/version-suites.ts';

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
              checkSetUpCreate(recorder, version, created);
              recorder.setupFailed(
                PAGING_RULES,
                `paging (${version}): the first contact could not be created (${answeredAs(created)})`,
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

          // These reads of one unchanging list do not depend on one another: sent at once, checked in their order.
          const pastEnd = [total, total + 7];
          const bigLimits = [100, 1_000];
          const singles = version !== 'v2.1' ? Array.from({ length: total }, (_, offset) => offset) : [];
          const [firstRead, secondRead, ...reads] = await Promise.all([
            client.listContacts(version, orderRef, { offset: 0, limit: LIMIT }),
            client.listContacts(version, orderRef, { offset: LIMIT, limit: LIMIT }),
            ...pastEnd.map((offset) => client.listContacts(version, orderRef, { offset, limit: LIMIT })),
            ...bigLimits.map((limit) => client.listContacts(version, orderRef, { offset: 0, limit })),
            ...singles.map((offset) => client.listContacts(version, orderRef, { offset, limit: 1 })),
          ]);
          const first = recorder.exchange(firstRead as Exchange);
          const firstBody = (first.json ?? {}) as ListBody;
          recorder.check(
            first,
            conformsTo('OC-LIST-SCHEMA', at(first), listSchema),
            limitHonoured(at(first), firstBody, LIMIT),
            hrefIsRequest(at(first), firstBody, orderRef),
          );
          const second = recorder.exchange(secondRead as Exchange);
          const secondBody = (second.json ?? {}) as ListBody;
          recorder.check(
            second,
            offsetHonoured(at(second), secondBody, LIMIT, order.slice(LIMIT, 2 * LIMIT)),
            hrefIsRequest(at(second), secondBody, orderRef),
          );

          // At and past the end: an empty page, not the last one again.
          for (const [i, offset] of pastEnd.entries()) {
            const past = recorder.exchange(reads[i] as Exchange);
            recorder.check(past, offsetHonoured(at(past), (past.json ?? {}) as ListBody, offset, []));
          }
          // The largest pages: 100 (the vendor names no maximum) and past any sensible one.
          for (const [i, limit] of bigLimits.entries()) {
            const big = recorder.exchange(reads[pastEnd.length + i] as Exchange);
            const status = big.response?.status;
            recorder.check(
              big,
              largeLimitAnswered(at(big), status, (big.json ?? {}) as ListBody, limit, order),
              ...(status === 400 ? [conformsTo('OC-400-BODY', at(big), SchemaName.error400)] : []),
            );
          }

          if (version !== 'v2.1') {
            // One contact a page, by offset (v2 pages have no links): a total every limit divides.
            for (const offset of singles) {
              const one = recorder.exchange(reads[pastEnd.length + bigLimits.length + offset] as Exchange);
              const body = (one.json ?? {}) as ListBody;
              recorder.check(
                one,
                limitHonoured(at(one), body, 1),
                offsetHonoured(at(one), body, offset, order.slice(offset, offset + 1)),
              );
            }
            return;
          }
          // Follows next from `start` to the end: links consistent on every page (and `onPage`'s own checks), every
          // contact once, in the list's order.
          const walkNext = async (
            start: Exchange,
            reading: string,
            onPage?: (body: ListBody, hops: number) => Promise<void>,
          ): Promise<void> => {
            const seen: string[] = [];
            let page = start;
            for (let hops = 0; hops <= total; hops += 1) {
              const body = (page.json ?? {}) as ListBody;
              recorder.check(page, linksConsistent(at(page), body, total));
              seen.push(...refsOf(body));
              await onPage?.(body, hops);
              const next = body.next?.href;
              if (typeof next !== 'string') break;
              page = recorder.exchange(await client.follow(version, 'retrieveOrderContacts', next));
            }
            recorder.check(page, pagesReadTheList(at(page), reading, seen, order));
          };
          // One contact a page, following next: the limit divides the total, so last and next meet exactly.
          const single = recorder.exchange(
            await client.listContacts(version, orderRef, { offset: 0, limit: 1 }),
          );
          recorder.check(single, limitHonoured(at(single), (single.json ?? {}) as ListBody, 1));
          await walkNext(single, 'following next one contact a page read');
          // A page size that divides the total exactly is where an off-by-one in last or next shows.
          const exact = recorder.exchange(
            await client.listContacts(version, orderRef, { offset: 0, limit: total }),
          );
          recorder.check(exact, linksConsistent(at(exact), (exact.json ?? {}) as ListBody, total));
          // Follow next from the first page to the end: every contact once, links consistent on every page.
          const lastPage = order.slice(Math.floor((total - 1) / LIMIT) * LIMIT);
          await walkNext(first, 'following next from the first page read', async (body, hops) => {
            if (hops > 0) {
              // Every page's first and last lead where page one's do: a link built from the page's own offset shows here.
              for (const [name, expected] of [
                ['first', order.slice(0, LIMIT)],
                ['last', lastPage],
              ] as const) {
                const href = body[name]?.href;
                if (typeof href !== 'string') continue;
                const led = recorder.exchange(await client.follow(version, 'retrieveOrderContacts', href));
                recorder.check(
                  led,
                  pagesReadTheList(
                    at(led),
                    `${name} of page ${hops + 1}`,
                    refsOf(led.json as ListBody),
                    expected,
                  ),
                );
              }
            }
          });
          const lastHref = firstBody.last?.href;
          if (typeof lastHref === 'string') {
            const last = recorder.exchange(await client.follow(version, 'retrieveOrderContacts', lastHref));
            const lastRefs = refsOf(last.json as ListBody);
            recorder.check(last, pagesReadTheList(at(last), 'the last page listed', lastRefs, lastPage));
          }
        } finally {
          // Deleted at once, recorded in the order they were created.
          const deletes = await Promise.all(refs.map((ref) => client.deleteContact(version, ref)));
          for (const deleted of deletes) recorder.exchange(deleted);
          if (own) await client.deleteOrder(version, orderRef);
        }
      });
    },
  );

  it.skipIf(isSmoke(ctx) || ctx.readOnly || !ctx.orderRef).sequential(
    'lists an order without contacts',
    async ({ task }) => {
      await conformance(task, version, async ({ recorder, client, context }) => {
        const { orderRef, own } = await orderFor('empty', client, version, context);
        // Only an order of the run's own is surely empty.
        if (!own) {
          recorder.skip(
            ['OC-LIST-200', 'OC-PAGING-LINKS-CONSISTENT'],
            'the run could not create an order of its own to list empty',
          );
          return;
        }
        try {
          const at = (exchange: Exchange) => ({
            apiVersion: version,
            operation: 'retrieveOrderContacts',
            exchange,
          });
          const listSchema = version === 'v2.1' ? SchemaName.listV21 : SchemaName.listV2;
          const empty = recorder.exchange(await client.listContacts(version, orderRef));
          const body = (empty.json ?? {}) as ListBody;
          recorder.check(
            empty,
            expectStatus('OC-LIST-200', at(empty), [200]),
            ...(empty.response?.status === 200
              ? [
                  conformsTo('OC-LIST-SCHEMA', at(empty), listSchema),
                  offsetHonoured(at(empty), body, 0, []),
                  hrefIsRequest(at(empty), body, orderRef),
                ]
              : []),
          );
          if (version === 'v2.1' && empty.response?.status === 200)
            recorder.check(empty, pagingLinksPresent(at(empty), body), linksConsistent(at(empty), body, 0));
        } finally {
          await client.deleteOrder(version, orderRef);
        }
      });
    },
  );
});
