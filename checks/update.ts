import { contactFieldNames } from '../contracts/index.ts';
import type { CheckResult } from './check-result.ts';
import { type ContactJson, sameJson } from './contact.ts';
import { type CheckContext, ruleCheck, ruleHolds, show } from './violation-builder.ts';

function isGone(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** OC-PUT-REPLACES / OC-V2-UPDATE-REPLACES: fields the contact had but the full update left out are gone. */
export function leftOutFieldsGone(
  ruleId: 'OC-PUT-REPLACES' | 'OC-V2-UPDATE-REPLACES',
  context: CheckContext,
  before: ContactJson,
  sent: ContactJson,
  after: ContactJson,
): CheckResult {
  return ruleCheck(
    ruleId,
    context,
    contactFieldNames(context.apiVersion)
      .filter(
        (field) => !isGone(before[field]) && !(field in sent) && field !== 'guest' && !isGone(after[field]),
      )
      .map((field) => ({
        received: `${field} still ${show(after[field])}`,
        expected: `${field} gone (it was not in the full update)`,
      })),
  );
}

/** OC-PATCH-MERGES: fields the PATCH did not name keep their values. */
export function unnamedFieldsKept(
  context: CheckContext,
  before: ContactJson,
  patch: ContactJson,
  after: ContactJson,
): CheckResult {
  return ruleCheck(
    'OC-PATCH-MERGES',
    context,
    contactFieldNames(context.apiVersion)
      .filter((field) => !(field in patch) && JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      .map((field) => ({
        received: `${field} ${show(after[field])}`,
        expected: `${show(before[field])} (not in the PATCH)`,
      })),
  );
}

/** OC-CREATED-AT-KEPT: createdAt is the same instant after an update (in any ISO 8601 spelling). */
export function createdAtKept(context: CheckContext, before: ContactJson, after: ContactJson): CheckResult {
  return ruleHolds(
    'OC-CREATED-AT-KEPT',
    context,
    before.createdAt === after.createdAt ||
      sameJson({ createdAt: before.createdAt }, { createdAt: after.createdAt }),
    { received: `createdAt ${show(after.createdAt)}`, expected: show(before.createdAt) },
  );
}

/** OC-MODIFIED-AT-ADVANCED: modifiedAt is later after an update. */
export function modifiedAtAdvanced(
  context: CheckContext,
  before: ContactJson,
  after: ContactJson,
): CheckResult {
  const was = typeof before.modifiedAt === 'string' ? Date.parse(before.modifiedAt) : Number.NaN;
  const now = typeof after.modifiedAt === 'string' ? Date.parse(after.modifiedAt) : Number.NaN;
  return ruleHolds('OC-MODIFIED-AT-ADVANCED', context, now > was, {
    received: `modifiedAt ${show(after.modifiedAt)}`,
    expected: `later than ${show(before.modifiedAt)}`,
  });
}

/** OC-REF-STABLE: ref and href are the same after an update (UUIDs in any case). */
export function refStable(context: CheckContext, before: ContactJson, after: ContactJson): CheckResult {
  return ruleCheck(
    'OC-REF-STABLE',
    context,
    ['ref', 'href']
      .filter((field) => String(before[field]).toLowerCase() !== String(after[field]).toLowerCase())
      .map((field) => ({ received: `${field} ${show(after[field])}`, expected: show(before[field]) })),
  );
}
