import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import catalogueSchema from './meta/rule-catalogue.schema.json' with { type: 'json' };
import { contractsPath } from './paths.ts';
import type { Rule, RuleCatalogue } from './types.gen.ts';

export type { Rule } from './types.gen.ts';

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
  const data: unknown = parse(yamlText);
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
  return Object.freeze(data.map((rule) => Object.freeze(rule)));
}

let cached: readonly Rule[] | undefined;

/** The rule catalogue of this project, loaded once. */
export function ruleCatalogue(): readonly Rule[] {
  cached ??= parseRuleCatalogue(readFileSync(contractsPath('rules.yaml'), 'utf8'));
  return cached;
}

/** The rule with this id; throws for an id the catalogue does not have. */
export function ruleById(id: string): Rule {
  const rule = ruleCatalogue().find((r) => r.id === id);
  if (!rule) throw new RuleCatalogueError(`Failed to find rule "${id}" in contracts/rules.yaml.`);
  return rule;
}

/** The rule's level in a version, or undefined when the rule does not apply to that version. */
export function ruleLevel(rule: Rule, version: ApiVersion): Level | undefined {
  return rule.levels[version];
}

/** The rules that apply to an API version. */
export function rulesFor(version: ApiVersion): readonly Rule[] {
  return ruleCatalogue().filter((rule) => rule.levels[version] !== undefined);
}
