import {
  API_VERSIONS,
  type ApiVersion,
  type Operation,
  operationsOf,
  type SchemaFile,
  schemaValidator,
} from '../contracts/index.ts';

/** The operation generators build for when none is named. */
export const DEFAULT_OPERATION = 'createOrderContact';

/** A write operation of one API version: what a generated body is for. */
export interface WriteTarget {
  readonly apiVersion: ApiVersion;
  readonly operation: string;
  /** The operation's request body schema. */
  readonly schema: SchemaFile;
  /** The fields the request schema requires (firstName and lastName, except on PATCH). */
  readonly required: readonly string[];
}

// The OpenAPI documents also hold the test-setup writes (createOrder, createGuest); a contact write is one whose
// request body is an order-contact request schema.
function takesContact(op: Operation): op is Operation & { readonly requestSchema: SchemaFile } {
  return op.requestSchema?.startsWith('order-contact-') ?? false;
}

/** The operationIds of a version that take a contact in the request body (create, PUT, PATCH; v2 update). */
export function writeOperations(apiVersion: ApiVersion): readonly string[] {
  return operationsOf(apiVersion)
    .filter(takesContact)
    .map((op) => op.operationId);
}

/** Resolves a version and operation to a write target; throws for a version or operation that takes no contact. */
export function writeTarget(apiVersion: ApiVersion, operation: string = DEFAULT_OPERATION): WriteTarget {
  if (!API_VERSIONS.includes(apiVersion)) {
    throw new Error(
      `Failed to generate contacts: API version "${String(apiVersion)}" is unknown. Use v2.1 or v2.`,
    );
  }
  const op = operationsOf(apiVersion).find((o) => o.operationId === operation);
  if (!op || !takesContact(op)) {
    throw new Error(
      `Failed to generate contacts: operation "${operation}" takes no contact in ${apiVersion}. Use one of ${writeOperations(apiVersion).join(', ')}.`,
    );
  }
  const schema = schemaValidator(op.requestSchema).schema as { required?: unknown };
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  return { apiVersion, operation, schema: op.requestSchema, required };
}
