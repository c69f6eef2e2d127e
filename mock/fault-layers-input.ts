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

// The accept-* faults switch off the rules they name, the refusing ones add a problem of their own; everything else
// the contract checks stays on. They act as one policy (the union of those switched on), so two of them compose:
// the outermost applies it whole and the others find the call already settled.
const ACCEPTED_RULES: Readonly<Partial<Record<FaultName, readonly string[]>>> = {
  'accept-future-dob': ['OC-DOB-PAST'],
  'accept-bad-dob-format': ['OC-DOB-FORMAT'],
  'accept-bad-gender': ['OC-GENDER-ENUM'],
  'accept-missing-names': ['OC-NAMES-REQUIRED'],
  'accept-empty-names': ['OC-NAMES-NOT-EMPTY'],
  'accept-lowercase-country': ['OC-COUNTRY-ISO'],
  'accept-identifier-without-id': ['OC-IDENTIFIER-REQUIRED-FIELDS'],
  'accept-bad-expiry-dates': ['OC-PASSPORT-EXPIRY-FORMAT', 'OC-IDENTIFIER-EXPIRY-FORMAT'],
  'accept-wrong-types': ['OC-FIELD-TYPES', 'OC-ARRAY-ELEMENT-TYPES'],
  'accept-non-object-body': ['OC-BODY-OBJECT'],
};

type ExtraProblem = (body: Record<string, unknown>, operationId: string) => string | undefined;

const EXTRA_PROBLEMS: Readonly<Partial<Record<FaultName, ExtraProblem>>> = {
  'reject-long-titles': (body) =>
    typeof body.title === 'string' && body.title.length > 4
      ? 'title: must be at most 4 characters.'
      : undefined,
  'reject-gender-unknown': (body) =>
    body.gender === 'unknown' ? 'gender: must be one of male, female.' : undefined,
  'require-emails': (body, operationId) =>
    operationId !== 'createOrderContact' || (Array.isArray(body.emails) && body.emails.length > 0)
      ? undefined
      : 'emails: may not be null.',
  'update-refuses-gender-unknown': (body, operationId) =>
    (operationId === 'replaceOrderContact' || operationId === 'updateOrderContact') &&
    body.gender === 'unknown'
      ? 'gender: must be one of male, female.'
      : undefined,
  'create-refuses-identifiers': (body, operationId) =>
    operationId === 'createOrderContact' && Array.isArray(body.identifiers) && body.identifiers.length > 0
      ? 'identifiers: must not be set.'
      : undefined,
};

const validationPolicy: LayerFactory = (context) => {
  const on = [...context.options.faults];
  const accepted = new Set(on.flatMap((fault) => ACCEPTED_RULES[fault] ?? []));
  const extras = on.flatMap((fault) => EXTRA_PROBLEMS[fault] ?? []);
  return aroundOperations(WRITES, (env, call, next) => {
    if (call.lenient) return next(env, call);
    const found = problemsOf(call);
    const body = call.body;
    const added = isJsonObject(body)
      ? extras.flatMap((extra) => extra(body, call.operation.operationId) ?? [])
      : [];
    const problems = [
      ...found.filter((p) => !accepted.has(p.rule)),
      ...added.map((message) => ({ message })),
    ];
    if (problems.length > 0) return badRequest(problems);
    return found.length > 0 ? next(env, { ...call, lenient: true }) : next(env, call);
  });
};

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
  'accept-future-dob': validationPolicy,
  'accept-bad-dob-format': validationPolicy,
  'accept-bad-gender': validationPolicy,
  'accept-missing-names': validationPolicy,
  'accept-empty-names': validationPolicy,
  'accept-lowercase-country': validationPolicy,
  'accept-identifier-without-id': validationPolicy,
  'accept-bad-expiry-dates': validationPolicy,
  'accept-wrong-types': validationPolicy,
  'accept-non-object-body': validationPolicy,
  'reject-long-titles': validationPolicy,
  'reject-gender-unknown': validationPolicy,
  'require-emails': validationPolicy,
  'create-refuses-identifiers': validationPolicy,
  'update-refuses-gender-unknown': validationPolicy,
  'invalid-create-still-stored': appliedAnyway(new Set(['createOrderContact'])),
  'invalid-update-still-applied': appliedAnyway(UPDATES),
} satisfies Partial<Record<FaultName, LayerFactory>>;
