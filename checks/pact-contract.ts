// The contract cross-check of a Pact interaction: is the request one the API accepts, and could the API give the
// response the pact expects? Nothing is sent: a pact that expects what the vendor never promised is found even
// where a mock happens to agree with it, which a Verifier run alone cannot tell.
import {
  type ApiVersion,
  isJsonContentType,
  isRuleId,
  knownFieldPaths,
  type Level,
  type Operation,
  observedFieldPaths,
  operationForRequest,
  operationsAtPath,
  operationsOf,
  type RuleId,
  ruleCatalogue,
  ruleNamed,
  type SchemaFile,
  validateAgainst,
  validateContactRequest,
} from '../contracts/index.ts';
import { isJsonMediaType } from './responses.ts';
import type { ContractFinding } from './violation.ts';

/** One interaction as the cross-check reads it, whatever the Pact specification it was written in. */
export interface PactExpectation {
  readonly apiVersion: ApiVersion;
  readonly method: string;
  /** The path without its query. */
  readonly path: string;
  /** Request header values by lower-case name. */
  readonly headers: Readonly<Record<string, string>>;
  /** The request body (parsed JSON, or the text of another content type); absent when none is sent. */
  readonly body?: unknown;
  readonly response: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: unknown;
  };
}

/** The rule a response body schema stands for; the schemas without one (orders, guests) are checked all the same. */
const BODY_RULES: Readonly<Partial<Record<SchemaFile, RuleId>>> = {
  'order-contact.v2.1.json': 'OC-RESOURCE-SCHEMA',
  'order-contact.v2.json': 'OC-RESOURCE-SCHEMA',
  'order-contact-list.v2.1.json': 'OC-LIST-SCHEMA',
  'order-contact-list-expanded.v2.1.json': 'OC-LIST-SCHEMA',
  'order-contact-list.v2.json': 'OC-LIST-SCHEMA',
  'error-400.json': 'OC-400-BODY',
  'error-401.json': 'OC-AUTH-401-BODY',
  'error.json': 'OC-404-BODY',
};

/** At most this many schema errors per interaction: the first few say what is wrong. */
const MAX_SCHEMA_FINDINGS = 5;

function applies(rule: RuleId | undefined, e: PactExpectation, op: Operation): RuleId | undefined {
  if (rule === undefined) return undefined;
  const entry = ruleNamed(rule);
  return entry.levels[e.apiVersion] !== undefined && entry.operations.includes(op.operationId)
    ? rule
    : undefined;
}

function finding(rule: RuleId | undefined, version: ApiVersion, message: string): ContractFinding {
  // Where no rule applies the contract is simply silent: what a pact expects beyond it was never promised.
  const level: Level = rule === undefined ? 'MUST' : (ruleNamed(rule).levels[version] ?? 'MUST');
  return rule === undefined ? { level, message } : { rule, level, message };
}

/** The catalogue rules about an operation's success status (category status), for an undocumented status. */
function statusRule(e: PactExpectation, op: Operation): RuleId | undefined {
  if (e.response.status >= 500) return applies('OC-NO-5XX', e, op);
  if (e.response.status >= 300) return undefined;
  const rule = ruleCatalogue().find(
    (r) =>
      r.category === 'status' &&
      r.levels[e.apiVersion] !== undefined &&
      r.operations.includes(op.operationId),
  );
  return rule?.id;
}

function unknownOperation(e: PactExpectation): ContractFinding {
  const atPath = operationsAtPath(e.apiVersion, e.path);
  const expected =
    atPath.length > 0
      ? `one of ${atPath.map((op) => `${op.method} ${op.path}`).join(', ')} (the methods the ${e.apiVersion} contract documents at this path)`
      : `a path of the ${e.apiVersion} contract: ${[...new Set(operationsOf(e.apiVersion).map((op) => op.path))].join(', ')}`;
  return finding(undefined, e.apiVersion, `Received: ${e.method} ${e.path} / Expected: ${expected}`);
}

function requestFindings(e: PactExpectation, op: Operation, now: number): ContractFinding[] {
  const status = e.response.status;
  if (e.headers.authorization === undefined) {
    // Without credentials the API answers 401 before it looks at anything else.
    if (status === 401) return [];
    return [
      finding(
        applies('OC-AUTH-401-MISSING', e, op),
        e.apiVersion,
        `Received: a request without an Authorization header that expects status ${status} / Expected: status 401 (every operation needs Basic credentials)`,
      ),
    ];
  }
  if (op.requestSchema === undefined) return [];
  if (e.body !== undefined && !isJsonContentType(e.headers['content-type'])) {
    if (status === 415) return [];
    return [
      finding(
        applies('OC-415-NON-JSON', e, op),
        e.apiVersion,
        `Received: a body sent as Content-Type "${e.headers['content-type']}" that expects status ${status} / Expected: status 415 for a body that is not JSON`,
      ),
    ];
  }
  const violations = validateContactRequest(e.apiVersion, op.operationId, e.body, now);
  if (violations.length === 0) {
    if (status !== 400) return [];
    return [
      {
        level: 'SHOULD',
        message: `Received: status 400 expected for a body the ${e.apiVersion} contract accepts (${op.requestSchema}) / Expected: a body that breaks an input rule, or a success status`,
      },
    ];
  }
  const allowed = new Set<number>();
  for (const v of violations)
    for (const s of isRuleId(v.rule) ? (ruleNamed(v.rule).input?.expectedStatus ?? [400]) : [400])
      allowed.add(s);
  if (allowed.has(status)) return [];
  return violations.map((v) =>
    finding(
      isRuleId(v.rule) ? v.rule : undefined,
      e.apiVersion,
      `Received: a request body the API refuses (${v.message}) that expects status ${status} / Expected: status ${[...allowed].join(' or ')} for such a body`,
    ),
  );
}

function schemaFindings(
  e: PactExpectation,
  op: Operation,
  schemas: readonly SchemaFile[],
): ContractFinding[] {
  const body = e.response.body;
  // A pact lists only what its consumer reads (the Verifier lets a provider answer more): a field it leaves out is
  // no finding, a field it expects must be one the schema allows.
  const candidates = schemas.map((schema) => ({
    schema,
    errors: validateAgainst(schema, body).filter((error) => error.keyword !== 'required'),
  }));
  const best = candidates.reduce((a, b) => (b.errors.length < a.errors.length ? b : a));
  const rule = applies(BODY_RULES[best.schema], e, op);
  // One finding per value: a wrong type explains the enum or format complaint about the same value.
  const firstPerValue = best.errors.filter(
    (error, i) => best.errors.findIndex((other) => other.instancePath === error.instancePath) === i,
  );
  const errors = firstPerValue.slice(0, MAX_SCHEMA_FINDINGS).map((error) => {
    const where = error.instancePath || '(body)';
    const what = `${where} ${error.message ?? 'does not match'}`;
    return finding(
      rule,
      e.apiVersion,
      `Received: an expected ${e.response.status} body with ${what} / Expected: a body matching ${best.schema}`,
    );
  });
  // The schemas are open (a provider may add fields), but a consumer that relies on one the vendor never
  // documents relies on something no provider owes it.
  const known = new Set(schemas.flatMap((schema) => [...knownFieldPaths(schema)]));
  const unknown = [...observedFieldPaths(body)].filter((path) => !known.has(path));
  const fields = unknown
    .filter(
      (path) => !unknown.some((parent) => path.startsWith(`${parent}.`) || path.startsWith(`${parent}[]`)),
    )
    .map((path) =>
      finding(
        undefined,
        e.apiVersion,
        `Received: an expected ${e.response.status} body with the field "${path}" / Expected: only fields ${schemas.join(' or ')} documents`,
      ),
    );
  return [...errors, ...fields];
}

function responseFindings(e: PactExpectation, op: Operation): ContractFinding[] {
  const { status, body, headers } = e.response;
  const documented = Object.keys(op.responses);
  if (!documented.includes(String(status)))
    return [
      finding(
        statusRule(e, op),
        e.apiVersion,
        `Received: status ${status} expected from ${op.operationId} / Expected: a status the ${e.apiVersion} contract documents for it: ${documented.join(', ')}`,
      ),
    ];
  const findings: ContractFinding[] = [];
  const contentType = headers['content-type'];
  if (body !== undefined && contentType !== undefined && !isJsonMediaType(contentType))
    findings.push(
      finding(
        applies('OC-CONTENT-TYPE-JSON', e, op),
        e.apiVersion,
        `Received: an expected body of Content-Type "${contentType}" / Expected: application/json`,
      ),
    );
  const schema = op.responses[String(status)];
  if (schema === undefined) {
    if (body !== undefined && body !== '')
      findings.push(
        finding(
          statusRule(e, op),
          e.apiVersion,
          `Received: an expected ${status} body / Expected: no body (the contract documents none for ${status})`,
        ),
      );
    return findings;
  }
  // A pact without a response body accepts any body: it expects nothing of it.
  if (body === undefined) return findings;
  const schemas = typeof schema === 'string' ? [schema] : schema;
  return [...findings, ...schemaFindings(e, op, schemas)];
}

/**
 * The contract findings of one interaction: its request against the operation and the input rules, its expected
 * response against the documented statuses, the response schema and its fields. None: the pact asks only what
 * the contract promises.
 */
export function contractCrossCheck(e: PactExpectation, now: number = Date.now()): ContractFinding[] {
  const op = operationForRequest(e.apiVersion, e.method, e.path);
  if (op === undefined) return [unknownOperation(e)];
  return [...requestFindings(e, op, now), ...responseFindings(e, op)];
}
