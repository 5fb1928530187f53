import { z } from 'zod';
import type { Decision } from '../engine/types';

/**
 * A saved test case: a transaction and what its decision must be. Only the fields given are checked,
 * so a case can pin the processor alone, or the whole cascade order.
 */
export const ExpectedDecisionSchema = z
  .strictObject({
    outcome: z.enum(['route', 'blocked', 'no_route']).optional(),
    processor: z.string().min(1).nullable().optional(),
    candidates: z.array(z.string().min(1)).max(100).optional(),
    node: z.string().min(1).nullable().optional(),
  })
  .refine((e) => Object.values(e).some((v) => v !== undefined), 'Expect at least one of outcome, processor, candidates, node');
export type ExpectedDecision = z.infer<typeof ExpectedDecisionSchema>;

export interface Mismatch {
  field: keyof ExpectedDecision;
  expected: unknown;
  actual: unknown;
}

/** What differs between the decision and the expectation; empty when the case passes. */
export function mismatches(decision: Decision, expected: ExpectedDecision): Mismatch[] {
  const found: Mismatch[] = [];
  if (expected.outcome !== undefined && decision.outcome !== expected.outcome) {
    found.push({ field: 'outcome', expected: expected.outcome, actual: decision.outcome });
  }
  if (expected.processor !== undefined && decision.processor !== expected.processor) {
    found.push({ field: 'processor', expected: expected.processor, actual: decision.processor });
  }
  if (expected.node !== undefined && decision.node !== expected.node) {
    found.push({ field: 'node', expected: expected.node, actual: decision.node });
  }
  if (expected.candidates !== undefined && !sameList(decision.candidates, expected.candidates)) {
    found.push({ field: 'candidates', expected: expected.candidates, actual: decision.candidates });
  }
  return found;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
