import { DEFAULT_FAILURE_MIX, OUTCOME_CATEGORIES, type OutcomeCategory, type Processor } from '../processors/schema';

const KNOWN_OUTCOMES: ReadonlySet<unknown> = new Set(OUTCOME_CATEGORIES);

/** True for the five outcome categories; forced outcomes from a request are checked with it. */
export function isOutcomeCategory(value: unknown): value is OutcomeCategory {
  return KNOWN_OUTCOMES.has(value);
}

/**
 * Maps a uniform draw `u` in [0, 1) to an attempt outcome with the processor's approval model:
 * [0, approval_rate) is approved, the rest is split by `failure_mix` (relative shares; the default mix
 * when absent or all zero). An unknown processor cannot take the payment: processor_error.
 */
export function outcomeFromDraw(processor: Processor | undefined, u: number): OutcomeCategory {
  if (processor === undefined) return 'processor_error';
  const rate = processor.approval_rate;
  if (u < rate) return 'approved';
  let mix = processor.failure_mix ?? DEFAULT_FAILURE_MIX;
  let total = mix.soft_decline + mix.hard_decline + mix.processor_error + mix.timeout;
  if (!(total > 0)) {
    mix = DEFAULT_FAILURE_MIX;
    total = 1;
  }
  // Rescale the non-approved part of the draw to [0, total).
  let x = ((u - rate) / (1 - rate)) * total;
  if (x < mix.soft_decline) return 'soft_decline';
  x -= mix.soft_decline;
  if (x < mix.hard_decline) return 'hard_decline';
  x -= mix.hard_decline;
  if (x < mix.processor_error) return 'processor_error';
  return 'timeout';
}
