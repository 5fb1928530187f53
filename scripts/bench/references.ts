import { Engine } from 'json-rules-engine';
import type { AttributeRule, ConditionNode, Modifiers, SchemeDocument, StrategyNode } from '../../lib/scheme/schema';
import type { Decision, PathStep, Processor, Transaction } from '../../lib/engine/types';
import { hashPrefix, hashWithPrefix, transactionKey, unitInterval } from '../../lib/engine/hash';

/**
 * The two references the engine is measured against, on the same trees:
 * - "the limit": a plain nested if/else generated for the tree (bench-only code generation; values are
 *   embedded as JSON literals), reading properties directly, with a straightforward hand-written leaf
 *   choice that produces the same decision as the engine (so the bench can check they agree);
 * - "the peer": json-rules-engine, one rule per leaf whose conditions are its path's conjunction. It
 *   only finds the leaf (no eligibility, no choice), which flatters it slightly.
 */

// ---------------------------------------------------------------- if/else

interface ReferenceLeaf {
  id: string;
  node: StrategyNode;
  ids: string[];
  weights: number[];
  fallback: number[];
  seed: number;
  cap: number;
  modifiers: Modifiers;
}

function readExpression(attribute: string): string {
  const [head, ...rest] = attribute.split('.');
  return ['tx', head, ...rest].map((p, i) => (i === 0 ? p : `?.[${JSON.stringify(p)}]`)).join('');
}

function ruleExpression(rule: AttributeRule, constants: unknown[]): string {
  const v = readExpression(rule.attribute);
  const lit = JSON.stringify(rule.value);
  const set = () => {
    constants.push(new Set(rule.value as unknown[]));
    return `K[${constants.length - 1}]`;
  };
  switch (rule.operator) {
    case 'eq': return `(${v} === ${lit})`;
    case 'neq': return `(${v} !== ${lit})`;
    case 'in': return `${set()}.has(${v})`;
    case 'not_in': return `!${set()}.has(${v})`;
    case 'gt': return `((x = ${v}), typeof x === 'number' && x > ${lit})`;
    case 'gte': return `((x = ${v}), typeof x === 'number' && x >= ${lit})`;
    case 'lt': return `((x = ${v}), typeof x === 'number' && x < ${lit})`;
    case 'lte': return `((x = ${v}), typeof x === 'number' && x <= ${lit})`;
    case 'between': {
      const [lo, hi] = rule.value as [number, number];
      return `((x = ${v}), typeof x === 'number' && x >= ${lo} && x <= ${hi})`;
    }
    default: throw new Error(`bench reference: unsupported operator ${rule.operator}`);
  }
}

export function buildIfElse(doc: SchemeDocument, processors: Processor[]): (tx: Transaction) => Decision {
  const constants: unknown[] = [];
  const leaves: ReferenceLeaf[] = [];
  const steps: PathStep[] = [];
  const emit = (id: string, indent: string): string => {
    const node = doc.nodes[id]!;
    if (node.type === 'strategy') {
      const ids = node.strategy === 'blank' ? [] : node.strategy === 'weight' ? node.processors.map((p) => p.processor) : (node.processors as string[]);
      const weights = node.strategy === 'weight' ? node.processors.map((p) => p.weight) : ids.map(() => 1);
      leaves.push({
        id, node, ids, weights, seed: hashPrefix(id), cap: node.strategy === 'blank' ? 1 : (node.cascade?.max_attempts ?? 1),
        fallback: ids.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b), modifiers: Object.freeze({ ...node.modifiers }),
      });
      return `${indent}return leaf(L[${leaves.length - 1}], tx, path);\n`;
    }
    const c = node as ConditionNode;
    const joiner = c.match === 'any' ? ' || ' : ' && ';
    const test = c.rules.map((r) => ruleExpression(r as AttributeRule, constants)).join(joiner) || 'true';
    steps.push(Object.freeze({ node: id, result: true }), Object.freeze({ node: id, result: false }));
    const yes = steps.length - 2;
    return `${indent}if (${test}) { path.push(S[${yes}]);\n${emit(c.then!, indent + ' ')}${indent}} else { path.push(S[${yes + 1}]);\n${emit(c.else!, indent + ' ')}${indent}}\n`;
  };
  const body = `let x; const path = [];\n${emit(doc.start, '')}`;
  const decide = new Function('K', 'S', 'L', 'leaf', `return function ifElse(tx) {\n${body}}`);
  return decide(constants, steps, leaves, makeLeafChooser(processors));
}

/** The hand-written leaf: same semantics as the engine's, written plainly. */
function makeLeafChooser(processors: Processor[]) {
  const byId = new Map(processors.map((p) => [p.id, {
    active: p.status === 'active',
    currencies: p.currencies.length ? new Set(p.currencies) : null,
    methods: p.payment_methods.length ? new Set(p.payment_methods) : null,
    countries: p.countries.length ? new Set(p.countries) : null,
  }]));
  return (leaf: ReferenceLeaf, tx: Transaction, path: PathStep[]): Decision => {
    const t = tx as { currency?: string; payment_method?: string; card?: { issuer_country?: string }; customer?: { country?: string } };
    if (leaf.node.strategy === 'blank') {
      return { outcome: 'blocked', processor: null, candidates: [], strategy: 'blank', node: leaf.id, path, modifiers: leaf.modifiers, reason: leaf.node.reason! };
    }
    const country = t.card?.issuer_country ?? t.customer?.country;
    const ok = leaf.ids.map((id) => {
      const p = byId.get(id);
      return !!p && p.active && (!p.currencies || p.currencies.has(t.currency!)) && (!p.methods || p.methods.has(t.payment_method!)) && (!p.countries || p.countries.has(country!));
    });
    const candidates: string[] = [];
    const strategy = leaf.node.strategy;
    if (strategy === 'direct' || strategy === 'priority') {
      for (let i = 0; i < leaf.ids.length && candidates.length < leaf.cap; i++) if (ok[i]) candidates.push(leaf.ids[i]!);
    } else {
      let total = 0;
      for (let i = 0; i < leaf.ids.length; i++) if (ok[i]) total += leaf.weights[i]!;
      let chosen = -1;
      if (total > 0) {
        let point = unitInterval(hashWithPrefix(leaf.seed, transactionKey(tx))) * total;
        for (let i = 0; i < leaf.ids.length; i++) {
          if (!ok[i]) continue;
          chosen = i;
          point -= leaf.weights[i]!;
          if (point < 0) break;
        }
        candidates.push(leaf.ids[chosen]!);
      }
      const order = strategy === 'random' ? leaf.ids.map((_, k) => (chosen + 1 + k) % leaf.ids.length) : leaf.fallback;
      for (const i of order) if (candidates.length < leaf.cap && i !== chosen && ok[i]) candidates.push(leaf.ids[i]!);
    }
    if (candidates.length === 0) {
      return { outcome: 'no_route', processor: null, candidates, strategy, node: leaf.id, path, modifiers: leaf.modifiers, reason: `no eligible processor for strategy "${leaf.id}"` };
    }
    return { outcome: 'route', processor: candidates[0]!, candidates, strategy, node: leaf.id, path, modifiers: leaf.modifiers };
  };
}

// ---------------------------------------------------------------- json-rules-engine

type JreCondition = Record<string, unknown>;

function jreRule(rule: AttributeRule): JreCondition {
  const [fact, ...rest] = rule.attribute.split('.');
  const base: JreCondition = { fact, ...(rest.length ? { path: `$.${rest.join('.')}` } : {}) };
  const op = (operator: string, value: unknown): JreCondition => ({ ...base, operator, value });
  switch (rule.operator) {
    case 'eq': return op('equal', rule.value);
    case 'neq': return op('notEqual', rule.value);
    case 'in': return op('in', rule.value);
    case 'not_in': return op('notIn', rule.value);
    case 'gt': return op('greaterThan', rule.value);
    case 'gte': return op('greaterThanInclusive', rule.value);
    case 'lt': return op('lessThan', rule.value);
    case 'lte': return op('lessThanInclusive', rule.value);
    case 'between': {
      const [lo, hi] = rule.value as [number, number];
      return { all: [op('greaterThanInclusive', lo), op('lessThanInclusive', hi)] };
    }
    default: throw new Error(`bench reference: unsupported operator ${rule.operator}`);
  }
}

/** One rule per leaf: the conjunction of each condition on its path (negated on the no branch). */
export function buildJsonRulesEngine(doc: SchemeDocument): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const walk = (id: string, path: JreCondition[]) => {
    const node = doc.nodes[id]!;
    if (node.type === 'strategy') {
      engine.addRule({ conditions: { all: path.length ? path : [{ fact: 'id', operator: 'notEqual', value: null }] } as never, event: { type: id } });
      return;
    }
    const c = node as ConditionNode;
    const group = { [c.match === 'any' ? 'any' : 'all']: c.rules.map((r) => jreRule(r as AttributeRule)) };
    walk(c.then!, [...path, group]);
    walk(c.else!, [...path, { not: group }]);
  };
  walk(doc.start, []);
  return engine;
}
