// A strategy that varies one field (the country) needs no contact per case: each lane creates one from its first
// case, and each later case of the lane sets that field on it by a full update (the body as created, the field as
// the case has it), so the sweep costs a request per case instead of two (some 500 round trips less per run for a
// far tenant); the lanes' contacts are deleted at the end.

/** The field each swept valid-case strategy varies. */
export const SWEPT_FIELD: Readonly<Record<string, string>> = { 'every-country': 'country' };

/** The requests a sweep of `size` cases over `lanes` lanes sends: a create and a delete per lane used, an update per other case. */
export function sweepRequests(size: number, lanes: number): number {
  return size + Math.min(size, lanes);
}
