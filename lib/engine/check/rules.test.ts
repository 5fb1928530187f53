import { describe, expect, it } from 'vitest';
import type { Filter } from '../types';
import { check, errorCodes, registry, withRules } from './test-helpers';

const rule = (attribute: string, operator: string, value?: unknown) =>
  value === undefined ? { attribute, operator } : { attribute, operator, value };
const problemsOf = (...rules: unknown[]) => check(withRules(...rules)).errors;
const codesOf = (...rules: unknown[]) => problemsOf(...rules).map((p) => p.code);

describe('rule checks against the catalog', () => {
  it('accepts well-formed rules of every type, normalising before the domain check', () => {
    expect(
      codesOf(
        rule('card.issuer_country', 'eq', 'gb'),
        rule('currency', 'in', ['eur', 'USD']),
        rule('card.brand', 'neq', 'VISA'),
        rule('amount', 'between', [10, 10]),
        rule('time_of_day', 'gte', 22),
        rule('weekday', 'in', ['sat', 'sun']),
        rule('card.tokenised', 'eq', true),
        rule('card.bin', 'starts_with', '4'),
        rule('card.bin', 'in', ['424242', '555555']),
        rule('customer.email_domain', 'matches', '^(gmail|yahoo)\\.com$'),
        rule('tags', 'contains', 'gift_card'),
        rule('metadata.order_type', 'eq', 'subscription'),
        rule('three_ds.version', 'exists'),
      ),
    ).toEqual([]);
  });

  it('reports an unknown attribute with a suggestion (unknown_attribute)', () => {
    const [problem] = problemsOf(rule('card.isuer_country', 'eq', 'GB'));
    expect(problem).toMatchObject({ code: 'unknown_attribute', path: ['nodes', 'c1', 'rules', 0, 'attribute'], node: 'c1' });
    expect(problem!.message).toContain('Did you mean "card.issuer_country"?');
  });

  it('reports an operator the type does not take (operator_not_allowed)', () => {
    expect(codesOf(rule('card.issuer_country', 'gt', 'DE'))).toEqual(['operator_not_allowed']);
    expect(codesOf(rule('card.tokenised', 'starts_with', 't'))).toEqual(['operator_not_allowed']);
    expect(codesOf(rule('amount', 'matches', '1'))).toEqual(['operator_not_allowed']);
    expect(problemsOf(rule('currency', 'contains', 'E'))[0]!.path).toEqual(['nodes', 'c1', 'rules', 0, 'operator']);
  });

  it('requires a value except for exists / not_exists (value_missing, value_not_allowed)', () => {
    expect(codesOf(rule('amount', 'gt'))).toEqual(['value_missing']);
    expect(codesOf(rule('amount', 'exists', 1))).toEqual(['value_not_allowed']);
    expect(codesOf(rule('amount', 'not_exists', []))).toEqual(['value_not_allowed']);
  });

  it('checks the value type (value_wrong_type)', () => {
    expect(codesOf(rule('amount', 'gt', '100'))).toEqual(['value_wrong_type']);
    expect(codesOf(rule('time_of_day', 'eq', 1.5))).toEqual(['value_wrong_type']);
    expect(codesOf(rule('card.tokenised', 'eq', 'true'))).toEqual(['value_wrong_type']);
    expect(codesOf(rule('card.bin', 'eq', 424242))).toEqual(['value_wrong_type']);
    expect(codesOf(rule('currency', 'eq', ['EUR']))).toEqual(['value_wrong_type']);
    expect(codesOf(rule('currency', 'in', ['EUR', 3]))).toEqual(['value_wrong_type']);
    expect(problemsOf(rule('currency', 'in', ['EUR', 3]))[0]!.path).toEqual(['nodes', 'c1', 'rules', 0, 'value', 1]);
  });

  it('requires a non-empty list for in / not_in (value_not_list, value_empty_list)', () => {
    expect(codesOf(rule('currency', 'in', 'EUR'))).toEqual(['value_not_list']);
    expect(codesOf(rule('currency', 'not_in', []))).toEqual(['value_empty_list']);
  });

  it('requires [min, max] with min <= max for between (value_not_range, range_inverted)', () => {
    expect(codesOf(rule('amount', 'between', [1, 2, 3]))).toEqual(['value_not_range']);
    expect(codesOf(rule('amount', 'between', 5))).toEqual(['value_not_range']);
    expect(codesOf(rule('amount', 'between', [100, 10]))).toEqual(['range_inverted']);
  });

  it('checks min / max of the attribute (value_out_of_range)', () => {
    expect(codesOf(rule('time_of_day', 'eq', 24))).toEqual(['value_out_of_range']);
    expect(codesOf(rule('customer.risk_score', 'gt', 101))).toEqual(['value_out_of_range']);
    expect(codesOf(rule('amount', 'lt', -1))).toEqual(['value_out_of_range']);
  });

  it('checks the domain after normalisation, suggesting the code for a name (value_out_of_domain)', () => {
    const [problem] = problemsOf(rule('card.issuer_country', 'eq', 'Germany'));
    expect(problem).toMatchObject({ code: 'value_out_of_domain' });
    expect(problem!.message).toContain('"DE"');
    expect(codesOf(rule('currency', 'in', ['EUR', 'EUX']))).toEqual(['value_out_of_domain']);
    expect(codesOf(rule('weekday', 'eq', 'monday'))).toEqual(['value_out_of_domain']);
    expect(codesOf(rule('initiator', 'eq', 'customer'))).toEqual(['value_out_of_domain']);
  });

  it('checks the shape of exact values (value_invalid_format)', () => {
    expect(codesOf(rule('card.bin', 'eq', '4242'))).toEqual(['value_invalid_format']);
    expect(codesOf(rule('card.extended_bin', 'in', ['424242'])) ).toEqual(['value_invalid_format']);
    expect(codesOf(rule('card.extended_bin', 'starts_with', '4242'))).toEqual([]);
  });

  it('only accepts linear-time regular expressions (regex_invalid)', () => {
    expect(codesOf(rule('customer.email_domain', 'matches', '(a+)\\1'))).toEqual(['regex_invalid']);
    expect(codesOf(rule('customer.email_domain', 'matches', '^(?!gmail)'))).toEqual(['regex_invalid']);
    expect(codesOf(rule('customer.email_domain', 'matches', '[unclosed'))).toEqual(['regex_invalid']);
    expect(codesOf(rule('customer.email_domain', 'matches', true))).toEqual(['value_wrong_type']);
  });
});

describe('filters', () => {
  const filters: Filter[] = [
    { id: 'flt_eu', name: 'EU', rules: [{ attribute: 'card.issuer_country', operator: 'in', value: ['DE', 'FR'] }] },
    { id: 'flt_nested', name: 'Nested', rules: [{ filter: 'flt_eu' }, { attribute: 'amount', operator: 'gt', value: 1 }] },
    { id: 'flt_broken', name: 'Broken', rules: [{ attribute: 'card.colour', operator: 'eq', value: 'red' }] },
    { id: 'flt_a', name: 'A', rules: [{ filter: 'flt_b' }] },
    { id: 'flt_b', name: 'B', rules: [{ filter: 'flt_a' }] },
    { id: 'flt_empty', name: 'Empty', rules: [] },
    { id: 'flt_junk', name: 'Junk', rules: [{ attribute: 1 } as never] },
    { id: 'flt_dangling', name: 'Dangling', rules: [{ filter: 'flt_missing' }] },
  ];
  const withFilters = { ...registry, filters };
  const codesFor = (filter: string) => check(withRules({ filter }), withFilters).errors.map((e) => e.code);

  it('accepts known, sound filters, nested ones too', () => {
    expect(codesFor('flt_eu')).toEqual([]);
    expect(codesFor('flt_nested')).toEqual([]);
  });

  it('reports an unknown filter only when the registry lists filters (unknown_filter)', () => {
    expect(codesFor('flt_nope')).toEqual(['unknown_filter']);
    expect(codesFor('flt_dangling')).toEqual(['unknown_filter']);
    expect(errorCodes(withRules({ filter: 'flt_nope' }))).toEqual([]);
  });

  it("checks a filter's own rules and reports them on the referencing rule", () => {
    const [problem] = check(withRules({ filter: 'flt_broken' }), withFilters).errors;
    expect(problem).toMatchObject({ code: 'unknown_attribute', path: ['nodes', 'c1', 'rules', 0, 'filter'], node: 'c1' });
    expect(problem!.message).toMatch(/^Filter "flt_broken", rule 0: Unknown attribute "card.colour"/);
  });

  it('names a cycle between filters (filter_cycle) and refuses malformed filters (filter_invalid)', () => {
    expect(codesFor('flt_a')).toEqual(['filter_cycle']);
    expect(check(withRules({ filter: 'flt_a' }), withFilters).errors[0]!.message).toContain('flt_a → flt_b → flt_a');
    expect(codesFor('flt_empty')).toEqual(['filter_invalid']);
    expect(codesFor('flt_junk')).toEqual(['filter_invalid']);
  });
});
