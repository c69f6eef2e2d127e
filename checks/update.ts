import { contactFieldNames } from '../contracts/index.ts';
import type { ContactBody } from './contact.ts';
import type { Violation } from './violation.ts';
import { type CheckContext, show, violation } from './violation-builder.ts';

function isGone(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** OC-PUT-REPLACES / OC-V2-UPDATE-REPLACES: fields the contact had but the full update left out are gone. */
export function leftOutFieldsGone(
  ruleId: 'OC-PUT-REPLACES' | 'OC-V2-UPDATE-REPLACES',
  context: CheckContext,
  before: ContactBody,
  sent: ContactBody,
  after: ContactBody,
): Violation[] {
  return contactFieldNames(context.apiVersion)
    .filter(
      (field) => !isGone(before[field]) && !(field in sent) && field !== 'guest' && !isGone(after[field]),
    )
    .map((field) =>
      violation(
        ruleId,
        context,
        `${field} still ${show(after[field])}`,
        `${field} gone (it was not in the full update)`,
      ),
    );
}

/** OC-PATCH-MERGES: fields the PATCH did not name keep their values. */
export function unnamedFieldsKept(
  context: CheckContext,
  before: ContactBody,
  patch: ContactBody,
  after: ContactBody,
): Violation[] {
  return contactFieldNames(context.apiVersion)
    .filter((field) => !(field in patch) && JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) =>
      violation(
        'OC-PATCH-MERGES',
        context,
        `${field} ${show(after[field])}`,
        `${show(before[field])} (not in the PATCH)`,
      ),
    );
}

/** OC-CREATED-AT-KEPT: createdAt is the same after an update. */
export function createdAtKept(context: CheckContext, before: ContactBody, after: ContactBody): Violation[] {
  return before.createdAt === after.createdAt
    ? []
    : [
        violation(
          'OC-CREATED-AT-KEPT',
          context,
          `createdAt ${show(after.createdAt)}`,
          show(before.createdAt),
        ),
      ];
}

/** OC-MODIFIED-AT-ADVANCED: modifiedAt is later after an update. */
export function modifiedAtAdvanced(
  context: CheckContext,
  before: ContactBody,
  after: ContactBody,
): Violation[] {
  const was = typeof before.modifiedAt === 'string' ? Date.parse(before.modifiedAt) : Number.NaN;
  const now = typeof after.modifiedAt === 'string' ? Date.parse(after.modifiedAt) : Number.NaN;
  return now > was
    ? []
    : [
        violation(
          'OC-MODIFIED-AT-ADVANCED',
          context,
          `modifiedAt ${show(after.modifiedAt)}`,
          `later than ${show(before.modifiedAt)}`,
        ),
      ];
}

/** OC-REF-STABLE: ref and href are the same after an update. */
export function refStable(context: CheckContext, before: ContactBody, after: ContactBody): Violation[] {
  return ['ref', 'href']
    .filter((field) => String(before[field]).toLowerCase() !== String(after[field]).toLowerCase())
    .map((field) =>
      violation('OC-REF-STABLE', context, `${field} ${show(after[field])}`, show(before[field])),
    );
}
