import { describe, expect, it } from 'vitest';
import { builtinCatalog, createCatalog } from '../catalog';
import { SAMPLE_TRANSACTIONS } from '../scheme/sample-transactions';
import { lintTransaction, type TransactionWarning } from './lint';

const catalog = builtinCatalog();
const lint = (tx: unknown) => lintTransaction(tx, catalog);
const brief = (warnings: TransactionWarning[]) => warnings.map((w) => [w.path.join('.'), w.code, w.suggestion]);

describe('lintTransaction', () => {
  it('says nothing about a well-formed transaction (case of codes, epoch ms, free metadata and nulls included)', () => {
    expect(lint({
      id: 'tx_1', amount: 10.5, currency: 'eur', payment_method: 'CARD', recurring: false, installments: 3, tags: ['a'],
      card: { brand: 'Visa', issuer_country: 'de', bin: '424242', tokenised: null },
      customer: { country: 'FR', risk_score: 12 }, created_at: 1_772_357_400_000,
      metadata: { anything: 'goes', 'with spaces': 'too' },
    })).toEqual([]);
    expect(lint({})).toEqual([]);
  });

  it('passes the sample transactions the product ships', () => {
    for (const { transaction } of SAMPLE_TRANSACTIONS) expect(lint(transaction)).toEqual([]);
  });

  it('suggests the field meant for a misspelt one, at any depth', () => {
    expect(brief(lint({ amout: 250, curency: 'EUR', card: { brnad: 'visa' }, customer: { contry: 'FR' } }))).toEqual([
      ['amout', 'unknown_field', 'amount'],
      ['curency', 'unknown_field', 'currency'],
      ['card.brnad', 'unknown_field', 'card.brand'],
      ['customer.contry', 'unknown_field', 'customer.country'],
    ]);
    const [amout] = lint({ amout: 250 });
    expect(amout!.message).toBe('"amout" is not a field the rules know, so it is ignored. Did you mean "amount"?');
  });

  it('points a field sent at the wrong level or flattened to where the rules read it', () => {
    expect(brief(lint({ brand: 'visa', card_brand: 'visa', 'card.brand': 'visa', country: 'FR', zzz: 1 }))).toEqual([
      ['brand', 'unknown_field', 'card.brand'],
      ['card_brand', 'unknown_field', 'card.brand'],
      ['card.brand', 'unknown_field', 'card.brand'],
      ['country', 'unknown_field', undefined],
      ['zzz', 'unknown_field', undefined],
    ]);
    expect(lint({ 'card.brand': 'visa' })[0]!.message).toContain('Nest it instead: {"card": {"brand": …}}');
  });

  it('says that derived attributes come from created_at', () => {
    const [warning] = lint({ time_of_day: 9, created_at: '2026-03-01T09:30:00Z' });
    expect(warning).toMatchObject({ path: ['time_of_day'], code: 'unknown_field', suggestion: 'created_at' });
    expect(warning!.message).toContain('worked out from created_at');
  });

  it('flags values of the wrong type, suggesting the value meant when it is plain', () => {
    expect(brief(lint({
      amount: '250', installments: 2.5, recurring: 'TRUE', card: { bin: 424242 }, tags: 'vip', customer: 'FR',
    }))).toEqual([
      ['amount', 'wrong_type', '250'],
      ['installments', 'wrong_type', undefined],
      ['recurring', 'wrong_type', 'true'],
      ['card.bin', 'wrong_type', '"424242"'],
      ['tags', 'wrong_type', '["vip"]'],
      ['customer', 'wrong_type', undefined],
    ]);
    expect(lint({ amount: '250' })[0]!.message).toBe('amount should be a number, not the text "250"; rules on amount treat it as missing.');
    expect(brief(lint({ tags: ['ok', 3] }))).toEqual([['tags.1', 'wrong_type', undefined]]);
    expect(lint({ id: { nested: true } })[0]).toMatchObject({ path: ['id'], code: 'wrong_type' });
    expect(lint('{"amount": 1}')).toEqual([{ path: [], code: 'wrong_type', message: 'A transaction is a JSON object, not the text "{\\"amount\\": 1}".' }]);
  });

  it('flags codes outside the attribute domain', () => {
    expect(brief(lint({ currency: 'ZZZ', customer: { country: 'XX', ip_country: 'uk' }, payment_method: 'applepay', card: { issuer_country: 'Germany' } }))).toEqual([
      ['currency', 'not_in_domain', undefined],
      ['customer.country', 'not_in_domain', undefined],
      ['customer.ip_country', 'not_in_domain', 'GB'],
      ['payment_method', 'not_in_domain', 'apple_pay'],
      ['card.issuer_country', 'not_in_domain', 'DE'],
    ]);
    expect(lint({ card: { issuer_country: '' }, customer: { country: 'FR' } })).toEqual([]);
    expect(lint({ currency: 'ZZZ' })[0]!.message).toBe('currency "ZZZ" is not an ISO 4217 currency code, so it never equals a value a rule names.');
  });

  it('explains a created_at the engine will not read', () => {
    expect(lint({ created_at: '2025-02-29T12:00:00Z' })).toEqual([{
      path: ['created_at'], code: 'invalid_created_at',
      message: '"2025-02-29T12:00:00Z" is not a calendar date: February 2025 has 28 days. Rules on time_of_day and weekday treat it as missing.',
    }]);
    expect(lint({ created_at: '2026-01-01T23:30:00' })[0]!.message).toContain('has no time-zone offset');
    expect(lint({ created_at: true })[0]).toMatchObject({ code: 'wrong_type', path: ['created_at'] });
    expect(lint({ created_at: null })).toEqual([]);
  });

  it('reads custom attributes, typed metadata included, from the catalog it is given', () => {
    const custom = createCatalog([
      { name: 'loyalty.tier', type: 'enum', domain: ['gold', 'silver'] },
      { name: 'metadata.order_count', type: 'integer' },
    ]);
    expect(brief(lintTransaction({ loyalty: { tier: 'bronze', tiers: 'x' }, metadata: { order_count: '3', note: 'x' } }, custom))).toEqual([
      ['loyalty.tier', 'not_in_domain', undefined],
      ['loyalty.tiers', 'unknown_field', 'loyalty.tier'],
      ['metadata.order_count', 'wrong_type', '3'],
    ]);
    expect(brief(lint({ loyalty: { tier: 'gold' } }))).toEqual([['loyalty', 'unknown_field', undefined]]);
    expect(brief(lint({ metadata: { count: 3 } }))).toEqual([['metadata.count', 'wrong_type', '"3"']]);
  });

  it('never changes the transaction it reads', () => {
    const tx = { amout: '1', card: { brnad: 'x' }, created_at: 'soon' };
    const copy = structuredClone(tx);
    lint(tx);
    expect(tx).toEqual(copy);
  });
});
