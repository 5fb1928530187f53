import { describe, expect, it } from 'vitest';
import { armOf, bucketOf, transactionIdOf } from './arm';
import { judgeShadow, SAME, type FinalAnswer } from './differences';
import { judgeGuardrail } from './guardrail';

describe('arm assignment', () => {
  it('is sticky: the same payment and rollout always take the same arm', () => {
    for (let i = 0; i < 1000; i++) {
      const id = `tx_${i}`;
      expect(armOf(id, 'rol_a', 2500)).toBe(armOf(id, 'rol_a', 2500));
      expect(bucketOf(id, 'rol_a')).toBe(bucketOf(id, 'rol_a'));
    }
  });

  it('grows the canary by adding payments, never moving one back (a raised share keeps its canary payments)', () => {
    for (let i = 0; i < 2000; i++) {
      if (armOf(`tx_${i}`, 'rol_a', 1000) === 'canary') expect(armOf(`tx_${i}`, 'rol_a', 3000)).toBe('canary');
    }
  });

  it('hits the set share within 0.2 points over 200,000 ids, for several shares', () => {
    for (const share of [100, 1000, 2500, 5000, 9900]) {
      let canary = 0;
      const n = 200_000;
      for (let i = 0; i < n; i++) if (armOf(`pay_${i}`, 'rol_share', share) === 'canary') canary++;
      expect(Math.abs((canary / n) * 100 - share / 100)).toBeLessThan(0.2);
    }
  });

  it('reshuffles between rollouts', () => {
    let same = 0;
    for (let i = 0; i < 10_000; i++) if (armOf(`tx_${i}`, 'rol_a', 5000) === armOf(`tx_${i}`, 'rol_b', 5000)) same++;
    expect(same / 10_000).toBeGreaterThan(0.45);
    expect(same / 10_000).toBeLessThan(0.55);
  });

  it('answers a payment without an id with the control arm', () => {
    expect(transactionIdOf({ amount: 1 })).toBeNull();
    expect(transactionIdOf({ id: '' })).toBeNull();
    expect(transactionIdOf({ id: 42 })).toBe('42');
    expect(transactionIdOf({ id: 'tx_1' })).toBe('tx_1');
    expect(armOf(null, 'rol_a', 9900)).toBe('control');
    expect(armOf('tx_1', 'rol_a', 0)).toBe('control');
  });
});

describe('shadow difference judgement', () => {
  const live: FinalAnswer = { outcome: 'route', processor: 'proc_a', candidates: ['proc_a', 'proc_b'] };
  it('is equal only when outcome, processor and candidates (in order) match', () => {
    expect(judgeShadow(live, { outcome: 'route', processor: 'proc_a', candidates: ['proc_a', 'proc_b'] })).toBe(SAME);
    expect(judgeShadow(live, { outcome: 'route', processor: 'proc_b', candidates: ['proc_b', 'proc_a'] })).toEqual({ outcome: 'route', processor: 'proc_b', candidates: ['proc_b', 'proc_a'] });
    expect(judgeShadow(live, { outcome: 'route', processor: 'proc_a', candidates: ['proc_a'] })).not.toBe(SAME);
    expect(judgeShadow(live, { outcome: 'route', processor: 'proc_a', candidates: ['proc_a', 'proc_c'] })).not.toBe(SAME);
    expect(judgeShadow(live, { outcome: 'blocked', processor: null, candidates: [] })).toMatchObject({ outcome: 'blocked' });
  });
  it('counts no answer, an error and no route as a difference, even when live found no route either', () => {
    expect(judgeShadow(live, null)).toEqual({ error: 'the shadow gave no answer' });
    expect(judgeShadow(live, undefined)).toHaveProperty('error');
    const noRoute: FinalAnswer = { outcome: 'no_route', processor: null, candidates: [] };
    expect(judgeShadow(live, noRoute)).toEqual(noRoute);
    expect(judgeShadow(noRoute, noRoute)).toEqual(noRoute);
  });
  it('blocked against blocked is equal', () => {
    const blocked: FinalAnswer = { outcome: 'blocked', processor: null, candidates: [] };
    expect(judgeShadow(blocked, { ...blocked })).toBe(SAME);
  });
});

describe('guardrail (one-sided two-proportion z-test), against hand-computed cases', () => {
  const settings = { maxDropPoints: 2, minAttempts: 200 };
  it('trips on 90% → 75% over 200 attempts each: pooled p = 0.825, z = −3.948', () => {
    const j = judgeGuardrail({ approved: 180, attempts: 200 }, { approved: 150, attempts: 200 }, settings);
    expect(j.z).toBeCloseTo(-3.9477, 3);
    expect(j.p_value).toBeCloseTo(3.945e-5, 6);
    expect(j.drop_points).toBeCloseTo(15, 9);
    expect(j.breach).toBe(true);
  });
  it('does not trip on 90% → 85% over 200 each: z = −1.512 is not clear enough', () => {
    const j = judgeGuardrail({ approved: 180, attempts: 200 }, { approved: 170, attempts: 200 }, settings);
    expect(j.z).toBeCloseTo(-1.5119, 3);
    expect(j.breach).toBe(false);
  });
  it('does not trip on a clear drop smaller than allowed: 90% → 88.5% over 100,000 each, z = −10.83, drop 1.5 < 2 points', () => {
    const control = { approved: 90_000, attempts: 100_000 };
    const canary = { approved: 88_500, attempts: 100_000 };
    const j = judgeGuardrail(control, canary, settings);
    expect(j.z).toBeCloseTo(-10.8285, 3);
    expect(j.breach).toBe(false);
    expect(judgeGuardrail(control, canary, { ...settings, maxDropPoints: 1 }).breach).toBe(true);
  });
  it('waits for the minimum attempts in each arm', () => {
    const j = judgeGuardrail({ approved: 199, attempts: 199 }, { approved: 0, attempts: 400 }, settings);
    expect(j).toMatchObject({ enough: false, z: null, breach: false });
    expect(j.drop_points).toBeCloseTo(100, 9);
  });
  it('never trips a canary doing better', () => {
    expect(judgeGuardrail({ approved: 150, attempts: 200 }, { approved: 180, attempts: 200 }, settings).breach).toBe(false);
  });
});
