import type { Decision, Plan, ProcessorSet, Transaction } from '../engine/types';
import type { OutcomeCategory } from '../processors/schema';
import { candidatesOf } from '../simulation/simulate-one';
import { segmentValueOf, type SegmentDimension } from './segments';
import { wilsonInterval } from './wilson';

/**
 * Approval estimates from observed outcomes: what recorded payments would have had under a
 * document, using the approval rate each processor actually achieved in each segment.
 *
 * Per payment: the document decides it; a blocked or unrouted payment is not approved (0); a
 * routed one tries its candidates as the cascade would, and with r the observed approval rate of
 * (processor, segment value) and g the observed share of its failures the cascade moves on after,
 *     approval = r₁ + (1 − r₁)·g₁·(r₂ + (1 − r₂)·g₂·(…))      up to the cascade's max attempts.
 * The interval puts every r at its 95% Wilson bound in the same formula (approval only grows with
 * each r): conservative, wider than a joint 95% interval.
 *
 * Where the first processor has no observed attempts in the payment's segment, the payment's
 * estimate is unknown (not zero): it is counted apart and its cells listed. Where only a later
 * cascade step has none, the estimate counts the attempts before it (the upper bound counts the
 * rest as approved) and the payment is counted as partial.
 */
export interface ObservedCell {
  attempts: number;
  approved: number;
  by_outcome: Partial<Record<OutcomeCategory, number>>;
}

export type ObservedRates = ReadonlyMap<string, ObservedCell>;
export const cellKey = (processor: string, value: string) => `${processor}\u0000${value}`;

export interface CellUse {
  processor: string;
  value: string;
  /** Replayed payments whose first attempt goes to this cell. */
  payments: number;
  observed_attempts: number;
  observed_rate: number | null;
  low: number | null;
  high: number | null;
}

export interface ObservedEstimate {
  dimension: SegmentDimension;
  payments: number;
  /** Payments with an estimate (routed to observed cells, or blocked/unrouted). */
  estimated: number;
  /** Estimated approvals ÷ estimated payments, with its interval; null when none could be estimated. */
  approval_rate: number | null;
  low: number | null;
  high: number | null;
  /** Payments whose first processor has no observed attempts in their segment. */
  unknown: number;
  /** Of the estimated, payments that could cascade to a processor with no observed data. */
  partial: number;
  /** Cells first attempts go to, most payments first (at most CELLS_SHOWN). */
  cells: CellUse[];
  /** Cells without observed data that payments go to first, most payments first. */
  unknown_cells: CellUse[];
}

export const CELLS_SHOWN = 50;
const NO_CASCADE: readonly string[] = [];

interface Rate {
  r: number;
  low: number;
  high: number;
  /** Share of failures after which the cascade moves on. */
  g: number;
}

export class ObservedEstimator {
  private payments = 0;
  private estimated = 0;
  private sums = { point: 0, low: 0, high: 0 };
  private unknown = 0;
  private partial = 0;
  /** processor → value → first attempts there. */
  private readonly uses = new Map<string, Map<string, { processor: string; value: string; payments: number }>>();
  /** Rates per cascade (its `on` list: the plan's own object per node) → processor → value. */
  private readonly rates = new Map<readonly string[], Map<string, Map<string, Rate | null>>>();

  constructor(
    private readonly plan: Plan,
    private readonly processors: ProcessorSet,
    private readonly observed: ObservedRates,
    private readonly dimension: SegmentDimension,
  ) {}

  add(tx: Transaction): void {
    this.addDecided(tx, this.plan.decide(tx, this.processors));
  }

  /** The same with the document's decision of `tx` already made (a run that simulates it too). */
  addDecided(tx: Transaction, decision: Decision): void {
    this.payments++;
    if (decision.outcome !== 'route') {
      this.estimated++;
      return;
    }
    const candidates = candidatesOf(decision.candidates, decision.processor);
    if (candidates.length === 0) {
      this.estimated++;
      return;
    }
    const cascade = decision.node === null ? undefined : this.plan.cascadeOf(decision.node);
    const limit = Math.min(candidates.length, cascade === undefined ? 1 : Math.max(1, cascade.max_attempts));
    const value = segmentValueOf(tx, this.dimension);
    this.use(candidates[0]!, value).payments++;
    const on = cascade?.on ?? NO_CASCADE;
    const rates: Rate[] = [];
    for (let i = 0; i < limit; i++) {
      const rate = this.rate(candidates[i]!, value, on);
      if (rate === null) break;
      rates.push(rate);
    }
    if (rates.length === 0) {
      this.unknown++;
      return;
    }
    const complete = rates.length === limit;
    if (!complete) this.partial++;
    this.estimated++;
    this.sums.point += chain(rates, (r) => r.r, 0);
    this.sums.low += chain(rates, (r) => r.low, 0);
    this.sums.high += chain(rates, (r) => r.high, complete ? 0 : 1);
  }

  report(): ObservedEstimate {
    const cells = [...this.uses.values()].flatMap((byValue) => [...byValue.values()]).map((u) => {
      const cell = this.observed.get(cellKey(u.processor, u.value));
      const interval = cell ? wilsonInterval(cell.approved, cell.attempts) : null;
      return {
        ...u,
        observed_attempts: cell?.attempts ?? 0,
        observed_rate: cell && cell.attempts > 0 ? cell.approved / cell.attempts : null,
        low: interval?.low ?? null,
        high: interval?.high ?? null,
      };
    }).sort((a, b) => b.payments - a.payments || a.processor.localeCompare(b.processor) || a.value.localeCompare(b.value));
    const rate = (sum: number) => (this.estimated > 0 ? sum / this.estimated : null);
    return {
      dimension: this.dimension,
      payments: this.payments,
      estimated: this.estimated,
      approval_rate: rate(this.sums.point),
      low: rate(this.sums.low),
      high: rate(this.sums.high),
      unknown: this.unknown,
      partial: this.partial,
      cells: cells.filter((c) => c.observed_attempts > 0).slice(0, CELLS_SHOWN),
      unknown_cells: cells.filter((c) => c.observed_attempts === 0).slice(0, CELLS_SHOWN),
    };
  }

  private use(processor: string, value: string) {
    let byValue = this.uses.get(processor);
    if (!byValue) this.uses.set(processor, (byValue = new Map()));
    let use = byValue.get(value);
    if (!use) byValue.set(value, (use = { processor, value, payments: 0 }));
    return use;
  }

  private rate(processor: string, value: string, on: readonly string[]): Rate | null {
    let byProcessor = this.rates.get(on);
    if (!byProcessor) this.rates.set(on, (byProcessor = new Map()));
    let byValue = byProcessor.get(processor);
    if (!byValue) byProcessor.set(processor, (byValue = new Map()));
    let rate = byValue.get(value);
    if (rate === undefined) {
      const cell = this.observed.get(cellKey(processor, value));
      const interval = cell ? wilsonInterval(cell.approved, cell.attempts) : null;
      if (!cell || !interval) rate = null;
      else {
        const failed = cell.attempts - cell.approved;
        // A hard decline never cascades, whatever `on` says (as in the simulator).
        const onward = on.filter((o) => o !== 'approved' && o !== 'hard_decline').reduce((sum, o) => sum + (cell.by_outcome[o as OutcomeCategory] ?? 0), 0);
        rate = { r: cell.approved / cell.attempts, low: interval.low, high: interval.high, g: failed > 0 ? onward / failed : 0 };
      }
      byValue.set(value, rate);
    }
    return rate;
  }
}

/** r₁ + (1 − r₁)·g₁·(r₂ + …), with `rest` standing for what lies past the last known step. */
function chain(rates: readonly Rate[], pick: (r: Rate) => number, rest: number): number {
  let value = rest;
  for (let i = rates.length - 1; i >= 0; i--) {
    const r = pick(rates[i]!);
    value = r + (1 - r) * rates[i]!.g * value;
  }
  return value;
}
