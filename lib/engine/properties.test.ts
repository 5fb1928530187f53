import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../catalog';
import type { Processor } from '../processors/schema';
import type { Operator, Rule, SchemeDocument, SchemeNode } from '../scheme/schema';
import { EXAMPLE_PROCESSORS, EXAMPLE_SCHEME } from '../scheme/examples';
import { hashPrefix, hashWithPrefix } from './hash';
import { buildPlan } from './plan';
import { indexProcessors } from './processors';
import type { Transaction } from './types';
import { offsetChanges, offsetReader } from './plan/time-testing';

const catalog = builtinCatalog();
const example = buildPlan(EXAMPLE_SCHEME, { catalog, timeZone: 'Europe/Berlin' });
const exampleProcessors = indexProcessors(EXAMPLE_PROCESSORS);

/** Values that stress readers: prototype keys, quote/escape-laden strings, wrong types, nesting. */
const nasty = fc.constantFrom('__proto__', 'constructor', 'toString', '"', '`', '${x}', '\u2028', '</script>', "'\\", 'GB', 'EUR', 'card');
const value = fc.oneof(fc.anything(), nasty, fc.double(), fc.array(nasty));
const likelyTx = fc.record({
  id: fc.oneof(fc.string(), fc.integer(), fc.anything()),
  amount: value, currency: value, payment_method: value, created_at: fc.oneof(fc.date({ noInvalidDate: false }).map(String), value),
  card: fc.oneof(fc.record({ issuer_country: value, brand: value, tokenised: value }), value),
  customer: fc.oneof(fc.record({ country: value, risk_score: value }), value),
  tags: value, metadata: fc.oneof(fc.dictionary(nasty, value), value),
}, { requiredKeys: [] });
const anyTx = fc.oneof(fc.anything(), fc.object(), likelyTx) as fc.Arbitrary<Transaction>;

/** Random valid documents: a tree of conditions over catalog attributes with every strategy at leaves. */
const ATTRS: [string, Operator[], fc.Arbitrary<unknown>][] = [
  ['amount', ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists'], fc.double({ noNaN: true, noDefaultInfinity: true })],
  ['amount', ['in', 'not_in'], fc.array(fc.integer())],
  ['amount', ['between'], fc.tuple(fc.integer(), fc.integer())],
  ['card.issuer_country', ['eq', 'neq'], fc.constantFrom('GB', 'de', 'Fr')],
  ['card.issuer_country', ['in', 'not_in'], fc.array(fc.constantFrom('GB', 'DE', 'US'))],
  ['merchant.profile', ['contains', 'starts_with', 'ends_with', 'matches', 'not_contains'], fc.oneof(nasty, fc.string())],
  ['tags', ['contains', 'not_contains'], nasty],
  ['time_of_day', ['between'], fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 23 }))],
  ['weekday', ['in'], fc.array(fc.constantFrom('mon', 'sat', 'sun'))],
  ['time_of_day', ['eq', 'lte', 'gt'], fc.integer({ min: 0, max: 23 })],
  ['recurring', ['eq', 'neq', 'not_exists'], fc.boolean()],
  ['metadata.__proto__', ['eq', 'exists'], nasty],
];
const rule: fc.Arbitrary<Rule> = fc.constantFrom(...ATTRS).chain(([attribute, ops, values]) =>
  fc.record({ attribute: fc.constant(attribute), operator: fc.constantFrom(...ops), value: values }) as fc.Arbitrary<Rule>);
const ids = ['proc_stripe', 'proc_adyen_eu', 'proc_checkout', 'proc_braintree', 'proc_unknown'];
const strategy: fc.Arbitrary<SchemeNode> = fc.oneof(
  fc.constant<SchemeNode>({ type: 'strategy', strategy: 'blank' }),
  fc.constantFrom(...ids).map((p): SchemeNode => ({ type: 'strategy', strategy: 'direct', processors: [p] })),
  fc.subarray(ids).map((p): SchemeNode => ({ type: 'strategy', strategy: 'priority', processors: p, cascade: { max_attempts: 2, on: ['timeout'] } })),
  fc.subarray(ids).map((p): SchemeNode => ({ type: 'strategy', strategy: 'random', processors: p })),
  fc.subarray(ids, { minLength: 1 }).map((p): SchemeNode => ({
    type: 'strategy', strategy: 'weight', processors: p.map((processor, i) => ({ processor, weight: i === 0 ? 100 - 10 * (p.length - 1) : 10 })),
  })),
);
const documents: fc.Arbitrary<SchemeDocument> = fc.tuple(fc.array(fc.array(rule, { maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.array(strategy, { minLength: 9, maxLength: 9 }), fc.array(fc.constantFrom<'all' | 'any'>('all', 'any'), { minLength: 8, maxLength: 8 }))
  .map(([conditions, leaves, matches]) => {
    const nodes: Record<string, SchemeNode> = {};
    conditions.forEach((rules, i) => {
      const child = (k: number) => (k < conditions.length ? `c${k}` : `s${k - conditions.length}`);
      nodes[`c${i}`] = { type: 'condition', match: matches[i], rules, then: child(2 * i + 1), else: child(2 * i + 2) };
    });
    leaves.forEach((leaf, i) => { nodes[`s${i}`] = leaf; });
    return { format: 'switchyard.scheme/v1', name: 'random', start: 'c0', nodes };
  });

/**
 * created_at values near one instant (so they share UTC hours and exercise a per-hour cache), across 1800–2100, with
 * offsets of any minute, as epoch milliseconds, and refused forms (impossible dates, no offset).
 */
const HOUR = 3_600_000;
const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
function rfc3339(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:` +
    `${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
}
const near = fc.oneof(fc.integer({ min: -20 * 60_000, max: 20 * 60_000 }), fc.integer({ min: -2 * HOUR, max: 2 * HOUR }));
const createdAtNear = (center: number) => fc.oneof(
  fc.tuple(near, fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 })).map(([delta, offset]) => rfc3339(center + delta, offset)),
  near.map((delta) => center + delta),
  fc.constantFrom('2025-02-29T12:00:00Z', '2026-1-1 23:30', '2026-01-01T23:30:00', '2026-01-01', null, undefined),
);
const ODD_ZONES = ['UTC', 'Europe/Berlin', 'Pacific/Chatham', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', 'Africa/Monrovia', 'America/Sao_Paulo'];
/** Instants at which each zone's offset changes (1850–1990), where a cache of offsets goes wrong first. */
const CHANGES = new Map(ODD_ZONES.map((zone) => [zone, offsetChanges(offsetReader(zone), Date.UTC(1850, 0, 1), Date.UTC(1990, 0, 1), 60 * 24 * HOUR)]));
const anyInstant = fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(2100, 0, 1) });
const zoneAndBatch = fc.constantFrom(...ODD_ZONES).chain((zone) => {
  const changes = CHANGES.get(zone)!;
  const center = changes.length > 0 ? fc.oneof(anyInstant, fc.constantFrom(...changes)) : anyInstant;
  return fc.tuple(fc.constant(zone), center.chain((c) => fc.array(fc.tuple(createdAtNear(c), anyTx), { minLength: 1, maxLength: 8 })));
}).map(([zone, pairs]) => [zone, pairs.map(([created_at, tx], i) => ({ ...(typeof tx === 'object' && tx !== null ? tx : {}), id: `t${i}`, created_at }) as Transaction)] as const);

/** A document whose leaf names the local hour and whether the weekday is mon/wed/fri/sun: any misread shows. */
function hourLadder(): SchemeDocument {
  const nodes: Record<string, SchemeNode> = {
    root: { type: 'condition', rules: [{ attribute: 'weekday', operator: 'in', value: ['mon', 'wed', 'fri', 'sun'] }], then: 'a0_23', else: 'b0_23' },
  };
  const ladder = (side: string, lo: number, hi: number): string => {
    const id = lo === hi ? `${side}_hour_${lo}` : `${side}${lo}_${hi}`;
    if (lo === hi) nodes[id] = { type: 'strategy', strategy: 'blank', reason: id };
    else {
      const mid = Math.floor((lo + hi) / 2);
      nodes[id] = { type: 'condition', rules: [{ attribute: 'time_of_day', operator: 'lte', value: mid }], then: ladder(side, lo, mid), else: ladder(side, mid + 1, hi) };
    }
    return id;
  };
  ladder('a', 0, 23);
  ladder('b', 0, 23);
  return { format: 'switchyard.scheme/v1', name: 'ladder', start: 'root', nodes };
}

describe('properties', () => {
  it('deciding a batch in any order gives each transaction the decision it gets alone', () => {
    const orders = zoneAndBatch.chain(([zone, txs]) => fc.tuple(fc.constant(zone), fc.constant(txs), fc.shuffledSubarray(txs, { minLength: txs.length })));
    fc.assert(fc.property(fc.oneof(fc.constant(hourLadder()), documents), orders, (doc, [timeZone, txs, order]) => {
      const shared = buildPlan(doc, { catalog, timeZone });
      const together = new Map(order.map((tx) => [tx, [shared.decide(tx, exampleProcessors), shared.decide(tx, exampleProcessors, { trace: true })]]));
      for (const tx of txs) {
        const alone = buildPlan(doc, { catalog, timeZone });
        expect(together.get(tx)).toEqual([alone.decide(tx, exampleProcessors), alone.decide(tx, exampleProcessors, { trace: true })]);
      }
    }), { numRuns: 150 });
  });

  it('the example plan never throws on any transaction, and trace changes nothing but the trace', () => {
    fc.assert(fc.property(anyTx, (tx) => {
      const fast = example.decide(tx, exampleProcessors);
      const { trace, ...traced } = example.decide(tx, exampleProcessors, { trace: true });
      expect(trace).toBeDefined();
      expect(traced).toEqual(fast);
      expect(['route', 'blocked', 'no_route']).toContain(fast.outcome);
    }), { numRuns: 2000 });
  });

  it('random valid documents build and decide on any transaction without throwing', () => {
    fc.assert(fc.property(documents, fc.array(anyTx, { maxLength: 10 }), (doc, txs) => {
      const plan = buildPlan(doc, { catalog, timeZone: 'America/Sao_Paulo' });
      for (const tx of txs) {
        const d = plan.decide(tx, exampleProcessors);
        expect(plan.decide(tx, exampleProcessors, { trace: true }).outcome).toBe(d.outcome);
        if (d.outcome === 'route') expect(d.candidates[0]).toBe(d.processor);
      }
    }), { numRuns: 300 });
  });

  it('the same (transaction id, node id) always gets the same choice', () => {
    const splits = [
      buildPlan({ format: 'switchyard.scheme/v1', name: 'w', start: 's', nodes: { s: { type: 'strategy', strategy: 'random', processors: ids } } }, { catalog }),
      buildPlan({ format: 'switchyard.scheme/v1', name: 'w', start: 's', nodes: { s: { type: 'strategy', strategy: 'weight', processors: [{ processor: 'proc_stripe', weight: 50 }, { processor: 'proc_checkout', weight: 50 }] } } }, { catalog }),
    ];
    fc.assert(fc.property(fc.string(), fc.anything(), (id, noise) => {
      for (const plan of splits) {
        const a = plan.decide({ id, currency: 'EUR', noise } as Transaction, exampleProcessors);
        const b = plan.decide({ noise: 1, currency: 'EUR', id }, exampleProcessors);
        expect(a.candidates).toEqual(b.candidates);
      }
    }));
  });

  it('weight shares over 100,000 distinct ids are within 1 percentage point of the weights', () => {
    const weights = [['proc_stripe', 50], ['proc_adyen_eu', 25], ['proc_checkout', 15], ['proc_worldpay', 7], ['proc_cielo_br', 3]] as const;
    const processors = indexProcessors(weights.map(([id]): Processor => ({ id, status: 'active', currencies: [], payment_methods: [], countries: [], approval_rate: 1, fees: { percent: 0, fixed: 0 }, created_at: '2024-01-01T00:00:00Z' })));
    const plan = buildPlan({ format: 'switchyard.scheme/v1', name: 'w', start: 'split', nodes: {
      split: { type: 'strategy', strategy: 'weight', processors: weights.map(([processor, weight]) => ({ processor, weight })) },
    } }, { catalog });
    const counts = new Map<string, number>();
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const p = plan.decide({ id: `txn_${i}` }, processors).processor!;
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    for (const [id, weight] of weights) expect(Math.abs((counts.get(id) ?? 0) / n * 100 - weight)).toBeLessThan(1);
  });

  it('the hash spreads sequential ids evenly over 16 buckets for any node id', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }), (node) => {
      const seed = hashPrefix(node);
      const buckets = new Array(16).fill(0);
      for (let i = 0; i < 16_000; i++) buckets[hashWithPrefix(seed, `tx_${i}`) >>> 28]++;
      for (const b of buckets) expect(Math.abs(b - 1000)).toBeLessThan(150);
    }), { numRuns: 30 });
  });
});
