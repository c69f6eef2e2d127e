// Faults of reading and validating a body: what is refused, what is let through, what is kept anyway.
import type { Call, MockEnv, OperationImpl } from './call.ts';
import { contactProblems, type InputProblem } from './contact-input.ts';
import type { FaultName } from './faults.ts';
import { isJsonObject } from './json-answer.ts';
import type { LayerFactory, MockLayer } from './layer.ts';
import { badRequest, errorResponse } from './responses.ts';
import type { MockResponse } from './types.ts';

/** The operations that write a contact body. */
export const WRITES: ReadonlySet<string> = new Set([
  'createOrderContact',
  'replaceOrderContact',
  'partiallyUpdateOrderContact',
  'updateOrderContact',
]);
/** The operations that update a contact. */
export const UPDATES: ReadonlySet<string> = new Set([
  'replaceOrderContact',
  'partiallyUpdateOrderContact',
  'updateOrderContact',
]);

/** A 500 that a fault asks for (the reference never answers 5xx for any input). */
export function faultServerError(fault: FaultName): MockResponse {
  return errorResponse(
    500,
    'We could not create or update the resource. Please try again.',
    `Internal error injected by the mock fault "${fault}".`,
  );
}

/** A layer around the operations named, passing every other call on unchanged. */
export function aroundOperations(
  operationIds: ReadonlySet<string>,
  around: (env: MockEnv, call: Call, next: OperationImpl) => MockResponse,
): MockLayer {
  return {
    call: (env, call, next) =>
      operationIds.has(call.operation.operationId) ? around(env, call, next) : next(env, call),
  };
}

/** The reference's problems with a write's body. */
export function problemsOf(call: Call): InputProblem[] {
  return contactProblems(call.version, call.operation.operationId, call.body, call.now);
}

// The accept-* faults switch off the rules they name; everything else the contract checks stays on.
function accepting(rules: readonly string[]): LayerFactory {
  const accepted = new Set(rules);
  return () =>
    aroundOperations(WRITES, (env, call, next) => {
      if (call.lenient) return next(env, call);
      const problems = problemsOf(call);
      if (problems.length === 0) return next(env, call);
      const left = problems.filter((p) => !accepted.has(p.rule));
      return left.length > 0 ? badRequest(left) : next(env, { ...call, lenient: true });
    });
}

// Refuses what the contract accepts, adding its problem after the contract's own.
function refusing(
  operationIds: ReadonlySet<string>,
  problem: (body: Record<string, unknown>) => string | undefined,
): LayerFactory {
  return () =>
    aroundOperations(operationIds, (env, call, next) => {
      const message = !call.lenient && isJsonObject(call.body) ? problem(call.body) : undefined;
      if (message === undefined) return next(env, call);
      return badRequest([...problemsOf(call), { message }]);
    });
}

// The write answers 400 as the reference does, and is then carried out anyway, unchecked.
function appliedAnyway(operationIds: ReadonlySet<string>): LayerFactory {
  return () =>
    aroundOperations(operationIds, (env, call, next) => {
      const answer = next(env, call);
      if (answer.status === 400 && !call.lenient) next(env, { ...call, lenient: true });
      return answer;
    });
}

/** The layers of the faults that change reading and validating bodies, keyed by fault name. */
export const INPUT_FAULT_LAYERS = {
  '415-not-enforced': () => ({ body: (raw, _contentType, next) => next(raw, 'application/json') }),
  'large-body-500': () => ({
    body(raw, contentType, next) {
      const read = next(raw, contentType);
      return !read.ok && read.response.status === 413
        ? { ok: false, response: faultServerError('large-body-500') }
        : read;
    },
  }),
  'malformed-json-500': () => ({
    body(raw, contentType, next) {
      const read = next(raw, contentType);
      return !read.ok && read.response.status === 400
        ? { ok: false, response: faultServerError('malformed-json-500') }
        : read;
    },
  }),
  'accept-malformed-json': () => ({
    body(raw, contentType, next) {
      const read = next(raw, contentType);
      return !read.ok && read.response.status === 400 ? { ok: true, body: {}, lenient: true } : read;
    },
  }),
  'accept-future-dob': accepting(['OC-DOB-PAST']),
  'accept-bad-dob-format': accepting(['OC-DOB-FORMAT']),
  'accept-bad-gender': accepting(['OC-GENDER-ENUM']),
  'accept-missing-names': accepting(['OC-NAMES-REQUIRED']),
  'accept-empty-names': accepting(['OC-NAMES-NOT-EMPTY']),
  'accept-lowercase-country': accepting(['OC-COUNTRY-ISO']),
  'accept-identifier-without-id': accepting(['OC-IDENTIFIER-REQUIRED-FIELDS']),
  'accept-bad-expiry-dates': accepting(['OC-PASSPORT-EXPIRY-FORMAT', 'OC-IDENTIFIER-EXPIRY-FORMAT']),
  'accept-wrong-types': accepting(['OC-FIELD-TYPES', 'OC-ARRAY-ELEMENT-TYPES']),
  'accept-non-object-body': accepting(['OC-BODY-OBJECT']),
  'reject-long-titles': refusing(WRITES, (body) =>
    typeof body.title === 'string' && body.title.length > 4
      ? 'title: must be at most 4 characters.'
      : undefined,
  ),
  'reject-gender-unknown': refusing(WRITES, (body) =>
    body.gender === 'unknown' ? 'gender: must be one of male, female.' : undefined,
  ),
  'require-emails': refusing(new Set(['createOrderContact']), (body) =>
    Array.isArray(body.emails) && body.emails.length > 0 ? undefined : 'emails: may not be null.',
  ),
  'invalid-create-still-stored': appliedAnyway(new Set(['createOrderContact'])),
  'invalid-update-still-applied': appliedAnyway(UPDATES),
} satisfies Partial<Record<FaultName, LayerFactory>>;
