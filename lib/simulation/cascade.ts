import type { OutcomeCategory, ProcessorSet } from '../engine/types';
import { isOutcomeCategory, outcomeFromDraw } from './outcomes';
import { unitAt } from './prng';

export type SimulatedStatus = 'approved' | 'declined' | 'failed' | 'blocked' | 'no_route';

export interface CascadePolicy {
  max_attempts: number;
  on: readonly string[];
}

/** Called once per attempt, in order; lets single and batch simulation share one loop. */
export type AttemptVisitor = (processor: string, outcome: OutcomeCategory, index: number, forced: boolean) => void;

/**
 * Plays the attempts of a routed payment: candidates in order, at most `max_attempts`
 * (one without a cascade), moving on only when the outcome is one of `cascade.on`; never after an
 * approval or a hard decline. Outcome i is `forced[i]` when that is a known category, else a seeded
 * draw from (seed, keyHash, i). Returns the final status.
 */
export function playCascade(
  candidates: readonly string[],
  cascade: CascadePolicy | undefined,
  processors: ProcessorSet,
  seed: number,
  keyHash: number,
  forced: readonly unknown[] | undefined,
  visit: AttemptVisitor,
): SimulatedStatus {
  const limit = Math.min(candidates.length, cascade === undefined ? 1 : Math.max(1, cascade.max_attempts));
  let last: OutcomeCategory | undefined;
  for (let i = 0; i < limit; i++) {
    const processor = candidates[i] as string;
    const wanted = forced === undefined ? undefined : forced[i];
    const isForced = isOutcomeCategory(wanted);
    const outcome = isForced ? wanted : outcomeFromDraw(processors.byId.get(processor), unitAt(seed, keyHash, i));
    visit(processor, outcome, i, isForced);
    last = outcome;
    if (outcome === 'approved' || outcome === 'hard_decline') break;
    if (cascade === undefined || !cascade.on.includes(outcome)) break;
  }
  return statusOf(last);
}

function statusOf(last: OutcomeCategory | undefined): SimulatedStatus {
  switch (last) {
    case 'approved':
      return 'approved';
    case 'soft_decline':
    case 'hard_decline':
      return 'declined';
    case 'processor_error':
    case 'timeout':
      return 'failed';
    default:
      // A route without candidates cannot be attempted.
      return 'no_route';
  }
}
