import { describe, expect, it } from 'vitest';
import { DecisionRollupBuilder, decisionGroupKey, rollupAttempts, rollupDecisions, type RecordedDecision, type RouteRow } from './rollups';
import type { Segments } from './segments';

const T = Date.UTC(2026, 2, 1, 10, 0, 0);
const MINUTE = 60_000;
const eurVisa: Segments = { currency: 'EUR', card_country: 'DE', card_brand: 'visa', payment_method: 'card' };
const usdMc: Segments = { currency: 'USD', card_country: 'US', card_brand: 'mastercard', payment_method: 'card' };
const eurOnly: Segments = { currency: 'EUR', card_country: '', card_brand: '', payment_method: '' };
const scheme = { id: 'sch_a', version: 1 };

const decisions: RecordedDecision[] = [
  { at: T + 30_000, latencyUs: 12, outcome: 'route', processor: 'proc_a', node: 'leaf_a', path: [{ node: 'c1', result: true }], scheme, segments: eurVisa },
  { at: T + 50_000, latencyUs: 40, outcome: 'route', processor: 'proc_b', node: 'leaf_b', path: [{ node: 'c1', result: false }], scheme, segments: usdMc },
  { at: T + 70_000, latencyUs: 2000, outcome: 'blocked', processor: null, node: 'leaf_a', path: [{ node: 'c1', result: true }], scheme, segments: eurOnly },
  { at: T + 80_000, latencyUs: 3, outcome: 'route', processor: 'proc_a', node: null, path: [], scheme: null, segments: eurVisa },
];

describe('decision rollups (three decisions by hand, one without a scheme)', () => {
  const rollups = rollupDecisions(decisions);
  const of = <R extends { grain: string; bucket: number }>(rows: R[], grain: string, bucket: number) => rows.filter((r) => r.grain === grain && r.bucket === bucket);

  it('counts decisions per minute and per hour, by version, node, outcome and processor', () => {
    const strip = ({ bucket: _b, grain: _g, ...rest }: RouteRow) => rest;
    expect(of(rollups.routes, 'minute', T).map(strip)).toEqual([
      { scheme_id: 'sch_a', version: 1, node: 'leaf_a', outcome: 'route', processor: 'proc_a', decisions: 1 },
      { scheme_id: 'sch_a', version: 1, node: 'leaf_b', outcome: 'route', processor: 'proc_b', decisions: 1 },
    ]);
    expect(of(rollups.routes, 'minute', T + MINUTE).map(strip)).toEqual([
      { scheme_id: '', version: 0, node: '', outcome: 'route', processor: 'proc_a', decisions: 1 },
      { scheme_id: 'sch_a', version: 1, node: 'leaf_a', outcome: 'blocked', processor: '', decisions: 1 },
    ]);
    expect(of(rollups.routes, 'hour', T).reduce((n, r) => n + r.decisions, 0)).toBe(4);
    // 2 rows in each minute, and in the hour: leaf_a routed, leaf_a blocked, leaf_b, and the one without a scheme
    expect(rollups.routes).toHaveLength(8);
  });

  it('counts branches of conditions and the nodes decisions ended on, for schemes only', () => {
    const hour = Object.fromEntries(of(rollups.branches, 'hour', T).map((r) => [`${r.node}:${r.branch}`, r.hits]));
    expect(hour).toEqual({ 'c1:yes': 2, 'c1:no': 1, 'leaf_a:': 2, 'leaf_b:': 1 });
    const second = Object.fromEntries(of(rollups.branches, 'minute', T + MINUTE).map((r) => [`${r.node}:${r.branch}`, r.hits]));
    expect(second).toEqual({ 'c1:yes': 1, 'leaf_a:': 1 });
  });

  it('counts decisions per segment and first-choice processor, blocked ones under no processor', () => {
    const currency = of(rollups.segments, 'hour', T).filter((r) => r.dimension === 'currency').map((r) => [r.value, r.processor, r.decisions]);
    expect(currency).toEqual([['EUR', '', 1], ['EUR', 'proc_a', 2], ['USD', 'proc_b', 1]]);
    const all = of(rollups.segments, 'hour', T).filter((r) => r.dimension === 'all').map((r) => [r.processor, r.decisions]);
    expect(all).toEqual([['', 1], ['proc_a', 2], ['proc_b', 1]]);
    const country = of(rollups.segments, 'minute', T + MINUTE).filter((r) => r.dimension === 'card_country').map((r) => [r.value, r.processor]);
    expect(country).toEqual([['', ''], ['DE', 'proc_a']]);
    expect(rollups.segments.every((r) => r.attempts === 0)).toBe(true);
  });

  it('puts each latency in its histogram bucket', () => {
    expect(of(rollups.latency, 'hour', T).map((r) => [r.le_us, r.decisions])).toEqual([[5, 1], [15, 1], [40, 1], [2000, 1]]);
  });

  it('sorts rows by key, time first', () => {
    const buckets = rollups.latency.map((r) => r.bucket);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
  });
});

describe('rollup tallies (what a packed batch carries to its writer)', () => {
  const builderOf = (ds: RecordedDecision[]) => {
    const builder = new DecisionRollupBuilder();
    for (const d of ds) builder.add(d.at, d.latencyUs, decisionGroupKey(d));
    return builder;
  };

  it('counts one entry per minute and group, however many decisions share it', () => {
    const tally = builderOf([decisions[0]!, decisions[0]!, decisions[0]!, decisions[1]!]).tally();
    expect(tally.groupKeys).toHaveLength(2);
    expect([...tally.groupCounts]).toEqual([3, 1]);
    expect([...tally.groupMinutes]).toEqual([T, T]);
    // latency buckets: 12 µs three times, 40 µs once, each as (minute, le_us, count)
    expect(tally.latency.length % 3).toBe(0);
    expect([...tally.latency].filter((_, i) => i % 3 === 2).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('adds up to the same rollups as the decisions counted in one builder', () => {
    const merged = new DecisionRollupBuilder();
    merged.addTally(builderOf(decisions.slice(0, 2)).tally());
    merged.addTally(builderOf(decisions.slice(1)).tally());
    expect(merged.build()).toEqual(rollupDecisions([...decisions.slice(0, 2), ...decisions.slice(1)]));
  });
});

describe('attempt rollups', () => {
  const rows = rollupAttempts([
    { at: T + 2 * MINUTE, attempt: 1, processor: 'proc_a', outcome: 'soft_decline', segments: eurVisa },
    { at: T + 2 * MINUTE + 30_000, attempt: 2, processor: 'proc_b', outcome: 'approved', segments: eurVisa },
    { at: T + 3 * MINUTE, attempt: 1, processor: 'proc_b', outcome: 'approved', segments: usdMc },
    { at: T + 3 * MINUTE, attempt: 1, processor: 'proc_b', outcome: 'timeout', segments: usdMc },
  ]);
  const pick = (grain: string, dimension: string, value: string, processor: string) => {
    const row = rows.find((r) => r.grain === grain && r.dimension === dimension && r.value === value && r.processor === processor)!;
    const { bucket: _b, grain: _g, dimension: _d, value: _v, processor: _p, ...counts } = row;
    return counts;
  };

  it('counts attempts by outcome per processor and segment, and approvals after a failed attempt as rescued', () => {
    expect(pick('hour', 'all', '', 'proc_b')).toEqual({ decisions: 0, attempts: 3, approved: 2, soft_declined: 0, hard_declined: 0, processor_errors: 0, timeouts: 1, rescued: 1 });
    expect(pick('hour', 'all', '', 'proc_a')).toMatchObject({ attempts: 1, soft_declined: 1, approved: 0, rescued: 0 });
    expect(pick('hour', 'currency', 'EUR', 'proc_b')).toMatchObject({ attempts: 1, approved: 1, rescued: 1 });
    expect(pick('minute', 'card_brand', 'mastercard', 'proc_b')).toMatchObject({ attempts: 2, approved: 1, timeouts: 1 });
  });

  it('has one row per bucket, grain, dimension, value and processor', () => {
    // `all`: 10:02 proc_a, proc_b; 10:03 proc_b; the hour proc_a, proc_b → 5.
    // Each of the 4 segments: 10:02 two rows, 10:03 one → 12; the hour: proc_a EUR, proc_b EUR, proc_b USD
    // for currency, country and brand (9), and proc_a card, proc_b card for the method (2) → 11.
    expect(rows).toHaveLength(5 + 12 + 11);
  });
});
