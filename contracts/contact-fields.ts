import type { ApiVersion } from './rule-catalogue.ts';
import { loadSchemaFiles } from './schema-registry.ts';

/** Contact fields that hold dates (ISO 8601), compared as dates rather than as text. */
export const DATE_FIELDS: readonly string[] = ['dateOfBirth', 'passportExpiry'];

const cache = new Map<ApiVersion, readonly string[]>();

/** The contact fields a version knows (from contact-fields.json), in the contract's order. */
export function contactFieldNames(version: ApiVersion): readonly string[] {
  const cached = cache.get(version);
  if (cached) return cached;
  const defs = (loadSchemaFiles().get('contact-fields.json')?.$defs ?? {}) as Record<
    string,
    { properties?: object }
  >;
  const person = defs[version === 'v2.1' ? 'personV21' : 'personV2'];
  const names = Object.freeze(Object.keys(person?.properties ?? {}));
  cache.set(version, names);
  return names;
}
