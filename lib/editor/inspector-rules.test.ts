import { describe, expect, it } from 'vitest';
import { builtinCatalog, createCatalog } from '../catalog';
import {
  changeAttribute,
  changeOperator,
  coerceScalar,
  coerceValue,
  newRule,
  operatorsFor,
  parseTyped,
  parseTypedList,
  patternProblem,
  rangeProblem,
  regexProblem,
  valueShape,
  valueText,
} from './inspector-rules';

const catalog = builtinCatalog();
const spec = (name: string) => catalog.get(name)!;

describe('operators per attribute', () => {
  it('offers only what the type allows', () => {
    expect(operatorsFor(spec('card.issuer_country'))).toEqual(['eq', 'neq', 'in', 'not_in', 'exists', 'not_exists']);
    expect(operatorsFor(spec('amount'))).toContain('between');
    expect(operatorsFor(spec('amount'))).not.toContain('matches');
    expect(operatorsFor(spec('metadata.order_ref'))).toContain('matches');
  });

  it('offers every operator for an attribute the catalog does not know', () => {
    expect(operatorsFor(undefined)).toHaveLength(16);
  });

  it('shapes values by operator', () => {
    expect(valueShape('exists')).toBe('none');
    expect(valueShape('not_in')).toBe('list');
    expect(valueShape('between')).toBe('range');
    expect(valueShape('gte')).toBe('scalar');
  });
});

describe('value coercion per attribute type', () => {
  it('reads numbers from numeric text and refuses the rest', () => {
    expect(coerceScalar('100', spec('amount'))).toBe(100);
    expect(coerceScalar(' 12.5 ', spec('amount'))).toBe(12.5);
    expect(coerceScalar('abc', spec('amount'))).toBeUndefined();
    expect(coerceScalar('', spec('amount'))).toBeUndefined();
    expect(coerceScalar(2.5, spec('installments'))).toBeUndefined();
    expect(coerceScalar(3, spec('installments'))).toBe(3);
  });

  it('normalises codes and keeps only those in the domain', () => {
    expect(coerceScalar('de', spec('card.issuer_country'))).toBe('DE');
    expect(coerceScalar('DE', spec('currency'))).toBeUndefined();
    expect(coerceScalar('VISA', spec('card.brand'))).toBe('visa');
  });

  it('reads booleans and text', () => {
    expect(coerceScalar('true', spec('recurring'))).toBe(true);
    expect(coerceScalar('yes', spec('recurring'))).toBeUndefined();
    expect(coerceScalar(5732, spec('card.bin'))).toBe('5732');
    expect(coerceScalar(true, spec('card.bin'))).toBeUndefined();
  });

  it('keeps any scalar for an unknown attribute', () => {
    expect(coerceScalar('x', undefined)).toBe('x');
    expect(coerceScalar({}, undefined)).toBeUndefined();
  });

  it('reshapes to the operator', () => {
    expect(coerceValue('DE', spec('card.issuer_country'), 'in')).toEqual(['DE']);
    expect(coerceValue(['DE', 'FR'], spec('card.issuer_country'), 'eq')).toBe('DE');
    expect(coerceValue(['DE', 'de', 'XX'], spec('card.issuer_country'), 'in')).toEqual(['DE']);
    expect(coerceValue(100, spec('amount'), 'between')).toEqual([100, 100]);
    expect(coerceValue([5, 50, 500], spec('amount'), 'between')).toEqual([5, 50]);
    expect(coerceValue('x', spec('amount'), 'between')).toBeUndefined();
    expect(coerceValue(100, spec('amount'), 'exists')).toBeUndefined();
    expect(coerceValue(undefined, spec('amount'), 'in')).toEqual([]);
    expect(coerceValue(undefined, spec('amount'), 'gt')).toBeUndefined();
  });
});

describe('changing attribute and operator', () => {
  it('keeps an allowed operator and the value that still fits', () => {
    const rule = { attribute: 'card.issuer_country', operator: 'in' as const, value: ['DE', 'FR'] };
    expect(changeAttribute(rule, 'billing.country', catalog)).toEqual({ attribute: 'billing.country', operator: 'in', value: ['DE', 'FR'] });
  });

  it('drops values that do not fit the new type', () => {
    const rule = { attribute: 'card.issuer_country', operator: 'in' as const, value: ['DE', 'FR'] };
    expect(changeAttribute(rule, 'currency', catalog)).toEqual({ attribute: 'currency', operator: 'in', value: [] });
    expect(changeAttribute(rule, 'amount', catalog)).toEqual({ attribute: 'amount', operator: 'in', value: [] });
  });

  it('picks the first allowed operator when the old one is not allowed, and resets the value', () => {
    const rule = { attribute: 'amount', operator: 'gt' as const, value: 100 };
    expect(changeAttribute(rule, 'card.issuer_country', catalog)).toEqual({ attribute: 'card.issuer_country', operator: 'eq' });
    expect(changeAttribute({ attribute: 'metadata.x', operator: 'matches', value: '^a' }, 'tags', catalog)).toEqual({
      attribute: 'tags',
      operator: 'contains',
      value: '^a',
    });
  });

  it('keeps numbers across numeric attributes', () => {
    const rule = { attribute: 'amount', operator: 'between' as const, value: [10, 20] };
    expect(changeAttribute(rule, 'customer.risk_score', catalog)).toEqual({ attribute: 'customer.risk_score', operator: 'between', value: [10, 20] });
  });

  it('reshapes the value on operator change, in canonical key order', () => {
    const rule = { attribute: 'card.issuer_country', operator: 'eq' as const, value: 'GB' };
    const changed = changeOperator(rule, 'not_in', catalog);
    expect(changed).toEqual({ attribute: 'card.issuer_country', operator: 'not_in', value: ['GB'] });
    expect(Object.keys(changed)).toEqual(['attribute', 'operator', 'value']);
    expect(changeOperator(rule, 'exists', catalog)).toEqual({ attribute: 'card.issuer_country', operator: 'exists' });
  });

  it('works with custom attributes', () => {
    const custom = createCatalog([{ name: 'merchant.tier', type: 'enum', domain: ['gold', 'silver'] }]);
    expect(changeOperator({ attribute: 'merchant.tier', operator: 'eq', value: 'GOLD' }, 'in', custom)).toEqual({
      attribute: 'merchant.tier',
      operator: 'in',
      value: ['gold'],
    });
  });

  it('starts a new rule on the first attribute, without a value', () => {
    expect(newRule(catalog)).toEqual({ attribute: 'amount', operator: 'eq' });
  });
});

describe('typed input', () => {
  it('parses single values per type', () => {
    expect(parseTyped('', spec('amount'))).toBeUndefined();
    expect(parseTyped('49.99', spec('amount'))).toBe(49.99);
    expect(parseTyped('12a', spec('amount'))).toBe('12a');
    expect(parseTyped('false', spec('recurring'))).toBe(false);
    expect(parseTyped('  spaced ', spec('metadata.k'))).toBe('  spaced ');
  });

  it('parses lists', () => {
    expect(parseTypedList('424242, 555555,\n424242', spec('card.bin'))).toEqual(['424242', '555555']);
    expect(parseTypedList('10, 20', spec('amount'))).toEqual([10, 20]);
    expect(valueText([10, 20])).toBe('10, 20');
    expect(valueText(undefined)).toBe('');
  });
});

describe('live checks', () => {
  it('refuses an inverted range', () => {
    expect(rangeProblem([10, 5])).toMatch(/greater/);
    expect(rangeProblem([5, 5])).toBeNull();
    expect(rangeProblem(5)).toBeNull();
  });

  it('checks the BIN shape only where the compiler does', () => {
    expect(patternProblem('4242', spec('card.bin'), 'eq')).toMatch(/6 digits/);
    expect(patternProblem(['424242', '12345a'], spec('card.bin'), 'in')).toMatch(/"12345a"/);
    expect(patternProblem('4242', spec('card.bin'), 'starts_with')).toBeNull();
    expect(patternProblem('424242', spec('card.bin'), 'eq')).toBeNull();
  });

  it('refuses what RE2 refuses', () => {
    expect(regexProblem('^gold_[0-9]+$')).toBeNull();
    expect(regexProblem('(a)\\1')).not.toBeNull();
    expect(regexProblem('(?=x)')).not.toBeNull();
    expect(regexProblem('[')).not.toBeNull();
  });
});
