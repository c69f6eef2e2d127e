import { describe, expect, it } from 'vitest';
import {
  isRuleId,
  RULE_IDS,
  RuleCatalogueError,
  type RuleId,
  ruleById,
  ruleCatalogue,
  ruleNamed,
} from './rule-catalogue.ts';

describe('rule ids', () => {
  it('RULE_IDS are the catalogue ids, in catalogue order', () => {
    expect([...RULE_IDS]).toEqual(ruleCatalogue().map((rule) => rule.id));
  });

  it('a mistyped id is a type error, and fails at run time too', () => {
    // @ts-expect-error: 'OC-CREAT-201' is not a RuleId
    expect(() => ruleById('OC-CREAT-201')).toThrow(RuleCatalogueError);
    // @ts-expect-error: Pact ids are not catalogue rules
    const pact: RuleId = 'PACT-create-a-contact-v2-1';
    expect(isRuleId(pact)).toBe(false);
    expect(ruleById('OC-CREATE-201').id).toBe('OC-CREATE-201');
  });

  it('ruleNamed narrows an id read from data, and names the id it cannot find', () => {
    const read: string = 'OC-GENDER-ENUM';
    expect(ruleNamed(read).id).toBe('OC-GENDER-ENUM');
    expect(() => ruleNamed('OC-NOPE')).toThrow(/"OC-NOPE"/);
    expect(isRuleId('OC-NO-5XX')).toBe(true);
  });
});
