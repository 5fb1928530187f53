import { describe, expect, it } from 'vitest';
import type { Transaction } from '../engine/types';
import { simulateBatch } from './batch';
import { processorSet, testPlan } from './testing';

const plan = testPlan();
const processors = processorSet([
  {
    id: 'proc_a', status: 'active', approval_rate: 0, fees: { percent: 1, fixed: 0.1 },
    failure_mix: { soft_decline: 1, hard_decline: 0, processor_error: 0, timeout: 0 },
  },
  { id: 'proc_b', status: 'active', approval_rate: 1, fees: { percent: 2, fixed: 0.5 } },
]);
const SMALL: Transaction[] = [
  { id: 't1', kind: 'ab', amount: 100, currency: 'EUR' }, // A soft-declines, B approves: 2 + 0.5 EUR
  { id: 't2', kind: 'b_only', amount: 50, currency: 'eur' }, // B approves: 1 + 0.5 EUR
  { id: 't3', kind: 'b_only', amount: 10, currency: 'USD' }, // B approves: 0.2 + 0.5 USD
  { id: 't4', kind: 'refuse' },
  { id: 't5', kind: 'none' },
];

function* endless(): Generator<Transaction> {
  for (let i = 0; ; i++) yield { id: `x${i}`, kind: 'ab', amount: 1, currency: 'EUR' };
}

describe('simulateBatch', () => {
  it('aggregates a small batch exactly', async () => {
    const report = await simulateBatch(SMALL, { plan, processors, seed: 3 });
    expect(report).toEqual({
      seed: 3,
      cancelled: false,
      total: 5,
      outcomes: { route: 3, blocked: 1, no_route: 1 },
      statuses: { approved: 3, declined: 0, failed: 0, blocked: 1, no_route: 1 },
      approval_rate: 0.6,
      routed_approval_rate: 1,
      attempts: 4,
      average_attempts: 1.333333,
      processors: [
        { processor: 'proc_b', first_choice: 2, first_choice_share: 0.666667, attempts: 3, approved: 3, approved_after_cascade: 1, final: 3, fees: { EUR: 4, USD: 0.7 } },
        { processor: 'proc_a', first_choice: 1, first_choice_share: 0.333333, attempts: 1, approved: 0, approved_after_cascade: 0, final: 0, fees: {} },
      ],
      leaves: [
        { node: 'main', strategy: 'priority', hits: 4, share: 0.8 },
        { node: 'refuse', strategy: 'blank', hits: 1, share: 0.2 },
        { node: 'spare', strategy: 'direct', hits: 0, share: 0 },
      ],
      node_hits: { check: 5, main: 4, refuse: 1, spare: 0 },
      edge_hits: { 'check:yes': 4, 'check:no': 1 },
      unreached_nodes: ['spare'],
      fees: { EUR: 4, USD: 0.7 },
      not_routed: [
        { outcome: 'no_route', node: 'main', reason: 'no route', count: 1 },
        { outcome: 'blocked', node: 'refuse', reason: 'blocked', count: 1 },
      ],
    });
  });

  it('books the fixed fee of the payment\'s currency where the processor has one, else the default', async () => {
    const perCurrency = processorSet([
      { id: 'proc_a', status: 'active', approval_rate: 0, failure_mix: { soft_decline: 1, hard_decline: 0, processor_error: 0, timeout: 0 } },
      { id: 'proc_b', status: 'active', approval_rate: 1, fees: { percent: 2, fixed: 0.5, fixed_by_currency: { USD: 0.3 } } },
    ]);
    const report = await simulateBatch(SMALL, { plan, processors: perCurrency, seed: 3 });
    // EUR: 2 + 0.5 and 1 + 0.5 (the default); USD: 0.2 + 0.3 (its own).
    expect(report.fees).toEqual({ EUR: 4, USD: 0.5 });
  });

  it('gives the same report for a seed whatever the order or the kind of iterable', async () => {
    const coin = processorSet([
      { id: 'proc_a', status: 'active', approval_rate: 0.5 },
      { id: 'proc_b', status: 'active', approval_rate: 0.5 },
    ]);
    const txs: Transaction[] = Array.from({ length: 2000 }, (_, i) => ({ id: `t${i}`, kind: 'ab', amount: i, currency: 'EUR' }));
    const base = await simulateBatch(txs, { plan, processors: coin, seed: 5 });
    expect(await simulateBatch([...txs].reverse(), { plan, processors: coin, seed: 5 })).toEqual(base);
    async function* oneByOne() { yield* txs; }
    async function* inChunks() { for (let i = 0; i < txs.length; i += 300) yield txs.slice(i, i + 300); }
    expect(await simulateBatch(oneByOne(), { plan, processors: coin, seed: 5 })).toEqual(base);
    expect(await simulateBatch(inChunks(), { plan, processors: coin, seed: 5 })).toEqual(base);
    const other = await simulateBatch(txs, { plan, processors: coin, seed: 6 });
    expect(other.statuses).not.toEqual(base.statuses);
    // Expected approvals: 0.5 + 0.5 × 0.65 (soft decline or timeout cascades, default mix) × 0.5 = 0.6625.
    expect(base.statuses.approved / 2000).toBeGreaterThan(0.6125);
    expect(base.statuses.approved / 2000).toBeLessThan(0.7125);
  });

  it('reports progress every N and once at the end', async () => {
    const seen: number[] = [];
    const txs = Array.from({ length: 2500 }, (_, i) => ({ id: `t${i}`, kind: 'refuse' }));
    await simulateBatch(txs, { plan, processors, progressEvery: 1000, onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([1000, 2000, 2500]);
  });

  it('stops an endless synchronous source when the signal is aborted from a timer', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const report = await simulateBatch(endless(), { plan, processors, signal: controller.signal });
    expect(report.cancelled).toBe(true);
    expect(report.total).toBeGreaterThan(0);
    expect(report.statuses.approved).toBe(report.total);
  });

  it('stops an async source and closes it; an already aborted signal processes nothing', async () => {
    const controller = new AbortController();
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; ; i++) yield { id: `a${i}`, kind: 'refuse' };
      } finally {
        closed = true;
      }
    }
    const report = await simulateBatch(source(), {
      plan, processors, signal: controller.signal, progressEvery: 100,
      onProgress: (n) => { if (n >= 500) controller.abort(); },
    });
    expect(report).toMatchObject({ cancelled: true, total: 500 });
    expect(closed).toBe(true);
    const none = await simulateBatch(SMALL, { plan, processors, signal: AbortSignal.abort() });
    expect(none).toMatchObject({ cancelled: true, total: 0 });
  });
});
