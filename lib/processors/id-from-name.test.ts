import { describe, expect, it } from 'vitest';
import { processorIdFromName } from './id-from-name';
import { ProcessorIdFormat } from './schema';

describe('processorIdFromName', () => {
  it('makes a valid id from a name', () => {
    for (const [name, id] of [
      ['Adyen EU (cards)', 'proc_adyen_eu_cards'],
      ['  Crédit Agricole ', 'proc_credit_agricole'],
      ['Stripe', 'proc_stripe'],
      ['PayPal-2', 'proc_paypal_2'],
    ]) {
      expect(processorIdFromName(name!)).toBe(id);
      expect(ProcessorIdFormat.safeParse(id).success).toBe(true);
    }
  });

  it('stays within the format for long names and offers nothing for names without letters', () => {
    expect(ProcessorIdFormat.safeParse(processorIdFromName('a '.repeat(80))).success).toBe(true);
    expect(processorIdFromName('—!')).toBe('');
  });
});
