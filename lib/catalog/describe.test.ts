import { describe, expect, it } from 'vitest';
import { builtinCatalog, createCatalog } from '.';
import { describeRead, describeRule, describeValue } from './describe';

const context = { catalog: builtinCatalog(), filters: [{ id: 'flt_high_risk', name: 'High risk' }] };

describe('describeRule', () => {
  it('names countries, currencies and enum values', () => {
    expect(describeRule({ attribute: 'card.issuer_country', operator: 'in', value: ['DE', 'fr'] }, context)).toBe('Card issuer country is one of Germany, France');
    expect(describeRule({ attribute: 'currency', operator: 'eq', value: 'EUR' }, context)).toMatch(/^Currency is Euro/);
    expect(describeRule({ attribute: 'card.brand', operator: 'neq', value: 'visa' }, context)).toBe('Card brand is not Visa');
  });

  it('writes numbers with symbols and ranges in words', () => {
    expect(describeRule({ attribute: 'amount', operator: 'gt', value: 100 }, context)).toBe('Amount > 100');
    expect(describeRule({ attribute: 'amount', operator: 'lte', value: 5 }, context)).toBe('Amount ≤ 5');
    expect(describeRule({ attribute: 'customer.risk_score', operator: 'between', value: [10, 80] }, context)).toBe('Risk score is between 10 and 80');
  });

  it('covers presence, text, regex, booleans and filters', () => {
    expect(describeRule({ attribute: 'card.bin', operator: 'exists' }, context)).toBe('BIN is present');
    expect(describeRule({ attribute: 'customer.email_domain', operator: 'ends_with', value: 'example.com' }, context)).toBe('Email domain ends with “example.com”');
    expect(describeRule({ attribute: 'card.bin', operator: 'matches', value: '^4[0-9]+$' }, context)).toBe('BIN matches /^4[0-9]+$/');
    expect(describeRule({ attribute: 'recurring', operator: 'eq', value: true }, context)).toBe('Recurring is yes');
    expect(describeRule({ filter: 'flt_high_risk' }, context)).toBe('Matches filter “High risk”');
    expect(describeRule({ filter: 'flt_unknown' }, context)).toBe('Matches filter flt_unknown');
  });

  it('uses metadata keys, custom attribute labels, and the raw path for unknown attributes', () => {
    expect(describeRule({ attribute: 'metadata.shop', operator: 'eq', value: 'eu' }, context)).toBe('Metadata: shop is “eu”');
    const custom = { catalog: createCatalog([{ name: 'loyalty_tier', type: 'enum', label: 'Loyalty tier', domain: ['gold', 'silver'] }]) };
    expect(describeRule({ attribute: 'loyalty_tier', operator: 'in', value: ['gold'] }, custom)).toBe('Loyalty tier is one of gold');
    expect(describeRule({ attribute: 'nope.nothing', operator: 'eq', value: 1 }, context)).toBe('nope.nothing is 1');
  });

  it('cuts long lists', () => {
    expect(describeValue(['DE', 'FR', 'NL', 'BE', 'AT', 'IT'], builtinCatalog().get('card.issuer_country'))).toBe('Germany, France, Netherlands, Belgium and 2 more');
    expect(describeValue([], undefined)).toBe('nothing');
  });
});

describe('describeRead', () => {
  it('says why a value is missing', () => {
    expect(describeRead(undefined, 'wrong_type')).toBe('missing (wrong type)');
    expect(describeRead('DE', undefined)).toBe('“DE”');
    expect(describeRead(250, undefined)).toBe('250');
  });
});
