import type {
  ItemReference,
  Link,
  OrderContactListExpandedV21,
  OrderContactListV2,
  OrderContactListV21,
} from '../contracts/index.ts';
import type { Exchange } from '../lib/exchange.ts';
import type { CheckResult } from './check-result.ts';
import { itemRef, lastSegment } from './contact.ts';
import type { Unverified } from './unverified.ts';
import type { Violation } from './violation.ts';
import { type CheckContext, ruleCheck, ruleHolds, show, violation } from './violation-builder.ts';

/** A list page as a target answered it: one of the contract's list envelopes, nothing about it verified. */
export type ListBody = Unverified<OrderContactListV21 | OrderContactListExpandedV21 | OrderContactListV2>;

/**
 * The list an exchange read: a 200 with an items array, else undefined. Checks that a contact is ABSENT from a list
 * need one, or an unreadable list (an error page, garbage) would pass them.
 */
export function readableList(exchange: Exchange | undefined): ListBody | undefined {
  const body = exchange?.json as ListBody | undefined;
  return exchange?.response?.status === 200 && Array.isArray(body?.items) ? body : undefined;
}

/** Why readableList found no list, for the reason of a skipped check. */
export function unreadableList(exchange: Exchange | undefined): string {
  if (!exchange?.response)
    return `the contact list could not be read (${exchange?.error?.message ?? 'no response'})`;
  if (exchange.response.status !== 200)
    return `the contact list could not be read (status ${exchange.response.status})`;
  return exchange.json === undefined
    ? 'the contact list could not be read (the body is not JSON)'
    : 'the contact list could not be read (no items array)';
}

/** The items of a list body (empty when it has none). */
export function itemsOf(body: ListBody | undefined): unknown[] {
  return Array.isArray(body?.items) ? body.items : [];
}

/** The refs of a list's items, lower-cased. */
export function refsOf(body: ListBody | undefined): string[] {
  return itemsOf(body)
    .map(itemRef)
    .filter((r): r is string => typeof r === 'string')
    .map((r) => r.toLowerCase());
}

/** OC-PAGING-LINKS-PRESENT: a v2.1 page has first.href and last.href (the schema check reports under its own rule). */
export function pagingLinksPresent(context: CheckContext, body: ListBody): CheckResult {
  if (context.apiVersion !== 'v2.1') return ruleCheck('OC-PAGING-LINKS-PRESENT', context, []);
  return ruleCheck(
    'OC-PAGING-LINKS-PRESENT',
    context,
    (['first', 'last'] as const).flatMap((link) =>
      typeof body[link]?.href === 'string'
        ? []
        : [
            {
              received: `${link}.href ${show(body[link]?.href)}`,
              expected: 'a URL',
              instancePath: `/${link}/href`,
            },
          ],
    ),
  );
}

/** OC-LIST-ITEM-REF: each item names its contact, and its href ends with that ref (in any case). */
export function itemsNameTheirContact(context: CheckContext, body: ListBody): CheckResult {
  const violations: Violation[] = [];
  itemsOf(body).forEach((item, index) => {
    const { ref, href } = (item ?? {}) as Unverified<ItemReference>;
    if (context.apiVersion === 'v2.1' && typeof ref !== 'string') {
      violations.push(
        violation('OC-LIST-ITEM-REF', context, `items[${index}].ref ${show(ref)}`, 'the contact ref', {
          instancePath: `/items/${index}/ref`,
        }),
      );
      return;
    }
    const segment = lastSegment(href);
    const wanted = typeof ref === 'string' ? ref : undefined;
    if (segment === undefined || (wanted !== undefined && segment.toLowerCase() !== wanted.toLowerCase())) {
      violations.push(
        violation(
          'OC-LIST-ITEM-REF',
          context,
          `items[${index}].href ${show(href)}`,
          `an absolute URL whose last segment is ${wanted ?? 'the ref'}`,
          { instancePath: `/items/${index}/href` },
        ),
      );
    }
  });
  return { rules: ['OC-LIST-ITEM-REF'], violations };
}

function queryOf(href: unknown): URLSearchParams | undefined {
  if (typeof href !== 'string') return undefined;
  try {
    return new URL(href).searchParams;
  } catch {
    return undefined;
  }
}

/** OC-LIST-HREF: href is the request's URL: the order's contacts, with the page's offset and limit. */
export function hrefIsRequest(context: CheckContext, body: ListBody, orderRef: string): CheckResult {
  const path = (() => {
    try {
      return typeof body.href === 'string' ? new URL(body.href).pathname : undefined;
    } catch {
      return undefined;
    }
  })();
  const query = queryOf(body.href);
  const expectedPath = `/${context.apiVersion}/orders/${orderRef}/contacts`;
  const held =
    path?.toLowerCase().endsWith(expectedPath.toLowerCase()) === true &&
    query?.get('offset') === String(body.offset) &&
    query?.get('limit') === String(body.limit);
  return ruleHolds('OC-LIST-HREF', context, held, {
    received: `href ${show(body.href)}`,
    expected: `an absolute URL ending in ${expectedPath}?offset=${String(body.offset)}&limit=${String(body.limit)}`,
  });
}

/** OC-LIST-DEFAULTS: without query parameters the page starts at 0 and holds up to 10. */
export function defaultPaging(context: CheckContext, body: ListBody): CheckResult {
  return ruleHolds('OC-LIST-DEFAULTS', context, body.offset === 0 && body.limit === 10, {
    received: `offset ${show(body.offset)}, limit ${show(body.limit)}`,
    expected: 'offset 0, limit 10',
  });
}

/** OC-PAGING-LIMIT: with limit=N the page holds at most N and says N. */
export function limitHonoured(context: CheckContext, body: ListBody, limit: number): CheckResult {
  const items = itemsOf(body).length;
  return ruleHolds('OC-PAGING-LIMIT', context, body.limit === limit && items <= limit, {
    received: `limit ${show(body.limit)} with ${items} items`,
    expected: `limit ${limit} with at most ${limit} items`,
  });
}

/**
 * OC-PAGING-LIMIT for a limit that may be above the target's largest page (the vendor names none): honoured (the
 * page says the limit and holds every contact up to it), clamped and said so (a smaller limit, as many contacts as
 * it says), or refused with 400. Only a page that says one limit and holds fewer contacts than it promises, or an
 * answer that is none of these, is a finding.
 */
export function largeLimitAnswered(
  context: CheckContext,
  status: number | undefined,
  body: ListBody,
  limit: number,
  order: readonly string[],
): CheckResult {
  if (status === 400) return { rules: ['OC-PAGING-LIMIT'], violations: [] };
  const said = Number(body.limit);
  const got = refsOf(body);
  const wanted = order.slice(0, Math.min(said, order.length)).map((r) => r.toLowerCase());
  const held =
    status === 200 &&
    Number.isInteger(said) &&
    said >= 1 &&
    said <= limit &&
    JSON.stringify(got) === JSON.stringify(wanted);
  return ruleHolds('OC-PAGING-LIMIT', context, held, {
    received: `status ${status ?? 'none'}, limit ${show(body.limit)} with ${got.length} items`,
    expected: `limit ${limit} (or a smaller limit it says) with the first ${Math.min(limit, order.length)} (or as many as it says) of the ${order.length} contacts, or 400`,
  });
}

/** OC-PAGING-OFFSET: with offset=N the page says N and starts with the N-th contact (refs in any case). */
export function offsetHonoured(
  context: CheckContext,
  body: ListBody,
  offset: number,
  expectedRefs: readonly string[],
): CheckResult {
  const got = refsOf(body);
  const held =
    body.offset === offset &&
    JSON.stringify(got) === JSON.stringify(expectedRefs.map((r) => r.toLowerCase()));
  return ruleHolds('OC-PAGING-OFFSET', context, held, {
    received: `offset ${show(body.offset)} with items ${show(got)}`,
    expected: `offset ${offset} with items ${show(expectedRefs)}`,
  });
}

/** The offset and limit a paging link points at, or undefined when it is not a URL with both. */
export function linkPage(link: Unverified<Link> | undefined): { offset: number; limit: number } | undefined {
  const query = queryOf(link?.href);
  const offset = Number(query?.get('offset'));
  const limit = Number(query?.get('limit'));
  return query && Number.isInteger(offset) && Number.isInteger(limit) ? { offset, limit } : undefined;
}

/** OC-PAGING-LINKS-CONSISTENT: first is offset 0, last is the last page, next is offset+limit while items remain. */
export function linksConsistent(context: CheckContext, body: ListBody, total: number): CheckResult {
  const out: Violation[] = [];
  const offset = Number(body.offset);
  const limit = Number(body.limit);
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const first = linkPage(body.first);
  const last = linkPage(body.last);
  if (first?.offset !== 0 || first.limit !== limit) {
    out.push(
      violation(
        'OC-PAGING-LINKS-CONSISTENT',
        context,
        `first.href ${show(body.first?.href)}`,
        `offset=0&limit=${limit}`,
      ),
    );
  }
  if (last?.offset !== lastOffset || last.limit !== limit) {
    out.push(
      violation(
        'OC-PAGING-LINKS-CONSISTENT',
        context,
        `last.href ${show(body.last?.href)}`,
        `offset=${lastOffset}&limit=${limit} (${total} contacts)`,
      ),
    );
  }
  const hasMore = offset + limit < total;
  const next = linkPage(body.next);
  if (hasMore && (next?.offset !== offset + limit || next.limit !== limit)) {
    out.push(
      violation(
        'OC-PAGING-LINKS-CONSISTENT',
        context,
        `next ${show(body.next)}`,
        `next.href with offset=${offset + limit}&limit=${limit}`,
      ),
    );
  }
  if (!hasMore && body.next !== undefined) {
    out.push(
      violation(
        'OC-PAGING-LINKS-CONSISTENT',
        context,
        `next ${show(body.next)} on the last page`,
        'no next link on the last page',
      ),
    );
  }
  return { rules: ['OC-PAGING-LINKS-CONSISTENT'], violations: out };
}

/** How the refs read differ from the refs expected (in any case): which are missing, duplicated and extra. */
export function listDifference(
  seen: readonly string[],
  expected: readonly string[],
): NonNullable<Violation['items']> {
  const wanted = new Set(expected.map((r) => r.toLowerCase()));
  const counts = new Map<string, number>();
  for (const ref of seen.map((r) => r.toLowerCase())) counts.set(ref, (counts.get(ref) ?? 0) + 1);
  return {
    missing: [...wanted].filter((ref) => !counts.has(ref)),
    duplicated: [...counts].filter(([, n]) => n > 1).map(([ref]) => ref),
    extra: [...counts.keys()].filter((ref) => !wanted.has(ref)),
  };
}

function firstRefs(refs: readonly string[]): string {
  const shown = refs.slice(0, 3).join(', ');
  return refs.length > 3 ? `${shown}, … (${refs.length})` : `[${shown}]`;
}

/**
 * OC-PAGING-LINKS-CONSISTENT: the refs read by following the paging links are the expected ones, each once and in
 * the list's order. The finding names the counts and the first refs; the lists themselves go into its items, so
 * a long list never floods a terminal or a summary.
 */
export function pagesReadTheList(
  context: CheckContext,
  reading: string,
  seen: readonly string[],
  expected: readonly string[],
): CheckResult {
  const lower = (refs: readonly string[]) => refs.map((r) => r.toLowerCase());
  const held = JSON.stringify(lower(seen)) === JSON.stringify(lower(expected));
  const items = listDifference(seen, expected);
  const reordered =
    items.missing?.length === 0 && items.duplicated?.length === 0 && items.extra?.length === 0;
  const at = lower(seen).findIndex((ref, i) => ref !== lower(expected)[i]);
  return ruleHolds('OC-PAGING-LINKS-CONSISTENT', context, held, {
    received: reordered
      ? `${reading} the same ${seen.length} refs in another order (position ${at}: ${seen[at]} instead of ${expected[at]})`
      : `${reading} ${seen.length} refs ${firstRefs(seen)}`,
    expected: `each of the ${expected.length} contacts once, in the list's order ${firstRefs(expected)}`,
    ...(reordered ? {} : { items }),
  });
}
