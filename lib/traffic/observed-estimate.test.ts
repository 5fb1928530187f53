import { describe, expect, it } from 'vitest';
import type { Decision, Plan, ProcessorSet, Transaction } from '../engine/types';
import { cellKey, ObservedEstimator, type ObservedCell } from './observed-estimate';
import { wilsonInterval } from './wilson';

describe('Wilson interval (by hand)', () => {
  it('matches the formula', () => {
    // 80 of 100: centre (0.8 + 1.92/100) / 1.0384 = 0.78891, half 1.96·√(0.0016 + 0.000096)/1.0384 = 0.07773
    const i = wilsonInterval(80, 100)!;
    expect(i.low).toBeCloseTo(0.71117, 4);
    expect(i.high).toBeCloseTo(0.86663, 4);
    expect(wilsonInterval(0, 10)!.low).toBeCloseTo(0, 12);
    expect(wilsonInterval(10, 10)!.high).toBeCloseTo(1, 12);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

const route = (candidates: string[]): Decision => ({ outcome: 'route', processor: candidates[0]!, candidates, strategy: 'priority', node: 'leaf', path: [], modifiers: {} });
/** EUR → A then B, USD → C, GBP blocked, JPY → A then C; the leaf cascades once on a soft decline. */
const plan: Plan = {
  document: undefined as never,
  decide: (tx) => {
    switch (tx.currency) {
      case 'EUR': return route(['proc_a', 'proc_b']);
      case 'USD': return route(['proc_c']);
      case 'JPY': return route(['proc_a', 'proc_c']);
      default: return { ...route([]), outcome: 'blocked', processor: null };
    }
  },
  cascadeOf: () => ({ max_attempts: 2, on: ['soft_decline', 'hard_decline'] }),
};
const processors: ProcessorSet = { byId: new Map(), list: [] };
const observed = new Map<string, ObservedCell>([
  // A: 80 of 100 approved; of the 20 failures 10 soft (the cascade moves on), 10 hard (it never does): g = 0.5
  [cellKey('proc_a', 'visa'), { attempts: 100, approved: 80, by_outcome: { approved: 80, soft_decline: 10, hard_decline: 10 } }],
  [cellKey('proc_b', 'visa'), { attempts: 50, approved: 45, by_outcome: { approved: 45, soft_decline: 5 } }],
]);
const tx = (currency: string): Transaction => ({ currency, card: { brand: 'visa' } });

describe('observed approval estimate (by hand)', () => {
  const estimator = new ObservedEstimator(plan, processors, observed, 'card_brand');
  for (const c of ['EUR', 'EUR', 'USD', 'GBP', 'JPY']) estimator.add(tx(c));
  const report = estimator.report();

  it('follows the cascade with observed rates; blocked counts as not approved; no data is unknown, not zero', () => {
    // EUR: 0.8 + 0.2 × 0.5 × 0.9 = 0.89 (twice); GBP: 0; JPY: 0.8 (proc_c unobserved: partial); USD: unknown.
    expect(report).toMatchObject({ payments: 5, estimated: 4, unknown: 1, partial: 1 });
    expect(report.approval_rate).toBeCloseTo((0.89 * 2 + 0 + 0.8) / 4, 10);
  });

  it('puts every rate at its Wilson bound for the interval (the partial one counts its unknown rest as approved above)', () => {
    // Wilson 95%: A [0.711171, 0.866633], B [0.786398, 0.956524]
    // low  = (2 × (0.711171 + 0.288829 × 0.5 × 0.786398) + 0.711171) / 4 = 0.590162
    // high = (2 × (0.866633 + 0.133367 × 0.5 × 0.956524) + 0.866633 + 0.133367 × 0.5) / 4 = 0.698538
    expect(report.low).toBeCloseTo(0.590162, 5);
    expect(report.high).toBeCloseTo(0.698538, 5);
  });

  it('lists the cells first attempts go to, and those without observed data apart', () => {
    expect(report.cells.map((c) => [c.processor, c.value, c.payments, c.observed_attempts])).toEqual([['proc_a', 'visa', 3, 100]]);
    expect(report.unknown_cells).toEqual([{ processor: 'proc_c', value: 'visa', payments: 1, observed_attempts: 0, observed_rate: null, low: null, high: null }]);
  });
});
