import type { Decision, Outcome, OutcomeCategory, PathStep, Plan, Processor, ProcessorSet, Transaction } from '../engine/types';
import { toUpper } from '../engine/plan/normalise';
import type { StrategyKind } from '../scheme/schema';
import { playCascade, type SimulatedStatus } from './cascade';
import { candidatesOf } from './simulate-one';
import { transactionKeyHash } from './transaction-key';
import { attemptFee } from '../processors/fees';
import type { ObservedEstimate } from '../traffic/observed-estimate';

export interface ProcessorReport {
  processor: string;
  /** Routed transactions whose first candidate it was. */
  first_choice: number;
  /** first_choice ÷ routed transactions. */
  first_choice_share: number;
  /** Attempts sent to it, first or cascaded. */
  attempts: number;
  /** Approved attempts on it. */
  approved: number;
  /** Of those, approvals that came after an earlier candidate failed (attempt 2 or later). */
  approved_after_cascade: number;
  /** Transactions whose last attempt it took (approved or not). */
  final: number;
  /**
   * Estimated fees on approved attempts, percent × amount / 100 + the fixed fee in the payment's currency
   * (each to a millionth), summed per currency.
   */
  fees: Record<string, number>;
}

export interface LeafReport {
  node: string;
  strategy: StrategyKind;
  hits: number;
  /** hits ÷ total transactions. */
  share: number;
}

/** The aggregate of a batch simulation. Plain JSON. */
export interface BatchReport {
  seed: number;
  /** True when the run was stopped by its AbortSignal: the numbers cover `total` transactions only. */
  cancelled: boolean;
  total: number;
  outcomes: Record<Outcome, number>;
  statuses: Record<SimulatedStatus, number>;
  /** Approved ÷ total. */
  approval_rate: number;
  /** Approved ÷ routed (transactions that had at least one attempt). */
  routed_approval_rate: number;
  attempts: number;
  /** Attempts ÷ routed transactions. */
  average_attempts: number;
  /** Sorted by first choices, then attempts, then id. Every processor that was a candidate appears. */
  processors: ProcessorReport[];
  /** Every strategy node of the scheme, in document order. */
  leaves: LeafReport[];
  /** Every node of the scheme (conditions and strategies) → transactions that passed through it. */
  node_hits: Record<string, number>;
  /** Every branch of every condition (`<node>:yes`, `<node>:no`) → transactions that took it. */
  edge_hits: Record<string, number>;
  /** Node ids with no hit, in document order. */
  unreached_nodes: string[];
  /** Estimated fees of all processors, per currency. */
  fees: Record<string, number>;
  /** Blocked and unrouted decisions by node and reason, most frequent first. */
  not_routed: NotRoutedReport[];
  /** A replay of recorded traffic: the approval estimate from observed outcomes (the rest uses the processors' approval models). */
  observed?: ObservedEstimate;
}

export interface NotRoutedReport {
  outcome: 'blocked' | 'no_route';
  node: string | null;
  reason: string;
  count: number;
}

interface ProcessorTally {
  /** The processor's record in the set (undefined for an unknown id), for its fees. */
  readonly processor: Processor | undefined;
  firstChoice: number;
  attempts: number;
  approved: number;
  approvedAfterCascade: number;
  final: number;
  /** Per currency, in millionths of a unit: integer sums are exact, so the total does not depend on order. */
  fees: Map<string, number>;
}

const NO_CURRENCY = 'XXX';
const MICROS = 1e6;

/**
 * Accumulates simulated transactions into a BatchReport in constant memory (per node and processor,
 * never per transaction). One instance per run.
 */
export class BatchAggregator {
  private total = 0;
  private routed = 0;
  private attemptCount = 0;
  private readonly outcomes: Record<Outcome, number> = { route: 0, blocked: 0, no_route: 0 };
  private readonly statuses: Record<SimulatedStatus, number> = { approved: 0, declined: 0, failed: 0, blocked: 0, no_route: 0 };
  /** Mutable counters (the node and its two branches), so a step is one Map lookup. */
  private readonly nodeHits = new Map<string, { hits: number; yes: number; no: number }>();
  private readonly tallies = new Map<string, ProcessorTally>();
  /** Keyed by outcome and node: a node gives one reason, so the key needs no reason text. */
  private readonly notRouted = new Map<string, NotRoutedReport>();
  // State of the transaction being played, read by the attempt visitor (avoids a closure per payment).
  private currentAmount = 0;
  private currentCurrency = NO_CURRENCY;
  private lastProcessor = '';

  constructor(
    private readonly plan: Plan,
    private readonly processors: ProcessorSet,
    private readonly seed: number,
  ) {
    for (const id of Object.keys(plan.document.nodes)) this.nodeHits.set(id, { hits: 0, yes: 0, no: 0 });
  }

  get processed(): number {
    return this.total;
  }

  /** Decides and plays one transaction; returns the decision (so a caller can reuse it rather than decide again). */
  add(tx: Transaction): Decision {
    const decision = this.plan.decide(tx, this.processors);
    this.total++;
    this.outcomes[decision.outcome]++;
    const path = decision.path;
    for (let i = 0; i < path.length; i++) this.step(path[i] as PathStep);
    const last = path.length > 0 ? (path[path.length - 1] as { node: string }).node : null;
    if (decision.node !== null && decision.node !== last) this.hit(decision.node);

    if (decision.outcome !== 'route') {
      this.statuses[decision.outcome]++;
      this.countNotRouted(decision.outcome, decision.node, decision.reason);
      return decision;
    }
    const candidates = candidatesOf(decision.candidates, decision.processor);
    if (candidates.length > 0) this.tally(candidates[0] as string).firstChoice++;
    this.currentAmount = amountOf(tx);
    this.currentCurrency = currencyOf(tx);
    this.lastProcessor = '';
    const status = playCascade(
      candidates,
      decision.node === null ? undefined : this.plan.cascadeOf(decision.node),
      this.processors,
      this.seed,
      transactionKeyHash(tx),
      undefined,
      this.visitAttempt,
    );
    this.statuses[status]++;
    if (this.lastProcessor !== '') {
      this.routed++;
      this.tally(this.lastProcessor).final++;
    }
    return decision;
  }

  report(cancelled: boolean): BatchReport {
    const processors: ProcessorReport[] = [];
    const totalFees = new Map<string, number>();
    for (const [processor, t] of this.tallies) {
      for (const [currency, fee] of t.fees) totalFees.set(currency, (totalFees.get(currency) ?? 0) + fee);
      processors.push({
        processor,
        first_choice: t.firstChoice,
        first_choice_share: ratio(t.firstChoice, this.routed),
        attempts: t.attempts,
        approved: t.approved,
        approved_after_cascade: t.approvedAfterCascade,
        final: t.final,
        fees: moneyRecord(t.fees),
      });
    }
    processors.sort(
      (a, b) => b.first_choice - a.first_choice || b.attempts - a.attempts || (a.processor < b.processor ? -1 : 1),
    );
    const leaves: LeafReport[] = [];
    const unreached: string[] = [];
    const nodeHits: Record<string, number> = {};
    const edgeHits: Record<string, number> = {};
    for (const [id, node] of Object.entries(this.plan.document.nodes)) {
      const counter = this.nodeHits.get(id);
      const hits = counter?.hits ?? 0;
      nodeHits[id] = hits;
      if (node.type === 'condition') {
        edgeHits[`${id}:yes`] = counter?.yes ?? 0;
        edgeHits[`${id}:no`] = counter?.no ?? 0;
      }
      if (hits === 0) unreached.push(id);
      if (node.type === 'strategy') leaves.push({ node: id, strategy: node.strategy, hits, share: ratio(hits, this.total) });
    }
    return {
      seed: this.seed,
      cancelled,
      total: this.total,
      outcomes: { ...this.outcomes },
      statuses: { ...this.statuses },
      approval_rate: ratio(this.statuses.approved, this.total),
      routed_approval_rate: ratio(this.statuses.approved, this.routed),
      attempts: this.attemptCount,
      average_attempts: ratio(this.attemptCount, this.routed),
      processors,
      leaves,
      node_hits: nodeHits,
      edge_hits: edgeHits,
      unreached_nodes: unreached,
      fees: moneyRecord(totalFees),
      not_routed: [...this.notRouted.values()].map((e) => ({ ...e })).sort((a, b) => b.count - a.count || ((a.node ?? '') < (b.node ?? '') ? -1 : 1)),
    };
  }

  private readonly visitAttempt = (processor: string, outcome: OutcomeCategory, index: number): void => {
    const t = this.tally(processor);
    this.attemptCount++;
    t.attempts++;
    this.lastProcessor = processor;
    if (outcome !== 'approved') return;
    t.approved++;
    if (index > 0) t.approvedAfterCascade++;
    const fees = t.processor?.fees;
    if (fees === undefined) return;
    const fee = Math.round(attemptFee(fees, this.currentAmount, this.currentCurrency) * MICROS);
    t.fees.set(this.currentCurrency, (t.fees.get(this.currentCurrency) ?? 0) + fee);
  };

  private countNotRouted(outcome: 'blocked' | 'no_route', node: string | null, reason: string | undefined): void {
    const key = `${outcome}\u0000${node ?? ''}`;
    const entry = this.notRouted.get(key);
    if (entry !== undefined) entry.count++;
    else this.notRouted.set(key, { outcome, node, reason: reason ?? outcome.replace('_', ' '), count: 1 });
  }

  private hit(node: string): void {
    const counter = this.nodeHits.get(node);
    if (counter !== undefined) counter.hits++;
  }

  private step(step: PathStep): void {
    const counter = this.nodeHits.get(step.node);
    if (counter === undefined) return;
    counter.hits++;
    if (step.result) counter.yes++;
    else counter.no++;
  }

  private tally(processor: string): ProcessorTally {
    let t = this.tallies.get(processor);
    if (t === undefined) {
      t = {
        processor: this.processors.byId.get(processor),
        firstChoice: 0, attempts: 0, approved: 0, approvedAfterCascade: 0, final: 0, fees: new Map(),
      };
      this.tallies.set(processor, t);
    }
    return t;
  }
}

/** Amount in major units; a missing or malformed amount contributes no percentage fee. */
function amountOf(tx: Transaction): number {
  const amount = tx.amount;
  return typeof amount === 'number' && Number.isFinite(amount) && amount > 0 ? amount : 0;
}

/** Fees are summed per transaction currency; an absent one is booked under ISO 4217 "XXX" (no currency). */
function currencyOf(tx: Transaction): string {
  const currency = tx.currency;
  // toUpper returns the string itself when it is already upper case: no allocation per payment.
  return typeof currency === 'string' && currency.length > 0 && currency.length <= 8 ? toUpper(currency) : NO_CURRENCY;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1e6) / 1e6;
}

/** Millionths → units, sorted by currency, rounded to 1/10000 of a unit. */
function moneyRecord(micros: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const currency of [...micros.keys()].sort()) out[currency] = Math.round((micros.get(currency) ?? 0) / 100) / 1e4;
  return out;
}
