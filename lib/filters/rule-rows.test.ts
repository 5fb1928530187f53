import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../catalog';
import { choiceFor, filterFormCatalog, ruleFromRow, ruleInWords, rowFromRule, type RuleRow } from './rule-rows';
import type { Operator, Rule } from '../scheme/schema';

const form = filterFormCatalog(builtinCatalog());
const attr = (name: string) => choiceFor(name, form.attributes);

describe('filter rule rows', () => {
  it('sends country and currency lists once', () => {
    expect(Object.keys(form.domains)).toContain('country');
    expect(form.attributes.filter((a) => a.domain === 'country').length).toBeGreaterThan(2);
    expect(form.domains.currency!.find((c) => c.code === 'GBP')?.aliases).toContain('Pound Sterling');
  });

  it('round-trips rules through rows with values typed by the attribute', () => {
    const rules: Rule[] = [
      { attribute: 'customer.ip_country', operator: 'in', value: ['KP', 'IR', 'SY'] },
      { attribute: 'amount', operator: 'between', value: [10, 500] },
      { attribute: 'amount', operator: 'gt', value: 100 },
      { attribute: 'recurring', operator: 'eq', value: true },
      { attribute: 'card.bin', operator: 'exists' },
      { attribute: 'metadata.channel', operator: 'eq', value: 'web' },
      { filter: 'flt_x' },
    ];
    for (const rule of rules) {
      const row = rowFromRule(rule);
      expect(ruleFromRow(row, 'attribute' in rule ? attr(rule.attribute) : undefined)).toEqual(rule);
    }
  });

  it('types typed text and keeps what does not fit as text for the server to name', () => {
    const row = (attribute: string, operator: Operator, text: string): RuleRow => ({
      kind: 'attribute', attribute, operator, text, list: [], min: '', max: '',
    });
    expect(ruleFromRow(row('amount', 'gte', ' 250 '), attr('amount'))).toEqual({ attribute: 'amount', operator: 'gte', value: 250 });
    expect(ruleFromRow(row('amount', 'gte', 'lots'), attr('amount'))).toEqual({ attribute: 'amount', operator: 'gte', value: 'lots' });
    expect(ruleFromRow(row('amount', 'in', '100, 200'), attr('amount'))).toEqual({ attribute: 'amount', operator: 'in', value: [100, 200] });
  });

  it('says rules in words', () => {
    expect(ruleInWords({ attribute: 'customer.ip_country', operator: 'in', value: ['KP', 'IR'] }, form.attributes, (id) => id)).toMatch(/IP country is one of KP, IR$/);
    expect(ruleInWords({ filter: 'flt_a' }, form.attributes, () => 'A')).toBe('matches filter “A”');
  });
});
