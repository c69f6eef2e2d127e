import { Ajv2020 } from 'ajv/dist/2020.js';
import { cachedParse } from './cached-parse.ts';
import capabilitySchema from './meta/capability-catalogue.schema.json' with { type: 'json' };
import { contractsPath } from './paths.ts';
import { ruleCatalogue } from './rule-catalogue.ts';
import type { Capability, CapabilityCatalogue } from './types.gen.ts';
import { parseYaml } from './yaml.ts';

export type { Capability } from './types.gen.ts';

/** Thrown when contracts/capabilities.yaml cannot be read, does not match its schema or names an unknown rule. */
export class CapabilityCatalogueError extends Error {
  override readonly name = 'CapabilityCatalogueError';
}

/**
 * Parses and validates a capability catalogue from YAML text: its schema, unique ids, and rule ids that exist in
 * `ruleIds` (by default the rule catalogue's).
 */
export function parseCapabilities(
  yamlText: string,
  origin = 'contracts/capabilities.yaml',
  ruleIds: Iterable<string> = ruleCatalogue().map((rule) => rule.id),
): readonly Capability[] {
  const data: unknown = parseYaml(yamlText);
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile<CapabilityCatalogue>(
    capabilitySchema,
  );
  if (!validate(data)) {
    const problems = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`)
      .join('; ');
    throw new CapabilityCatalogueError(`Failed to load ${origin}: ${problems}. Fix the entries named.`);
  }
  const known = new Set(ruleIds);
  const seen = new Set<string>();
  for (const capability of data) {
    if (seen.has(capability.id))
      throw new CapabilityCatalogueError(`Failed to load ${origin}: capability id "${capability.id}" twice.`);
    seen.add(capability.id);
    const unknown = capability.rules.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new CapabilityCatalogueError(
        `Failed to load ${origin}: capability "${capability.id}" names ${unknown.map((id) => `"${id}"`).join(', ')}, not in contracts/rules.yaml. Fix the rule ids.`,
      );
  }
  return frozen(data);
}

function frozen(list: readonly Capability[]): readonly Capability[] {
  return Object.freeze(
    list.map((capability) => {
      Object.freeze(capability.rules);
      return Object.freeze(capability);
    }),
  );
}

let cached: readonly Capability[] | undefined;

/**
 * The capability catalogue of this project (contracts/capabilities.yaml), loaded once: what a server of the API
 * must be able to do, each with the rules that check it. Plain data, as buildReport takes it.
 *
 * @example buildReport({ observations, rules: ruleInfos(), capabilities: capabilities(), run })
 */
export function capabilities(): readonly Capability[] {
  if (cached) return cached;
  // Checked against the schema and the rule ids: either changing parses the file again.
  const ruleIds = ruleCatalogue().map((rule) => rule.id);
  cached = frozen(
    cachedParse(contractsPath('capabilities.yaml'), JSON.stringify([capabilitySchema, ruleIds]), (text) =>
      parseCapabilities(text, undefined, ruleIds),
    ),
  );
  return cached;
}

/** The capabilities a rule serves, in catalogue order (none for an unknown id). */
export function capabilitiesOfRule(ruleId: string): readonly Capability[] {
  return capabilities().filter((capability) => capability.rules.includes(ruleId));
}
