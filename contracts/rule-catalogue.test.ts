import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operationsOf } from './operations.ts';
import { contractsPath } from './paths.ts';
import { API_VERSIONS, parseRuleCatalogue, RuleCatalogueError, ruleCatalogue } from './rule-catalogue.ts';
import { loadSchemaFiles } from './schema-registry.ts';

// Input rules that no schema keyword can express; each has a checker in request-validation.ts.
const CHECKER_RULES = ['OC-DOB-PAST', 'OC-MALFORMED-JSON', 'OC-BODY-TOO-LARGE'];

const SEEDS = contractsPath('../../shared/seeds');

function xRulesIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) xRulesIn(item, found);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'x-rule') for (const id of Object.values(value as Record<string, string>)) found.add(id);
      else xRulesIn(value, found);
    }
  }
  return found;
}

function normalise(text: string): string {
  return text.replace(/`/g, '').replace(/\s+/g, ' ').toLowerCase();
}

describe('the rule catalogue', () => {
  const rules = ruleCatalogue();

  it('has at least 50 rules across both versions', () => {
    expect(rules.length).toBeGreaterThanOrEqual(50);
    for (const version of API_VERSIONS) {
      expect(rules.filter((r) => r.levels[version]).length, version).toBeGreaterThanOrEqual(40);
    }
  });

  it('ties every rule to a vendor page: a seed file, a vendor URL or a section of API-NOTES.md', () => {
    for (const rule of rules) {
      expect(rule.source, rule.id).toMatch(
        /^(seeds\/\d{3}_[0-9a-f]{16}\.txt|https:\/\/(doc|api-docs)\.sitecore\.com\/\S+|API-NOTES\.md \d)/,
      );
    }
  });

  it.skipIf(!existsSync(SEEDS))(
    'quotes the seed pages word for word (each part between "..." is on the page)',
    () => {
      for (const rule of rules.filter((r) => r.source.startsWith('seeds/'))) {
        const page = normalise(readFileSync(`${SEEDS}/${rule.source.slice('seeds/'.length)}`, 'utf8'));
        for (const part of rule.quote
          .split('...')
          .map((p) => normalise(p.trim()))
          .filter((p) => p.length > 3)) {
          expect(page.includes(part), `${rule.id}: "${part}" is not on ${rule.source}`).toBe(true);
        }
      }
    },
  );

  it('names only operations that exist in the versions the rule applies to', () => {
    for (const rule of rules) {
      const versions = API_VERSIONS.filter((v) => rule.levels[v]);
      const known = new Set(versions.flatMap((v) => operationsOf(v).map((op) => op.operationId)));
      for (const op of rule.operations) expect(known.has(op), `${rule.id} names ${op}`).toBe(true);
      for (const version of versions) {
        const here = new Set(operationsOf(version).map((op) => op.operationId));
        expect(
          rule.operations.some((op) => here.has(op)),
          `${rule.id} has no ${version} operation`,
        ).toBe(true);
      }
    }
  });

  it('maps every x-rule in the schemas to an input rule of the catalogue', () => {
    const ids = new Set([...loadSchemaFiles().values()].flatMap((schema) => [...xRulesIn(schema)]));
    for (const id of ids) {
      const rule = rules.find((r) => r.id === id);
      expect(rule, `x-rule ${id}`).toBeDefined();
      expect(rule?.input, `${id} is not an input rule`).toBeDefined();
    }
  });

  it('can detect a breach of every input rule: a schema keyword or a checker', () => {
    const detectable = new Set([
      ...[...loadSchemaFiles().values()].flatMap((s) => [...xRulesIn(s)]),
      ...CHECKER_RULES,
    ]);
    const inputRules = rules.filter((r) => r.input).map((r) => r.id);
    expect(inputRules.filter((id) => !detectable.has(id))).toEqual([]);
  });

  it('says which reading it takes where the vendor pages disagree', () => {
    for (const id of [
      'OC-AUTH-401-BODY',
      'OC-DOB-PAST',
      'OC-REF-CASE-INSENSITIVE',
      'OC-ORDER-LINK',
      'OC-LIST-ITEM-REF',
      'OC-NAMES-REQUIRED',
    ]) {
      expect(rules.find((r) => r.id === id)?.reading, id).toBeTruthy();
    }
  });

  it('rejects a catalogue with a duplicate id, naming it', () => {
    const entry = `- id: OC-X\n  title: t\n  category: auth\n  levels: { v2: MUST }\n  operations: [a]\n  evidence: documented\n  source: s\n  quote: q\n  description: d\n`;
    expect(() => parseRuleCatalogue(entry + entry)).toThrow(/rule id "OC-X" twice/);
  });

  it('rejects a rule with an unknown level, naming the entry', () => {
    const entry = `- id: OC-X\n  title: t\n  category: auth\n  levels: { v2: MAY }\n  operations: [a]\n  evidence: documented\n  source: s\n  quote: q\n  description: d\n`;
    expect(() => parseRuleCatalogue(entry)).toThrow(RuleCatalogueError);
    expect(() => parseRuleCatalogue(entry)).toThrow(/\/0\/levels\/v2/);
  });
});
