import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../catalog';
import type { Transaction } from '../engine/types';
import { generateTransactions } from './traffic';

const take = (n: number, seed = 1, mix = {}) => [...generateTransactions(n, { seed, mix })];

describe('generateTransactions', () => {
  it('is deterministic for a seed, with distinct ids', () => {
    const a = take(5000, 7);
    expect(take(5000, 7)).toEqual(a);
    expect(new Set(a.map((t) => t.id)).size).toBe(5000);
    expect(take(10, 8)).not.toEqual(a.slice(0, 10));
  });

  it('is lazy: a huge count costs nothing until iterated', () => {
    const it = generateTransactions(1e12);
    expect(it.next().value).toHaveProperty('id');
  });

  it('follows the default mix roughly and keeps values within the catalog domains', () => {
    const txs = take(20_000, 3);
    const share = (f: (t: Transaction) => boolean) => txs.filter(f).length / txs.length;
    expect(share((t) => t.payment_method === 'card')).toBeCloseTo(0.68, 1);
    expect(share((t) => t.phase === 'setup')).toBeCloseTo(0.05, 1);
    expect(share((t) => t.initiator === 'mit')).toBeCloseTo(0.15, 1);
    const catalog = builtinCatalog();
    const domain = (name: string) => new Set(catalog.get(name)?.domain);
    for (const t of txs) {
      expect(domain('currency').has(t.currency as string)).toBe(true);
      expect(domain('payment_method').has(t.payment_method as string)).toBe(true);
      expect(domain('initiator').has(t.initiator as string)).toBe(true);
      expect(domain('channel').has(t.channel as string)).toBe(true);
      expect(t.created_at).toMatch(/^2025-01-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/);
      const card = t.card as Record<string, unknown> | undefined;
      if (card) {
        expect(domain('card.brand').has(card.brand as string)).toBe(true);
        expect(domain('card.issuer_country').has(card.issuer_country as string)).toBe(true);
        expect(card.bin).toMatch(/^\d{6}$/);
      }
      if (t.phase === 'setup') expect(t.amount).toBe(0);
      else expect(t.amount as number).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('writes created_at as Date#toISOString would (seconds precision) within the window', () => {
    for (const t of take(2000, 4, { start: '2024-02-27T12:00:00Z', days: 3 })) {
      const ms = Date.parse(t.created_at as string);
      expect(new Date(ms).toISOString().replace('.000Z', 'Z')).toBe(t.created_at);
      expect(ms).toBeGreaterThanOrEqual(Date.parse('2024-02-27T12:00:00Z'));
      expect(ms).toBeLessThan(Date.parse('2024-03-01T12:00:00Z'));
    }
  });

  it('reads the window start like created_at (or a date alone as midnight UTC), never in the host zone', () => {
    const shifted = take(200, 4, { start: '2024-02-27T12:00:00+02:00', days: 1 }).map((t) => Date.parse(t.created_at as string));
    expect(Math.min(...shifted)).toBeGreaterThanOrEqual(Date.parse('2024-02-27T10:00:00Z'));
    expect(Math.max(...shifted)).toBeLessThan(Date.parse('2024-02-28T10:00:00Z'));
    const fallback = take(200, 4, { start: '2024-02-27T12:00:00', days: 1 }).map((t) => t.created_at as string);
    expect(fallback.every((c) => c.startsWith('2025-01-01T'))).toBe(true);
    const day = take(200, 4, { start: '2024-02-27', days: 1 }).map((t) => t.created_at as string);
    expect(day.every((c) => c.startsWith('2024-02-27T'))).toBe(true);
  });

  it('applies mix overrides', () => {
    const txs = take(500, 1, {
      payment_methods: { paypal: 1 }, countries: { JP: 1 }, local_currency_share: 1,
      amount: { median: 10, spread: 0, min: 0, max: 100 }, setup_share: 0, id_prefix: 'p_',
    });
    for (const t of txs) {
      expect(t).toMatchObject({ payment_method: 'paypal', currency: 'JPY', amount: 10 });
      expect(t.card).toBeUndefined();
      expect(String(t.id).startsWith('p_')).toBe(true);
    }
  });

  it('treats nonsense counts and shares gracefully', () => {
    expect(take(0)).toEqual([]);
    expect(take(-5)).toEqual([]);
    expect(take(Number.NaN)).toEqual([]);
    expect(take(2.7)).toHaveLength(2);
    const txs = take(50, 1, { currencies: { EUR: -1 }, mit_share: Number.NaN, amount: { median: -3, spread: 1, min: 1, max: 2 } });
    expect(txs).toHaveLength(50);
    for (const t of txs) if (t.phase === 'charge') expect(t.amount as number).toBeGreaterThanOrEqual(1);
  });
});
