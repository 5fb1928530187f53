import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODES, paymentFieldsArbitrary, processorArbitrary } from './processor-arbitraries.testing';
import {
  eligibleMask, ineligibility, NEEDS_ALL, processorIndexOf, readPaymentFields, indexProcessors,
} from './processors';

/**
 * The hot path's bit masks (eligibleMask) against the reference `ineligibility`: for every processor of
 * a set, its bit is set exactly when ineligibility says null. Sets of up to 70 processors (three mask
 * words), codes in mixed case, values repeated (the per-field memo) and malformed.
 */

const codes = [...CODES, 'ı', 'x'.repeat(20)];
const code = fc.constantFrom(...codes);
const processor = (id: string) => processorArbitrary(id, codes, ['active', 'active', 'down', 'disabled']);
const processors = fc.integer({ min: 1, max: 70 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => processor(`p${i}`))));
const value = fc.oneof(code, fc.constant(undefined), fc.constant(null), fc.integer(), fc.string());
const transaction = fc.record(paymentFieldsArbitrary(value), { requiredKeys: [] });

describe('eligibility masks', () => {
  it('set exactly the bits of processors that ineligibility accepts', () => {
    fc.assert(fc.property(processors, fc.array(transaction, { minLength: 1, maxLength: 20 }), (list, txs) => {
      const index = processorIndexOf(indexProcessors(list));
      const out = new Int32Array(index.masks.words);
      for (const tx of [...txs, ...txs]) {
        const mask = eligibleMask(tx, index.masks, NEEDS_ALL, out);
        const fields = readPaymentFields(tx, { currency: undefined, method: undefined, country: undefined });
        for (const entry of index.entries.values()) {
          const bit = (mask[entry.position >> 5]! >>> (entry.position & 31)) & 1;
          expect(bit).toBe(ineligibility(entry, fields) === null ? 1 : 0);
        }
      }
    }), { numRuns: 300 });
  });
});
