import { describe, expect, it } from 'vitest';
import { simulateOne } from './simulate-one';
import { processorSet, testPlan } from './testing';

const plan = testPlan();
const always = processorSet([
  { id: 'proc_a', status: 'active', approval_rate: 0, failure_mix: { soft_decline: 1, hard_decline: 0, processor_error: 0, timeout: 0 } },
  { id: 'proc_b', status: 'active', approval_rate: 1 },
]);
const coinFlip = processorSet([
  { id: 'proc_a', status: 'active', approval_rate: 0.5 },
  { id: 'proc_b', status: 'active', approval_rate: 0.5 },
]);
const tx = (id: string, kind = 'ab') => ({ id, kind, amount: 10, currency: 'EUR' });

describe('simulateOne', () => {
  it('plays forced outcomes in order and cascades on a listed category', () => {
    const r = simulateOne(plan, tx('t1'), always, { forced: ['soft_decline', 'approved'] });
    expect(r.outcome).toBe('route');
    expect(r.attempts).toEqual([
      { processor: 'proc_a', outcome: 'soft_decline', forced: true },
      { processor: 'proc_b', outcome: 'approved', forced: true },
    ]);
    expect(r.status).toBe('approved');
    expect(r.candidates).toEqual(['proc_a', 'proc_b']);
  });

  it('stops after a hard decline even though attempts remain', () => {
    const r = simulateOne(plan, tx('t1'), always, { forced: ['hard_decline', 'approved'] });
    expect(r.attempts).toHaveLength(1);
    expect(r.status).toBe('declined');
  });

  it('stops on a category the cascade does not list, and respects max_attempts', () => {
    const error = simulateOne(plan, tx('t1'), always, { forced: ['processor_error'] });
    expect(error.attempts.map((a) => a.outcome)).toEqual(['processor_error']);
    expect(error.status).toBe('failed');
    const timeouts = simulateOne(plan, tx('t1'), always, { forced: ['timeout', 'timeout', 'approved'] });
    expect(timeouts.attempts).toHaveLength(2);
    expect(timeouts.status).toBe('failed');
  });

  it('draws attempts beyond the forced list from the approval model', () => {
    const r = simulateOne(plan, tx('t1'), always, { forced: ['soft_decline'] });
    expect(r.attempts).toEqual([
      { processor: 'proc_a', outcome: 'soft_decline', forced: true },
      { processor: 'proc_b', outcome: 'approved', forced: false },
    ]);
    const drawn = simulateOne(plan, tx('t2'), always);
    expect(drawn.attempts.map((a) => [a.outcome, a.forced])).toEqual([['soft_decline', false], ['approved', false]]);
  });

  it('ignores forced values that are not outcome categories', () => {
    const r = simulateOne(plan, tx('t1'), always, { forced: ['nonsense' as never] });
    expect(r.attempts[0]).toEqual({ processor: 'proc_a', outcome: 'soft_decline', forced: false });
  });

  it('gives blocked and unrouted payments no attempts', () => {
    const blocked = simulateOne(plan, tx('t1', 'refuse'), always);
    expect(blocked).toMatchObject({ outcome: 'blocked', status: 'blocked', attempts: [] });
    const none = simulateOne(plan, tx('t1', 'none'), always);
    expect(none).toMatchObject({ outcome: 'no_route', status: 'no_route', attempts: [] });
  });

  it('is reproducible for a seed and independent of the order transactions are simulated in', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `tx_${i}`);
    const run = (order: string[], seed: number) =>
      new Map(order.map((id) => [id, simulateOne(plan, tx(id), coinFlip, { seed }).attempts]));
    const forward = run(ids, 9);
    const backward = run([...ids].reverse(), 9);
    for (const id of ids) expect(backward.get(id)).toEqual(forward.get(id));
    const otherSeed = run(ids, 10);
    expect(ids.some((id) => JSON.stringify(otherSeed.get(id)) !== JSON.stringify(forward.get(id)))).toBe(true);
    // Coin-flip processors: both outcomes occur.
    const firsts = ids.map((id) => forward.get(id)?.[0]?.outcome);
    expect(firsts).toContain('approved');
    expect(firsts.some((o) => o !== 'approved')).toBe(true);
  });
});
