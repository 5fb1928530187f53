import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../catalog';
import type { AttributeRule, SchemeDocument } from '../scheme/schema';
import { buildPlan } from './plan';
import { indexProcessors } from './processors';
import type { RuleTrace } from './types';

/** Every operator on every attribute type, including missing / null / wrong-type values and negations. */

const processors = indexProcessors([
  { id: 'proc_a', status: 'active', currencies: [], payment_methods: [], countries: [], approval_rate: 0.9,
    fees: { percent: 0, fixed: 0 }, created_at: '2024-01-01T00:00:00Z' },
]);

function oneRule(rule: AttributeRule): SchemeDocument {
  return {
    format: 'switchyard.scheme/v1', name: 't', start: 'c',
    nodes: {
      c: { type: 'condition', rules: [rule], then: 'yes', else: 'no' },
      yes: { type: 'strategy', strategy: 'direct', processors: ['proc_a'] },
      no: { type: 'strategy', strategy: 'direct', processors: ['proc_a'] },
    },
  };
}

function evaluate(rule: AttributeRule, tx: Record<string, unknown>): { result: boolean; trace: RuleTrace } {
  const plan = buildPlan(oneRule(rule), { catalog: builtinCatalog() });
  const fast = plan.decide(tx, processors);
  const traced = plan.decide(tx, processors, { trace: true });
  const trace = traced.trace!.conditions[0]!.rules[0]!;
  expect(trace.result).toBe(fast.path[0]!.result);
  return { result: fast.path[0]!.result, trace };
}

/** Puts `value` at a dotted path; `undefined` leaves the path absent. */
function txWith(path: string, value: unknown): Record<string, unknown> {
  const tx: Record<string, unknown> = { id: 'tx_1' };
  if (value === undefined) return tx;
  const keys = path.split('.');
  let target = tx;
  for (const key of keys.slice(0, -1)) target = (target[key] = {}) as Record<string, unknown>;
  target[keys[keys.length - 1]!] = value;
  return tx;
}

type Case = [operator: AttributeRule['operator'], ruleValue: AttributeRule['value'], txValue: unknown, expected: boolean];

const ABSENT = undefined;

const TABLE: Record<string, Case[]> = {
  amount: [
    ['eq', 100, 100, true], ['eq', 100, 99.99, false], ['eq', 100, '100', false], ['eq', 100, null, false], ['eq', 100, ABSENT, false],
    ['neq', 100, 100, false], ['neq', 100, 99.99, true], ['neq', 100, '100', true], ['neq', 100, null, true], ['neq', 100, ABSENT, true],
    ['in', [1, 2, 3], 2, true], ['in', [1, 2, 3], 4, false], ['in', [1, 2, 3], '2', false], ['in', [1, 2, 3], ABSENT, false],
    ['not_in', [1, 2, 3], 2, false], ['not_in', [1, 2, 3], 4, true], ['not_in', [1, 2, 3], '2', true], ['not_in', [1, 2, 3], ABSENT, true],
    ['gt', 100, 100.01, true], ['gt', 100, 100, false], ['gt', 100, null, false], ['gt', 100, '500', false],
    ['gte', 100, 100, true], ['gte', 100, 99, false], ['gte', 100, ABSENT, false],
    ['lt', 100, 99, true], ['lt', 100, 100, false], ['lt', 100, ABSENT, false], ['lt', 100, true, false],
    ['lte', 100, 100, true], ['lte', 100, 101, false], ['lte', 100, null, false],
    ['between', [10, 20], 10, true], ['between', [10, 20], 20, true], ['between', [10, 20], 15.5, true],
    ['between', [10, 20], 9.99, false], ['between', [10, 20], 20.01, false], ['between', [10, 20], ABSENT, false],
    ['between', [10, 20], '15', false],
    ['exists', undefined, 0, true], ['exists', undefined, null, false], ['exists', undefined, '1', false], ['exists', undefined, ABSENT, false],
    ['not_exists', undefined, 0, false], ['not_exists', undefined, null, true], ['not_exists', undefined, '1', true],
    ['not_exists', undefined, ABSENT, true],
  ],
  installments: [
    ['eq', 3, 3, true], ['eq', 3, 3.5, false], ['neq', 3, 3.5, true], ['gt', 2, 2.5, false], ['gt', 2, 3, true],
    ['exists', undefined, 2.5, false], ['in', [3, 6], 6, true], ['between', [1, 3], 2, true],
  ],
  'merchant.profile': [
    ['eq', 'eu_store', 'eu_store', true], ['eq', 'eu_store', 'EU_STORE', false], ['neq', 'eu_store', 'EU_STORE', true],
    ['in', ['a', 'eu_store'], 'eu_store', true], ['not_in', ['a', 'eu_store'], 'b', true],
    ['contains', 'store', 'eu_store', true], ['contains', 'shop', 'eu_store', false], ['contains', 'store', ABSENT, false],
    ['not_contains', 'shop', 'eu_store', true], ['not_contains', 'store', 'eu_store', false], ['not_contains', 'store', 42, true],
    ['starts_with', 'eu_', 'eu_store', true], ['starts_with', 'us_', 'eu_store', false], ['starts_with', 'eu', null, false],
    ['ends_with', '_store', 'eu_store', true], ['ends_with', '_shop', 'eu_store', false], ['ends_with', 'x', ['x'], false],
    ['matches', '^eu_[a-z]+$', 'eu_store', true], ['matches', '^eu_[a-z]+$', 'EU_STORE', false],
    ['matches', 'store', 'eu_store_2', true], ['matches', '^(a+)+$', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab', false],
    ['matches', 'x', ABSENT, false], ['exists', undefined, '', true], ['not_exists', undefined, 5, true],
  ],
  'card.brand': [
    ['eq', 'Visa', 'VISA', true], ['eq', 'visa', 'visa', true], ['eq', 'visa', 'mastercard', false],
    ['in', ['VISA', 'mastercard'], 'Mastercard', true], ['in', ['visa'], 'amex', false], ['not_in', ['visa'], 'AMEX', true],
    ['not_in', ['visa'], 'VISA', false], ['neq', 'visa', null, true], ['eq', 'visa', 1, false],
  ],
  'card.issuer_country': [
    ['eq', 'gb', 'GB', true], ['eq', 'GB', 'gb', true], ['eq', 'GB', 'FR', false], ['eq', 'GB', ABSENT, false],
    ['in', ['de', 'FR', 'NL'], 'fr', true], ['in', ['DE'], 'US', false], ['not_in', ['DE'], ABSENT, true],
    ['not_in', ['DE'], 'de', false], ['exists', undefined, 'DE', true], ['not_exists', undefined, 'DE', false],
  ],
  currency: [
    ['eq', 'eur', 'EUR', true], ['eq', 'EUR', 'eur', true], ['neq', 'EUR', 'usd', true], ['in', ['EUR', 'GBP'], 'gbp', true],
    ['not_in', ['EUR'], 978, true],
  ],
  recurring: [
    ['eq', true, true, true], ['eq', true, false, false], ['eq', true, 'true', false], ['eq', false, ABSENT, false],
    ['neq', true, 'true', true], ['neq', true, true, false], ['neq', false, false, false],
    ['exists', undefined, false, true], ['exists', undefined, 0, false],
  ],
  tags: [
    ['contains', 'gift_card', ['preorder', 'gift_card'], true], ['contains', 'gift_card', ['preorder'], false],
    ['contains', 'gift_card', 'gift_card', false], ['contains', 'gift_card', ABSENT, false], ['contains', 'x', [1, null, 'x'], true],
    ['not_contains', 'gift_card', ['preorder'], true], ['not_contains', 'gift_card', ['gift_card'], false],
    ['not_contains', 'gift_card', 'gift_card', true], ['not_contains', 'gift_card', null, true],
    ['exists', undefined, [], true], ['exists', undefined, 'a', false], ['not_exists', undefined, ABSENT, true],
  ],
  'metadata.segment': [
    ['eq', 'vip', 'vip', true], ['eq', 'vip', 'VIP', false], ['starts_with', 'v', 'vip', true], ['exists', undefined, 'x', true],
  ],
};

describe('operators × attribute types', () => {
  for (const [attribute, cases] of Object.entries(TABLE)) {
    describe(attribute, () => {
      for (const [operator, value, txValue, expected] of cases) {
        const rule: AttributeRule = value === undefined ? { attribute, operator } : { attribute, operator, value };
        it(`${operator} ${JSON.stringify(value)} on ${txValue === undefined ? '(absent)' : JSON.stringify(txValue)} → ${expected}`, () => {
          expect(evaluate(rule, txWith(attribute, txValue)).result).toBe(expected);
        });
      }
    });
  }

  it('a negative operator is the exact negation of its positive twin on every case', () => {
    const twins = { neq: 'eq', not_in: 'in', not_contains: 'contains', not_exists: 'exists' } as const;
    let compared = 0;
    for (const [attribute, cases] of Object.entries(TABLE)) {
      for (const [operator, value, txValue] of cases) {
        const positive = (Object.entries(twins).find(([neg]) => neg === operator)?.[1]);
        if (positive === undefined) continue;
        const tx = txWith(attribute, txValue);
        const neg = evaluate({ attribute, operator, ...(value === undefined ? {} : { value }) }, tx).result;
        const pos = evaluate({ attribute, operator: positive, ...(value === undefined ? {} : { value }) }, tx).result;
        expect(neg).toBe(!pos);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});

describe('rule traces', () => {
  it('shows the normalised value read and the normalised expected value', () => {
    const { trace } = evaluate({ attribute: 'card.issuer_country', operator: 'in', value: ['de', 'fr'] }, txWith('card.issuer_country', 'fr'));
    expect(trace).toEqual({ attribute: 'card.issuer_country', operator: 'in', expected: ['DE', 'FR'], actual: 'FR', result: true });
  });

  it.each([
    [ABSENT, 'absent'],
    [null, 'null'],
    ['100', 'wrong_type'],
  ])('says why amount %j is missing: %s', (value, missing) => {
    const { trace } = evaluate({ attribute: 'amount', operator: 'gt', value: 10 }, txWith('amount', value));
    expect(trace).toEqual({ attribute: 'amount', operator: 'gt', expected: 10, missing, result: false });
    expect('actual' in trace).toBe(false);
  });

  it('omits expected for exists', () => {
    const { trace } = evaluate({ attribute: 'tags', operator: 'exists' }, txWith('tags', ['A']));
    expect(trace).toEqual({ attribute: 'tags', operator: 'exists', actual: ['A'], result: true });
  });
});
