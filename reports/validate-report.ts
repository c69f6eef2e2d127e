import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats ships CommonJS with a default export; under NodeNext the namespace object arrives instead.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Checks parsed JSON against the report schema; returns the problems found (none when valid). */
export type ReportValidator = (data: unknown) => string[];

/**
 * A strict ajv validator of the report schema. The caller passes the schema (contracts/meta/
 * conformance-report.schema.json), so reports/ does not load contracts/ itself.
 *
 * @example const validate = createReportValidator(reportSchema); validate(JSON.parse(text)) // []
 */
export function createReportValidator(schema: object): ReportValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (data) =>
    validate(data)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`.trim());
}
