import { describe, expect, it } from 'vitest';
import { redact, redactionProblem } from './redaction';
import { redactionConflicts } from './redaction-conflicts';
import { segmentsOf } from './segments';

const tx = { amount: 10, currency: 'eur', customer: { email: 'a@b.c', country: 'DE' }, metadata: { order: '1', tier: 'gold' }, card: { brand: 'VISA', issuer_country: 'de' } };

describe('redaction', () => {
  it('accepts customer.email, metadata keys and all of metadata only', () => {
    expect(redactionProblem('customer.email')).toBeNull();
    expect(redactionProblem('metadata.order')).toBeNull();
    expect(redactionProblem('metadata.*')).toBeNull();
    expect(redactionProblem('amount')).toMatch(/can be redacted/);
    expect(redactionProblem('metadata.a b')).toMatch(/can be redacted/);
  });

  it('leaves the fields out of a copy, never changing the transaction', () => {
    const before = JSON.stringify(tx);
    expect(redact(tx, ['customer.email', 'metadata.tier'])).toEqual({ ...tx, customer: { country: 'DE' }, metadata: { order: '1' } });
    expect(redact(tx, ['metadata.*'])).not.toHaveProperty('metadata');
    expect(JSON.stringify(tx)).toBe(before);
    expect(redact(tx, [])).toBe(tx);
    expect(redact(tx, ['metadata.absent'])).toBe(tx);
  });

  it('warns for a redacted field that rules read', () => {
    const readers = [
      { label: 'scheme "Main" (draft)', attributes: new Set(['metadata.tier', 'amount']) },
      { label: 'filter "Risky"', attributes: new Set(['customer.country']) },
    ];
    expect(redactionConflicts(['customer.email'], readers)).toEqual([]);
    expect(redactionConflicts(['metadata.tier'], readers)).toEqual([expect.stringMatching(/^metadata\.tier is read by scheme "Main" \(draft\): .*missing/)]);
    expect(redactionConflicts(['metadata.*'], readers)[0]).toContain('(metadata.tier)');
  });
});

describe('segments', () => {
  it('reads known values normalised, others as "other", absent ones as ""', () => {
    expect(segmentsOf(tx)).toEqual({ currency: 'EUR', card_country: 'DE', card_brand: 'visa', payment_method: '' });
    expect(segmentsOf({ currency: 'XYZ', card: { brand: 42 }, payment_method: 'card' })).toEqual({ currency: 'other', card_country: '', card_brand: 'other', payment_method: 'card' });
  });
});
