import type { Decision, Plan, ProcessorSet, Transaction } from '../engine/types';
import { BatchAggregator, type BatchReport } from './report';
import type { ObservedEstimate } from '../traffic/observed-estimate';

/** How many example transactions each changed group keeps (for the dry run). */
export const IMPACT_EXAMPLES = 3;
/** Changed groups listed, largest first; the rest are summed in `other_changed`. */
export const IMPACT_GROUPS = 50;

/** A decision in one word: the processor it routes to first, or `blocked` / `no_route`. */
export function decisionLabel(decision: Decision): string {
  return decision.outcome === 'route' ? (decision.processor ?? 'no_route') : decision.outcome;
}

export interface ImpactGroup {
  from: string;
  to: string;
  count: number;
  /** count ÷ total. */
  share: number;
  examples: Transaction[];
}

/** Two documents over the same sample: which decisions change, and what it does to approvals and fees. */
export interface ImpactReport {
  cancelled: boolean;
  total: number;
  changed: number;
  /** changed ÷ total. */
  changed_share: number;
  groups: ImpactGroup[];
  /** Changed transactions in groups beyond the listed ones. */
  other_changed: number;
  before: BatchReport;
  after: BatchReport;
  /** after − before, on the approval rate (approved ÷ total). */
  approval_rate_change: number;
  /** after − before, estimated fees per currency. */
  fee_change: Record<string, number>;
  /** A replay of recorded traffic: each document's approval estimate from observed outcomes. */
  observed?: { before: ObservedEstimate; after: ObservedEstimate };
}

interface GroupTally {
  from: string;
  to: string;
  count: number;
  examples: Transaction[];
}

/**
 * Decides every transaction with both plans and simulates both (the same seed, so the same draws),
 * grouping the changed decisions by (before → after). Memory is bounded by the groups, not the sample.
 */
export class ImpactAggregator {
  private readonly before: BatchAggregator;
  private readonly after: BatchAggregator;
  private readonly groups = new Map<string, GroupTally>();
  private changed = 0;

  constructor(
    private readonly plans: { before: Plan; after: Plan },
    private readonly processors: ProcessorSet,
    seed: number,
  ) {
    this.before = new BatchAggregator(plans.before, processors, seed);
    this.after = new BatchAggregator(plans.after, processors, seed);
  }

  get processed(): number {
    return this.before.processed;
  }

  /** Both documents' decisions of the transaction (each made once), for callers that count more. */
  add(tx: Transaction): { before: Decision; after: Decision } {
    const decided = { before: this.before.add(tx), after: this.after.add(tx) };
    const from = decisionLabel(decided.before);
    const to = decisionLabel(decided.after);
    if (from === to) return decided;
    this.changed++;
    const key = `${from}\u0000${to}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      group = { from, to, count: 0, examples: [] };
      this.groups.set(key, group);
    }
    group.count++;
    if (group.examples.length < IMPACT_EXAMPLES) group.examples.push(tx);
    return decided;
  }

  report(cancelled: boolean): ImpactReport {
    const before = this.before.report(cancelled);
    const after = this.after.report(cancelled);
    const total = before.total;
    const sorted = [...this.groups.values()].sort((a, b) => b.count - a.count || (a.from + a.to < b.from + b.to ? -1 : 1));
    const listed = sorted.slice(0, IMPACT_GROUPS);
    const fee_change: Record<string, number> = {};
    for (const currency of new Set([...Object.keys(before.fees), ...Object.keys(after.fees)])) {
      fee_change[currency] = Math.round(((after.fees[currency] ?? 0) - (before.fees[currency] ?? 0)) * 1e4) / 1e4;
    }
    return {
      cancelled,
      total,
      changed: this.changed,
      changed_share: ratio(this.changed, total),
      groups: listed.map((g) => ({ ...g, share: ratio(g.count, total) })),
      other_changed: sorted.slice(IMPACT_GROUPS).reduce((sum, g) => sum + g.count, 0),
      before,
      after,
      approval_rate_change: Math.round((after.approval_rate - before.approval_rate) * 1e6) / 1e6,
      fee_change,
    };
  }
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1e6) / 1e6;
}
