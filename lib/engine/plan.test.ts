import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../catalog';
import type { Catalog } from '../catalog/types';
import type { Processor } from '../processors/schema';
import type { Rule, SchemeDocument, SchemeNode } from '../scheme/schema';
import { EXAMPLE_PROCESSORS, EXAMPLE_SCHEME } from '../scheme/examples';
import { buildPlan } from './plan';
import { checkEligibility, indexProcessors } from './processors';
import type { CompileOptions, Decision, Transaction } from './types';

function proc(id: string, extra: Partial<Processor> = {}): Processor {
  return {
    id, status: 'active', currencies: [], payment_methods: [], countries: [], approval_rate: 0.9,
    fees: { percent: 0, fixed: 0 }, created_at: '2024-01-01T00:00:00Z', ...extra,
  };
}

function scheme(nodes: Record<string, SchemeNode>, start = Object.keys(nodes)[0]!): SchemeDocument {
  return { format: 'switchyard.scheme/v1', name: 'test', start, nodes };
}

const catalog = builtinCatalog();
const plan = (doc: SchemeDocument, options: CompileOptions = {}) => buildPlan(doc, { ...options, catalog });
const leafOnly = (node: SchemeNode) => plan(scheme({ s: node }));

const ACTIVE = indexProcessors([proc('proc_a'), proc('proc_b'), proc('proc_c'), proc('proc_d')]);
const tx: Transaction = { id: 'tx_1', amount: 10, currency: 'EUR', payment_method: 'card', card: { issuer_country: 'DE' } };

describe('the example scheme', () => {
  const example = plan(EXAMPLE_SCHEME);
  const processors = indexProcessors(EXAMPLE_PROCESSORS);

  it('returns the documented decision shape', () => {
    const decision = example.decide({ ...tx, amount: 250 }, processors);
    expect(decision).toEqual({
      outcome: 'route', processor: 'proc_adyen_eu', candidates: ['proc_adyen_eu', 'proc_stripe'],
      strategy: 'priority', node: 'eu_priority',
      path: [{ node: 'risk_check', result: false }, { node: 'is_setup', result: false }, { node: 'is_eu', result: true }],
      modifiers: { three_ds: 'required' },
    });
  });

  it('blocks with the blank strategy reason', () => {
    const decision = example.decide({ ...tx, customer: { risk_score: 95 } }, processors);
    expect(decision).toMatchObject({ outcome: 'blocked', processor: null, candidates: [], strategy: 'blank', node: 'blocked_risk', reason: 'risk score too high' });
  });

  it('skips a down processor in a priority list and says why in the trace', () => {
    const decision = example.decide({ id: 'x', currency: 'USD', payment_method: 'card', card: { issuer_country: 'US' } }, processors, { trace: true });
    expect(decision.node).toBe('us_priority');
    expect(decision.candidates).toEqual(['proc_worldpay', 'proc_stripe']);
    expect(decision.trace!.skipped).toEqual([{ processor: 'proc_braintree', reason: 'not_active' }]);
    expect(decision.trace!.conditions.map((c) => c.node)).toEqual(['risk_check', 'is_setup', 'is_eu', 'is_gb', 'is_brl', 'is_wallet']);
  });

  it('gives the same decision with and without a trace', () => {
    for (const t of [tx, { ...tx, amount: 500 }, { ...tx, card: { issuer_country: 'GB' } }, {}, { currency: 'BRL' }]) {
      const { trace, ...rest } = example.decide(t, processors, { trace: true });
      expect(trace).toBeDefined();
      expect(rest).toEqual(example.decide(t, processors));
    }
  });

  it('shares frozen modifiers and path steps instead of copying them', () => {
    const a = example.decide({ ...tx, amount: 250 }, processors);
    const b = example.decide({ ...tx, amount: 300 }, processors);
    expect(a.modifiers).toBe(b.modifiers);
    expect(Object.isFrozen(a.modifiers)).toBe(true);
    expect(a.path[0]).toBe(b.path[0]);
    expect(Object.isFrozen(a.path[0])).toBe(true);
  });

  it('reports cascade policies of strategy nodes', () => {
    expect(example.cascadeOf('eu_priority')).toEqual({ max_attempts: 2, on: ['soft_decline', 'processor_error'] });
    expect(example.cascadeOf('setup_direct')).toEqual({ max_attempts: 1, on: [] });
    expect(example.cascadeOf('blocked_risk')).toBeUndefined();
    expect(example.cascadeOf('is_eu')).toBeUndefined();
    expect(example.cascadeOf('constructor')).toBeUndefined();
  });
});

describe('strategies', () => {
  it('direct routes to its processor, or no_route when it is not eligible', () => {
    const p = leafOnly({ type: 'strategy', strategy: 'direct', processors: ['proc_a'] });
    expect(p.decide(tx, ACTIVE)).toMatchObject({ outcome: 'route', processor: 'proc_a', candidates: ['proc_a'], strategy: 'direct', node: 's' });
    const down = indexProcessors([proc('proc_a', { status: 'down' })]);
    const decision = p.decide(tx, down, { trace: true });
    expect(decision).toMatchObject({ outcome: 'no_route', processor: null, candidates: [], reason: 'no eligible processor for strategy "s"' });
    expect(decision.trace!.skipped).toEqual([{ processor: 'proc_a', reason: 'not_active' }]);
  });

  it('priority keeps listed order among eligible processors, capped by cascade.max_attempts', () => {
    const node: SchemeNode = { type: 'strategy', strategy: 'priority', processors: ['proc_c', 'proc_a', 'proc_b'] };
    expect(leafOnly(node).decide(tx, ACTIVE).candidates).toEqual(['proc_c']);
    const cascading = leafOnly({ ...node, cascade: { max_attempts: 2, on: ['soft_decline'] } });
    expect(cascading.decide(tx, ACTIVE).candidates).toEqual(['proc_c', 'proc_a']);
    const withDown = indexProcessors([proc('proc_a'), proc('proc_b'), proc('proc_c', { status: 'disabled' })]);
    expect(cascading.decide(tx, withDown).candidates).toEqual(['proc_a', 'proc_b']);
    const big = leafOnly({ ...node, cascade: { max_attempts: 10, on: ['timeout'] } });
    expect(big.decide(tx, ACTIVE).candidates).toEqual(['proc_c', 'proc_a', 'proc_b']);
  });

  it('blank returns blocked with a default reason and its modifiers', () => {
    const d = leafOnly({ type: 'strategy', strategy: 'blank', modifiers: { note: 'x' } }).decide(tx, ACTIVE);
    expect(d).toEqual({ outcome: 'blocked', processor: null, candidates: [], strategy: 'blank', node: 's', path: [], modifiers: { note: 'x' }, reason: 'blocked by strategy "s"' });
  });

  it('weight chooses by weight among eligible processors, then falls back by descending weight', () => {
    const node: SchemeNode = {
      type: 'strategy', strategy: 'weight', cascade: { max_attempts: 3, on: ['soft_decline'] },
      processors: [{ processor: 'proc_a', weight: 20 }, { processor: 'proc_b', weight: 50 }, { processor: 'proc_c', weight: 30 }],
    };
    const p = leafOnly(node);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const d = p.decide({ ...tx, id: `tx_${i}` }, ACTIVE);
      seen.add(d.processor!);
      const rest = ['proc_b', 'proc_c', 'proc_a'].filter((id) => id !== d.processor);
      expect(d.candidates).toEqual([d.processor, ...rest]);
    }
    expect(seen).toEqual(new Set(['proc_a', 'proc_b', 'proc_c']));
    // proc_b down: only a and c are chosen, and b never appears.
    const noB = indexProcessors([proc('proc_a'), proc('proc_b', { status: 'down' }), proc('proc_c')]);
    for (let i = 0; i < 100; i++) expect(p.decide({ ...tx, id: `tx_${i}` }, noB).candidates).not.toContain('proc_b');
  });

  it('weight uses zero-weight processors only as fallbacks', () => {
    const p = leafOnly({
      type: 'strategy', strategy: 'weight', cascade: { max_attempts: 2, on: ['timeout'] },
      processors: [{ processor: 'proc_a', weight: 0 }, { processor: 'proc_b', weight: 100 }],
    });
    for (let i = 0; i < 50; i++) expect(p.decide({ id: `t${i}` }, ACTIVE).candidates).toEqual(['proc_b', 'proc_a']);
    const onlyA = indexProcessors([proc('proc_a')]);
    expect(p.decide({ id: 't' }, onlyA).candidates).toEqual(['proc_a']);
  });

  it('random picks uniformly and falls back round the list after the chosen one', () => {
    const p = leafOnly({ type: 'strategy', strategy: 'random', processors: ['proc_a', 'proc_b', 'proc_c'], cascade: { max_attempts: 3, on: ['timeout'] } });
    const firsts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const d = p.decide({ id: `r${i}` }, ACTIVE);
      firsts.set(d.processor!, (firsts.get(d.processor!) ?? 0) + 1);
      const order = ['proc_a', 'proc_b', 'proc_c'];
      const k = order.indexOf(d.processor!);
      expect(d.candidates).toEqual([...order.slice(k), ...order.slice(0, k)]);
    }
    for (const count of firsts.values()) expect(count).toBeGreaterThan(850);
  });

  it('a transaction without an id still gets a deterministic choice', () => {
    const p = leafOnly({ type: 'strategy', strategy: 'random', processors: ['proc_a', 'proc_b', 'proc_c'] });
    expect(p.decide({}, ACTIVE)).toEqual(p.decide({ id: { not: 'a string' } }, ACTIVE));
  });

  it('captures filters as they were when built, though rules compile on first use', () => {
    const filters = [{ id: 'flt_big', name: 'big', rules: [{ attribute: 'amount', operator: 'gt', value: 100 }] as Rule[] }];
    // The filter's condition is below the first generated function (one condition each), so its rules
    // compile when a decision first reaches it; the closure plan compiles them on its first decision.
    const doc = scheme({
      top: { type: 'condition', rules: [{ attribute: 'amount', operator: 'gt', value: 0 }], then: 'c', else: 'n' },
      c: { type: 'condition', rules: [{ filter: 'flt_big' }], then: 'y', else: 'n' },
      y: { type: 'strategy', strategy: 'direct', processors: ['proc_a'] },
      n: { type: 'strategy', strategy: 'direct', processors: ['proc_b'] },
    }, 'top');
    const plans = [buildPlan(doc, { catalog, registry: { filters } }, 'generated', 1), buildPlan(doc, { catalog, registry: { filters } }, 'closures')];
    (filters[0]!.rules[0] as { value: number }).value = 1;
    filters[0]!.rules.push({ attribute: 'currency', operator: 'eq', value: 'XXX' });
    for (const p of plans) {
      expect(p.decide({ ...tx, amount: 50 }, ACTIVE).processor).toBe('proc_b');
      expect(p.decide({ ...tx, amount: 500 }, ACTIVE, { trace: true }).processor).toBe('proc_a');
    }
  });

  it('expands processor routes in priority lists at compile time, without duplicates', () => {
    const doc = scheme({ s: { type: 'strategy', strategy: 'priority', cascade: { max_attempts: 10, on: ['timeout'] },
      processors: ['proc_b', { route: 'proute_main' }, 'proc_d', { route: 'proute_missing' }] } });
    const routes = [{ id: 'proute_main', name: 'main', processors: ['proc_a', 'proc_b', 'proc_c'] }];
    const p = plan(doc, { registry: { routes } });
    expect(p.decide(tx, ACTIVE).candidates).toEqual(['proc_b', 'proc_a', 'proc_c', 'proc_d']);
    routes[0]!.processors.push('proc_x');
    expect(p.decide(tx, ACTIVE).candidates).toEqual(['proc_b', 'proc_a', 'proc_c', 'proc_d']);
  });
});

describe('eligibility', () => {
  const leaf: SchemeNode = { type: 'strategy', strategy: 'priority', processors: ['proc_x', 'proc_off', 'proc_cur', 'proc_pm', 'proc_cty', 'proc_ok'] };
  const p = leafOnly(leaf);
  // The same leaf below rules on every eligibility field: the generated code then reuses their normalised values.
  const afterRules = plan(scheme({
    c: { type: 'condition', match: 'any', then: 's', else: 's', rules: ['currency', 'payment_method', 'card.issuer_country', 'customer.country']
      .map((attribute) => ({ attribute, operator: 'neq', value: attribute === 'payment_method' ? 'paypal' : 'XX' })) as Rule[] },
    s: leaf,
  }, 'c'));
  const withoutPath = ({ path: _path, ...rest }: Decision) => rest;
  const set = indexProcessors([
    proc('proc_off', { status: 'disabled' }),
    proc('proc_cur', { currencies: ['USD'] }),
    proc('proc_pm', { payment_methods: ['sepa_debit'] }),
    proc('proc_cty', { countries: ['FR'] }),
    proc('proc_ok', { currencies: ['eur'], payment_methods: ['CARD'], countries: ['de'] }),
  ]);

  it('skips unknown, inactive and unsupporting processors with their reasons', () => {
    const d = p.decide(tx, set, { trace: true });
    expect(d.processor).toBe('proc_ok');
    expect(d.trace!.skipped).toEqual([
      { processor: 'proc_x', reason: 'unknown' }, { processor: 'proc_off', reason: 'not_active' },
      { processor: 'proc_cur', reason: 'currency' }, { processor: 'proc_pm', reason: 'payment_method' },
      { processor: 'proc_cty', reason: 'country' },
    ]);
  });

  it('uses the customer country when the card has none, and normalises the transaction side', () => {
    const t = { id: '1', currency: 'eur', payment_method: 'Card', customer: { country: 'de' } };
    expect(p.decide(t, set).processor).toBe('proc_ok');
    expect(p.decide({ ...t, card: { issuer_country: 'FR' } }, set).processor).toBe('proc_cty');
    for (const u of [t, { ...t, card: { issuer_country: 'FR' } }, { ...t, card: { issuer_country: 7 } }]) {
      expect(withoutPath(afterRules.decide(u, set))).toEqual(withoutPath(p.decide(u, set)));
    }
  });

  it('counts an empty issuing country as none and uses the customer country, on both paths', () => {
    const t = { id: '1', currency: 'EUR', payment_method: 'card', card: { issuer_country: '' }, customer: { country: 'FR' } };
    expect(p.decide(t, set).processor).toBe('proc_cty');
    expect(afterRules.decide(t, set).processor).toBe('proc_cty');
    const traced = p.decide(t, set, { trace: true });
    expect(traced.processor).toBe('proc_cty');
    expect(traced.trace!.skipped.find((s) => s.processor === 'proc_ok')).toEqual({ processor: 'proc_ok', reason: 'country' });
    expect(checkEligibility(proc('proc_cty', { countries: ['FR'] }), t)).toBeNull();
    expect(p.decide({ ...t, customer: { country: '' } }, set, { trace: true }).outcome).toBe('no_route');
  });

  it('skips a processor that restricts a field the transaction does not carry', () => {
    const d = p.decide({ id: '1', payment_method: 'card', card: { issuer_country: 'DE' } }, set, { trace: true });
    expect(d.outcome).toBe('no_route');
    expect(d.trace!.skipped.find((s) => s.processor === 'proc_ok')).toEqual({ processor: 'proc_ok', reason: 'currency' });
    const open = indexProcessors([proc('proc_ok')]);
    expect(p.decide({}, open).processor).toBe('proc_ok');
  });

  it('works with a plain ProcessorSet that indexProcessors did not build', () => {
    const plain = { byId: new Map([['proc_ok', proc('proc_ok')]]), list: [proc('proc_ok')] };
    expect(p.decide(tx, plain).processor).toBe('proc_ok');
  });
});

describe('filters', () => {
  const filters = [
    { id: 'flt_eu', name: 'EU', rules: [{ attribute: 'card.issuer_country', operator: 'in', value: ['DE', 'FR'] }] as Rule[] },
    { id: 'flt_big_or_eu', name: 'big or EU', match: 'any' as const, rules: [{ attribute: 'amount', operator: 'gt', value: 1000 }, { filter: 'flt_eu' }] as Rule[] },
    { id: 'flt_loop', name: 'loop', rules: [{ filter: 'flt_loop' }] as Rule[] },
  ];
  const doc = (rules: Rule[]) => scheme({
    c: { type: 'condition', rules, then: 'y', else: 'n' },
    y: { type: 'strategy', strategy: 'direct', processors: ['proc_a'] },
    n: { type: 'strategy', strategy: 'direct', processors: ['proc_b'] },
  }, 'c');

  it('inlines filters, nested filters and match any', () => {
    const p = plan(doc([{ filter: 'flt_big_or_eu' }]), { registry: { filters } });
    expect(p.decide({ card: { issuer_country: 'FR' } }, ACTIVE).processor).toBe('proc_a');
    expect(p.decide({ amount: 5000, card: { issuer_country: 'US' } }, ACTIVE).processor).toBe('proc_a');
    expect(p.decide({ amount: 5, card: { issuer_country: 'US' } }, ACTIVE).processor).toBe('proc_b');
    const traced = p.decide({ amount: 5, card: { issuer_country: 'FR' } }, ACTIVE, { trace: true });
    expect(traced.trace!.conditions[0]!.rules[0]).toMatchObject({
      filter: 'flt_big_or_eu', result: true,
      rules: [{ attribute: 'amount', actual: 5, result: false }, { filter: 'flt_eu', result: true, rules: [{ actual: 'FR', result: true }] }],
    });
  });

  it('treats unknown and self-referencing filters as false', () => {
    expect(plan(doc([{ filter: 'flt_nope' }]), { registry: { filters } }).decide(tx, ACTIVE).processor).toBe('proc_b');
    expect(plan(doc([{ filter: 'flt_loop' }]), { registry: { filters } }).decide(tx, ACTIVE).processor).toBe('proc_b');
  });

  it('joins a condition\'s rules with all (default) and any', () => {
    const rules: Rule[] = [{ attribute: 'amount', operator: 'gt', value: 5 }, { attribute: 'currency', operator: 'eq', value: 'USD' }];
    expect(plan(doc(rules)).decide(tx, ACTIVE).processor).toBe('proc_b');
    const any = scheme({ ...doc(rules).nodes, c: { type: 'condition', match: 'any', rules, then: 'y', else: 'n' } }, 'c');
    expect(plan(any).decide(tx, ACTIVE).processor).toBe('proc_a');
  });
});

describe('derived time attributes', () => {
  const hourIs = (hour: number, weekday: string) => scheme({
    c: { type: 'condition', rules: [{ attribute: 'time_of_day', operator: 'eq', value: hour }, { attribute: 'weekday', operator: 'eq', value: weekday }], then: 'y', else: 'n' },
    y: { type: 'strategy', strategy: 'direct', processors: ['proc_a'] },
    n: { type: 'strategy', strategy: 'direct', processors: ['proc_b'] },
  }, 'c');
  const at = (created_at: unknown) => ({ id: 't', created_at });

  it('reads hour and weekday in UTC by default', () => {
    const d = plan(hourIs(3, 'mon')).decide(at('2024-07-01T03:30:00Z'), ACTIVE, { trace: true });
    expect(d.trace!.conditions[0]!.rules.map((r) => r.actual)).toEqual([3, 'mon']);
    expect(d.processor).toBe('proc_a');
  });

  it('reads them in a configured zone with DST and half-hour offsets', () => {
    const ny = plan(hourIs(23, 'sun'), { timeZone: 'America/New_York' }).decide(at('2024-07-01T03:30:00Z'), ACTIVE, { trace: true });
    expect(ny.trace!.conditions[0]!.rules.map((r) => r.actual)).toEqual([23, 'sun']);
    const nyWinter = plan(hourIs(22, 'sun'), { timeZone: 'America/New_York' }).decide(at('2024-01-01T03:30:00Z'), ACTIVE);
    expect(nyWinter.processor).toBe('proc_a');
    const kolkata = plan(hourIs(2, 'tue'), { timeZone: 'Asia/Kolkata' }).decide(at('2024-07-01T20:45:00Z'), ACTIVE);
    expect(kolkata.processor).toBe('proc_a');
    const epochMs = plan(hourIs(2, 'tue'), { timeZone: 'Asia/Kolkata' }).decide(at(Date.parse('2024-07-01T20:45:00Z')), ACTIVE);
    expect(epochMs.processor).toBe('proc_a');
  });

  it('refuses an unknown time zone when the plan is built, if a reachable rule (or a filter it uses) reads the time', () => {
    const options = { timeZone: 'Mars/Olympus_Mons' };
    expect(() => plan(hourIs(3, 'mon'), options)).toThrow(RangeError);
    const throughFilter = scheme({
      c: { type: 'condition', rules: [{ attribute: 'amount', operator: 'gt', value: 1 }], then: 'd', else: 'n' },
      d: { type: 'condition', rules: [{ filter: 'flt_night' }], then: 'y', else: 'n' },
      y: { type: 'strategy', strategy: 'direct', processors: ['proc_a'] },
      n: { type: 'strategy', strategy: 'direct', processors: ['proc_b'] },
    }, 'c');
    const filters = [{ id: 'flt_night', name: 'night', rules: [{ attribute: 'time_of_day', operator: 'lt', value: 6 }] as Rule[] }];
    expect(() => plan(throughFilter, { ...options, registry: { filters } })).toThrow(RangeError);
    // The zone is not consulted when no reachable rule reads the time.
    expect(plan(throughFilter, options).decide({ id: 't', amount: 5 }, ACTIVE).processor).toBe('proc_b');
    expect(() => plan(scheme({ s: { type: 'strategy', strategy: 'direct', processors: ['proc_a'] }, orphan: hourIs(3, 'mon').nodes.c! }, 's'), options)).not.toThrow();
  });

  it('reports a missing or unaccepted created_at as missing (absent, null, invalid), on both walks', () => {
    const p = plan(hourIs(3, 'mon'), { timeZone: 'Europe/Paris' });
    const refused = ['yesterday', '2025-02-29T12:00:00Z', '2026-1-1 23:30', '2024-07-01T03:30:00', '2024-07-01', '2024-07-01T03:30:60Z', {}, true, '1719804600000'];
    const reasons = [at(undefined), at(null), ...refused.map(at)].map((t) =>
      p.decide(t as Transaction, ACTIVE, { trace: true }).trace!.conditions[0]!.rules.map((r) => r.missing));
    expect(reasons).toEqual([['absent', 'absent'], ['null', 'null'], ...refused.map(() => ['invalid', 'invalid'])]);
    for (const raw of refused) expect(p.decide(at(raw) as Transaction, ACTIVE).processor).toBe('proc_b');
  });
});

describe('prototype keys and hostile input', () => {
  const exists = (attribute: string, extra: SchemeDocument['nodes'] = {}) => plan(scheme({
    c: { type: 'condition', rules: [{ attribute, operator: 'exists' }], then: 'y', else: 'n' },
    y: { type: 'strategy', strategy: 'direct', processors: ['proc_a'] },
    n: { type: 'strategy', strategy: 'direct', processors: ['proc_b'] },
    ...extra,
  }, 'c'));
  const yes = (d: Decision) => d.path[0]!.result;

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('reads metadata.%s as absent unless it is an own property', (key) => {
    const p = exists(`metadata.${key}`);
    expect(yes(p.decide({ metadata: {} }, ACTIVE))).toBe(false);
    expect(yes(p.decide(JSON.parse(`{"metadata":{"${key}":"x"}}`), ACTIVE))).toBe(true);
  });

  it('ignores properties inherited through a polluted prototype', () => {
    const p = exists('metadata.polluted');
    Object.defineProperty(Object.prototype, 'polluted', { value: 'x', configurable: true });
    try {
      expect(yes(p.decide({ metadata: {} }, ACTIVE))).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });

  it('reads deeper paths of a custom catalog safely', () => {
    const deep: Catalog = {
      get: (name) => (name === 'a.b.c' ? { name, type: 'string', label: 'x', description: '', group: 'x', operators: ['eq'], normalise: 'none', example: '' } : undefined),
      list: () => [],
    };
    const p = buildPlan(scheme({
      c: { type: 'condition', rules: [{ attribute: 'a.b.c', operator: 'eq', value: 'v' }], then: 'y', else: 'n' },
      y: { type: 'strategy', strategy: 'direct', processors: ['proc_a'] },
      n: { type: 'strategy', strategy: 'direct', processors: ['proc_b'] },
    }, 'c'), { catalog: deep });
    expect(p.decide({ a: { b: { c: 'v' } } }, ACTIVE).processor).toBe('proc_a');
    expect(p.decide({ a: { b: 'c' } }, ACTIVE).processor).toBe('proc_b');
    expect(p.decide({ a: [{ c: 'v' }] }, ACTIVE).processor).toBe('proc_b');
  });

  it('turns dangling branches, cycles and a missing start into no_route dead ends instead of throwing or looping', () => {
    const looped = plan(scheme({
      a: { type: 'condition', rules: [], then: 'b', else: 'gone' },
      b: { type: 'condition', rules: [], then: 'a' },
    }, 'a'));
    const first = looped.decide(tx, ACTIVE);
    expect(first).toMatchObject({ outcome: 'no_route', node: null, strategy: null, reason: 'condition "b" yes branch would loop back to "a"' });
    expect(first.path).toEqual([{ node: 'a', result: true }, { node: 'b', result: true }]);
    expect(plan(scheme({ a: { type: 'condition', rules: [], then: 'b' } }, 'constructor')).decide(tx, ACTIVE).reason)
      .toBe('start node "constructor" does not exist');
  });

  it('handles node ids that are prototype keys', () => {
    const doc = JSON.parse(JSON.stringify(scheme({ c: { type: 'condition', rules: [], then: 'x', else: 'x' } }, 'c'))) as SchemeDocument;
    const nodes = JSON.parse('{"__proto__":{"type":"strategy","strategy":"direct","processors":["proc_a"]},"c":{"type":"condition","rules":[],"then":"__proto__","else":"toString"}}');
    const p = plan({ ...doc, nodes });
    expect(p.decide(tx, ACTIVE)).toMatchObject({ outcome: 'route', node: '__proto__', processor: 'proc_a' });
  });

  it('survives a 10,000-node chain without exhausting the stack', () => {
    const nodes: Record<string, SchemeNode> = {};
    for (let i = 0; i < 10_000; i++) nodes[`n${i}`] = { type: 'condition', rules: [{ attribute: 'amount', operator: 'gt', value: i }], then: i === 9_999 ? 'leaf' : `n${i + 1}`, else: 'leaf' };
    nodes.leaf = { type: 'strategy', strategy: 'direct', processors: ['proc_a'] };
    const p = plan(scheme(nodes, 'n0'));
    expect(p.decide({ amount: 1e9 }, ACTIVE).path).toHaveLength(10_000);
  });
});
