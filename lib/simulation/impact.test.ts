import { describe, expect, it } from 'vitest';
import type { Decision, Plan, Transaction } from '../engine/types';
import { IMPACT_EXAMPLES, ImpactAggregator } from './impact';
import { processorSet, testPlan } from './testing';

const processors = processorSet([
  { id: 'proc_a', status: 'active', approval_rate: 0.5, fees: { percent: 1, fixed: 0 } },
  { id: 'proc_b', status: 'active', approval_rate: 1, fees: { percent: 2, fixed: 0 } },
]);

/** The test plan with `ab` payments sent to B first instead. */
function swapped(): Plan {
  const base = testPlan();
  return {
    ...base,
    decide(tx: Transaction): Decision {
      const d = base.decide(tx, processors);
      return tx.kind === 'ab' ? { ...d, processor: 'proc_b', candidates: ['proc_b', 'proc_a'] } : d;
    },
  };
}

describe('ImpactAggregator', () => {
  it('groups changed decisions before → after with counts, shares, examples, and the approval and fee change', () => {
    const agg = new ImpactAggregator({ before: testPlan(), after: swapped() }, processors, 1);
    for (let i = 0; i < 10; i++) agg.add({ id: `ab${i}`, kind: 'ab', amount: 100, currency: 'EUR' });
    for (let i = 0; i < 5; i++) agg.add({ id: `b${i}`, kind: 'b_only', amount: 100, currency: 'EUR' });
    agg.add({ id: 'r', kind: 'refuse' });
    const report = agg.report(false);
    expect(report.total).toBe(16);
    expect(report.changed).toBe(10);
    expect(report.changed_share).toBe(0.625);
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]).toMatchObject({ from: 'proc_a', to: 'proc_b', count: 10, share: 0.625 });
    expect(report.groups[0]!.examples).toHaveLength(IMPACT_EXAMPLES);
    // B approves everything: after the change all 15 routed payments are approved.
    expect(report.after.statuses.approved).toBe(15);
    expect(report.approval_rate_change).toBeCloseTo(report.after.approval_rate - report.before.approval_rate, 6);
    expect(report.fee_change.EUR).toBeCloseTo((report.after.fees.EUR ?? 0) - (report.before.fees.EUR ?? 0), 4);
  });

  it('reports no groups when nothing changes', () => {
    const agg = new ImpactAggregator({ before: testPlan(), after: testPlan() }, processors, 1);
    agg.add({ id: 'x', kind: 'ab' });
    expect(agg.report(false)).toMatchObject({ changed: 0, groups: [], other_changed: 0, approval_rate_change: 0 });
  });
});
