import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../catalog';
import type { Processor } from '../../processors/schema';
import type { Operator, Rule, SchemeDocument, SchemeNode } from '../../scheme/schema';
import { indexProcessors } from '../processors';
import type { Filter, Plan, Transaction } from '../types';
import { FUNCTION_CONDITIONS, generateDecideSource } from './codegen';
import { literal } from './literal';
import { buildPlan } from './index';
import type { PlanNode } from './nodes';
import type { LeafGroups } from './set-runtime';

/**
 * The generated decide (codegen.ts) against the closure walk and per-processor eligibility it must
 * equal, on documents and transactions full of strings that would break naive code generation: quotes,
 * backticks, `${`, U+2028/U+2029, `</script>`, backslashes, prototype keys; in processor sets that
 * restrict fields differently. Any input string that leaked into the generated source as code would
 * either fail to compile (the plan would silently fall back: checked below) or change results.
 */

const catalog = builtinCatalog();
const NASTY = ['"', "'", '`', '${x}', '${', '\u2028', '\u2029', '</script>', '\\', '\\"', '*/', '//', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a.b', ''];
const nasty = fc.constantFrom(...NASTY);
const nastyString = fc.oneof(nasty, fc.string(), fc.array(nasty, { maxLength: 4 }).map((parts) => parts.join('')));
/** Numbers mostly from a small pool, so rule values and transaction values often coincide (boundaries). */
const number = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(-1, 0, 1, 7, 7.5, 23, 100, 2 ** 31) }, { weight: 1, arbitrary: fc.double() });
const integer = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(-1, 0, 1, 7, 23, 100) }, { weight: 1, arbitrary: fc.integer() });

/** Attribute paths: catalog ones (typed, normalised) and free ones built from hostile segments. */
const catalogAttributes: [string, Operator[], fc.Arbitrary<unknown>][] = [
  ['amount', ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists', 'in', 'not_in'], fc.oneof(number, fc.array(integer))],
  ['amount', ['between'], fc.oneof(fc.tuple(number, number), fc.array(number))],
  ['currency', ['eq', 'neq', 'in', 'not_in', 'exists'], fc.oneof(fc.constantFrom('EUR', 'eur', 'Gbp'), nastyString, fc.array(fc.oneof(nastyString, fc.constantFrom('EUR', 'usd'))))],
  ['card.issuer_country', ['eq', 'neq', 'in', 'not_in', 'starts_with', 'matches'], fc.oneof(fc.constantFrom('GB', 'de'), nastyString, fc.array(nastyString))],
  ['card.brand', ['eq', 'in', 'not_in', 'contains'], fc.oneof(fc.constantFrom('visa', 'VISA'), nastyString, fc.array(nastyString))],
  ['customer.risk_score', ['gte', 'lt', 'lte', 'between', 'eq', 'exists'], fc.oneof(integer, number, fc.tuple(integer, integer))],
  ['recurring', ['eq', 'neq', 'in', 'not_exists'], fc.oneof(fc.boolean(), fc.array(fc.boolean()), nastyString)],
  ['tags', ['contains', 'not_contains', 'in', 'exists'], fc.oneof(nastyString, fc.array(nastyString))],
  ['time_of_day', ['between', 'eq', 'gte'], fc.oneof(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 23 })), fc.integer({ min: 0, max: 23 }))],
  ['weekday', ['in', 'eq', 'neq'], fc.oneof(fc.constantFrom('mon', 'SAT'), fc.array(fc.constantFrom('mon', 'sat', 'sun')))],
];
const freePath = fc.array(nasty, { minLength: 1, maxLength: 3 }).map((segments) => segments.join('.'));
const operators: Operator[] = ['eq', 'neq', 'in', 'not_in', 'gt', 'between', 'contains', 'not_contains', 'starts_with', 'ends_with', 'exists', 'not_exists', 'matches'];
const attributeRule: fc.Arbitrary<Rule> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...catalogAttributes).chain(([attribute, ops, values]) =>
    fc.record({ attribute: fc.constant(attribute), operator: fc.constantFrom(...ops), value: values })) },
  { weight: 1, arbitrary: fc.record({
    attribute: fc.oneof(freePath, fc.constantFrom('metadata.__proto__', 'metadata.constructor', 'metadata.`${x}`')),
    operator: fc.constantFrom(...operators),
    value: fc.oneof(nastyString, fc.array(nastyString), fc.integer()),
  }) },
) as fc.Arbitrary<Rule>;
const filterIds = ['flt_"', 'flt_`${x}`', 'flt_\u2028', 'flt_missing'];
const rule: fc.Arbitrary<Rule> = fc.oneof({ weight: 5, arbitrary: attributeRule }, { weight: 1, arbitrary: fc.constantFrom(...filterIds).map((filter) => ({ filter })) });

const processorIds = ['proc_"', 'proc_`${x}`', 'proc_\u2028</script>', 'proc___proto__', 'proc_constructor', 'proc_plain', 'proc_unknown\\'];
const modifiers = fc.dictionary(nasty, nastyString, { maxKeys: 3 });
const strategy: fc.Arbitrary<SchemeNode> = fc.oneof(
  fc.record({ type: fc.constant('strategy'), strategy: fc.constant('blank'), reason: nastyString }),
  fc.record({ type: fc.constant('strategy'), strategy: fc.constant('direct'), processors: fc.constantFrom(...processorIds).map((p) => [p]), modifiers }),
  fc.record({ type: fc.constant('strategy'), strategy: fc.constantFrom('priority', 'random'), processors: fc.subarray(processorIds), cascade: fc.constant({ max_attempts: 3, on: ['timeout'] }) }),
  fc.subarray(processorIds, { minLength: 1 }).map((p) => ({
    type: 'strategy', strategy: 'weight', processors: p.map((processor, i) => ({ processor, weight: i === 0 ? 100 - 10 * (p.length - 1) : 10 })),
  })),
) as fc.Arbitrary<SchemeNode>;

/**
 * A DAG (branches point to any later node, so nodes are shared) with hostile node ids; sometimes a long
 * chain (deeper than the generator nests) and sometimes dangling or looping branches (unchecked input).
 */
const documents: fc.Arbitrary<SchemeDocument> = fc.record({
  conditions: fc.array(fc.record({
    rules: fc.array(rule, { minLength: 1, maxLength: 3 }),
    match: fc.constantFrom<'all' | 'any'>('all', 'any'),
    then: fc.nat(), else: fc.nat(),
    broken: fc.constantFrom(false, false, false, false, false, 'dangling', 'loop'),
  }), { minLength: 2, maxLength: 40, size: 'medium' }),
  leaves: fc.array(strategy, { minLength: 1, maxLength: 6 }),
  prefix: nastyString,
}).map(({ conditions, leaves, prefix }) => {
  const idOf = (i: number) => (i < conditions.length ? `${prefix}c${i}` : `${prefix}s${i - conditions.length}`);
  const nodes: Record<string, SchemeNode> = {};
  conditions.forEach((c, i) => {
    const later = conditions.length + leaves.length - i - 1;
    const target = (n: number) => idOf(i + 1 + (n % later));
    const elseId = c.broken === 'dangling' ? `${prefix}nowhere` : c.broken === 'loop' ? idOf(0) : target(c.else);
    nodes[idOf(i)] = { type: 'condition', match: c.match, rules: c.rules, then: target(c.then), else: elseId };
  });
  leaves.forEach((leaf, i) => { nodes[idOf(conditions.length + i)] = leaf; });
  return { format: 'switchyard.scheme/v1', name: prefix, start: idOf(0), nodes } as SchemeDocument;
});

/** Objects whose keys include every hostile segment, built as own properties (even "__proto__"). */
function own(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Per attribute path of a document: its comparison values, plus case and boundary variants. */
function vocabulary(doc: SchemeDocument): Map<string, unknown[]> {
  const common = [
    'EUR', 'eur', 'GB', 'gb', 'de', '', 'card', 'paypal', 'usd', 'mon', '2024-03-02T10:00:00Z', '2024-03-31T01:30:00+01:00', '1893-03-31T23:07:02Z',
    '2025-02-29T12:00:00Z', '2026-1-1 23:30', '2026-01-01T23:30:00', 1_772_357_400_000, 7, '7', Infinity, -Infinity, Number.NaN,
  ];
  const byPath = new Map<string, unknown[]>(
    ['amount', 'currency', 'payment_method', 'card.issuer_country', 'customer.country', 'created_at', 'id'].map((p) => [p, common.slice()]),
  );
  const addRule = (rule: Rule) => {
    if ('filter' in rule) return;
    let values = byPath.get(rule.attribute);
    if (values === undefined) byPath.set(rule.attribute, (values = common.slice()));
    for (const v of Array.isArray(rule.value) ? [...rule.value, rule.value] : [rule.value]) {
      if (typeof v === 'string') values.push(v, v.toLowerCase(), v.toUpperCase(), `${v}x`, v.slice(1));
      else if (typeof v === 'number') values.push(v, v - 1, v + 1, v + 0.5);
      else values.push(v);
    }
  };
  for (const node of Object.values(doc.nodes)) if (node.type === 'condition') node.rules.forEach(addRule);
  for (const filter of filters) filter.rules.forEach(addRule);
  return byPath;
}

/** Sets `value` at the dotted `path` of `target`, creating (own) objects on the way. */
function assign(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : undefined;
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
    else node = defineOwn(node, segment, {}) as Record<string, unknown>;
  }
  defineOwn(node, segments[segments.length - 1]!, value);
}

function defineOwn(target: Record<string, unknown>, key: string, value: unknown): unknown {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}

/**
 * Transactions shaped by the document: values at its attribute paths drawn from its own comparison values
 * (so every comparison goes both ways, boundaries included), over a noise of hostile keys; or anything.
 */
function transactionsFor(doc: SchemeDocument): fc.Arbitrary<Transaction> {
  const byPath = vocabulary(doc);
  const other = fc.oneof(nastyString, number, fc.boolean(), fc.constant(null), fc.array(nastyString, { maxLength: 3 }));
  const assignment = fc.constantFrom(...byPath.keys()).chain((path) => fc.tuple(
    fc.constant(path),
    fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...byPath.get(path)!) }, { weight: 1, arbitrary: other }),
  ));
  const noise = fc.array(fc.tuple(nasty, fc.oneof(other, fc.dictionary(nasty, other, { maxKeys: 3 }))), { maxLength: 4 });
  const structured = fc.tuple(noise, fc.array(assignment, { minLength: 2, maxLength: 12 })).map(([extra, assignments]) => {
    const tx = own(extra);
    for (const [path, value] of assignments) assign(tx, path, value);
    return tx;
  });
  return fc.oneof({ weight: 9, arbitrary: structured }, { weight: 1, arbitrary: fc.anything() }) as fc.Arbitrary<Transaction>;
}

const processor = (id: string, i: number): Processor => ({
  id, status: i === 4 ? 'down' : 'active', currencies: i % 2 ? ['EUR', 'GBP'] : [], payment_methods: i % 3 ? ['card'] : [],
  countries: i === 5 ? ['GB', 'DE'] : [], approval_rate: 0.9, fees: { percent: 1, fixed: 0 }, created_at: '2024-01-01T00:00:00Z',
});
const processors = indexProcessors(processorIds.slice(0, -1).map(processor));
/** Another set: other restrictions (lower-case and hostile codes among them), another order, one processor missing. */
const otherProcessors = indexProcessors(processorIds.slice(1, -1).reverse().map((id, i) => ({
  ...processor(id, i), status: i === 1 ? 'disabled' : 'active',
  currencies: i % 2 ? [] : ['usd', '"', '\u2028'], payment_methods: i % 3 ? ['card', 'PAYPAL'] : [], countries: i < 3 ? ['gb', '`${x}`', ''] : [],
}) as Processor));
const sets = [processors, otherProcessors];
const filters: Filter[] = [
  { id: 'flt_"', name: '"', rules: [{ attribute: 'currency', operator: 'in', value: ['EUR', '"'] }, { filter: 'flt_`${x}`' }], match: 'any' },
  { id: 'flt_`${x}`', name: '`', rules: [{ attribute: '`${x}`.__proto__', operator: 'eq', value: '\u2028' }, { filter: 'flt_"' }] },
  { id: 'flt_\u2028', name: 'ls', rules: [] },
] as Filter[];
const options = { catalog, timeZone: 'Europe/Berlin', registry: { filters } };

function internals(plan: Plan): { root: PlanNode; groups: LeafGroups; generated: unknown } {
  return plan as unknown as { root: PlanNode; groups: LeafGroups; generated: unknown };
}

/** Every function's source compiles (each is otherwise generated only when a decision first reaches it). */
function compilesEverywhere(plan: Plan, functionConditions?: number): boolean {
  const { root, groups } = internals(plan);
  const { sources } = generateDecideSource(root, groups, functionConditions);
  for (const source of sources) new Function('k', 'F', 'G', 'H', source);
  return true;
}

describe('generated decide', () => {
  it('decides exactly as the closure plan on hostile documents, transactions and processor sets', () => {
    const cases = documents.chain((doc) => fc.tuple(fc.constant(doc), fc.array(transactionsFor(doc), { minLength: 10, maxLength: 40 })));
    fc.assert(fc.property(cases, ([doc, txs]) => {
      const closures = buildPlan(doc, options, 'closures');
      // As the plan generates it, and cut into functions of one to three conditions so that calls,
      // passed values, pushed paths and functions generated on first use are exercised.
      const plans = [buildPlan(doc, options), buildPlan(doc, options, 'generated', 1), buildPlan(doc, options, 'generated', 3)];
      for (const plan of plans) expect(internals(plan).generated).not.toBeNull();
      for (const budget of [undefined, 1, 3]) expect(compilesEverywhere(plans[0]!, budget)).toBe(true);
      // Each payment twice: the second meets class table entries the first filled.
      for (const tx of [...txs, ...txs]) {
        for (const set of sets) {
          const expected = closures.decide(tx, set);
          for (const plan of plans) expect(plan.decide(tx, set)).toEqual(expected);
          const { trace, ...traced } = closures.decide(tx, set, { trace: true });
          expect(trace).toBeDefined();
          expect(expected).toEqual(traced);
        }
      }
    }), { numRuns: 500 });
  }, 300_000);

  it('reads own properties only, even from a polluted Object.prototype', () => {
    const doc: SchemeDocument = {
      format: 'switchyard.scheme/v1', name: 'p', start: 'c',
      nodes: {
        c: { type: 'condition', rules: [{ attribute: 'card.brand', operator: 'exists' }, { attribute: 'polluted', operator: 'eq', value: 'yes' }], match: 'any', then: 'yes', else: 'no' },
        yes: { type: 'strategy', strategy: 'blank' },
        no: { type: 'strategy', strategy: 'blank' },
      },
    };
    const plan = buildPlan(doc, options);
    const proto = Object.prototype as Record<string, unknown>;
    proto.card = { brand: 'visa' };
    proto.polluted = 'yes';
    try {
      expect(plan.decide({ id: 't' }, processors).node).toBe('no');
      expect(plan.decide({ id: 't', polluted: 'yes' }, processors).node).toBe('yes');
    } finally {
      delete proto.card;
      delete proto.polluted;
    }
  });

  it('keeps document strings out of the source except as JSON literals', () => {
    const id = '"});globalThis.__pwned = 1;//`${globalThis.__pwned = 2}`\u2028';
    const doc: SchemeDocument = {
      format: 'switchyard.scheme/v1', name: id, start: id,
      nodes: {
        [id]: { type: 'condition', rules: [{ attribute: `${id}.x`, operator: 'eq', value: id }, { attribute: 'currency', operator: 'eq', value: id }], then: `${id}!`, else: `${id}?` },
        [`${id}!`]: { type: 'strategy', strategy: 'direct', processors: [id] },
        [`${id}?`]: { type: 'strategy', strategy: 'blank', reason: id },
      },
    };
    const plan = buildPlan(doc, options, 'closures');
    const source = generateDecideSource(internals(plan).root, internals(plan).groups).sources.join('\n');
    expect(source).not.toContain(id); // node ids, reasons and processor ids never appear; keys and values only escaped
    expect(source).toContain(literal(id));
    expect(source).not.toContain('\u2028');
    const generated = buildPlan(doc, options);
    // The attribute path splits at each "." of the id: nest the value along its segments.
    const nested = `${id}.x`.split('.').reduceRight<unknown>((inner, segment) => own([[segment, inner]]), id);
    const tx = own([...Object.entries(nested as object), ['currency', id.toUpperCase()]]) as Transaction;
    expect(generated.decide(tx, processors)).toEqual(plan.decide(tx, processors));
    expect(generated.decide(tx, processors).node).toBe(`${id}!`);
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('literal escapes line and paragraph separators', () => {
    expect(literal('a\u2028b\u2029c"')).toBe('"a\\u2028b\\u2029c\\""');
    expect(literal(-1.5)).toBe('-1.5');
  });
});

describe('generated decide of large plans', () => {
  const chain = (size: number, shared: boolean): SchemeDocument => {
    const nodes: Record<string, SchemeNode> = { leaf: { type: 'strategy', strategy: 'blank' } };
    for (let i = 0; i < size; i++) {
      const next = i + 1 < size ? `c${i + 1}` : 'leaf';
      // Shared: every condition is also the "no" branch of the one before the previous.
      nodes[`c${i}`] = { type: 'condition', rules: [{ attribute: 'amount', operator: 'gt', value: i }], then: next, else: shared && i + 2 < size ? `c${i + 2}` : 'leaf' };
    }
    return { format: 'switchyard.scheme/v1', name: 'chain', start: 'c0', nodes };
  };

  it('cuts a 10,000-condition chain into functions and decides as the closures', () => {
    const doc = chain(10_000, false);
    const plan = buildPlan(doc, options);
    const closures = buildPlan(doc, options, 'closures');
    const { callDepth } = generateDecideSource(internals(plan).root, internals(plan).groups);
    expect(callDepth).toBe(Math.ceil(10_000 / FUNCTION_CONDITIONS));
    expect(internals(plan).generated).not.toBeNull();
    for (const amount of [-1, 0, 50, 4_321, 9_999, 10_000]) {
      expect(plan.decide({ id: 't', amount }, processors)).toEqual(closures.decide({ id: 't', amount }, processors));
    }
    expect(plan.decide({ id: 't', amount: 50 }, processors).path).toHaveLength(51);
  });

  it('keeps the closure walk when shared nodes would nest calls too deep, with the same decisions', () => {
    const doc = chain(5_000, true);
    const plan = buildPlan(doc, options);
    expect(generateDecideSource(internals(plan).root, internals(plan).groups).callDepth).toBeGreaterThan(2_000);
    expect(internals(plan).generated).toBeNull();
    const closures = buildPlan(doc, options, 'closures');
    for (const amount of [-1, 50, 4_999]) {
      expect(plan.decide({ id: 't', amount }, processors)).toEqual(closures.decide({ id: 't', amount }, processors));
    }
  });
});
