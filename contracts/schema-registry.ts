import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isIsoDateTime } from './iso-date-time.ts';
import { contractsPath } from './paths.ts';
import { type SchemaFile, schemaId } from './schema-ids.ts';

// ajv-formats ships CommonJS with a default export; under NodeNext the namespace object arrives instead.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** A JSON Schema document as stored in contracts/schemas. */
export type JsonSchema = Record<string, unknown>;

/** Reads every schema file in contracts/schemas (file name -> parsed document). */
export function loadSchemaFiles(dir = contractsPath('schemas')): Map<string, JsonSchema> {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return new Map(
    files.map((name) => [name, JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')) as JsonSchema]),
  );
}

/**
 * A strict ajv 2020-12 instance with formats, the vendor's ISO 8601 format and the x-rule annotation. The schemas
 * are checked against the draft's meta-schema when `checkSchemas` (the contract tests do): that check is some
 * 110 ms of every process's start, the test worker's among them, and finds nothing in schemas the tests passed.
 */
export function createAjv(options: { checkSchemas?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    verbose: true,
    validateSchema: options.checkSchemas ?? false,
  });
  addFormats(ajv);
  ajv.addFormat('iso-date-time', { type: 'string', validate: isIsoDateTime });
  ajv.addKeyword({
    keyword: 'x-rule',
    schemaType: 'object',
    metaSchema: { type: 'object', additionalProperties: { type: 'string', pattern: '^[A-Z0-9-]+$' } },
  });
  for (const schema of loadSchemaFiles().values()) ajv.addSchema(schema);
  return ajv;
}

let shared: Ajv2020 | undefined;

/** The process-wide ajv instance, compiled once. */
export function sharedAjv(): Ajv2020 {
  shared ??= createAjv();
  return shared;
}

/** The compiled validator of one contract schema. */
export function schemaValidator(file: SchemaFile): ValidateFunction {
  const validate = sharedAjv().getSchema(schemaId(file));
  if (!validate)
    throw new Error(`Failed to find schema "${file}" in contracts/schemas. Run the contract tests.`);
  return validate;
}

/** Validates `data` against a contract schema and returns ajv's errors (empty when valid). */
export function validateAgainst(file: SchemaFile, data: unknown): ErrorObject[] {
  const validate = schemaValidator(file);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
