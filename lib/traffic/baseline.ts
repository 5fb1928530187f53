/**
 * Is a processor's approval rate clearly below its own recent baseline? A one-sided two-proportion
 * z-test: recent window (x₁ approvals of n₁ attempts) against the baseline before it (x₂ of n₂),
 * pooled p = (x₁+x₂)/(n₁+n₂), z = (p₁ − p₂) / √(p(1−p)(1/n₁ + 1/n₂)). Flagged when
 *   - both windows have enough attempts to tell (MIN_RECENT_ATTEMPTS, MIN_BASELINE_ATTEMPTS),
 *   - z ≤ Z_THRESHOLD (one-sided p ≤ 0.001: about one false alarm per thousand checks of a
 *     processor that did not change),
 *   - and the drop is at least MIN_DROP (so a vast sample does not flag a difference nobody minds).
 */
export const MIN_RECENT_ATTEMPTS = 100;
export const MIN_BASELINE_ATTEMPTS = 500;
export const Z_THRESHOLD = -3.09;
export const MIN_DROP = 0.03;

export interface Proportion {
  approved: number;
  attempts: number;
}

export interface BaselineCheck {
  processor: string;
  recent: Proportion;
  baseline: Proportion;
  recent_rate: number | null;
  baseline_rate: number | null;
  /** Null when either window has too few attempts to tell. */
  z: number | null;
  /** One-sided p-value of a drop this large or larger, were the rate unchanged. */
  p_value: number | null;
  flagged: boolean;
}

/** z of p₁ − p₂ under the pooled proportion; 0 when the pooled rate is 0 or 1 (no variance: nothing to tell). */
export function twoProportionZ(recent: Proportion, baseline: Proportion): number {
  const p1 = recent.approved / recent.attempts;
  const p2 = baseline.approved / baseline.attempts;
  const pooled = (recent.approved + baseline.approved) / (recent.attempts + baseline.attempts);
  const variance = pooled * (1 - pooled) * (1 / recent.attempts + 1 / baseline.attempts);
  return variance > 0 ? (p1 - p2) / Math.sqrt(variance) : 0;
}

/** Φ(z), the standard normal distribution function (Abramowitz & Stegun 7.1.26: error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export function checkBaseline(processor: string, recent: Proportion, baseline: Proportion): BaselineCheck {
  const rate = (p: Proportion) => (p.attempts > 0 ? p.approved / p.attempts : null);
  const enough = recent.attempts >= MIN_RECENT_ATTEMPTS && baseline.attempts >= MIN_BASELINE_ATTEMPTS;
  const z = enough ? twoProportionZ(recent, baseline) : null;
  const drop = enough ? rate(baseline)! - rate(recent)! : 0;
  return {
    processor,
    recent,
    baseline,
    recent_rate: rate(recent),
    baseline_rate: rate(baseline),
    z,
    p_value: z === null ? null : normalCdf(z),
    flagged: z !== null && z <= Z_THRESHOLD && drop >= MIN_DROP,
  };
}
