// A fixed, hand-built run for the writers' tests and golden files: every status (inconclusive too), both API
// versions, a Pact interaction, evidence with hostile text and an oversized body, a finding lowered by an inferred
// premise with a long list of refs, settling, and capabilities in every status. Nothing here
// is random or read from the clock.
import type { RuleObservation, Violation } from '../../checks/violation.ts';
import { type BuildReportInput, buildReport } from '../build-report.ts';
import type { CapabilityInfo, ConformanceReport, RuleInfo, RunInfo } from '../model.ts';

const BASE = 'https://api-engage-eu.sitecorecloud.io';
const ORDER = '2d7de9df-45a2-45ea-872c-30e45139007d';
const CONTACT = 'c0ffee00-1111-4222-8333-444455556666';

/** The catalogue slice the sample uses. */
export const SAMPLE_RULES: readonly RuleInfo[] = [
  {
    id: 'OC-AUTH-401-MISSING',
    title: 'A request without credentials gets 401',
    category: 'auth',
    source: 'seeds/000_f3828ae8c806ed4d.txt',
    levels: { 'v2.1': 'MUST', v2: 'MUST' },
    operations: ['createOrderContact', 'retrieveOrderContacts'],
  },
  {
    id: 'OC-CREATE-ECHO',
    title: 'Create echoes every field sent',
    category: 'body',
    source: 'seeds/001_create-order-contact.txt',
    levels: { 'v2.1': 'MUST', v2: 'MUST' },
    operations: ['createOrderContact'],
  },
  {
    id: 'OC-TIMESTAMP-PRECISION',
    title: 'Timestamps carry milliseconds and Z',
    category: 'body',
    source: 'seeds/001_create-order-contact.txt',
    levels: { 'v2.1': 'SHOULD', v2: 'SHOULD' },
    operations: ['createOrderContact', 'retrieveOrderContact'],
  },
  {
    id: 'OC-LIST-DEFAULTS',
    title: 'List defaults to offset 0 and limit 10',
    category: 'paging',
    source: 'seeds/002_retrieve-order-contacts.txt',
    levels: { 'v2.1': 'MUST', v2: 'MUST' },
    operations: ['retrieveOrderContacts'],
  },
  {
    id: 'OC-DELETE-THEN-404',
    title: 'A deleted contact is not found',
    category: 'delete',
    source: 'seeds/004_delete-order-contact.txt',
    levels: { 'v2.1': 'SHOULD', v2: 'SHOULD' },
    operations: ['deleteOrderContact', 'retrieveOrderContact'],
  },
  {
    id: 'OC-PAGING-LINKS-PRESENT',
    title: 'first and last links are present',
    category: 'paging',
    source: 'seeds/002_retrieve-order-contacts.txt',
    levels: { 'v2.1': 'MUST' },
    operations: ['retrieveOrderContacts'],
  },
];

/** The capabilities the sample groups its rules by: one lacking, one partial, ok ones and an unchecked one. */
export const SAMPLE_CAPABILITIES: readonly CapabilityInfo[] = [
  {
    id: 'echo',
    title: 'Echo of the request',
    lacking:
      'Answers do not reflect the request: the contact returned by create differs from the one sent (fields missing, changed or replaced by fixed example values, dates or Unicode text altered).',
    hint: 'Build the create response from the request body (plus ref, href, order, createdAt and modifiedAt) instead of a canned example.',
    rules: ['OC-CREATE-ECHO', 'OC-UNICODE-ECHO'],
  },
  {
    id: 'deletes-applied',
    title: 'Deletes applied',
    lacking:
      'Deletes are not applied: a deleted contact can still be retrieved or is still listed on its order.',
    hint: 'Remove the contact from the store on DELETE; a later retrieve answers 404 and the list leaves it out.',
    rules: ['OC-DELETE-THEN-404'],
  },
  {
    id: 'auth',
    title: 'Authentication',
    lacking:
      'Authentication is not enforced: requests without credentials or with a wrong API token are served.',
    hint: 'Check the Basic credentials on every operation before anything else; answer 401 with the documented body.',
    rules: ['OC-AUTH-401-MISSING'],
  },
  {
    id: 'paging',
    title: 'Paging and expand',
    lacking: 'Paging is not honoured: the list ignores offset, limit or expand.',
    hint: "Page the order's contacts by offset and limit (defaults 0 and 10).",
    rules: ['OC-LIST-DEFAULTS', 'OC-PAGING-LINKS-PRESENT'],
  },
  {
    id: 'response-bodies',
    title: 'Response bodies',
    lacking:
      'Response bodies are not as documented: they break the schema, or carry timestamps that are not UTC with milliseconds.',
    hint: 'Validate your responses against contracts/schemas <and> keep timestamps "…Z" with milliseconds.',
    rules: ['OC-TIMESTAMP-PRECISION'],
  },
];

/** The run the sample describes. */
export const SAMPLE_RUN: RunInfo = {
  tool: { name: 'order-contact-conformance', version: '0.1.0' },
  contract: { version: '3f2a9c1b7e04', rules: 71 },
  runId: 'run-20250301T101500Z-7f3a',
  seed: 424242,
  strict: false,
  target: { baseUrl: BASE, kind: 'url', apiVersions: ['v2.1', 'v2'], readOnly: false },
  startedAt: '2025-03-01T10:15:00.000Z',
  durationMs: 48_250,
  notes: ['read-only mode was off: the run created 1 order and 14 contacts and deleted them all.'],
};

const createRequestBody = JSON.stringify({
  firstName: 'Ada',
  lastName: 'Lovelace',
  title: 'Mx',
  dateOfBirth: '1990-12-10T00:00:00.000Z',
});
const hostileBody = JSON.stringify({
  ref: CONTACT,
  href: `${BASE}/v2.1/orders/${ORDER}/contacts/${CONTACT}`,
  firstName: '<script>alert("owned")</script>',
  lastName: 'Lovelace',
  createdAt: '2025-03-01T10:15:02Z',
});

function echoViolation(message: string, instancePath: string, withEvidence: boolean): Violation {
  return {
    rule: 'OC-CREATE-ECHO',
    level: 'MUST',
    apiVersion: 'v2.1',
    operation: 'createOrderContact',
    title: 'Create echoes every field sent',
    message,
    instancePath,
    ...(withEvidence
      ? {
          evidence: {
            exchangeId: 'x-000017',
            request: {
              method: 'POST',
              url: `${BASE}/v2.1/orders/${ORDER}/contacts`,
              headers: {
                authorization: 'Basic <redacted>',
                'content-type': 'application/json',
                accept: 'application/json',
              },
              body: createRequestBody,
            },
            response: {
              status: 201,
              headers: { 'content-type': 'application/json;charset=UTF-8', 'x-request-id': 'e1d2c3' },
              body: hostileBody,
            },
            curl: `curl -sS -g -X POST '${BASE}/v2.1/orders/${ORDER}/contacts' \\\n  -u "$CDP_CLIENT_KEY:$CDP_API_TOKEN" \\\n  -H 'content-type: application/json' \\\n  --data-raw '${createRequestBody}'`,
          },
        }
      : {}),
  };
}

const longList = JSON.stringify({
  href: `${BASE}/v2.1/orders/${ORDER}/contacts`,
  items: Array.from({ length: 60 }, (_, i) => ({
    ref: `c0ffee00-1111-4222-8333-${String(i).padStart(12, '0')}`,
    createdAt: '2025-03-01T10:15:02Z',
  })),
});

/** 40 refs the list left out: list-valued evidence the summarising writers must not print whole. */
const missingRefs = Array.from(
  { length: 40 },
  (_, i) => `c0ffee00-2222-4333-8444-${String(i).padStart(12, '0')}`,
);

/** What the sample's tests observed. */
export const SAMPLE_OBSERVATIONS: readonly RuleObservation[] = [
  ...(['v2.1', 'v2'] as const).map(
    (apiVersion): RuleObservation => ({
      rule: 'OC-AUTH-401-MISSING',
      apiVersion,
      operations: ['retrieveOrderContacts', 'createOrderContact'],
      exchanges: 2,
      retriedExchanges: 0,
      violations: [],
      // One of the v2.1 exchanges was cut off; the other still checked the rule, so it passes.
      ...(apiVersion === 'v2.1'
        ? { inconclusiveExchanges: 1, inconclusiveReasons: ['connection reset'] }
        : {}),
    }),
  ),
  {
    rule: 'OC-CREATE-ECHO',
    apiVersion: 'v2.1',
    operations: ['createOrderContact'],
    exchanges: 6,
    retriedExchanges: 0,
    violations: [
      echoViolation(
        'Received: "<script>alert(\\"owned\\")</script>" / Expected: firstName "Ada" as sent',
        '/firstName',
        true,
      ),
      echoViolation('Received: nothing / Expected: title "Mx" as sent', '/title', false),
    ],
  },
  {
    rule: 'OC-CREATE-ECHO',
    apiVersion: 'v2',
    operations: ['createOrderContact'],
    exchanges: 6,
    retriedExchanges: 0,
    violations: [],
  },
  {
    rule: 'OC-TIMESTAMP-PRECISION',
    apiVersion: 'v2.1',
    operations: ['retrieveOrderContacts'],
    exchanges: 3,
    retriedExchanges: 0,
    violations: [
      {
        rule: 'OC-TIMESTAMP-PRECISION',
        level: 'SHOULD',
        apiVersion: 'v2.1',
        operation: 'retrieveOrderContacts',
        title: 'Timestamps carry milliseconds and Z',
        message: 'Received: "2025-03-01T10:15:02Z" / Expected: milliseconds, e.g. "2025-03-01T10:15:02.000Z"',
        instancePath: '/items/0/createdAt',
        evidence: {
          exchangeId: 'x-000031',
          request: {
            method: 'GET',
            url: `${BASE}/v2.1/orders/${ORDER}/contacts?expand=true`,
            headers: { authorization: 'Basic <redacted>', accept: 'application/json' },
          },
          response: { status: 200, headers: { 'content-type': 'application/json' }, body: longList },
          curl: `curl -sS -g '${BASE}/v2.1/orders/${ORDER}/contacts?expand=true' \\\n  -u "$CDP_CLIENT_KEY:$CDP_API_TOKEN"`,
        },
      },
    ],
  },
  {
    rule: 'OC-TIMESTAMP-PRECISION',
    apiVersion: 'v2',
    operations: ['createOrderContact'],
    exchanges: 6,
    retriedExchanges: 0,
    violations: [],
  },
  {
    rule: 'OC-LIST-DEFAULTS',
    apiVersion: 'v2.1',
    operations: ['retrieveOrderContacts'],
    exchanges: 4,
    retriedExchanges: 2,
    violations: [],
  },
  {
    rule: 'OC-LIST-DEFAULTS',
    apiVersion: 'v2',
    operations: ['retrieveOrderContacts'],
    exchanges: 4,
    retriedExchanges: 0,
    settledExchanges: 1,
    settleMs: 320,
    violations: [],
  },
  {
    rule: 'OC-DELETE-THEN-404',
    apiVersion: 'v2',
    operations: ['deleteOrderContact', 'retrieveOrderContact'],
    exchanges: 2,
    retriedExchanges: 1,
    inconclusiveExchanges: 2,
    inconclusiveReasons: ['timeout after 10000 ms', '503 after 4 attempts'],
    violations: [],
  },
  {
    rule: 'OC-DELETE-THEN-404',
    apiVersion: 'v2.1',
    operations: [],
    exchanges: 0,
    retriedExchanges: 0,
    violations: [],
    skipped: 'the delete step did not run: its order could not be created',
  },
  {
    rule: 'OC-PAGING-LINKS-PRESENT',
    apiVersion: 'v2.1',
    operations: ['retrieveOrderContacts'],
    exchanges: 3,
    retriedExchanges: 0,
    violations: [
      {
        rule: 'OC-PAGING-LINKS-PRESENT',
        level: 'SHOULD',
        ruleLevel: 'MUST',
        premise: 'inferred',
        premiseNote:
          'the order was taken to hold more contacts than one page; the vendor does not say when links appear',
        apiVersion: 'v2.1',
        operation: 'retrieveOrderContacts',
        title: 'first and last links are present',
        message: `Received: a page without first and last, leaving out ${missingRefs.length} refs: ${missingRefs.join(', ')} / Expected: first and last links`,
        items: { missing: missingRefs },
      },
    ],
  },
];

/** The sample as buildReport takes it. */
export function sampleInput(overrides: Partial<BuildReportInput> = {}): BuildReportInput {
  return {
    observations: SAMPLE_OBSERVATIONS,
    rules: SAMPLE_RULES,
    capabilities: SAMPLE_CAPABILITIES,
    run: SAMPLE_RUN,
    observedShapes: [
      {
        apiVersion: 'v2.1',
        operation: 'createOrderContact',
        status: 201,
        fields: ['ref', 'href', 'firstName', 'lastName', 'createdAt', 'loyaltyTier'],
        unknownFields: ['loyaltyTier'],
      },
      {
        apiVersion: 'v2',
        operation: 'retrieveOrderContacts',
        status: 200,
        fields: ['href', 'items[].ref', 'limit', 'offset'],
        unknownFields: [],
      },
      {
        apiVersion: 'v2.1',
        operation: 'retrieveOrderContacts',
        status: 200,
        fields: ['href', 'items[].ref', 'items[].createdAt', 'limit', 'offset', 'first.href', 'last.href'],
        unknownFields: [],
      },
    ],
    pactResults: [
      {
        interaction: 'a request to create a contact on an existing order',
        apiVersion: 'v2.1',
        operation: 'createOrderContact',
        passed: true,
        mismatches: [],
      },
      {
        interaction: 'a request for a contact that does not exist',
        apiVersion: 'v2',
        operation: 'retrieveOrderContact',
        passed: false,
        mismatches: ['Received: status 500 / Expected: status 404'],
      },
    ],
    ...overrides,
  };
}

/** The sample report. */
export function sampleReport(overrides: Partial<BuildReportInput> = {}): ConformanceReport {
  return buildReport(sampleInput(overrides));
}
