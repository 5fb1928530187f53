import { describe, expect, it } from 'vitest';
import { compile } from '../engine/compile';
import { indexProcessors } from '../engine/processors';
import type { Plan } from '../engine/types';
import { EXAMPLE_PROCESSORS, EXAMPLE_SCHEME } from '../scheme/examples';
import { simulateBatch } from './batch';
import { simulateOne } from './simulate-one';
import { generateTransactions } from './traffic';

/** The simulator on a real compiled plan: the example scheme and processors of lib/scheme/examples.ts. */
const compiled = compile(EXAMPLE_SCHEME, { registry: { processors: EXAMPLE_PROCESSORS } });
if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
const plan: Plan = compiled.plan;
const processors = indexProcessors(EXAMPLE_PROCESSORS);
const euCard = { id: 'eu_1', amount: 250, currency: 'EUR', payment_method: 'card', card: { issuer_country: 'DE' } };

describe('simulation on the compiled example scheme', () => {
  it('cascades Adyen → Stripe on a forced soft decline', () => {
    const r = simulateOne(plan, euCard, processors, { forced: ['soft_decline', 'approved'] });
    expect(r).toMatchObject({ node: 'eu_priority', candidates: ['proc_adyen_eu', 'proc_stripe'], status: 'approved' });
    expect(r.attempts.map((a) => a.processor)).toEqual(['proc_adyen_eu', 'proc_stripe']);
  });

  it('does not cascade on a processor error where the policy does not list it (gb_split: soft_decline, timeout)', () => {
    const gb = { id: 'gb_1', amount: 20, currency: 'GBP', payment_method: 'card', card: { issuer_country: 'GB' } };
    const r = simulateOne(plan, gb, processors, { forced: ['processor_error'] });
    expect(r).toMatchObject({ node: 'gb_split', status: 'failed' });
    expect(r.attempts).toHaveLength(1);
    expect(simulateOne(plan, gb, processors, { forced: ['hard_decline', 'approved'] }).attempts).toHaveLength(1);
  });

  it('carries the trace when asked', () => {
    expect(simulateOne(plan, euCard, processors, { trace: true }).trace?.conditions.length).toBeGreaterThan(0);
    expect(simulateOne(plan, euCard, processors).trace).toBeUndefined();
  });

  it('produces a consistent, order-independent report over synthetic traffic', async () => {
    const txs = [...generateTransactions(20_000, { seed: 11 })];
    const report = await simulateBatch(txs, { plan, processors, seed: 2 });
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(Object.values(report.statuses))).toBe(report.total);
    expect(sum(Object.values(report.outcomes))).toBe(report.total);
    expect(report.node_hits[EXAMPLE_SCHEME.start]).toBe(report.total);
    expect(sum(report.leaves.map((l) => l.hits))).toBe(report.total);
    expect(sum(report.processors.map((p) => p.attempts))).toBe(report.attempts);
    expect(sum(report.processors.map((p) => p.approved))).toBe(report.statuses.approved);
    expect(sum(report.processors.map((p) => p.final))).toBe(report.outcomes.route);
    // proc_braintree is down: it is never attempted.
    expect(report.processors.map((p) => p.processor)).not.toContain('proc_braintree');
    // gb_split is 70/30 by weight over distinct ids.
    const gbFirst = (id: string) => report.processors.find((p) => p.processor === id)?.first_choice ?? 0;
    expect(gbFirst('proc_stripe')).toBeGreaterThan(gbFirst('proc_checkout'));
    const reversed = await simulateBatch(txs.reverse(), { plan, processors, seed: 2 });
    expect(reversed).toEqual(report);
  });
});
