import { describe, expect, it } from 'vitest';
import { matchesQuery } from './search';

describe('matchesQuery', () => {
  it('needs every word, in any order, ignoring case and accents', () => {
    expect(matchesQuery('Crédit Agricole proc_ca EUR', 'eur credit')).toBe(true);
    expect(matchesQuery('Adyen EU proc_adyen_eu', 'adyen usd')).toBe(false);
    expect(matchesQuery('anything', '   ')).toBe(true);
  });
});
