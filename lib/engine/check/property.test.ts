import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXAMPLE_SCHEME } from '../../scheme/examples';
import { check, type Doc } from './test-helpers';

/** Replaces, deletes or retypes one value somewhere in a copy of the document. */
function mutate(doc: unknown, steps: { pick: number; action: number; value: unknown }[]): unknown {
  const copy = structuredClone(doc) as Doc;
  for (const { pick, action, value } of steps) {
    const containers: [Doc, string | number][] = [];
    const walk = (v: unknown) => {
      if (v === null || typeof v !== 'object') return;
      for (const key of Object.keys(v)) {
        containers.push([v as Doc, Array.isArray(v) ? Number(key) : key]);
        walk((v as Doc)[key]);
      }
    };
    walk(copy);
    if (containers.length === 0) return copy;
    const [parent, key] = containers[pick % containers.length]!;
    if (action === 0) delete parent[key];
    else if (action === 1) parent[key] = value;
    else if (action === 2 && typeof parent[key] === 'string') parent[key] = `${parent[key]}x`;
    else parent[key === 'then' || key === 'else' ? key : `${String(key)}_copy`] = parent[key];
  }
  return copy;
}

const NEVER_THROWS = { numRuns: 300 };

describe('checkScheme never throws', () => {
  it('on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }), (value) => {
        const result = check(value);
        expect(Array.isArray(result.errors)).toBe(true);
      }),
      NEVER_THROWS,
    );
  });

  it('on arbitrary JSON text and arbitrary strings', () => {
    fc.assert(fc.property(fc.oneof(fc.json(), fc.string()), (text) => void check(text)), NEVER_THROWS);
  });

  it('on mutated valid documents, as values and as text', () => {
    const step = fc.record({ pick: fc.nat(), action: fc.nat({ max: 3 }), value: fc.jsonValue() });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 4 }), fc.boolean(), (steps, asText) => {
        const mutated = mutate(EXAMPLE_SCHEME, steps);
        const result = check(asText ? JSON.stringify(mutated) : mutated);
        for (const p of [...result.errors, ...result.warnings]) {
          expect(typeof p.code).toBe('string');
          expect(Array.isArray(p.path)).toBe(true);
        }
      }),
      NEVER_THROWS,
    );
  });

  it('on truncated and corrupted JSON text, naming a line and column', () => {
    const text = JSON.stringify(EXAMPLE_SCHEME, null, 2);
    fc.assert(
      fc.property(fc.nat({ max: text.length - 1 }), fc.string({ maxLength: 3 }), (at, junk) => {
        const broken = text.slice(0, at) + junk + text.slice(at + 1);
        const result = check(broken);
        const syntax = result.errors.find((e) => e.code === 'json_syntax');
        if (syntax) expect(syntax.message).toMatch(/line \d+, column \d+/);
      }),
      NEVER_THROWS,
    );
  });
});

// ---- soundness of branch_never_taken against a reference evaluator of the documented semantics ----

type Tx = { currency?: unknown; amount?: unknown; card?: { tokenised?: unknown } };
const read = (tx: Tx, attribute: string): { present: boolean; value?: string | number | boolean } => {
  const raw = attribute === 'currency' ? tx.currency : attribute === 'amount' ? tx.amount : tx.card?.tokenised;
  if (attribute === 'currency') return typeof raw === 'string' ? { present: true, value: raw.toUpperCase() } : { present: false };
  if (attribute === 'amount') return typeof raw === 'number' ? { present: true, value: raw } : { present: false };
  return typeof raw === 'boolean' ? { present: true, value: raw } : { present: false };
};
function holds(rule: Doc, tx: Tx): boolean {
  const { present, value } = read(tx, rule.attribute);
  const norm = (v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v);
  const positive = (op: string): boolean => {
    if (op === 'exists') return present;
    if (!present) return false;
    switch (op) {
      case 'eq': return value === norm(rule.value);
      case 'in': return (rule.value as unknown[]).map(norm).includes(value);
      case 'gt': return (value as number) > rule.value;
      case 'gte': return (value as number) >= rule.value;
      case 'lt': return (value as number) < rule.value;
      case 'lte': return (value as number) <= rule.value;
      case 'between': return (value as number) >= rule.value[0] && (value as number) <= rule.value[1];
      default: throw new Error(op);
    }
  };
  const negatives: Record<string, string> = { neq: 'eq', not_in: 'in', not_exists: 'exists' };
  return negatives[rule.operator] ? !positive(negatives[rule.operator]!) : positive(rule.operator);
}

const currencyRule = fc.oneof(
  fc.record({ attribute: fc.constant('currency'), operator: fc.constantFrom('eq', 'neq'), value: fc.constantFrom('EUR', 'usd', 'GBP') }),
  fc.record({ attribute: fc.constant('currency'), operator: fc.constantFrom('in', 'not_in'), value: fc.subarray(['EUR', 'USD', 'GBP'], { minLength: 1 }) }),
  fc.record({ attribute: fc.constant('currency'), operator: fc.constantFrom('exists', 'not_exists') }),
);
const amountValue = fc.constantFrom(0, 50, 100, 150);
const amountRule = fc.oneof(
  fc.record({ attribute: fc.constant('amount'), operator: fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte'), value: amountValue }),
  fc.record({ attribute: fc.constant('amount'), operator: fc.constantFrom('in', 'not_in'), value: fc.subarray([0, 50, 100, 150], { minLength: 1 }) }),
  fc.tuple(amountValue, amountValue).map(([a, b]) => ({ attribute: 'amount', operator: 'between', value: [Math.min(a, b), Math.max(a, b)] })),
);
const boolRule = fc.oneof(
  fc.record({ attribute: fc.constant('card.tokenised'), operator: fc.constantFrom('eq', 'neq'), value: fc.boolean() }),
  fc.record({ attribute: fc.constant('card.tokenised'), operator: fc.constantFrom('exists', 'not_exists') }),
);
const condition = fc.record({
  rules: fc.array(fc.oneof(currencyRule, amountRule, boolRule), { minLength: 1, maxLength: 3 }),
  match: fc.constantFrom('all', 'any'),
});
const transaction: fc.Arbitrary<Tx> = fc.record(
  {
    currency: fc.constantFrom('EUR', 'eur', 'USD', 'GBP', 'JPY', null, 5),
    amount: fc.constantFrom(0, 25, 50, 75, 100, 125, 150, 200, -1, null, '100'),
    card: fc.record({ tokenised: fc.constantFrom(true, false, null, 'true') }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

/** A full binary tree of conditions (depth 3) whose leaves are blank strategies. */
function schemeOf(conditions: { rules: Doc[]; match: string }[]): Doc {
  const nodes: Doc = {};
  const build = (i: number): string => {
    if (i >= conditions.length) {
      nodes[`leaf${i}`] = { type: 'strategy', strategy: 'blank' };
      return `leaf${i}`;
    }
    nodes[`n${i}`] = { type: 'condition', ...conditions[i], then: build(2 * i + 1), else: build(2 * i + 2) };
    return `n${i}`;
  };
  return { format: 'switchyard.scheme/v1', name: 'P', start: build(0), nodes };
}

describe('branch_never_taken is sound', () => {
  it('no transaction ever takes a branch the checker calls impossible', () => {
    fc.assert(
      fc.property(fc.array(condition, { minLength: 7, maxLength: 7 }), fc.array(transaction, { minLength: 40, maxLength: 40 }), (conditions, txs) => {
        const scheme = schemeOf(conditions as never);
        const result = check(scheme);
        expect(result.errors).toEqual([]);
        const impossible = new Set(result.warnings.filter((w) => w.code === 'branch_never_taken').map((w) => `${w.node}.${w.path.at(-1)}`));
        for (const tx of txs) {
          let id: string = scheme.start;
          while (scheme.nodes[id].type === 'condition') {
            const node = scheme.nodes[id];
            const results = (node.rules as Doc[]).map((rule) => holds(rule, tx));
            const yes = node.match === 'any' ? results.some(Boolean) : results.every(Boolean);
            const branch = yes ? 'then' : 'else';
            expect(impossible.has(`${id}.${branch}`), `${id}.${branch} taken by ${JSON.stringify(tx)}`).toBe(false);
            id = node[branch];
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
