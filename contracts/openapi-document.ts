import { cachedParse } from './cached-parse.ts';
import { contractsPath } from './paths.ts';
import type { ApiVersion } from './rule-catalogue.ts';
import { SCHEMA_BASE } from './schema-ids.ts';
import { type JsonSchema, loadSchemaFiles } from './schema-registry.ts';
import { parseYaml } from './yaml.ts';

/** An OpenAPI document as parsed JSON. */
export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

const SCHEMA_REF = /^\.\.\/schemas\/([^#]+)(#.*)?$/;

/** Reads the source OpenAPI document of a version (its schemas still in contracts/schemas). */
export function readOpenApiSource(version: ApiVersion): OpenApiDocument {
  return cachedParse(contractsPath('openapi', `${version}.yaml`), 'yaml', parseYaml) as OpenApiDocument;
}

function mapRefs(node: unknown, rewrite: (ref: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => mapRefs(item, rewrite));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== '$id' && key !== '$schema')
      .map(([key, value]) => [
        key,
        key === '$ref' && typeof value === 'string' ? rewrite(value) : mapRefs(value, rewrite),
      ]),
  );
}

/**
 * Bundles a version's OpenAPI document with the JSON Schemas it references into one self-contained document:
 * each schema file becomes components.schemas[its title] and every $ref points inside the document.
 */
export function bundleOpenApi(version: ApiVersion): OpenApiDocument {
  const source = readOpenApiSource(version);
  const files = loadSchemaFiles();
  const titleOf = (file: string): string => {
    const schema = files.get(file);
    if (!schema || typeof schema.title !== 'string') {
      throw new Error(
        `Failed to bundle ${version}.yaml: "${file}" is not a schema with a title in contracts/schemas.`,
      );
    }
    return schema.title;
  };
  const included = new Map<string, JsonSchema>();
  const pending: string[] = [];
  const pointerTo = (file: string, fragment = ''): string => {
    if (!included.has(file) && !pending.includes(file)) pending.push(file);
    return `#/components/schemas/${titleOf(file)}${fragment.replace(/^#/, '')}`;
  };
  const bundled = mapRefs(source, (ref) => {
    const match = SCHEMA_REF.exec(ref);
    return match?.[1] ? pointerTo(match[1], match[2]) : ref;
  }) as OpenApiDocument;
  while (pending.length > 0) {
    const file = pending.shift() as string;
    const base = SCHEMA_BASE + file;
    included.set(
      file,
      mapRefs(files.get(file), (ref) => {
        const url = new URL(ref, base).href;
        const [target = '', fragment] = url.slice(SCHEMA_BASE.length).split('#');
        return pointerTo(target, fragment === undefined ? '' : `#${fragment}`);
      }) as JsonSchema,
    );
  }
  const components = (bundled.components ?? {}) as Record<string, unknown>;
  const schemas = Object.fromEntries([...included].map(([file, schema]) => [titleOf(file), schema]).sort());
  bundled.components = { ...components, schemas };
  return bundled;
}
