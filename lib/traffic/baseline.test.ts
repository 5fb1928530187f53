import { describe, expect, it } from 'vitest';
import { checkBaseline, normalCdf, twoProportionZ } from './baseline';

describe('approval baseline (two-proportion z-test, by hand)', () => {
  it('computes z with the pooled proportion', () => {
    // 300/400 = 0.75 against 4500/5000 = 0.90: pooled 4800/5400 = 0.888…, p(1−p) = 0.098765…,
    // 1/400 + 1/5000 = 0.0027, se = √0.00026667 = 0.016330, z = −0.15 / 0.016330 = −9.1856
    expect(twoProportionZ({ approved: 300, attempts: 400 }, { approved: 4500, attempts: 5000 })).toBeCloseTo(-9.1856, 3);
    // 80/200 = 0.40 against 900/2000 = 0.45: pooled 980/2200 = 0.44545, se = √(0.24702 × 0.0055) = 0.036860, z = −1.3565
    expect(twoProportionZ({ approved: 80, attempts: 200 }, { approved: 900, attempts: 2000 })).toBeCloseTo(-1.3565, 3);
  });

  it('reads p from the normal distribution', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1.96)).toBeCloseTo(0.025, 4);
    expect(normalCdf(-3.09)).toBeCloseTo(0.001, 4);
    expect(normalCdf(1.3565)).toBeCloseTo(0.9125, 3);
  });

  it('flags a clear drop, not a small or unsure one', () => {
    const clear = checkBaseline('proc_a', { approved: 300, attempts: 400 }, { approved: 4500, attempts: 5000 });
    expect(clear).toMatchObject({ flagged: true, recent_rate: 0.75, baseline_rate: 0.9 });
    expect(clear.p_value!).toBeLessThan(1e-6);
    expect(checkBaseline('proc_a', { approved: 80, attempts: 200 }, { approved: 900, attempts: 2000 }).flagged).toBe(false); // z −1.36: could be chance
    expect(checkBaseline('proc_a', { approved: 30, attempts: 50 }, { approved: 4500, attempts: 5000 })).toMatchObject({ flagged: false, z: null }); // too few recent attempts
    // 1,000,000 attempts each, 90.0% → 89.5%: z ≈ −11.7, but a half-point drop is below MIN_DROP
    expect(checkBaseline('proc_a', { approved: 895_000, attempts: 1_000_000 }, { approved: 900_000, attempts: 1_000_000 }).flagged).toBe(false);
    expect(checkBaseline('proc_a', { approved: 400, attempts: 400 }, { approved: 4500, attempts: 5000 }).flagged).toBe(false); // better, not worse
  });
});
