import fc from 'fast-check';
import type { Processor } from '../processors/schema';

/**
 * Random processors and payments for the property tests of the eligibility checks: codes in mixed
 * case, empty and non-ASCII, so case-folding and malformed values are met as often as clean ones.
 */
export const CODES = ['EUR', 'eur', 'GBP', 'usd', 'DE', 'de', 'GB', 'card', 'CARD', 'paypal', '', 'ß'] as const;

export function processorArbitrary(id: string, codes: readonly string[], statuses: readonly Processor['status'][]): fc.Arbitrary<Processor> {
  const code = fc.constantFrom(...codes);
  return fc.record({
    id: fc.constant(id),
    status: fc.constantFrom(...statuses),
    currencies: fc.array(code, { maxLength: 3 }),
    payment_methods: fc.array(code, { maxLength: 2 }),
    countries: fc.array(code, { maxLength: 3 }),
    approval_rate: fc.constant(0.9),
    fees: fc.constant({ percent: 0, fixed: 0 }),
    created_at: fc.constant('2024-01-01T00:00:00Z'),
  }) as fc.Arbitrary<Processor>;
}

/** The payment fields eligibility reads, each a code, missing, null or of another type. */
export function paymentFieldsArbitrary(value: fc.Arbitrary<unknown>) {
  return {
    currency: value,
    payment_method: value,
    card: fc.oneof(fc.record({ issuer_country: value }, { requiredKeys: [] }), value),
    customer: fc.oneof(fc.record({ country: value }, { requiredKeys: [] }), value),
  };
}
