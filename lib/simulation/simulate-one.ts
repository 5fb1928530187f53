import type { Attempt, OutcomeCategory, Plan, ProcessorSet, SimulatedDecision, Transaction } from '../engine/types';
import { playCascade } from './cascade';
import { normaliseSeed } from './prng';
import { transactionKeyHash } from './transaction-key';

export const DEFAULT_SEED = 1;

export interface SimulateOneOptions {
  /** Seed of the outcome draws; the same seed and transaction id give the same attempts. Default 1. */
  seed?: number;
  /** forced[i] fixes the outcome of attempt i; attempts beyond the list are drawn. */
  forced?: readonly OutcomeCategory[];
  /** Include the per-rule trace in the decision. */
  trace?: boolean;
}

/**
 * One dry-run payment: the plan's decision plus the attempts through the
 * strategy's cascade and the final status. Blocked and unrouted payments have no attempts.
 */
export function simulateOne(
  plan: Plan,
  tx: Transaction,
  processors: ProcessorSet,
  options: SimulateOneOptions = {},
): SimulatedDecision {
  const decision = plan.decide(tx, processors, options.trace ? { trace: true } : undefined);
  const attempts: Attempt[] = [];
  if (decision.outcome !== 'route') {
    return { ...decision, attempts, status: decision.outcome };
  }
  const candidates = candidatesOf(decision.candidates, decision.processor);
  const cascade = decision.node === null ? undefined : plan.cascadeOf(decision.node);
  const status = playCascade(
    candidates,
    cascade,
    processors,
    normaliseSeed(options.seed ?? DEFAULT_SEED),
    transactionKeyHash(tx),
    options.forced,
    (processor, outcome, _index, forced) => attempts.push({ processor, outcome, forced }),
  );
  return { ...decision, attempts, status };
}

/** The cascade order; a routed decision without candidates still tries its chosen processor. */
export function candidatesOf(candidates: readonly string[], processor: string | null): readonly string[] {
  if (candidates.length > 0 || processor === null) return candidates;
  return [processor];
}
