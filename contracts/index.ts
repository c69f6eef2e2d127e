// The contracts as the rest of the project consumes them.
export * from './capabilities.ts';
export * from './capabilities-markdown.ts';
export * from './contact-fields.ts';
export * from './iso-date-time.ts';
export * from './known-fields.ts';
export * from './operations.ts';
export { contractsPath } from './paths.ts';
export * from './request-validation.ts';
export * from './rule-catalogue.ts';
export * from './rules-markdown.ts';
export * from './schema-ids.ts';
export { schemaValidator, sharedAjv, validateAgainst } from './schema-registry.ts';
export type * from './types.gen.ts';
