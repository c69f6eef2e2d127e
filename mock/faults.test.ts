import { describe, expect, it } from 'vitest';
import { API_VERSIONS, MAX_REQUEST_BODY_BYTES, operationsOf, ruleById } from '../contracts/index.ts';
import { basicAuthorization } from './credentials.ts';
import { FAULT_NAMES, FAULTS, type FaultName } from './faults.ts';
import { createMockHandler } from './handler.ts';
import { DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY, resolveFaults } from './options.ts';
import {
  type Answer,
  FULL_V2,
  FULL_V21,
  ORDER_BODY,
  type Send,
  send,
  testClock,
  testHandler,
  uuidSequence,
} from './test-support.ts';

const UNKNOWN = '3b5cb55e-c616-424a-991c-a241d0024896';

/**
 * One fixed conversation with the mock touching every operation and error path, answer by answer. Refs come from
 * the store, not from the answers, so a fault that mangles an answer does not derail the rest of the script.
 */
function transcript(faults: readonly string[]): Map<string, Answer> {
  const clock = testClock();
  const handler = createMockHandler({ faults, now: clock, randomUUID: uuidSequence() });
  const answers = new Map<string, Answer>();
  const step = (label: string, method: string, path: string, options: Send = {}) => {
    clock.advance(1000);
    answers.set(label, send(handler, method, path, options));
  };
  step('create order', 'POST', '/v2.1/orders', { body: ORDER_BODY });
  const orderRef = handler.store.order(String(answers.get('create order')?.body.ref))?.ref ?? 'none';
  const newest = () => handler.store.contactsOf(orderRef).at(-1)?.ref ?? 'none';
  const contacts = `/v2.1/orders/${orderRef}/contacts`;

  step('create v2.1', 'POST', contacts, { body: FULL_V21 });
  const first = newest();
  step('create v2.1 unicode', 'POST', contacts, {
    body: { firstName: 'Zoë', lastName: 'Ó Briain', city: 'Dún Laoghaire' },
  });
  const second = newest();
  step('create v2 guest link', 'POST', `/v2/orders/${orderRef}/contacts`, {
    body: { ...FULL_V2, guest: { href: `https://cdp.example.test/v2/guests/${UNKNOWN}` } },
  });
  const third = newest();
  step('create minimal', 'POST', contacts, { body: { firstName: 'Min', lastName: 'Imal' } });
  const fourth = newest();

  step('retrieve', 'GET', `/v2.1/orderContacts/${first}`);
  step('retrieve upper', 'GET', `/v2.1/orderContacts/${first.toUpperCase()}`);
  step('list default', 'GET', contacts);
  step('list limit 2', 'GET', contacts, { query: { limit: '2' } });
  step('list offset 2', 'GET', contacts, { query: { offset: '2', limit: '2' } });
  step('list expand', 'GET', contacts, { query: { expand: 'true' } });
  step('list v2', 'GET', `/v2/orders/${orderRef}/contacts`);
  step('list offset past end', 'GET', contacts, { query: { offset: '40', limit: '2' } });
  step('list limit 1000', 'GET', contacts, { query: { limit: '1000' } });
  step('list limit 4', 'GET', contacts, { query: { limit: '4' } });
  step('create empty order', 'POST', '/v2.1/orders', { body: { ...ORDER_BODY, referenceId: 'empty-order' } });
  const emptyRef = handler.store.order(String(answers.get('create empty order')?.body.ref))?.ref ?? 'none';
  step('list empty order', 'GET', `/v2.1/orders/${emptyRef}/contacts`);

  step('put', 'PUT', `/v2.1/orderContacts/${first}`, {
    body: { firstName: 'Max', lastName: 'Power', title: 'Dr' },
  });
  step('retrieve after put', 'GET', `/v2.1/orderContacts/${first}`);
  step('patch', 'PATCH', `/v2.1/orderContacts/${second}`, { body: { city: 'Cork' } });
  step('v2 update', 'POST', `/v2/orderContacts/${third}`, { body: { firstName: 'New', lastName: 'Name' } });
  step('invalid update', 'PUT', `/v2.1/orderContacts/${first}`, {
    body: { firstName: 'X', lastName: 'Y', gender: 'robot' },
  });
  step('retrieve after invalid update', 'GET', `/v2.1/orderContacts/${first}`);

  const invalid: Array<[string, Send]> = [
    ['invalid future dob', { body: { ...FULL_V21, dateOfBirth: '2999-01-01T00:00:00Z' } }],
    ['invalid dob format', { body: { ...FULL_V21, dateOfBirth: '28/10/1985' } }],
    ['invalid gender', { body: { ...FULL_V21, gender: 'robot' } }],
    ['invalid missing names', { body: { lastName: 'Only' } }],
    ['invalid empty names', { body: { firstName: '', lastName: 'Empty' } }],
    ['invalid country', { body: { ...FULL_V21, country: 'ie' } }],
    ['invalid identifier', { body: { ...FULL_V21, identifiers: [{ provider: 'p' }] } }],
    ['invalid expiry', { body: { ...FULL_V21, passportExpiry: 'soon' } }],
    ['invalid types', { body: { ...FULL_V21, emails: 'a@example.com' } }],
    ['invalid non-object', { body: [1, 2] }],
    ['malformed json', { raw: '{"firstName": "A",' }],
    ['too large', { raw: JSON.stringify({ firstName: 'x'.repeat(MAX_REQUEST_BODY_BYTES), lastName: 'L' }) }],
    ['create text/plain', { raw: JSON.stringify(FULL_V21), headers: { 'content-type': 'text/plain' } }],
    ['create long title', { body: { ...FULL_V21, title: 'Brigadier' } }],
    ['create gender unknown', { body: { ...FULL_V21, gender: 'unknown' } }],
  ];
  for (const [label, options] of invalid) step(label, 'POST', contacts, options);
  step('list final', 'GET', contacts, { query: { limit: '100' } });

  step('list no auth', 'GET', contacts, { auth: false });
  step('list wrong token', 'GET', contacts, { auth: basicAuthorization('occ-client-key', 'wrong') });
  step('list token case', 'GET', contacts, {
    auth: basicAuthorization(DEFAULT_CLIENT_KEY, swapCase(DEFAULT_API_TOKEN)),
  });
  step('list swapped', 'GET', contacts, { auth: basicAuthorization(DEFAULT_API_TOKEN, DEFAULT_CLIENT_KEY) });
  step('list empty token', 'GET', contacts, { auth: basicAuthorization(DEFAULT_CLIENT_KEY, '') });
  step('list bearer', 'GET', contacts, { auth: `Bearer ${DEFAULT_API_TOKEN}` });
  step('delete no auth', 'DELETE', `/v2.1/orderContacts/${fourth}`, { auth: false });
  step('unknown contact retrieve', 'GET', `/v2.1/orderContacts/${UNKNOWN}`);
  step('unknown order list', 'GET', `/v2.1/orders/${UNKNOWN}/contacts`);
  step('unknown order create', 'POST', `/v2.1/orders/${UNKNOWN}/contacts`, { body: FULL_V21 });

  step('delete', 'DELETE', `/v2.1/orderContacts/${second}`);
  step('retrieve deleted', 'GET', `/v2.1/orderContacts/${second}`);
  step('list after delete', 'GET', contacts, { query: { limit: '100' } });
  step('create after delete', 'POST', contacts, { body: { firstName: 'Next', lastName: 'One' } });
  step('retrieve other version', 'GET', `/v2/orderContacts/${first}`);
  step('create long name', 'POST', contacts, { body: { firstName: 'N'.repeat(300), lastName: 'Long' } });
  step('patch astral', 'PATCH', `/v2.1/orderContacts/${first}`, { body: { city: 'Ana 😀' } });
  step('list expand after patch', 'GET', contacts, { query: { expand: 'true' } });
  step('put gender unknown', 'PUT', `/v2.1/orderContacts/${first}`, {
    body: { firstName: 'Una', lastName: 'Known', gender: 'unknown' },
  });
  return answers;
}

function swapCase(text: string): string {
  return [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}

// Where each fault must show. The transport faults that live in the node:http adapter are proven over a socket
// in node-adapter.test.ts.
const SHOWS_IN: Readonly<Record<FaultName, readonly string[] | 'socket'>> = {
  'create-returns-200': ['create v2.1'],
  'create-omits-ref': ['create v2.1'],
  'create-ref-not-uuid': ['create v2.1', 'list default'],
  'refs-reused': ['create after delete'],
  'create-href-relative': ['create v2.1'],
  'create-drops-field-emails': ['create v2.1'],
  'create-drops-field-dateofbirth': ['create v2.1'],
  'create-drops-field-identifiers': ['create v2.1'],
  'create-drops-field-phonenumbers': ['create v2.1'],
  'echo-changes-case': ['create v2.1'],
  'create-unicode-mangled': ['create v2.1 unicode'],
  'dob-shifted-a-day': ['create v2.1'],
  'dob-time-dropped': ['create v2.1'],
  'reject-long-titles': ['create long title'],
  'reject-gender-unknown': ['create gender unknown'],
  'require-emails': ['create minimal'],
  'truncate-long-strings': ['create long name'],
  'patch-strips-astral': ['patch astral'],
  'update-refuses-gender-unknown': ['put gender unknown'],
  'list-offset-past-end-wraps': ['list offset past end'],
  'list-empty-order-404': ['list empty order'],
  'list-large-limit-500': ['list limit 1000'],
  'list-next-when-total-multiple': ['list limit 4'],
  'create-refuses-identifiers': ['create v2.1', 'create v2 guest link'],
  'unknown-order-creates-contact': ['unknown order create'],
  'href-wrong-version': ['create v2.1', 'retrieve'],
  'timestamps-without-millis': ['create v2.1', 'retrieve'],
  'timestamps-not-utc': ['create v2.1', 'retrieve'],
  'modifiedat-before-createdat': ['create v2.1', 'retrieve'],
  'order-link-missing': ['create v2.1', 'retrieve'],
  'order-link-wrong': ['create v2.1', 'retrieve'],
  'guest-link-missing': ['create v2.1', 'retrieve'],
  'retrieve-returns-201': ['retrieve'],
  'retrieve-shifts-createdat': ['retrieve'],
  'refs-case-sensitive': ['retrieve upper'],
  'retrieve-stale-after-update': ['retrieve after put'],
  'versions-separate-stores': ['list v2', 'retrieve other version'],
  'expand-stale-after-patch': ['list expand after patch'],
  'accept-future-dob': ['invalid future dob'],
  'accept-bad-dob-format': ['invalid dob format'],
  'accept-bad-gender': ['invalid gender'],
  'accept-missing-names': ['invalid missing names'],
  'accept-empty-names': ['invalid empty names'],
  'accept-lowercase-country': ['invalid country'],
  'accept-identifier-without-id': ['invalid identifier'],
  'accept-bad-expiry-dates': ['invalid expiry'],
  'accept-wrong-types': ['invalid types'],
  'accept-non-object-body': ['invalid non-object'],
  'accept-malformed-json': ['malformed json'],
  'malformed-json-500': ['malformed json'],
  'large-body-500': ['too large'],
  'invalid-create-still-stored': ['list final'],
  'invalid-update-still-applied': ['retrieve after invalid update'],
  '415-not-enforced': ['create text/plain'],
  '400-body-string-status': ['invalid gender'],
  '400-body-missing-developer-message': ['invalid gender'],
  '400-message-without-field': ['invalid gender'],
  '401-body-drops-more-info-url': ['list no auth'],
  '401-status-integer': ['list no auth'],
  'auth-not-enforced-on-list': ['list no auth', 'list wrong token'],
  'auth-not-enforced-on-delete': ['delete no auth'],
  'auth-ignores-token': ['list wrong token', 'list empty token', 'list token case'],
  'auth-token-case-insensitive': ['list token case'],
  'auth-accepts-swapped': ['list swapped'],
  'auth-accepts-empty-token': ['list empty token'],
  'auth-accepts-bearer-token': ['list bearer'],
  'content-type-text-plain': ['create v2.1', 'list default', 'invalid gender'],
  '404-body-not-json': ['unknown contact retrieve'],
  'unknown-contact-returns-200': ['unknown contact retrieve'],
  'unknown-order-returns-500': ['unknown order list', 'unknown order create'],
  'list-ignores-limit': ['list limit 2'],
  'list-ignores-offset': ['list offset 2'],
  'list-next-on-last-page': ['list offset 2'],
  'list-last-off-by-one': ['list limit 2'],
  'list-missing-last': ['list default'],
  'list-items-without-ref': ['list default'],
  'list-href-relative': ['list default'],
  'list-omits-newest': ['list default'],
  'list-default-limit-20': ['list default'],
  'expand-ignored': ['list expand'],
  'expand-drops-identifiers': ['list expand'],
  'update-returns-204': ['put', 'patch', 'v2 update'],
  'put-merges-instead-of-replacing': ['put'],
  'patch-replaces-instead-of-merging': ['patch'],
  'v2-update-merges': ['v2 update'],
  'v2-update-needs-put': ['v2 update'],
  'update-resets-createdat': ['put'],
  'update-keeps-modifiedat': ['put'],
  'update-changes-ref': ['put'],
  'delete-returns-200-with-body': ['delete'],
  'delete-not-applied': ['retrieve deleted', 'list after delete'],
  'deleted-still-listed': ['list after delete'],
  'flaky-503': ['create v2.1 unicode'],
  '429-burst': ['list offset 2', 'list expand', 'list v2'],
  'slow-responses': 'socket',
  'reset-connection': 'socket',
  'garbage-body': ['retrieve', 'list default'],
};

const baseline = transcript([]);

function shown(answer: Answer | undefined): string {
  return JSON.stringify([answer?.status, answer?.headers, answer?.text]);
}

describe('mock faults', () => {
  it('has at least 30 contract faults with unique names, each breaking catalogue rules', () => {
    const contract = FAULTS.filter((f) => f.kind === 'contract');
    expect(contract.length).toBeGreaterThanOrEqual(30);
    expect(new Set(FAULT_NAMES).size).toBe(FAULT_NAMES.length);
    for (const fault of FAULTS) {
      expect(fault.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(fault.description.length).toBeGreaterThan(10);
      for (const rule of fault.breaks) expect(() => ruleById(rule), `${fault.name}: ${rule}`).not.toThrow();
      if (fault.kind === 'contract') expect(fault.breaks.length, fault.name).toBeGreaterThan(0);
    }
  });

  it('covers every contact operation of both versions', () => {
    const touched = new Set(FAULTS.flatMap((f) => f.operations));
    const contactOperations = API_VERSIONS.flatMap(operationsOf)
      .map((op) => op.operationId)
      .filter((id) => /OrderContact/.test(id));
    for (const id of contactOperations) expect(touched, id).toContain(id);
  });

  it('breaks a MUST rule with most contract faults', () => {
    const contract = FAULTS.filter((f) => f.kind === 'contract');
    const must = contract.filter((f) =>
      f.breaks.some((id) => Object.values(ruleById(id).levels).includes('MUST')),
    );
    expect(must.length / contract.length).toBeGreaterThan(0.5);
  });

  it('refuses an unknown fault name and lists the known ones', () => {
    expect(() => resolveFaults(['create-returns-200', 'no-such-fault'])).toThrow(
      /Failed to switch on mock fault "no-such-fault": unknown\. Known faults: create-returns-200, /,
    );
    expect(() => testHandler({ faults: ['nope'] })).toThrow(/"nope"/);
  });

  it('knows where every fault shows', () => {
    expect(Object.keys(SHOWS_IN).sort()).toEqual([...FAULT_NAMES].sort());
  });

  it('answers like the contract without faults: no step of the script gets a 5xx', () => {
    for (const [label, answer] of baseline) expect(answer.status, label).toBeLessThan(500);
  });

  for (const fault of FAULT_NAMES) {
    const where = SHOWS_IN[fault];
    if (where === 'socket') continue;
    it(`${fault}: changes the answers to ${where.join(', ')}`, () => {
      const bent = transcript([fault]);
      for (const label of where) {
        expect(baseline.has(label), label).toBe(true);
        expect(shown(bent.get(label)), `${fault} should change "${label}"`).not.toBe(
          shown(baseline.get(label)),
        );
      }
    });
  }

  it('flaky-503 answers every third request with 503 in the error envelope', () => {
    const handler = testHandler({ faults: ['flaky-503'] });
    const statuses = Array.from({ length: 9 }, () => send(handler, 'GET', '/nowhere').status);
    expect(statuses).toEqual([404, 404, 503, 404, 404, 503, 404, 404, 503]);
  });

  it('429-burst answers requests 10 to 12 of every 20 with 429 and Retry-After: 1', () => {
    const handler = testHandler({ faults: ['429-burst'] });
    const answers = Array.from({ length: 40 }, () => send(handler, 'GET', '/nowhere'));
    const limited = answers.flatMap((a, i) => (a.status === 429 ? [i + 1] : []));
    expect(limited).toEqual([10, 11, 12, 30, 31, 32]);
    expect(answers[9]?.headers['retry-after']).toBe('1');
  });

  it('v2-update-needs-put moves the v2 update to PUT: POST gets 405 with Allow', () => {
    const handler = testHandler({ faults: ['v2-update-needs-put'] });
    const post = send(handler, 'POST', `/v2/orderContacts/${UNKNOWN}`, { body: FULL_V2 });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, PUT, DELETE');
    expect(send(handler, 'PUT', `/v2/orderContacts/${UNKNOWN}`, { body: FULL_V2 }).status).toBe(404);
  });
});
