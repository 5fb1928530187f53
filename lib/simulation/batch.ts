import type { Plan, ProcessorSet, Transaction } from '../engine/types';
import { normaliseSeed } from './prng';
import { BatchAggregator, type BatchReport } from './report';
import { DEFAULT_SEED } from './simulate-one';

export interface SimulateBatchOptions {
  plan: Plan;
  processors: ProcessorSet;
  /** Seed of the outcome draws. Default 1. */
  seed?: number;
  /** Stops the run; the promise then resolves with the partial report, `cancelled: true`. */
  signal?: AbortSignal;
  /** Called with the number processed every `progressEvery` transactions and once at the end. */
  onProgress?: (processed: number) => void;
  /** Default 10,000. */
  progressEvery?: number;
}

/** A source of transactions. Async sources may yield arrays (one per parsed chunk) to save an await per item. */
export type TransactionSource =
  | Iterable<Transaction>
  | AsyncIterable<Transaction | readonly Transaction[]>;

/** How long a synchronous source may run before the loop yields to the event loop (abort, UI). */
const SLICE_MS = 25;

/**
 * Simulates every transaction of `transactions` through the plan and aggregates the results
 *. Streams: holds one transaction at a time, never the whole input.
 * Cancellation resolves with a partial report flagged `cancelled: true` rather than rejecting, so a
 * stopped run still shows what it covered. Reproducible: the same seed and transaction ids give the
 * same report whatever the order of the input.
 */
export async function simulateBatch(transactions: TransactionSource, options: SimulateBatchOptions): Promise<BatchReport> {
  const seed = normaliseSeed(options.seed ?? DEFAULT_SEED);
  const aggregator = new BatchAggregator(options.plan, options.processors, seed);
  const finished = await consumeTransactions(transactions, aggregator, options);
  return aggregator.report(!finished);
}

/** Whatever takes transactions one by one and counts them (a batch report, an impact comparison). */
export interface TransactionSink {
  add(tx: Transaction): void;
  readonly processed: number;
}

export type ConsumeOptions = Pick<SimulateBatchOptions, 'signal' | 'onProgress' | 'progressEvery'>;

/**
 * The loop of simulateBatch, for any sink: streams the source into it with progress and cancellation
 * as documented there. Resolves true when the source was consumed to its end, false when aborted.
 */
export async function consumeTransactions(transactions: TransactionSource, sink: TransactionSink, options: ConsumeOptions): Promise<boolean> {
  const run = new Run(sink, options);
  const finished = Symbol.asyncIterator in transactions
    ? await run.consumeAsync(transactions as AsyncIterable<Transaction | readonly Transaction[]>)
    : await run.consumeSync(transactions as Iterable<Transaction>);
  options.onProgress?.(sink.processed);
  return finished;
}

class Run {
  private readonly every: number;
  private nextProgress: number;

  constructor(
    private readonly aggregator: TransactionSink,
    private readonly options: ConsumeOptions,
  ) {
    const every = options.progressEvery ?? 10_000;
    this.every = Number.isInteger(every) && every > 0 ? every : 10_000;
    this.nextProgress = this.every;
  }

  private get aborted(): boolean {
    return this.options.signal?.aborted === true;
  }

  /** Plain loop; every 1024 items checks the clock and yields a macrotask so an abort can arrive. */
  async consumeSync(source: Iterable<Transaction>): Promise<boolean> {
    if (this.aborted) return false;
    let sliceStart = Date.now();
    let sinceCheck = 0;
    for (const tx of source) {
      this.add(tx);
      if (++sinceCheck < 1024) continue;
      sinceCheck = 0;
      if (Date.now() - sliceStart >= SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = Date.now();
      }
      if (this.aborted) return false;
    }
    return true;
  }

  /** One await per item or per chunk; the source's own awaits already let aborts arrive. */
  async consumeAsync(source: AsyncIterable<Transaction | readonly Transaction[]>): Promise<boolean> {
    if (this.aborted) return false;
    for await (const item of source) {
      if (Array.isArray(item)) {
        for (let i = 0; i < item.length; i++) this.add(item[i] as Transaction);
      } else {
        this.add(item as Transaction);
      }
      if (this.aborted) return false;
    }
    return true;
  }

  private add(tx: Transaction): void {
    this.aggregator.add(tx);
    if (this.aggregator.processed >= this.nextProgress) {
      this.nextProgress += this.every;
      this.options.onProgress?.(this.aggregator.processed);
    }
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
