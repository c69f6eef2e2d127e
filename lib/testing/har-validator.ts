// The har-schema package's HAR 1.2 JSON Schemas (draft-06, one file per object, referring to each other by $id),
// compiled once with ajv for the tests of occ run --record.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import addFormatsModule from 'ajv-formats';

// ajv-formats ships CommonJS with a default export; under NodeNext the namespace object arrives instead.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Checks parsed JSON against har.json; returns the problems found (none when valid). */
export type HarValidator = (data: unknown) => string[];

/** A validator of HAR 1.2 documents from node_modules/har-schema/lib/*.json. */
export function createHarValidator(): HarValidator {
  const dir = dirname(createRequire(import.meta.url).resolve('har-schema/lib/har.json'));
  // The schemas carry keywords of their own ("optional") that strict mode would refuse.
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(draft06);
  addFormats(ajv);
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')))
    ajv.addSchema(JSON.parse(readFileSync(join(dir, file), 'utf8')) as object);
  const validate = ajv.getSchema('har.json#') ?? ajv.getSchema('har.json');
  if (!validate) throw new Error('Failed to find har.json among the har-schema schemas.');
  return (data) =>
    validate(data)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`.trim());
}
