// The contracts as the rest of the project consumes them.
export * from './iso-date-time.ts';
export * from './operations.ts';
export * from './request-validation.ts';
export * from './rule-catalogue.ts';
export * from './schema-ids.ts';
export { schemaValidator, sharedAjv, validateAgainst } from './schema-registry.ts';
export type * from './types.gen.ts';
