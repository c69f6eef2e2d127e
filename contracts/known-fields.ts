import { SCHEMA_BASE, type SchemaFile } from './schema-ids.ts';
import { type JsonSchema, loadSchemaFiles } from './schema-registry.ts';

const cache = new Map<string, ReadonlySet<string>>();
const MAX_DEPTH = 4;

function resolve(
  ref: string,
  base: string,
  files: Map<string, JsonSchema>,
): { schema: JsonSchema; base: string } | undefined {
  const url = new URL(ref, base);
  const file = url.href.slice(SCHEMA_BASE.length).replace(/#.*$/, '');
  let node: unknown = files.get(file);
  for (const part of url.hash.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    node = (node as Record<string, unknown> | undefined)?.[part];
  }
  return node && typeof node === 'object'
    ? { schema: node as JsonSchema, base: SCHEMA_BASE + file }
    : undefined;
}

function collect(
  schema: JsonSchema,
  base: string,
  prefix: string,
  out: Set<string>,
  files: Map<string, JsonSchema>,
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  if (typeof schema.$ref === 'string') {
    const target = resolve(schema.$ref, base, files);
    if (target) collect(target.schema, target.base, prefix, out, files, depth);
  }
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    for (const sub of (schema[key] as JsonSchema[] | undefined) ?? [])
      collect(sub, base, prefix, out, files, depth);
  }
  for (const [name, sub] of Object.entries(
    (schema.properties as Record<string, JsonSchema> | undefined) ?? {},
  )) {
    const path = prefix ? `${prefix}.${name}` : name;
    out.add(path);
    collect(sub, base, path, out, files, depth + 1);
  }
  if (schema.items && typeof schema.items === 'object') {
    collect(schema.items as JsonSchema, base, `${prefix}[]`, out, files, depth + 1);
  }
}

/** Every field path a response schema documents, as "order.href" or "items[].ref" (for schema-drift reports). */
export function knownFieldPaths(file: SchemaFile): ReadonlySet<string> {
  const cached = cache.get(file);
  if (cached) return cached;
  const files = loadSchemaFiles();
  const out = new Set<string>();
  const root = files.get(file);
  if (root) collect(root, SCHEMA_BASE + file, '', out, files, 0);
  cache.set(file, out);
  return out;
}

/** The field paths of a JSON value, the same way knownFieldPaths names them. */
export function observedFieldPaths(
  value: unknown,
  prefix = '',
  depth = 0,
  out = new Set<string>(),
): Set<string> {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const item of value) observedFieldPaths(item, `${prefix}[]`, depth + 1, out);
    return out;
  }
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.add(path);
    observedFieldPaths(child, path, depth + 1, out);
  }
  return out;
}
