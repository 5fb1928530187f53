import { Engine } from 'json-rules-engine';
import type { AttributeRule, ConditionNode, SchemeDocument } from '../../lib/scheme/schema';

/**
 * The peer the engine is measured against (the limit is limit.ts): json-rules-engine, one rule per leaf
 * whose conditions are its path's conjunction. It only finds the leaf (no eligibility, no choice), which
 * flatters it slightly.
 */

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
