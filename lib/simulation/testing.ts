import type { Decision, Plan, ProcessorSet, Transaction } from '../engine/types';
import { ProcessorSchema, type ProcessorInput } from '../processors/schema';
import type { SchemeDocument } from '../scheme/schema';

/**
 * Test support: a hand-made Plan whose decisions are given per transaction `kind`, so simulator tests
 * do not depend on the evaluator. Document: `check` (condition) → `main` (priority A, B with a cascade)
 * or `refuse` (blank); `spare` (direct C) is never routed to.
 */
export const TEST_DOCUMENT: SchemeDocument = {
  format: 'switchyard.scheme/v1',
  name: 'test',
  start: 'check',
  nodes: {
    check: { type: 'condition', rules: [], then: 'main', else: 'refuse' },
    main: {
      type: 'strategy', strategy: 'priority', processors: ['proc_a', 'proc_b'],
      cascade: { max_attempts: 2, on: ['soft_decline', 'timeout'] },
    },
    refuse: { type: 'strategy', strategy: 'blank' },
    spare: { type: 'strategy', strategy: 'direct', processors: ['proc_c'] },
  },
};

export function testPlan(): Plan {
  return {
    document: TEST_DOCUMENT,
    decide(tx: Transaction): Decision {
      const base = { modifiers: {}, path: [{ node: 'check', result: tx.kind !== 'refuse' }] };
      if (tx.kind === 'refuse') {
        return { ...base, outcome: 'blocked', processor: null, candidates: [], strategy: 'blank', node: 'refuse' };
      }
      if (tx.kind === 'none') {
        return { ...base, outcome: 'no_route', processor: null, candidates: [], strategy: 'priority', node: 'main' };
      }
      const candidates = tx.kind === 'b_only' ? ['proc_b'] : ['proc_a', 'proc_b'];
      return { ...base, outcome: 'route', processor: candidates[0] as string, candidates, strategy: 'priority', node: 'main' };
    },
    cascadeOf: (node) => (node === 'main' ? { max_attempts: 2, on: ['soft_decline', 'timeout'] } : undefined),
  };
}

export function processorSet(inputs: ProcessorInput[]): ProcessorSet {
  const list = inputs.map((p) => ProcessorSchema.parse(p));
  return { list, byId: new Map(list.map((p) => [p.id, p])) };
}
