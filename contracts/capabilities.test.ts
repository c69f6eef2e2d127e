import { describe, expect, it } from 'vitest';
import {
  CapabilityCatalogueError,
  capabilities,
  capabilitiesOfRule,
  parseCapabilities,
  ruleCatalogue,
} from './index.ts';

const ENTRY = `- id: state\n  title: State\n  lacking: l\n  hint: h\n  rules: [OC-X]\n`;

describe('the capability catalogue', () => {
  const all = capabilities();
  const ruleIds = new Set<string>(ruleCatalogue().map((r) => r.id));

  it('is a short list: a team reads capabilities, not rules', () => {
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(all.length).toBeLessThanOrEqual(13);
  });

  it('puts every rule of the catalogue in at least one capability, so nothing falls outside the grouping', () => {
    const grouped = new Set(all.flatMap((c) => c.rules));
    expect([...ruleIds].filter((id) => !grouped.has(id))).toEqual([]);
  });

  it('names only rules the catalogue has', () => {
    for (const capability of all) {
      expect(
        capability.rules.filter((id) => !ruleIds.has(id)),
        capability.id,
      ).toEqual([]);
    }
  });

  it('has unique kebab-case ids and a title, a lacking sentence and a hint for each', () => {
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const capability of all) {
      expect(capability.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(capability.title.length, capability.id).toBeGreaterThan(0);
      expect(capability.lacking, capability.id).toMatch(/^[A-Z].*\.$/s);
      expect(capability.hint.length, capability.id).toBeGreaterThan(0);
    }
  });

  it('groups the gaps a stateless mock shows: state, input validation, auth, paging, updates, deletes', () => {
    const ids = all.map((c) => c.id);
    for (const id of ['state', 'input-validation', 'auth', 'paging', 'updates-applied', 'deletes-applied']) {
      expect(ids).toContain(id);
    }
    const state = all.find((c) => c.id === 'state');
    expect(state?.rules).toEqual(
      expect.arrayContaining(['OC-LIST-CONTAINS-CREATED', 'OC-RETRIEVE-MATCHES-CREATE']),
    );
    const inputRules = ruleCatalogue()
      .filter((r) => r.category === 'input')
      .map((r) => r.id);
    expect(all.find((c) => c.id === 'input-validation')?.rules).toEqual(
      expect.arrayContaining([...inputRules, 'OC-INVALID-NOT-STORED', 'OC-INVALID-UPDATE-NOT-APPLIED']),
    );
  });

  it('finds the capabilities a rule serves', () => {
    expect(capabilitiesOfRule('OC-REF-STABLE').map((c) => c.id)).toEqual(['state', 'updates-applied']);
    expect(capabilitiesOfRule('OC-NOPE')).toEqual([]);
  });

  it('is loaded once, frozen', () => {
    expect(capabilities()).toBe(all);
    expect(Object.isFrozen(all)).toBe(true);
    expect(Object.isFrozen(all[0]?.rules)).toBe(true);
  });
});

describe('parseCapabilities', () => {
  it('rejects a capability naming a rule the catalogue does not have, naming both', () => {
    expect(() => parseCapabilities(ENTRY, 'caps.yaml', ['OC-Y'])).toThrow(CapabilityCatalogueError);
    expect(() => parseCapabilities(ENTRY, 'caps.yaml', ['OC-Y'])).toThrow(
      /caps\.yaml: capability "state" names "OC-X", not in contracts\/rules\.yaml/,
    );
  });

  it('rejects a duplicate id, naming it', () => {
    expect(() => parseCapabilities(ENTRY + ENTRY, 'caps.yaml', ['OC-X'])).toThrow(
      /capability id "state" twice/,
    );
  });

  it('rejects an entry that breaks the schema, naming where', () => {
    const bad = ENTRY.replace('id: state', 'id: State Of Things');
    expect(() => parseCapabilities(bad, 'caps.yaml', ['OC-X'])).toThrow(/\/0\/id must match pattern/);
    const noHint = ENTRY.replace('  hint: h\n', '');
    expect(() => parseCapabilities(noHint, 'caps.yaml', ['OC-X'])).toThrow(
      /must have required property 'hint'/,
    );
  });

  it('accepts a valid entry', () => {
    expect(parseCapabilities(ENTRY, 'caps.yaml', ['OC-X'])).toEqual([
      { id: 'state', title: 'State', lacking: 'l', hint: 'h', rules: ['OC-X'] },
    ]);
  });
});
