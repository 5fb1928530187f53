import 'server-only';
import { BoundedQueue } from '@/lib/traffic/bounded-queue';
import { memoryOf } from './copy-rows';
import { BatchPacker, PACK_SLICE, type DecisionLogEntry, type PackedBatch } from './decision-log-store';
import type { WriterKind } from './decision-log-writer';

export type { DecisionLogEntry, PackedBatch } from './decision-log-store';

/**
 * The decision log's buffer: decide hands each answer to `record` (a push onto an in-memory queue:
 * synchronous, no promise, no I/O). Every `packMs` what has gathered is packed onto the batch
 * being gathered (rows of text, lib/services/decision-log-store.ts), so the parsed transactions and
 * answers die young; every `flushMs` that batch is written. Decide never waits for the database.
 * The two intervals differ because their costs pull apart: entries kept longer are promoted by the
 * garbage collector (decide's thread pays), and smaller batches add more rollup rows per decision
 * (the writer and the database pay). docs/traffic.md has the measurements.
 *
 * Bounded: while writes fail (the database is away) entries stay queued, up to `capacity`; beyond
 * it the oldest are dropped and counted, so memory stays bounded and the loss is known exactly.
 * A batch whose write failed may have been stored all the same (the commit went through, its answer
 * was lost): it is held apart, in doubt, never dropped, and written first once the database answers
 * (leaving out what was stored). So a drop is always a decision that was never stored, and the count
 * is exact. Packing stops while a batch is in doubt, and at most one batch waits packed. Memory:
 * `capacity` entries plus two batches.
 */
export interface DecisionLogOptions {
  /**
   * Writes one batch, all or nothing (lib/services/decision-log-store.ts writePacked). `maybeStored`:
   * the write before failed, perhaps after committing, so some of these may be stored already.
   */
  write: (batch: PackedBatch, maybeStored: boolean) => Promise<void>;
  /** Entries held at most while writes fail. */
  capacity: number;
  /** How often the packed decisions are written (ms). */
  flushMs: number;
  /** How often what has gathered is packed (ms; at most `flushMs`). */
  packMs?: number;
  /** Decisions per write. */
  batchSize?: number;
  /**
   * How long a write may take before it counts as failed (ms): a statement the database never
   * receives (a connection whose packets vanish) is answered by nothing, and the log would wait
   * with no error to show. The write may still land later; its batch is written again in doubt.
   */
  writeTimeoutMs?: number;
  /**
   * Partitions ahead and retention: run at start (again every 10 s until it says it ran: false when
   * the database is not open yet), then every `maintainMs`.
   */
  maintain?: () => Promise<boolean>;
  maintainMs?: number;
}

/** What decide records into: a DecisionLog, or a test's spy. */
export type DecisionRecorder = Pick<DecisionLog, 'record'>;

export interface DecisionLogStatus {
  /** Entries not written yet: waiting, being written, or in doubt after a failed write. */
  backlog: number;
  capacity: number;
  /** Entries dropped because the buffer was full, since this instance started. */
  dropped: number;
  /** Entries written since this instance started. */
  written: number;
  /** Why the last write failed, while writes are failing; null when the last one succeeded. */
  last_error: string | null;
  last_written_at: string | null;
}

const DEFAULT_BATCH = 5000;
const DEFAULT_PACK_MS = 200;
/** Past the COPY's own 10 s bound (db/client.ts) and the statements' 5 s: only a write nothing answers runs into it. */
const DEFAULT_WRITE_TIMEOUT_MS = 20_000;
const HOUR_MS = 3_600_000;
const FIRST_MAINTENANCE_RETRY_MS = 10_000;

export class DecisionLog {
  private readonly queue: BoundedQueue<DecisionLogEntry>;
  private readonly batchSize: number;
  /** Packed, waiting for the next write: at most one batch's worth. */
  private packer: BatchPacker | null = null;
  /** The shared memory of the last batch written, which the next batch is packed into. */
  private spareRows: SharedArrayBuffer | null = null;
  private packing: Promise<void> | null = null;
  /** The batch whose write failed: perhaps stored, written again before anything else. */
  private inDoubt: PackedBatch | null = null;
  /** The batch being written. */
  private writing: PackedBatch | null = null;
  /** Batches whose write timed out: that write may still read their memory, so it is never packed into again. */
  private readonly abandoned = new WeakSet<PackedBatch>();
  private flushing: Promise<void> | null = null;
  private writtenCount = 0;
  private lastError: string | null = null;
  private lastWrittenAt: number | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];

  constructor(private readonly options: DecisionLogOptions) {
    this.queue = new BoundedQueue(options.capacity);
    this.batchSize = options.batchSize ?? DEFAULT_BATCH;
  }

  /** The hot path: queue the entry. */
  record(entry: DecisionLogEntry): void {
    this.queue.push(entry);
  }

  start(): void {
    if (this.timers.length) return;
    const every = (ms: number, run: () => void) => {
      const timer = setInterval(run, ms);
      timer.unref?.();
      this.timers.push(timer);
    };
    every(Math.min(this.options.packMs ?? DEFAULT_PACK_MS, this.options.flushMs), () => void this.pack());
    every(this.options.flushMs, () => this.writeDue());
    const { maintain } = this.options;
    if (!maintain) return;
    const run = () => maintain().catch((error: unknown) => {
      console.error('decision log: partition maintenance failed:', messageOf(error));
      return false;
    });
    every(this.options.maintainMs ?? HOUR_MS, () => void run());
    const first = () => void run().then((ran) => {
      if (!ran && this.timers.length) setTimeout(first, FIRST_MAINTENANCE_RETRY_MS).unref?.();
    });
    first();
  }

  /** Stops the timers, then writes what it can (one attempt: a shutdown does not wait on a database that is away). */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.flush();
  }

  /**
   * Writes everything queued, batch by batch, until the queue is empty or a write fails. One flush
   * at a time: a call during one waits for it (and then flushes again if more came meanwhile).
   */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => this.flush());
    if (this.waitingCount === 0 && this.inDoubt === null) return Promise.resolve();
    return this.startDrain(true);
  }

  /**
   * The timer's write: what has gathered since the last one, then more only while a whole batch
   * waits (a backlog to catch up on). Writing again as soon as one write ends would write whatever
   * came in meanwhile: small batches, each costing its statements and rollup rows again.
   */
  private writeDue(): void {
    if (this.flushing) return; // a write is under way; it goes on while a whole batch waits
    void this.startDrain(false);
  }

  private startDrain(untilEmpty: boolean): Promise<void> {
    this.flushing = this.drain(untilEmpty).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** When the oldest decision not yet written was decided (ms), or null when nothing waits. */
  oldestWaiting(): number | null {
    for (const batch of [this.inDoubt, this.writing]) if (batch && batch.at.length > 0) return batch.at[0]!;
    return this.packer?.firstAt ?? this.queue.peek()?.at ?? null;
  }

  /** Writes what waits when a decision made at `decidedAt` may be among it, so a read right after finds it. */
  async writeIfWaiting(decidedAt: number): Promise<void> {
    const waiting = this.oldestWaiting();
    if (waiting !== null && decidedAt >= waiting) await this.flush();
  }

  status(): DecisionLogStatus {
    const size = (batch: PackedBatch | null) => batch?.ids.length ?? 0;
    return {
      backlog: this.waitingCount + size(this.inDoubt) + size(this.writing),
      capacity: this.queue.capacity,
      dropped: this.queue.dropped,
      written: this.writtenCount,
      last_error: this.lastError,
      last_written_at: this.lastWrittenAt === null ? null : new Date(this.lastWrittenAt).toISOString(),
    };
  }

  /** Entries waiting for a write: queued or packed. */
  private get waitingCount(): number {
    return this.queue.size + this.packedCount;
  }

  private get packedCount(): number {
    return this.packer?.size ?? 0;
  }

  /** Packs queued entries, up to one batch's worth waiting; none while a batch is in doubt (the queue's bound then applies). */
  private pack(): Promise<void> {
    this.packing ??= this.packWhileRoom().finally(() => {
      this.packing = null;
    });
    return this.packing;
  }

  private async packWhileRoom(): Promise<void> {
    while (this.inDoubt === null && this.queue.size > 0 && this.packedCount < this.batchSize) {
      // A slice is packed at once, so every entry is either queued or packed whenever status() asks.
      if (!this.packer) {
        this.packer = new BatchPacker(this.batchSize, this.spareRows);
        this.spareRows = null; // the packer's now
      }
      for (const entry of this.queue.take(Math.min(PACK_SLICE, this.batchSize - this.packedCount))) this.packer.add(entry);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** `untilEmpty`: write batch after batch until nothing waits; otherwise stop when less than a batch waits. */
  private async drain(untilEmpty: boolean): Promise<void> {
    for (;;) {
      const retry = this.inDoubt !== null;
      if (!retry) await this.pack();
      if (!retry && this.packedCount === 0) return;
      const batch = this.inDoubt ?? this.packer!.done();
      if (!retry) this.packer = null;
      this.inDoubt = null;
      this.writing = batch;
      const failure = await this.bounded(batch, this.options.write(batch, retry)).then(() => null, (error: unknown) => ({ error }));
      this.writing = null;
      if (failure) {
        this.inDoubt = batch;
        if (this.lastError === null) console.error(`decision log: writing failed (${this.status().backlog} buffered): ${messageOf(failure.error)}`);
        this.lastError = messageOf(failure.error);
        return;
      }
      if (this.lastError !== null) console.error(`decision log: writing again (${this.queue.dropped} dropped while the database was away)`);
      this.lastError = null;
      if (!this.abandoned.has(batch)) this.spareRows = memoryOf(batch.rows); // stored: the driver copied the rows into its messages
      this.writtenCount += batch.ids.length;
      this.lastWrittenAt = Date.now();
      if (!untilEmpty && this.waitingCount < this.batchSize) return;
    }
  }

  /** The write, or its failure once writeTimeoutMs have passed (the write itself goes on: `batch` is then abandoned). */
  private bounded(batch: PackedBatch, write: Promise<void>): Promise<void> {
    const ms = this.options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.abandoned.add(batch);
        reject(new Error(`a write did not finish within ${ms / 1000} s (is the database reachable?)`));
      }, ms);
      timer.unref?.();
      write.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }
}

/** The driver's own message (drizzle wraps it in one that quotes the statement and its parameters: payment data, never logged). */
function messageOf(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** The buffer's size, write interval and writer from the environment (docs/traffic.md). */
export function decisionLogSettings(env: Readonly<Record<string, string | undefined>> = process.env): { on: boolean; capacity: number; flushMs: number; packMs: number; writer: WriterKind } {
  const number = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min} (got "${raw}")`);
    return value;
  };
  return {
    on: env.SWITCHYARD_DECISION_LOG !== 'off',
    capacity: number('SWITCHYARD_DECISION_BUFFER', 100_000, 1),
    flushMs: number('SWITCHYARD_DECISION_FLUSH_MS', 1000, 10),
    packMs: number('SWITCHYARD_DECISION_PACK_MS', DEFAULT_PACK_MS, 10),
    // With Postgres, batches are prepared and written by a worker thread; `thread` keeps them on this one.
    writer: env.SWITCHYARD_DECISION_WRITER === 'thread' ? 'thread' : 'worker',
  };
}
