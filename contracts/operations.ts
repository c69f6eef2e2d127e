import { readOpenApiSource } from './openapi-document.ts';
import type { ApiVersion } from './rule-catalogue.ts';
import type { SchemaFile } from './schema-ids.ts';

/** An HTTP method the contract uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One operation of a version's OpenAPI document, as the mock and the suites need it. */
export interface Operation {
  readonly version: ApiVersion;
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The path template, e.g. /v2.1/orders/{orderRef}/contacts. */
  readonly path: string;
  readonly evidence: 'documented' | 'inferred';
  readonly source: string;
  /** The request body schema, when the operation takes a body. */
  readonly requestSchema?: SchemaFile;
  /** Status code -> response body schema file (undefined for a response without a body). */
  readonly responses: Readonly<Record<string, SchemaFile | readonly SchemaFile[] | undefined>>;
}

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function schemaFileOf(schema: unknown): SchemaFile | readonly SchemaFile[] | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const node = schema as { $ref?: unknown; oneOf?: unknown[] };
  if (typeof node.$ref === 'string') return node.$ref.replace('../schemas/', '') as SchemaFile;
  if (Array.isArray(node.oneOf)) return node.oneOf.map((s) => schemaFileOf(s) as SchemaFile);
  return undefined;
}

function jsonSchemaOf(content: unknown): unknown {
  return (content as { 'application/json'?: { schema?: unknown } } | undefined)?.['application/json']?.schema;
}

let cache: Map<ApiVersion, readonly Operation[]> | undefined;

/** The operations of an API version, read from its OpenAPI document. */
export function operationsOf(version: ApiVersion): readonly Operation[] {
  cache ??= new Map();
  const cached = cache.get(version);
  if (cached) return cached;
  const doc = readOpenApiSource(version);
  const shared =
    (doc.components as { responses?: Record<string, { content?: unknown }> } | undefined)?.responses ?? {};
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method.toLowerCase()] as Record<string, unknown> | undefined;
      if (!op) continue;
      const responses: Record<string, SchemaFile | readonly SchemaFile[] | undefined> = {};
      for (const [status, response] of Object.entries(
        op.responses as Record<string, { $ref?: string; content?: unknown }>,
      )) {
        const resolved = response.$ref ? shared[response.$ref.split('/').pop() ?? ''] : response;
        responses[status] = schemaFileOf(jsonSchemaOf(resolved?.content));
      }
      const requestSchema = schemaFileOf(
        jsonSchemaOf((op.requestBody as { content?: unknown } | undefined)?.content),
      );
      operations.push(
        Object.freeze({
          version,
          operationId: String(op.operationId),
          method,
          path,
          evidence: op['x-evidence'] as 'documented' | 'inferred',
          source: String(op['x-source']),
          ...(typeof requestSchema === 'string' ? { requestSchema } : {}),
          responses: Object.freeze(responses),
        }),
      );
    }
  }
  const frozen = Object.freeze(operations);
  cache.set(version, frozen);
  return frozen;
}

/** The operation with this id in a version; throws when the version has none. */
export function operation(version: ApiVersion, operationId: string): Operation {
  const found = operationsOf(version).find((op) => op.operationId === operationId);
  if (!found)
    throw new Error(`Failed to find operation "${operationId}" in contracts/openapi/${version}.yaml.`);
  return found;
}

function templatePattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

/** The operation of a version a concrete request (method and path, no query) is, or undefined when none is. */
export function operationForRequest(
  version: ApiVersion,
  method: string,
  path: string,
): Operation | undefined {
  const wanted = method.toUpperCase();
  return operationsOf(version).find((op) => op.method === wanted && templatePattern(op.path).test(path));
}

/** The API version a request path names (/v2.1/… or /v2/…), or undefined for neither. */
export function apiVersionOfPath(path: string): ApiVersion | undefined {
  if (path.startsWith('/v2.1/')) return 'v2.1';
  if (path.startsWith('/v2/')) return 'v2';
  return undefined;
}

/** The operations of a version at a concrete path, whatever their method (to say which methods it documents). */
export function operationsAtPath(version: ApiVersion, path: string): readonly Operation[] {
  return operationsOf(version).filter((op) => templatePattern(op.path).test(path));
}
