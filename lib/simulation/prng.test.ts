import { describe, expect, it } from 'vitest';
import { mulberry32, normaliseSeed, unitAt } from './prng';
import { hashString } from '../engine/hash';

describe('prng', () => {
  it('unitAt is a pure function of (seed, key, index) in [0, 1)', () => {
    const key = hashString('tx_1');
    expect(unitAt(7, key, 0)).toBe(unitAt(7, key, 0));
    expect(unitAt(7, key, 0)).not.toBe(unitAt(7, key, 1));
    expect(unitAt(7, key, 0)).not.toBe(unitAt(8, key, 0));
    expect(unitAt(7, key, 0)).not.toBe(unitAt(7, hashString('tx_2'), 0));
    for (let i = 0; i < 1000; i++) {
      const u = unitAt(i, hashString(`k${i}`), i % 3);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('unitAt is close to uniform over many ids (deciles within 5% of expected)', () => {
    const buckets = new Array(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) buckets[Math.floor(unitAt(1, hashString(`tx_${i}`), 0) * 10)]++;
    for (const b of buckets) expect(Math.abs(b - n / 10)).toBeLessThan(n / 10 * 0.05);
  });

  it('mulberry32 repeats for a seed and differs across seeds', () => {
    const a = mulberry32(42), b = mulberry32(42), c = mulberry32(43);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
  });

  it('normaliseSeed maps any finite number to a 32-bit seed', () => {
    expect(normaliseSeed(5)).toBe(5);
    expect(normaliseSeed(-1)).toBe(0xffffffff);
    expect(normaliseSeed(2 ** 40)).not.toBe(normaliseSeed(2 ** 40 + 1));
    expect(normaliseSeed(NaN)).toBe(0);
    for (const s of [0.5, 2 ** 53, -(2 ** 40)]) {
      const n = normaliseSeed(s);
      expect(Number.isInteger(n) && n >= 0 && n < 2 ** 32).toBe(true);
    }
  });
});
