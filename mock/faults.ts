import type { ApiVersion } from '../contracts/index.ts';

/**
 * A named deviation from the contract the mock can switch on, so the suite can prove it catches it.
 * - kind 'contract': the mock answers wrongly; `breaks` lists the catalogue rules (contracts/rules.yaml) the suite
 *   must report when it runs against the mock with this fault.
 * - kind 'transport': the network or gateway misbehaves. An empty `breaks` means the suite's client must cope (retry,
 *   wait, time out) and the run must still pass; a non-empty one names what it must report instead.
 */
export interface FaultDefinition {
  readonly name: string;
  readonly kind: 'contract' | 'transport';
  readonly description: string;
  readonly breaks: readonly string[];
  /** The operationIds whose answers change (both versions unless `versions` says otherwise). */
  readonly operations: readonly string[];
  /** The API versions the fault shows in; both when absent. */
  readonly versions?: readonly ApiVersion[];
}

const CREATE = 'createOrderContact';
const LIST = 'retrieveOrderContacts';
const RETRIEVE = 'retrieveOrderContact';
const PUT = 'replaceOrderContact';
const PATCH = 'partiallyUpdateOrderContact';
const V2_UPDATE = 'updateOrderContact';
const DELETE = 'deleteOrderContact';
const WRITES = [CREATE, PUT, PATCH, V2_UPDATE];
const READS_OF_A_CONTACT = [CREATE, RETRIEVE, PUT, PATCH, V2_UPDATE];
const EVERY_OPERATION = [CREATE, LIST, RETRIEVE, PUT, PATCH, V2_UPDATE, DELETE];
const V21: readonly ApiVersion[] = ['v2.1'];
const V2: readonly ApiVersion[] = ['v2'];

// Faults are data: the handler puts the layer of each fault switched on in front of the reference (FAULT_LAYERS in
// fault-layers.ts), tests and `occ mock --list-faults` read this table, and a self-test can check that the suite
// reports every rule in `breaks`.
export const FAULTS = [
  // --- create -------------------------------------------------------------------------------------
  {
    name: 'create-returns-200',
    kind: 'contract',
    description: 'Create answers 200 instead of 201.',
    breaks: ['OC-CREATE-201'],
    operations: [CREATE],
  },
  {
    name: 'create-omits-ref',
    kind: 'contract',
    description: 'The 201 body has no ref.',
    breaks: ['OC-CREATE-REF', 'OC-RESOURCE-SCHEMA'],
    operations: [CREATE],
  },
  {
    name: 'create-ref-not-uuid',
    kind: 'contract',
    description: 'New contacts get a ref of 32 hex digits without dashes, not a UUID.',
    breaks: ['OC-CREATE-REF', 'OC-REF-UUID', 'OC-RESOURCE-SCHEMA'],
    operations: [CREATE, RETRIEVE, LIST],
  },
  {
    name: 'refs-reused',
    kind: 'contract',
    description:
      'A new contact gets the ref of the contact deleted last, so an old link now leads to somebody else.',
    breaks: ['OC-REF-UNIQUE'],
    operations: [CREATE],
  },
  {
    name: 'create-href-relative',
    kind: 'contract',
    description: 'The 201 body has a relative href (/v2.1/orderContacts/{ref}).',
    breaks: ['OC-HREF-SELF', 'OC-RESOURCE-SCHEMA'],
    operations: [CREATE],
  },
  {
    name: 'create-drops-field-emails',
    kind: 'contract',
    description: 'Create does not store emails.',
    breaks: ['OC-CREATE-ECHO'],
    operations: [CREATE],
  },
  {
    name: 'create-drops-field-dateofbirth',
    kind: 'contract',
    description: 'Create does not store dateOfBirth.',
    breaks: ['OC-CREATE-ECHO'],
    operations: [CREATE],
  },
  {
    name: 'create-drops-field-identifiers',
    kind: 'contract',
    description: 'Create does not store identifiers.',
    breaks: ['OC-CREATE-ECHO'],
    operations: [CREATE],
  },
  {
    name: 'create-drops-field-phonenumbers',
    kind: 'contract',
    description: 'Create does not store phoneNumbers.',
    breaks: ['OC-CREATE-ECHO'],
    operations: [CREATE],
  },
  {
    name: 'echo-changes-case',
    kind: 'contract',
    description: 'Create stores firstName and lastName upper-cased.',
    breaks: ['OC-CREATE-ECHO'],
    operations: [CREATE],
  },
  {
    name: 'create-unicode-mangled',
    kind: 'contract',
    description: 'Create replaces every character outside ASCII in text fields with "?".',
    breaks: ['OC-UNICODE-ECHO'],
    operations: [CREATE],
  },
  {
    name: 'dob-shifted-a-day',
    kind: 'contract',
    description: 'Create stores dateOfBirth one day earlier (a time-zone bug).',
    breaks: ['OC-CREATE-ECHO'],
    operations: [CREATE],
  },
  {
    name: 'dob-time-dropped',
    kind: 'contract',
    description:
      'Create keeps only the UTC calendar day of dateOfBirth (T00:00:00.000Z), losing the time sent.',
    breaks: ['OC-DATE-INSTANT-ECHO'],
    operations: [CREATE],
  },
  {
    name: 'reject-long-titles',
    kind: 'contract',
    description:
      'Create and update refuse a title longer than 4 characters (such as the listed "Brigadier") with 400.',
    breaks: ['OC-TITLE-LISTED-ACCEPTED'],
    operations: WRITES,
  },
  {
    name: 'reject-gender-unknown',
    kind: 'contract',
    description: 'Create and update refuse gender "unknown" with 400.',
    breaks: ['OC-GENDER-VALUES-ACCEPTED'],
    operations: WRITES,
  },
  {
    name: 'require-emails',
    kind: 'contract',
    description: 'Create refuses a contact without emails with 400, so a minimal contact is refused.',
    breaks: ['OC-MINIMAL-ACCEPTED'],
    operations: [CREATE],
  },
  {
    name: 'create-refuses-identifiers',
    kind: 'contract',
    description:
      'Create refuses a contact that carries identifiers with 400 (as if they were server-managed), so every set-up contact is refused.',
    breaks: ['OC-CREATE-201'],
    operations: [CREATE],
  },
  {
    name: 'truncate-long-strings',
    kind: 'contract',
    description: 'Every write stores text longer than 255 characters cut to 255, and answers 201/200.',
    breaks: ['OC-CREATE-ECHO', 'OC-UPDATE-APPLIES'],
    operations: [CREATE, 'replaceOrderContact', 'partiallyUpdateOrderContact', 'updateOrderContact'],
  },
  {
    name: 'patch-strips-astral',
    kind: 'contract',
    description:
      'PATCH drops the characters outside the Basic Multilingual Plane (emoji, math letters) from text.',
    breaks: ['OC-UPDATE-APPLIES'],
    operations: ['partiallyUpdateOrderContact'],
    versions: V21,
  },
  {
    name: 'update-refuses-gender-unknown',
    kind: 'contract',
    description: 'PUT and the v2 update refuse gender "unknown" with 400, though create takes it.',
    breaks: ['OC-UPDATE-STATUS'],
    operations: ['replaceOrderContact', 'updateOrderContact'],
  },
  {
    name: 'versions-separate-stores',
    kind: 'contract',
    description:
      'Each API version sees only the contacts written through it: the other version answers 404 and lists none of them.',
    breaks: ['OC-VERSIONS-SHARE-CONTACTS'],
    operations: [CREATE, RETRIEVE, LIST],
  },
  {
    name: 'expand-stale-after-patch',
    kind: 'contract',
    description:
      'The expanded list shows a contact as it was before its last PATCH; retrieve shows the PATCH.',
    breaks: ['OC-EXPAND-MATCHES-RETRIEVE'],
    operations: [LIST, PATCH],
    versions: V21,
  },
  {
    name: 'unknown-order-creates-contact',
    kind: 'contract',
    description: 'Create on an order that does not exist creates the order on the fly and answers 201.',
    breaks: ['OC-UNKNOWN-ORDER-404'],
    operations: [CREATE],
  },
  // --- representation -----------------------------------------------------------------------------
  {
    name: 'href-wrong-version',
    kind: 'contract',
    description: 'Contact hrefs carry the other version prefix (/v2/ for v2.1 calls, /v2.1/ for v2 calls).',
    breaks: ['OC-HREF-SELF'],
    operations: READS_OF_A_CONTACT,
  },
  {
    name: 'timestamps-without-millis',
    kind: 'contract',
    description: 'createdAt and modifiedAt come without milliseconds (2025-08-15T16:00:55Z).',
    breaks: ['OC-TIMESTAMP-PRECISION'],
    operations: READS_OF_A_CONTACT,
  },
  {
    name: 'timestamps-not-utc',
    kind: 'contract',
    description: 'createdAt and modifiedAt come in local time with a +01:00 offset instead of UTC.',
    breaks: ['OC-TIMESTAMPS'],
    operations: READS_OF_A_CONTACT,
  },
  {
    name: 'modifiedat-before-createdat',
    kind: 'contract',
    description: 'A new contact has modifiedAt one second before createdAt.',
    breaks: ['OC-TIMESTAMP-ORDER'],
    operations: [CREATE, RETRIEVE],
  },
  {
    name: 'order-link-missing',
    kind: 'contract',
    description: 'Contacts come without order.',
    breaks: ['OC-ORDER-LINK', 'OC-RESOURCE-SCHEMA'],
    operations: READS_OF_A_CONTACT,
  },
  {
    name: 'order-link-wrong',
    kind: 'contract',
    description: "order.href points at another order than the contact's.",
    breaks: ['OC-ORDER-LINK'],
    operations: READS_OF_A_CONTACT,
  },
  {
    name: 'guest-link-missing',
    kind: 'contract',
    description: 'Contacts come without guest.',
    breaks: ['OC-GUEST-LINK'],
    operations: READS_OF_A_CONTACT,
  },
  // --- retrieve -----------------------------------------------------------------------------------
  {
    name: 'retrieve-returns-201',
    kind: 'contract',
    description: 'Retrieve answers 201 instead of 200 (as the vendor labels the sibling consumer page).',
    breaks: ['OC-RETRIEVE-200'],
    operations: [RETRIEVE],
  },
  {
    name: 'retrieve-shifts-createdat',
    kind: 'contract',
    description: 'Retrieve shows createdAt one second later than create answered.',
    breaks: ['OC-RETRIEVE-MATCHES-CREATE'],
    operations: [RETRIEVE],
  },
  {
    name: 'refs-case-sensitive',
    kind: 'contract',
    description: 'Refs are matched case-sensitively: the ref in upper case is not found.',
    breaks: ['OC-REF-CASE-INSENSITIVE'],
    operations: [RETRIEVE, PUT, PATCH, V2_UPDATE, DELETE, LIST, CREATE],
  },
  {
    name: 'retrieve-stale-after-update',
    kind: 'contract',
    description: 'Retrieve keeps answering the contact as it was created, whatever updates followed.',
    breaks: ['OC-UPDATE-APPLIES'],
    operations: [RETRIEVE],
  },
  // --- validation ---------------------------------------------------------------------------------
  {
    name: 'accept-future-dob',
    kind: 'contract',
    description: 'A dateOfBirth in the future is accepted.',
    breaks: ['OC-DOB-PAST'],
    operations: WRITES,
    versions: V21,
  },
  {
    name: 'accept-bad-dob-format',
    kind: 'contract',
    description: 'A dateOfBirth that is not ISO 8601 (28/10/1985, 1990-02-30) is accepted.',
    breaks: ['OC-DOB-FORMAT'],
    operations: WRITES,
  },
  {
    name: 'accept-bad-gender',
    kind: 'contract',
    description: 'A gender outside male, female, unknown is accepted.',
    breaks: ['OC-GENDER-ENUM'],
    operations: WRITES,
  },
  {
    name: 'accept-missing-names',
    kind: 'contract',
    description: 'A contact without firstName or lastName (or with either null) is accepted.',
    breaks: ['OC-NAMES-REQUIRED'],
    operations: WRITES,
  },
  {
    name: 'accept-empty-names',
    kind: 'contract',
    description: 'An empty firstName or lastName is accepted.',
    breaks: ['OC-NAMES-NOT-EMPTY'],
    operations: WRITES,
  },
  {
    name: 'accept-lowercase-country',
    kind: 'contract',
    description: 'A country that is not an upper-case alpha-2 code ("ie", "IRL") is accepted.',
    breaks: ['OC-COUNTRY-ISO'],
    operations: WRITES,
  },
  {
    name: 'accept-identifier-without-id',
    kind: 'contract',
    description: 'An identifier without provider or id (or with either null or empty) is accepted.',
    breaks: ['OC-IDENTIFIER-REQUIRED-FIELDS'],
    operations: WRITES,
  },
  {
    name: 'accept-bad-expiry-dates',
    kind: 'contract',
    description: 'A passportExpiry or identifier expiryDate that is not ISO 8601 is accepted.',
    breaks: ['OC-PASSPORT-EXPIRY-FORMAT', 'OC-IDENTIFIER-EXPIRY-FORMAT'],
    operations: WRITES,
  },
  {
    name: 'accept-wrong-types',
    kind: 'contract',
    description: 'Fields and array elements of the wrong JSON type are accepted and stored as sent.',
    breaks: ['OC-FIELD-TYPES', 'OC-ARRAY-ELEMENT-TYPES'],
    operations: WRITES,
  },
  {
    name: 'accept-non-object-body',
    kind: 'contract',
    description: 'A body that is a JSON array, string, number or null is accepted as an empty contact.',
    breaks: ['OC-BODY-OBJECT'],
    operations: WRITES,
  },
  {
    name: 'accept-malformed-json',
    kind: 'contract',
    description: 'A body that is not JSON is taken as an empty contact: create answers 201 and stores it.',
    // The accepted body is OC-MALFORMED-JSON's finding; OC-INVALID-NOT-STORED is about a refusal that stored anyway.
    breaks: ['OC-MALFORMED-JSON'],
    operations: WRITES,
  },
  {
    name: 'malformed-json-500',
    kind: 'contract',
    description: 'A body that is not JSON crashes the request: 500.',
    // A 500 is OC-NO-5XX's finding; it says nothing about the other rules its exchange checked (inconclusive).
    breaks: ['OC-NO-5XX'],
    operations: WRITES,
  },
  {
    name: 'large-body-500',
    kind: 'contract',
    description: 'A body over the size limit answers 500 instead of 413.',
    // A 500 is OC-NO-5XX's finding; it says nothing about the other rules its exchange checked (inconclusive).
    breaks: ['OC-NO-5XX'],
    operations: WRITES,
  },
  {
    name: 'invalid-create-still-stored',
    kind: 'contract',
    description: 'Create answers 400 for an invalid contact but stores it anyway.',
    breaks: ['OC-INVALID-NOT-STORED'],
    operations: [CREATE],
  },
  {
    name: 'invalid-update-still-applied',
    kind: 'contract',
    description: 'An update answers 400 for an invalid body but applies it anyway.',
    breaks: ['OC-INVALID-UPDATE-NOT-APPLIED'],
    operations: [PUT, PATCH, V2_UPDATE],
  },
  {
    name: '415-not-enforced',
    kind: 'contract',
    description: 'A write sent with Content-Type text/plain is handled as JSON instead of getting 415.',
    breaks: ['OC-415-NON-JSON'],
    operations: WRITES,
  },
  // --- error bodies and statuses ------------------------------------------------------------------
  {
    name: '400-body-string-status',
    kind: 'contract',
    description: 'The 400 body has status "BAD_REQUEST" (a string) instead of the integer 400.',
    breaks: ['OC-400-BODY'],
    operations: WRITES,
  },
  {
    name: '400-body-missing-developer-message',
    kind: 'contract',
    description: 'The 400 body has no developerMessage.',
    breaks: ['OC-400-BODY'],
    operations: WRITES,
  },
  {
    name: '400-message-without-field',
    kind: 'contract',
    description: 'The 400 message is "Validation failed." without the offending field.',
    breaks: ['OC-400-MESSAGE-FIELD'],
    operations: WRITES,
  },
  {
    name: '401-body-drops-more-info-url',
    kind: 'contract',
    description:
      'The 401 body has no moreInfoUrl, which the documented body has (an extra field would be drift, not a fault).',
    breaks: ['OC-AUTH-401-BODY'],
    operations: EVERY_OPERATION,
  },
  {
    name: '401-status-integer',
    kind: 'contract',
    description: 'The 401 body has status 401 (an integer) instead of "UNAUTHORIZED".',
    breaks: ['OC-AUTH-401-BODY'],
    operations: EVERY_OPERATION,
  },
  {
    name: 'auth-not-enforced-on-list',
    kind: 'contract',
    description: 'Listing contacts works without credentials or with wrong ones.',
    breaks: ['OC-AUTH-401-MISSING', 'OC-AUTH-401-WRONG'],
    operations: [LIST],
  },
  {
    name: 'auth-not-enforced-on-delete',
    kind: 'contract',
    description: 'Deleting a contact works without credentials or with wrong ones.',
    breaks: ['OC-AUTH-401-MISSING', 'OC-AUTH-401-WRONG', 'OC-AUTH-401-NO-DATA'],
    operations: [DELETE],
  },
  {
    name: 'auth-ignores-token',
    kind: 'contract',
    description: 'Only the client key is checked: any API token is accepted.',
    breaks: ['OC-AUTH-401-WRONG', 'OC-AUTH-401-NO-DATA'],
    operations: EVERY_OPERATION,
  },
  {
    name: 'auth-token-case-insensitive',
    kind: 'contract',
    description: 'The API token is compared without letter case: the token in another case is accepted.',
    breaks: ['OC-AUTH-401-WRONG', 'OC-AUTH-401-NO-DATA'],
    operations: EVERY_OPERATION,
  },
  {
    name: 'auth-accepts-swapped',
    kind: 'contract',
    description: 'The client key and API token are accepted in either order ("token:key").',
    breaks: ['OC-AUTH-401-WRONG', 'OC-AUTH-401-NO-DATA'],
    operations: EVERY_OPERATION,
  },
  {
    name: 'auth-accepts-empty-token',
    kind: 'contract',
    description: 'The right client key with an empty API token ("key:") is accepted.',
    breaks: ['OC-AUTH-401-WRONG', 'OC-AUTH-401-NO-DATA'],
    operations: EVERY_OPERATION,
  },
  {
    name: 'auth-accepts-bearer-token',
    kind: 'contract',
    description: 'The API token is accepted under the Bearer scheme, without the client key.',
    breaks: ['OC-AUTH-401-WRONG', 'OC-AUTH-401-NO-DATA'],
    operations: EVERY_OPERATION,
  },
  {
    name: 'content-type-text-plain',
    kind: 'contract',
    description: 'JSON bodies are sent with Content-Type text/plain.',
    breaks: ['OC-CONTENT-TYPE-JSON'],
    operations: EVERY_OPERATION,
  },
  {
    name: '404-body-not-json',
    kind: 'contract',
    description: 'A 404 answers the text "Not Found" (text/plain) instead of the error envelope.',
    breaks: ['OC-404-BODY', 'OC-CONTENT-TYPE-JSON'],
    operations: EVERY_OPERATION,
  },
  {
    name: 'unknown-contact-returns-200',
    kind: 'contract',
    description: 'Retrieving, updating or deleting a contact that does not exist answers 200 with {}.',
    breaks: ['OC-UNKNOWN-CONTACT-404'],
    operations: [RETRIEVE, PUT, PATCH, V2_UPDATE, DELETE],
  },
  {
    name: 'unknown-order-returns-500',
    kind: 'contract',
    description: 'Creating or listing contacts on an order that does not exist answers 500.',
    // A 500 is OC-NO-5XX's finding; it says nothing about the other rules its exchange checked (inconclusive).
    breaks: ['OC-NO-5XX'],
    operations: [CREATE, LIST],
  },
  // --- list ---------------------------------------------------------------------------------------
  {
    name: 'list-ignores-limit',
    kind: 'contract',
    description: 'The limit parameter is ignored: pages always hold up to 10 contacts.',
    breaks: ['OC-PAGING-LIMIT'],
    operations: [LIST],
  },
  {
    name: 'list-ignores-offset',
    kind: 'contract',
    description: 'The offset parameter is echoed but ignored: every page starts at the first contact.',
    breaks: ['OC-PAGING-OFFSET', 'OC-PAGING-LINKS-CONSISTENT'],
    operations: [LIST],
  },
  {
    name: 'list-next-on-last-page',
    kind: 'contract',
    description: 'The last page still has a next link (to an empty page).',
    breaks: ['OC-PAGING-LINKS-CONSISTENT'],
    operations: [LIST],
    versions: V21,
  },
  {
    name: 'list-last-off-by-one',
    kind: 'contract',
    description:
      'last points at offset floor(total/limit)*limit, an empty page when total is a multiple of limit.',
    breaks: ['OC-PAGING-LINKS-CONSISTENT'],
    operations: [LIST],
    versions: V21,
  },
  {
    name: 'list-offset-past-end-wraps',
    kind: 'contract',
    description: 'An offset at or past the end gives the last page again instead of an empty one.',
    breaks: ['OC-PAGING-OFFSET'],
    operations: [LIST],
  },
  {
    name: 'list-empty-order-404',
    kind: 'contract',
    description: 'Listing an order that has no contacts answers 404 instead of an empty page.',
    breaks: ['OC-LIST-200'],
    operations: [LIST],
  },
  {
    name: 'list-large-limit-500',
    kind: 'contract',
    description: 'A limit above 100 answers 500 instead of being clamped or refused with 400.',
    breaks: ['OC-NO-5XX'],
    operations: [LIST],
  },
  {
    name: 'list-next-when-total-multiple',
    kind: 'contract',
    description:
      'The last page has a next link when the total is a multiple of the limit (offset + limit <= total taken for "more").',
    breaks: ['OC-PAGING-LINKS-CONSISTENT'],
    operations: [LIST],
    versions: V21,
  },
  {
    name: 'list-missing-last',
    kind: 'contract',
    description: 'Pages have no last link.',
    breaks: ['OC-PAGING-LINKS-PRESENT', 'OC-LIST-SCHEMA'],
    operations: [LIST],
    versions: V21,
  },
  {
    name: 'list-items-without-ref',
    kind: 'contract',
    description: 'v2.1 list items carry only href, no ref.',
    breaks: ['OC-LIST-ITEM-REF', 'OC-LIST-SCHEMA'],
    operations: [LIST],
    versions: V21,
  },
  {
    name: 'list-href-relative',
    kind: 'contract',
    description: 'The list href is relative (/v2.1/orders/{orderRef}/contacts?offset=0&limit=10).',
    breaks: ['OC-LIST-HREF', 'OC-LIST-SCHEMA'],
    operations: [LIST],
  },
  {
    name: 'list-omits-newest',
    kind: 'contract',
    description: "The list leaves out the order's most recently created contact.",
    breaks: ['OC-LIST-CONTAINS-CREATED'],
    operations: [LIST],
  },
  {
    name: 'list-default-limit-20',
    kind: 'contract',
    description: 'Without a limit parameter, pages hold up to 20 contacts.',
    breaks: ['OC-LIST-DEFAULTS'],
    operations: [LIST],
  },
  {
    name: 'expand-ignored',
    kind: 'contract',
    description: 'expand=true is ignored: items stay references.',
    breaks: ['OC-EXPAND'],
    operations: [LIST],
    versions: V21,
  },
  {
    name: 'expand-drops-identifiers',
    kind: 'contract',
    description: 'Expanded items leave out identifiers, so they differ from the retrieved contact.',
    breaks: ['OC-EXPAND-MATCHES-RETRIEVE'],
    operations: [LIST],
    versions: V21,
  },
  // --- update -------------------------------------------------------------------------------------
  {
    name: 'update-returns-204',
    kind: 'contract',
    description: 'Updates answer 204 without a body instead of 200 with the contact.',
    breaks: ['OC-UPDATE-STATUS'],
    operations: [PUT, PATCH, V2_UPDATE],
  },
  {
    name: 'put-merges-instead-of-replacing',
    kind: 'contract',
    description: 'PUT keeps the fields it left out, as a PATCH would.',
    breaks: ['OC-PUT-REPLACES'],
    operations: [PUT],
    versions: V21,
  },
  {
    name: 'patch-replaces-instead-of-merging',
    kind: 'contract',
    description: 'PATCH drops every field it did not name, as a PUT would.',
    breaks: ['OC-PATCH-MERGES'],
    operations: [PATCH],
    versions: V21,
  },
  {
    name: 'v2-update-merges',
    kind: 'contract',
    description: 'The v2 update (POST) keeps the fields it left out.',
    breaks: ['OC-V2-UPDATE-REPLACES'],
    operations: [V2_UPDATE],
    versions: V2,
  },
  {
    name: 'v2-update-needs-put',
    kind: 'contract',
    description: 'The v2 update by POST answers 405; only PUT updates a v2 contact.',
    breaks: ['OC-UPDATE-STATUS', 'OC-UPDATE-APPLIES'],
    operations: [V2_UPDATE],
    versions: V2,
  },
  {
    name: 'update-resets-createdat',
    kind: 'contract',
    description: 'Updates set createdAt to the time of the update.',
    breaks: ['OC-CREATED-AT-KEPT'],
    operations: [PUT, PATCH, V2_UPDATE],
  },
  {
    name: 'update-keeps-modifiedat',
    kind: 'contract',
    description: 'Updates leave modifiedAt as it was.',
    breaks: ['OC-MODIFIED-AT-ADVANCED'],
    operations: [PUT, PATCH, V2_UPDATE],
  },
  {
    name: 'update-changes-ref',
    kind: 'contract',
    description: 'The update response carries a new random ref and href.',
    breaks: ['OC-REF-STABLE'],
    operations: [PUT, PATCH, V2_UPDATE],
  },
  // --- delete -------------------------------------------------------------------------------------
  {
    name: 'delete-returns-200-with-body',
    kind: 'contract',
    description: 'Delete answers 200 with the deleted contact instead of 204 without a body.',
    breaks: ['OC-DELETE-204'],
    operations: [DELETE],
  },
  {
    name: 'delete-not-applied',
    kind: 'contract',
    description: 'Delete answers 204 but the contact stays: still retrievable and listed.',
    breaks: ['OC-DELETE-THEN-404', 'OC-DELETE-GONE-FROM-LIST'],
    operations: [DELETE, RETRIEVE, LIST],
  },
  {
    name: 'deleted-still-listed',
    kind: 'contract',
    description: "A deleted contact is gone from retrieve but stays in its order's list.",
    breaks: ['OC-DELETE-GONE-FROM-LIST'],
    operations: [LIST],
  },
  // --- transport ----------------------------------------------------------------------------------
  {
    name: 'flaky-503',
    kind: 'transport',
    description:
      'Every 3rd request answers 503 (before authentication, as a gateway would). A retrying client passes.',
    breaks: [],
    operations: EVERY_OPERATION,
  },
  {
    name: '429-burst',
    kind: 'transport',
    description:
      'Requests 10-12 of every 20 answer 429 with Retry-After: 1. A client that waits as told passes.',
    breaks: [],
    operations: EVERY_OPERATION,
  },
  {
    name: 'slow-responses',
    kind: 'transport',
    description:
      'Every answer is delayed by slowResponseMs (default 250 ms; --slow-ms). A client with a longer timeout passes.',
    breaks: [],
    operations: EVERY_OPERATION,
  },
  {
    name: 'reset-connection',
    kind: 'transport',
    description:
      'Every 5th GET has its connection reset before any answer. A client that retries idempotent requests passes.',
    breaks: [],
    operations: [LIST, RETRIEVE],
  },
  {
    name: 'garbage-body',
    kind: 'transport',
    description:
      'Every 2xx answer to a GET is cut in half and followed by bytes that are not JSON (writes stay intact, so the suite gets that far).',
    breaks: ['OC-RESOURCE-SCHEMA', 'OC-LIST-SCHEMA'],
    operations: [LIST, RETRIEVE],
  },
] as const satisfies readonly FaultDefinition[];

/** The name of a fault the mock knows. */
export type FaultName = (typeof FAULTS)[number]['name'];

/** Every fault name, in the order of the table. */
export const FAULT_NAMES: readonly FaultName[] = FAULTS.map((fault) => fault.name);
