import { CONTACT_FAULT_LAYERS as C } from './fault-layers-contacts.ts';
import { HTTP_FAULT_LAYERS as H } from './fault-layers-http.ts';
import { INPUT_FAULT_LAYERS as I } from './fault-layers-input.ts';
import { LIST_FAULT_LAYERS as L } from './fault-layers-list.ts';
import { REPRESENTATION_FAULT_LAYERS as R } from './fault-layers-representation.ts';
import type { FaultName } from './faults.ts';
import type { LayerFactory } from './layer.ts';

/**
 * The layer of every fault of FAULTS, in the order they wrap the reference handler (first = outermost): what
 * rewrites the whole answer, then statuses, then representations, then what the operations store, then input.
 * The type makes a fault without a layer a compile error.
 */
export const FAULT_LAYERS: Readonly<Record<FaultName, LayerFactory>> = {
  'content-type-text-plain': H['content-type-text-plain'],
  'garbage-body': H['garbage-body'],
  'flaky-503': H['flaky-503'],
  '429-burst': H['429-burst'],
  '404-body-not-json': H['404-body-not-json'],
  '401-body-drops-more-info-url': H['401-body-drops-more-info-url'],
  '401-status-integer': H['401-status-integer'],
  '400-body-string-status': H['400-body-string-status'],
  '400-body-missing-developer-message': H['400-body-missing-developer-message'],
  '400-message-without-field': H['400-message-without-field'],
  'auth-ignores-token': H['auth-ignores-token'],
  'auth-token-case-insensitive': H['auth-token-case-insensitive'],
  'auth-accepts-swapped': H['auth-accepts-swapped'],
  'auth-accepts-empty-token': H['auth-accepts-empty-token'],
  'auth-accepts-bearer-token': H['auth-accepts-bearer-token'],
  'auth-not-enforced-on-list': H['auth-not-enforced-on-list'],
  'auth-not-enforced-on-delete': H['auth-not-enforced-on-delete'],
  'v2-update-needs-put': H['v2-update-needs-put'],
  // Reading bodies (their own chain: the order among these only matters between them).
  '415-not-enforced': I['415-not-enforced'],
  'large-body-500': I['large-body-500'],
  'malformed-json-500': I['malformed-json-500'],
  'accept-malformed-json': I['accept-malformed-json'],
  // Statuses of whole answers.
  'unknown-contact-returns-200': C['unknown-contact-returns-200'],
  'unknown-order-returns-500': C['unknown-order-returns-500'],
  'create-returns-200': C['create-returns-200'],
  'retrieve-returns-201': C['retrieve-returns-201'],
  'update-returns-204': C['update-returns-204'],
  // Representations: formats outside values, so a shifted createdAt is formatted as the fault says.
  'timestamps-without-millis': R['timestamps-without-millis'],
  'timestamps-not-utc': R['timestamps-not-utc'],
  'href-wrong-version': R['href-wrong-version'],
  'create-href-relative': R['create-href-relative'],
  'create-omits-ref': R['create-omits-ref'],
  'order-link-missing': R['order-link-missing'],
  'order-link-wrong': R['order-link-wrong'],
  'guest-link-missing': R['guest-link-missing'],
  'expand-drops-identifiers': R['expand-drops-identifiers'],
  'update-changes-ref': R['update-changes-ref'],
  'retrieve-shifts-createdat': R['retrieve-shifts-createdat'],
  'delete-returns-200-with-body': C['delete-returns-200-with-body'],
  // The list.
  'list-ignores-limit': L['list-ignores-limit'],
  'list-default-limit-20': L['list-default-limit-20'],
  'expand-ignored': L['expand-ignored'],
  'list-ignores-offset': L['list-ignores-offset'],
  'list-omits-newest': L['list-omits-newest'],
  'list-next-on-last-page': L['list-next-on-last-page'],
  'list-last-off-by-one': L['list-last-off-by-one'],
  'list-missing-last': L['list-missing-last'],
  'list-items-without-ref': L['list-items-without-ref'],
  'list-href-relative': L['list-href-relative'],
  // What the operations find and store.
  'refs-case-sensitive': C['refs-case-sensitive'],
  'deleted-still-listed': C['deleted-still-listed'],
  'delete-not-applied': C['delete-not-applied'],
  'retrieve-stale-after-update': C['retrieve-stale-after-update'],
  'refs-reused': C['refs-reused'],
  'create-ref-not-uuid': C['create-ref-not-uuid'],
  'unknown-order-creates-contact': C['unknown-order-creates-contact'],
  'modifiedat-before-createdat': C['modifiedat-before-createdat'],
  'update-resets-createdat': C['update-resets-createdat'],
  'update-keeps-modifiedat': C['update-keeps-modifiedat'],
  'put-merges-instead-of-replacing': C['put-merges-instead-of-replacing'],
  'v2-update-merges': C['v2-update-merges'],
  'patch-replaces-instead-of-merging': C['patch-replaces-instead-of-merging'],
  // Input: what is carried out although refused, what is refused or let through (one policy for all of these,
  // see fault-layers-input.ts), then what a valid body is changed into before it is stored.
  'invalid-create-still-stored': I['invalid-create-still-stored'],
  'invalid-update-still-applied': I['invalid-update-still-applied'],
  'accept-future-dob': I['accept-future-dob'],
  'accept-bad-dob-format': I['accept-bad-dob-format'],
  'accept-bad-gender': I['accept-bad-gender'],
  'accept-missing-names': I['accept-missing-names'],
  'accept-empty-names': I['accept-empty-names'],
  'accept-lowercase-country': I['accept-lowercase-country'],
  'accept-identifier-without-id': I['accept-identifier-without-id'],
  'accept-bad-expiry-dates': I['accept-bad-expiry-dates'],
  'accept-wrong-types': I['accept-wrong-types'],
  'accept-non-object-body': I['accept-non-object-body'],
  'reject-long-titles': I['reject-long-titles'],
  'reject-gender-unknown': I['reject-gender-unknown'],
  'require-emails': I['require-emails'],
  'create-refuses-identifiers': I['create-refuses-identifiers'],
  'create-drops-field-emails': C['create-drops-field-emails'],
  'create-drops-field-dateofbirth': C['create-drops-field-dateofbirth'],
  'create-drops-field-identifiers': C['create-drops-field-identifiers'],
  'create-drops-field-phonenumbers': C['create-drops-field-phonenumbers'],
  'echo-changes-case': C['echo-changes-case'],
  'create-unicode-mangled': C['create-unicode-mangled'],
  'dob-shifted-a-day': C['dob-shifted-a-day'],
  'dob-time-dropped': C['dob-time-dropped'],
  // The node:http adapter plays these (adapter-layers.ts); the handler has nothing to do.
  'slow-responses': () => ({}),
  'reset-connection': () => ({}),
};
