import { describe, expect, it } from 'vitest';
import { attemptFee, feesInWords, fixedFeeIn } from './fees';
import { ProcessorSchema } from './schema';

describe('processor fees', () => {
  const fees = { percent: 1.5, fixed: 0.25, fixed_by_currency: { USD: 0.3, JPY: 40 } };

  it('charges the currency\'s own fixed fee, else the default', () => {
    expect(fixedFeeIn(fees, 'USD')).toBe(0.3);
    expect(fixedFeeIn(fees, 'JPY')).toBe(40);
    expect(fixedFeeIn(fees, 'EUR')).toBe(0.25);
    expect(fixedFeeIn(fees, 'constructor')).toBe(0.25);
    expect(fixedFeeIn({ percent: 0, fixed: 1 }, 'USD')).toBe(1);
  });

  it('reads in a few words', () => {
    expect(feesInWords(fees)).toBe('1.5% + 0.25 (USD 0.3, JPY 40)');
    expect(feesInWords({ percent: 2, fixed: 0 })).toBe('2% + 0');
  });

  it('adds the percentage of the amount', () => {
    expect(attemptFee(fees, 200, 'USD')).toBeCloseTo(3.3);
  });

  it('accepts only known upper-case currencies and non-negative amounts, naming each path', () => {
    const parsed = ProcessorSchema.safeParse({ id: 'proc_x', status: 'active', fees: { percent: 1, fixed: 0, fixed_by_currency: { eur: 1, USD: -1 } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['fees.fixed_by_currency.USD', 'fees.fixed_by_currency.eur']);
  });

  it('says an empty id is required rather than malformed', () => {
    const parsed = ProcessorSchema.safeParse({ id: '', status: 'active' });
    expect(parsed.error!.issues.map((i) => i.code)).toEqual(['too_small']);
  });
});
