import type { RuleId, SchemaFile } from '../contracts/index.ts';
import { validateAgainst } from '../contracts/index.ts';
import type { CheckResult } from './check-result.ts';
import { type CheckContext, ruleCheck, ruleHolds, show } from './violation-builder.ts';

function statusOf(context: CheckContext): number | undefined {
  return context.exchange?.response?.status;
}

function transportProblem(context: CheckContext): string | undefined {
  const exchange = context.exchange;
  if (!exchange) return 'no exchange';
  if (!exchange.response)
    return `no response (${exchange.error?.kind ?? 'error'}: ${exchange.error?.message ?? 'unknown'})`;
  return undefined;
}

/** The response status is one of `expected`. */
export function expectStatus(
  ruleId: RuleId,
  context: CheckContext,
  expected: readonly number[],
): CheckResult {
  const wanted = `status ${expected.join(' or ')}`;
  const problem = transportProblem(context);
  if (problem) return ruleCheck(ruleId, context, [{ received: problem, expected: wanted }]);
  const status = statusOf(context);
  return ruleHolds(ruleId, context, status !== undefined && expected.includes(status), {
    received: `status ${status}`,
    expected: wanted,
  });
}

/** The response has no body (a 204, say). */
export function expectEmptyBody(ruleId: RuleId, context: CheckContext): CheckResult {
  const body = context.exchange?.response?.body ?? '';
  return ruleHolds(ruleId, context, body.length === 0, {
    received: `a body ${JSON.stringify(body.slice(0, 100))}`,
    expected: 'an empty body',
  });
}

/** OC-NO-5XX: no response is a server error. */
export function noServerError(context: CheckContext): CheckResult {
  const status = statusOf(context);
  // Every exchange of a run comes through here: render the body only for a 5xx.
  const findings =
    status !== undefined && status >= 500
      ? [
          {
            received: `status ${status} ${show(context.exchange?.response?.body ?? '')}`,
            expected: 'a status below 500',
          },
        ]
      : [];
  return ruleCheck('OC-NO-5XX', context, findings);
}

/** True for application/json and application/*+json, whatever the case and the parameters (charset, …). */
export function isJsonMediaType(contentType: string): boolean {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

/** OC-CONTENT-TYPE-JSON: a response with a body says it is application/json. */
export function jsonContentType(context: CheckContext): CheckResult {
  const response = context.exchange?.response;
  const contentType = response?.headers['content-type'] ?? '';
  const held = !response || response.body.length === 0 || isJsonMediaType(contentType);
  return ruleHolds('OC-CONTENT-TYPE-JSON', context, held, {
    received: `Content-Type ${show(contentType || undefined)}`,
    expected: 'application/json',
  });
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** The response body validates against a contract schema; one violation per ajv error, with its paths. */
export function conformsTo(ruleId: RuleId, context: CheckContext, schema: SchemaFile): CheckResult {
  const wanted = `a body matching ${schema}`;
  const problem = transportProblem(context);
  if (problem) return ruleCheck(ruleId, context, [{ received: problem, expected: wanted }]);
  const exchange = context.exchange;
  if (exchange?.json === undefined) {
    return ruleCheck(ruleId, context, [
      { received: `a body that is not JSON: ${show(exchange?.response?.body ?? '')}`, expected: wanted },
    ]);
  }
  const json = exchange.json;
  return ruleCheck(
    ruleId,
    context,
    validateAgainst(schema, json).map((error) => {
      const where = error.instancePath || '(body)';
      const detail =
        error.keyword === 'required'
          ? `no ${String(error.params.missingProperty)} at ${where}`
          : error.keyword === 'additionalProperties'
            ? `an extra property ${show(error.params.additionalProperty)} at ${where}`
            : `${show(valueAt(json, error.instancePath))} at ${where}`;
      return {
        received: detail,
        expected: `${where} ${error.message ?? 'to match'} (${schema})`,
        instancePath: error.instancePath,
        schemaPath: error.schemaPath,
      };
    }),
  );
}
