// yaml takes some 60 ms to load; with the parsed contracts cached (cached-parse.ts) most processes never need it,
// so it is loaded on the first parse only.
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let yaml: Yaml | undefined;

/** The value of a YAML document (yaml's parse). */
export function parseYaml(text: string): unknown {
  yaml ??= createRequire(import.meta.url)('yaml') as Yaml;
  return yaml.parse(text);
}
