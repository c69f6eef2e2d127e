import { Ajv2020 } from 'ajv/dist/2020.js';
import { cachedParse } from './cached-parse.ts';
import catalogueSchema from './meta/rule-catalogue.schema.json' with { type: 'json' };
import { contractsPath } from './paths.ts';
import { RULE_IDS, type RuleId } from './rule-ids.gen.ts';
import type { Rule, RuleCatalogue } from './types.gen.ts';
import { parseYaml } from './yaml.ts';

export { RULE_IDS, type RuleId } from './rule-ids.gen.ts';
export type { Rule } from './types.gen.ts';

/** A rule of this project's catalogue: its id is one of RULE_IDS (the stale-file test keeps the two in step). */
export type CatalogueRule = Rule & { readonly id: RuleId };

const KNOWN_IDS: ReadonlySet<string> = new Set(RULE_IDS);

/** True when `id` is a rule of the catalogue: narrows an id read from data (a schema's x-rule, a report). */
export function isRuleId(id: string): id is RuleId {
  return KNOWN_IDS.has(id);
}

/** An API version this project knows. */
export type ApiVersion = 'v2.1' | 'v2';

/** Every API version, newest first. */
export const API_VERSIONS: readonly ApiVersion[] = ['v2.1', 'v2'];

/** A rule's level in one API version. */
export type Level = 'MUST' | 'SHOULD';

/** Thrown when contracts/rules.yaml cannot be read or does not match its schema. */
export class RuleCatalogueError extends Error {
  override readonly name = 'RuleCatalogueError';
}

/** Parses and validates a rule catalogue from YAML text. */
export function parseRuleCatalogue(yamlText: string, origin = 'contracts/rules.yaml'): readonly Rule[] {
  const data: unknown = parseYaml(yamlText);
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile<RuleCatalogue>(catalogueSchema);
  if (!validate(data)) {
    const problems = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`)
      .join('; ');
    throw new RuleCatalogueError(`Failed to load ${origin}: ${problems}. Fix the entries named.`);
  }
  const seen = new Set<string>();
  for (const rule of data) {
    if (seen.has(rule.id))
      throw new RuleCatalogueError(`Failed to load ${origin}: rule id "${rule.id}" twice.`);
    seen.add(rule.id);
  }
  return frozen(data);
}

function frozen<R extends Rule>(rules: readonly R[]): readonly R[] {
  return Object.freeze(rules.map((rule) => Object.freeze(rule)));
}

let cached: readonly CatalogueRule[] | undefined;
let byId: ReadonlyMap<string, CatalogueRule> | undefined;

/** The rule catalogue of this project, loaded once. */
export function ruleCatalogue(): readonly CatalogueRule[] {
  // The ids are RuleIds as long as rule-ids.gen.ts is fresh, which a contract test asserts.
  cached ??= frozen(
    cachedParse(contractsPath('rules.yaml'), JSON.stringify(catalogueSchema), (text) =>
      parseRuleCatalogue(text),
    ),
  ) as readonly CatalogueRule[];
  return cached;
}

/**
 * The rule with this id; throws when rules.yaml no longer has it (rule-ids.gen.ts is stale: run
 * `npm run contracts:build`).
 */
export function ruleById(id: RuleId): CatalogueRule {
  byId ??= new Map(ruleCatalogue().map((rule) => [rule.id, rule]));
  const rule = byId.get(id);
  if (!rule)
    throw new RuleCatalogueError(
      `Failed to find rule "${id}" in contracts/rules.yaml. Run \`npm run contracts:build\` if the catalogue changed.`,
    );
  return rule;
}

/** The rule an id read from data names (a schema's x-rule, say); throws for an id the catalogue does not have. */
export function ruleNamed(id: string): CatalogueRule {
  if (!isRuleId(id))
    throw new RuleCatalogueError(
      `Failed to find rule "${id}" in contracts/rules.yaml. Fix the id where it was read, or add the rule.`,
    );
  return ruleById(id);
}

/** The rule's level in a version, or undefined when the rule does not apply to that version. */
export function ruleLevel(rule: Rule, version: ApiVersion): Level | undefined {
  return rule.levels[version];
}

/** The rules that apply to an API version. */
export function rulesFor(version: ApiVersion): readonly CatalogueRule[] {
  return ruleCatalogue().filter((rule) => rule.levels[version] !== undefined);
}
