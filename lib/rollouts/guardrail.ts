import { normalCdf, twoProportionZ, Z_THRESHOLD, type Proportion } from '@/lib/traffic/baseline';

/**
 * The canary's guardrail: is the canary's observed approval rate below the control's by more than the
 * allowed number of points, with enough attempts to tell? A one-sided two-proportion z-test (the
 * dashboard's baseline maths, lib/traffic/baseline.ts): canary (x₁ of n₁ attempts approved) against
 * control (x₂ of n₂), pooled p, z = (p₁ − p₂) / √(p(1−p)(1/n₁ + 1/n₂)). A breach needs all three:
 *   - each arm has at least `minAttempts` reported attempts;
 *   - the drop p₂ − p₁ is more than `maxDropPoints` percentage points;
 *   - z ≤ −3.09 (one-sided p ≤ 0.001): the guardrail judges every window, so a strict threshold keeps
 *     false stops of a canary that is no worse rare.
 */
export interface GuardrailSettings {
  maxDropPoints: number;
  minAttempts: number;
}

export interface GuardrailJudgement {
  control: Proportion;
  canary: Proportion;
  control_rate: number | null;
  canary_rate: number | null;
  /** control − canary, in percentage points; null until both arms have attempts. */
  drop_points: number | null;
  /** Both arms have the minimum attempts. */
  enough: boolean;
  z: number | null;
  p_value: number | null;
  breach: boolean;
}

export function judgeGuardrail(control: Proportion, canary: Proportion, settings: GuardrailSettings): GuardrailJudgement {
  const rate = (p: Proportion) => (p.attempts > 0 ? p.approved / p.attempts : null);
  const controlRate = rate(control);
  const canaryRate = rate(canary);
  const dropPoints = controlRate !== null && canaryRate !== null ? (controlRate - canaryRate) * 100 : null;
  const enough = control.attempts >= settings.minAttempts && canary.attempts >= settings.minAttempts && control.attempts > 0 && canary.attempts > 0;
  const z = enough ? twoProportionZ(canary, control) : null;
  return {
    control,
    canary,
    control_rate: controlRate,
    canary_rate: canaryRate,
    drop_points: dropPoints,
    enough,
    z,
    p_value: z === null ? null : normalCdf(z),
    breach: enough && z !== null && dropPoints! > settings.maxDropPoints && z <= Z_THRESHOLD,
  };
}
