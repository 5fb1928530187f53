import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../catalog';
import type { SchemeDocument, SchemeNode } from '../../scheme/schema';
import { indexProcessors } from '../processors';
import { CODES, paymentFieldsArbitrary, processorArbitrary } from '../processor-arbitraries.testing';
import { buildPlan } from './index';

/**
 * Leaf choices precomputed per eligibility pattern (choices.ts) against the reference the traced path
 * uses (decideAtLeaf with per-processor reasons): for random processor sets, strategies and payments,
 * the untraced decision equals the traced one without its trace. Payments repeat, so cached patterns
 * are met again; leaves up to 40 processors cover the array, the Map and the too-many-for-a-pattern cases.
 */

const code = fc.constantFrom(...CODES);
const processor = (id: string) => processorArbitrary(id, CODES, ['active', 'active', 'active', 'down']);
const ids = Array.from({ length: 44 }, (_, i) => `p${i}`);
const processors = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(...ids.slice(0, n).map(processor)));
const listed = fc.subarray(ids, { maxLength: 40 });
const cascade = fc.option(fc.record({ max_attempts: fc.integer({ min: 1, max: 5 }), on: fc.constant(['soft_decline']) }), { nil: undefined });
const strategy: fc.Arbitrary<SchemeNode> = fc.oneof(
  fc.record({ type: fc.constant('strategy'), strategy: fc.constant('direct'), processors: fc.constantFrom(...ids).map((p) => [p]) }),
  fc.record({ type: fc.constant('strategy'), strategy: fc.constantFrom('priority', 'random'), processors: listed, cascade }),
  fc.record({
    type: fc.constant('strategy'), strategy: fc.constant('weight'), cascade,
    processors: fc.array(fc.record({ processor: fc.constantFrom(...ids), weight: fc.constantFrom(0, 1, 10, 33.3, 70) }), { maxLength: 40 }),
  }),
) as fc.Arbitrary<SchemeNode>;
const value = fc.oneof(code, fc.constant(undefined), fc.constant(null), fc.integer());
const transaction = fc.record({
  id: fc.oneof(fc.string(), fc.integer()),
  ...paymentFieldsArbitrary(value),
}, { requiredKeys: [] });

describe('leaf choices', () => {
  it('decide as the per-processor reference on every strategy, processor set and payment', () => {
    fc.assert(fc.property(processors, strategy, fc.array(transaction, { minLength: 1, maxLength: 15 }), (list, leaf, txs) => {
      const doc: SchemeDocument = { format: 'switchyard.scheme/v1', name: 'leaf', start: 'leaf', nodes: { leaf } };
      const plan = buildPlan(doc, { catalog: builtinCatalog() });
      const set = indexProcessors(list);
      for (const tx of [...txs, ...txs]) {
        const { trace, ...reference } = plan.decide(tx, set, { trace: true });
        expect(trace).toBeDefined();
        expect(plan.decide(tx, set)).toEqual(reference);
      }
    }), { numRuns: 400 });
  });
});
