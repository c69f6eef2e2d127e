/**
 * A conformant behaviour the mock can switch on where the vendor is silent or the network varies, so a self-test
 * can show the suite does not cry wolf on a server that makes other choices than the reference.
 * - kind 'behaviour': the handler answers differently, within the contract.
 * - kind 'transport': the node:http adapter changes how answers travel (compression, delays, connections).
 */
export interface VariantDefinition {
  readonly name: string;
  readonly kind: 'behaviour' | 'transport';
  readonly description: string;
  /** Why a conformant server may do this: the vendor's words, or the inferred fact or SHOULD rule it relies on. */
  readonly basis: string;
}

// Variants are data like faults: the handler and the adapter look up their layers by name, tests and
// `occ mock --list-variants` read this table.
export const VARIANTS = [
  {
    name: 'lenient-inferred',
    kind: 'behaviour',
    description:
      'Accepts what only SHOULD (inferred) input rules refuse for the version called (31/12/2030 expiry dates, an empty firstName, a lower-case country, wrong JSON types, ...); still refuses everything MUST rules refuse.',
    basis:
      'contracts/rules.yaml: these input rules are SHOULD, inferred from examples and sibling APIs, not documented refusals (API-NOTES 2.1, 2.3).',
  },
  {
    name: 'strict-dates',
    kind: 'behaviour',
    description:
      'dateOfBirth, passportExpiry and identifiers[].expiryDate are accepted only as UTC date-times in the forms the vendor shows (1991-01-01T16:17:16Z, 1985-12-24T00:00Z, 2025-10-28T00:00:00.000Z); date-only and offset forms get the documented 400 body.',
    basis:
      'The vendor says only "ISO 8601" and every example is a UTC date-time (API-NOTES 2.1, seeds 003); a date-only or offset value is our wider reading.',
  },
  {
    name: 'strict-limit',
    kind: 'behaviour',
    description: 'A limit above 100 is answered 400 with the documented body instead of being clamped.',
    basis: 'The maximum limit is not documented (API-NOTES 4.4); OC-PAGING-LIMIT is SHOULD.',
  },
  {
    name: 'upper-case-refs',
    kind: 'behaviour',
    description:
      'New contacts get upper-case refs (and hrefs), as the vendor v2 example F8D1F0D5-365D-46B7-BECF-D041E93A5705; refs are matched in any case.',
    basis:
      'The vendor v2 create example answers an upper-case ref, retrieve a lower-case one (API-NOTES 2.3 item 6).',
  },
  {
    name: 'extra-fields',
    kind: 'behaviour',
    description:
      'Every JSON body carries an additive field or two: tenantId on contacts, total on list pages, path and timestamp on error bodies.',
    basis: 'Additive fields are compatible; the vendor documents no closed response schema (API-NOTES 8).',
  },
  {
    name: 'lagging-list',
    kind: 'behaviour',
    description:
      "An order's contact list (plain and expand=true) shows a create, update or delete only 300 ms after it answered; retrieve by ref is immediate.",
    basis:
      'Eventual consistency of collections is not ruled out by the vendor; list freshness is not documented.',
  },
  {
    name: 'update-201',
    kind: 'behaviour',
    description: 'PUT, PATCH and the v2 update answer 201 instead of 200.',
    basis:
      'The vendor response-codes page gives 201 for "create operations and update operations" (API-NOTES 3.2); OC-UPDATE-STATUS is SHOULD.',
  },
  {
    name: 'dates-reformatted',
    kind: 'behaviour',
    description:
      'Dates sent are echoed as the same instant in another ISO 8601 form (2025-08-15T16:00:54.000Z for 2025-08-15T16:00:54Z, +00:00 for Z), never another instant.',
    basis: 'The vendor says only "ISO 8601"; the same instant in another ISO 8601 form is the same value.',
  },
  {
    name: 'reordered-keys',
    kind: 'behaviour',
    description: 'JSON object keys come in another order (reversed).',
    basis: 'JSON objects are unordered (RFC 8259 section 4); the vendor documents no key order.',
  },
  {
    name: 'charset-utf8',
    kind: 'behaviour',
    description: 'Every JSON answer has Content-Type: application/json; charset=UTF-8.',
    basis:
      'A media type parameter does not change the media type (RFC 9110 8.3.1); JSON is UTF-8 (RFC 8259).',
  },
  {
    name: 'gzip',
    kind: 'transport',
    description: 'JSON answers are gzip-compressed when the request Accept-Encoding allows it.',
    basis: 'HTTP content coding negotiation (RFC 9110 12.5.3); gateways compress as they please.',
  },
  {
    name: 'deflate',
    kind: 'transport',
    description: 'JSON answers are deflate-compressed when the request Accept-Encoding allows it.',
    basis: 'HTTP content coding negotiation (RFC 9110 12.5.3).',
  },
  {
    name: 'br',
    kind: 'transport',
    description: 'JSON answers are Brotli-compressed when the request Accept-Encoding allows it.',
    basis: 'HTTP content coding negotiation (RFC 9110 12.5.3, RFC 7932).',
  },
  {
    name: 'latency',
    kind: 'transport',
    description: 'Every answer is delayed by 50 ms.',
    basis: 'Production servers are regional (API-NOTES 4.1); nothing promises a response time.',
  },
  {
    name: 'connection-close',
    kind: 'transport',
    description: 'Every answer has Connection: close and the socket is closed after it.',
    basis: 'Persistent connections are optional for a server (RFC 9112 9.6).',
  },
  {
    name: 'rate-limit-429',
    kind: 'behaviour',
    description:
      'A gateway allows 20 requests per second (a token bucket, burst 20); beyond that, 429 with Retry-After: 1 and {status, code: 429, message, moreInfoUrl}, before the request reaches the API.',
    basis:
      'Rate limits are not documented (API-NOTES 4.3), so a gateway may have one; the envelope is API-NOTES 4.3.',
  },
  {
    name: 'transient-resets',
    kind: 'transport',
    description: 'Every 5th connection is reset before its request is processed (nothing is done).',
    basis: 'Networks drop connections; a reset before the request is read has no effect on the server.',
  },
  {
    name: 'transient-503',
    kind: 'behaviour',
    description:
      'Every 7th request is answered 503 with Retry-After: 1 before it is processed (nothing is done).',
    basis:
      'The vendor response-codes page lists 503 "Server serving request temporarily down. Try again immediately as servers are clustered." (API-NOTES 3.2).',
  },
] as const satisfies readonly VariantDefinition[];

/** The name of a variant the mock knows. */
export type VariantName = (typeof VARIANTS)[number]['name'];

/** Every variant name, in the order of the table. */
export const VARIANT_NAMES: readonly VariantName[] = VARIANTS.map((variant) => variant.name);

const KNOWN: ReadonlySet<string> = new Set(VARIANT_NAMES);

/** True when `name` is a variant the mock knows. */
export function isVariantName(name: string): name is VariantName {
  return KNOWN.has(name);
}
