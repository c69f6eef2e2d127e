import type { SchemaFile } from '../contracts/index.ts';
import { validateAgainst } from '../contracts/index.ts';
import type { Violation } from './violation.ts';
import { type CheckContext, show, violation } from './violation-builder.ts';

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
  ruleId: string,
  context: CheckContext,
  expected: readonly number[],
): Violation[] {
  const problem = transportProblem(context);
  if (problem) return [violation(ruleId, context, problem, `status ${expected.join(' or ')}`)];
  const status = statusOf(context);
  return status !== undefined && expected.includes(status)
    ? []
    : [violation(ruleId, context, `status ${status}`, `status ${expected.join(' or ')}`)];
}

/** OC-NO-5XX: no response is a server error. */
export function noServerError(context: CheckContext): Violation[] {
  const status = statusOf(context);
  return status !== undefined && status >= 500
    ? [
        violation(
          'OC-NO-5XX',
          context,
          `status ${status} ${show(context.exchange?.response?.body ?? '')}`,
          'a status below 500',
        ),
      ]
    : [];
}

/** OC-CONTENT-TYPE-JSON: a response with a body says it is application/json. */
export function jsonContentType(context: CheckContext): Violation[] {
  const response = context.exchange?.response;
  if (!response || response.body.length === 0) return [];
  const contentType = response.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType)
    ? []
    : [
        violation(
          'OC-CONTENT-TYPE-JSON',
          context,
          `Content-Type ${show(contentType || undefined)}`,
          'application/json',
        ),
      ];
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
export function conformsTo(ruleId: string, context: CheckContext, schema: SchemaFile): Violation[] {
  const problem = transportProblem(context);
  if (problem) return [violation(ruleId, context, problem, `a body matching ${schema}`)];
  const exchange = context.exchange;
  if (exchange?.json === undefined) {
    return [
      violation(
        ruleId,
        context,
        `a body that is not JSON: ${show(exchange?.response?.body ?? '')}`,
        `a body matching ${schema}`,
      ),
    ];
  }
  return validateAgainst(schema, exchange.json).map((error) => {
    const where = error.instancePath || '(body)';
    const detail =
      error.keyword === 'required'
        ? `no ${String(error.params.missingProperty)} at ${where}`
        : error.keyword === 'additionalProperties'
          ? `an extra property ${show(error.params.additionalProperty)} at ${where}`
          : `${show(valueAt(exchange.json, error.instancePath))} at ${where}`;
    return violation(ruleId, context, detail, `${where} ${error.message ?? 'to match'} (${schema})`, {
      instancePath: error.instancePath,
      schemaPath: error.schemaPath,
    });
  });
}
