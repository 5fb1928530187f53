import { describe, expect, it } from 'vitest';
import { MAX_TRANSACTION_DEPTH, MAX_TRANSACTION_STRING, checkTransaction } from './reader';

const long = 'x'.repeat(MAX_TRANSACTION_STRING + 1);

/** An object nested `levels` deep: {a: {a: … 1}}. */
function nested(levels: number): Record<string, unknown> {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value as Record<string, unknown>;
}

describe('checkTransaction', () => {
  it('accepts a plain payment and returns it unchanged', () => {
    const tx = { amount: 10, currency: 'EUR', card: { brand: 'visa' }, tags: ['a', 'b'] };
    expect(checkTransaction(tx)).toEqual({ ok: true, value: tx });
  });

  it('refuses what is not an object', () => {
    for (const value of [null, 3, 'x', [1]]) expect(checkTransaction(value).ok).toBe(false);
  });

  it('allows the deepest nesting and refuses one level more', () => {
    expect(checkTransaction(nested(MAX_TRANSACTION_DEPTH)).ok).toBe(true);
    const read = checkTransaction(nested(MAX_TRANSACTION_DEPTH + 1));
    expect(read).toMatchObject({ ok: false, issue: { path: ['transaction'], message: expect.stringContaining(`${MAX_TRANSACTION_DEPTH} levels`) } });
  });

  it('names the path of an over-long string, through objects and arrays', () => {
    expect(checkTransaction({ a: 1, metadata: { notes: ['ok', long] } })).toMatchObject({ ok: false, issue: { path: ['transaction', 'metadata', 'notes', 1] } });
    expect(checkTransaction({ card: { brand: long } }, [])).toMatchObject({ ok: false, issue: { path: ['card', 'brand'] } });
  });

  it('names an over-long key by its first 40 characters', () => {
    const read = checkTransaction({ metadata: { [long]: 1 } }, []);
    expect(read).toMatchObject({ ok: false, issue: { path: ['metadata', `${'x'.repeat(40)}…`] } });
  });

  it('accepts a string of exactly the limit', () => {
    expect(checkTransaction({ id: 'x'.repeat(MAX_TRANSACTION_STRING) }).ok).toBe(true);
  });
});
