import { itemsOf, readableList, refsOf, unreadableList } from '../../checks/list.ts';
import type { ApiVersion } from '../../contracts/index.ts';
import type { Exchange } from '../../lib/exchange.ts';
import type { OrderContactClient } from '../../lib/order-contact-client.ts';
import type { RuleRecorder } from './recorder.ts';

/** The largest page the API documents (and the mock clamps to). */
const PAGE = 100;
/** 5,000 contacts: far more than a test order holds; beyond it the list is reported incomplete. */
const MAX_PAGES = 50;

/** An order's whole contact list, as far as it could be read. */
export type WholeList =
  | {
      readonly readable: true;
      /** Every ref listed, lower-cased, in list order. */
      readonly refs: readonly string[];
      /** False when paging did not reach the end (offset ignored, or more than 5,000 contacts). */
      readonly complete: boolean;
      /** The last page's exchange, for evidence. */
      readonly last: Exchange;
    }
  | { readonly readable: false; readonly why: string; readonly last: Exchange };

/**
 * Reads an order's whole contact list page by page (limit 100), every exchange through the recorder's universal
 * checks. Checks that a contact is or is not on an order need it: one page of a busy order (a live tenant's, or
 * one holding the run's deleted-but-still-listed contacts) would hide it.
 */
export async function readWholeList(
  recorder: Pick<RuleRecorder, 'exchange'>,
  client: OrderContactClient,
  version: ApiVersion,
  orderRef: string,
): Promise<WholeList> {
  // Insertion-ordered: the refs in list order, each once.
  const refs = new Set<string>();
  for (let page = 0; ; page += 1) {
    const last = recorder.exchange(
      await client.listContacts(version, orderRef, { offset: page * PAGE, limit: PAGE }),
    );
    const body = readableList(last);
    if (!body) return { readable: false, why: unreadableList(last), last };
    const before = refs.size;
    for (const ref of refsOf(body)) refs.add(ref);
    if (itemsOf(body).length < PAGE) return { readable: true, refs: [...refs], complete: true, last };
    // A page of nothing new: the target ignores offset, so the rest cannot be reached.
    if (refs.size === before || page + 1 >= MAX_PAGES)
      return { readable: true, refs: [...refs], complete: false, last };
  }
}

/** Why an absence could not be checked on a list: unreadable, or not read to its end. */
export function incompleteReason(list: WholeList): string {
  if (!list.readable) return list.why;
  return 'the contact list could not be read to its end (paging stopped bringing new contacts)';
}

/** The refs `after` lists that `before` did not, or why that cannot be told (a list unreadable or incomplete). */
export function addedBetween(
  before: WholeList,
  after: WholeList,
): { readonly added: readonly string[] } | { readonly why: string } {
  if (!before.readable || !before.complete) return { why: incompleteReason(before) };
  if (!after.readable || !after.complete) return { why: incompleteReason(after) };
  const known = new Set(before.refs);
  return { added: after.refs.filter((r) => !known.has(r)) };
}

/**
 * The whole lists of several orders (the lanes of orderLanes), read concurrently; their exchanges go through the
 * recorder in the orders' order, so a seed records the same sequence however the reads interleave.
 */
export async function readWholeLists(
  recorder: RuleRecorder,
  client: OrderContactClient,
  version: ApiVersion,
  orderRefs: readonly string[],
): Promise<readonly WholeList[]> {
  const reads = await Promise.all(
    orderRefs.map(async (orderRef) => {
      const seen: Exchange[] = [];
      const keep = (exchange: Exchange): Exchange => {
        seen.push(exchange);
        return exchange;
      };
      return { list: await readWholeList({ exchange: keep }, client, version, orderRef), seen };
    }),
  );
  for (const { seen } of reads) for (const exchange of seen) recorder.exchange(exchange);
  return reads.map((r) => r.list);
}

/** addedBetween over lanes read twice: the refs added on any, with the list that shows the first; or why not. */
export function addedAcross(
  before: readonly WholeList[],
  after: readonly WholeList[],
): { readonly added: readonly string[]; readonly evidence: Exchange } | { readonly why: string } {
  const added: string[] = [];
  let evidence: Exchange | undefined;
  for (const [i, list] of after.entries()) {
    const earlier = before[i];
    if (!earlier) return { why: 'a list was not read before the cases were sent' };
    const diff = addedBetween(earlier, list);
    if ('why' in diff) return diff;
    if (diff.added.length > 0) evidence ??= list.last;
    added.push(...diff.added);
  }
  const first = after[0];
  if (!first) return { why: 'no list was read' };
  return { added, evidence: evidence ?? first.last };
}
