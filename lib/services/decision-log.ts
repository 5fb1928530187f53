import 'server-only';
import { BoundedQueue } from '@/lib/traffic/bounded-queue';
import type { DecisionLogEntry } from './decision-log-store';
import type { WriterKind } from './decision-log-writer';

export type { DecisionLogEntry } from './decision-log-store';

/**
 * The decision log's buffer: decide hands each answer to `record` (a push onto an in-memory queue:
 * synchronous, no promise, no I/O), and a timer writes what has gathered in batches. Decide never
 * waits for the database.
 *
 * Bounded: while writes fail (the database is away) entries stay queued, up to `capacity`; beyond
 * it the oldest are dropped and counted, so memory stays bounded and the loss is known exactly.
 * A batch whose write failed may have been stored all the same (the commit went through, its answer
 * was lost): it is held apart, in doubt, never dropped, and written first once the database answers
 * (leaving out what was stored). So a drop is always a decision that was never stored, and the count
 * is exact. Memory: `capacity` entries plus that one batch.
 */
export interface DecisionLogOptions {
  /**
   * Writes one batch, all or nothing (lib/services/decision-log-store.ts). `maybeStored`: the write
   * before failed, perhaps after committing, so some of these may be stored already.
   */
  write: (batch: DecisionLogEntry[], maybeStored: boolean) => Promise<void>;
  /** Entries held at most while writes fail. */
  capacity: number;
  /** How often the buffer is written (ms). */
  flushMs: number;
  /** Entries per write. */
  batchSize?: number;
  /**
   * Partitions ahead and retention: run at start (again every 10 s until it says it ran: false when
   * the database is not open yet), then every `maintainMs`.
   */
  maintain?: () => Promise<boolean>;
  maintainMs?: number;
}

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
const HOUR_MS = 3_600_000;
const FIRST_MAINTENANCE_RETRY_MS = 10_000;

export class DecisionLog {
  private readonly queue: BoundedQueue<DecisionLogEntry>;
  /** The batch whose write failed: perhaps stored, written again before anything else. */
  private inDoubt: DecisionLogEntry[] = [];
  /** Entries of the write under way, taken from the queue. */
  private writing = 0;
  private flushing: Promise<void> | null = null;
  private writtenCount = 0;
  private lastError: string | null = null;
  private lastWrittenAt: number | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];

  constructor(private readonly options: DecisionLogOptions) {
    this.queue = new BoundedQueue(options.capacity);
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
    every(this.options.flushMs, () => void this.flush());
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
    if (this.queue.size === 0 && this.inDoubt.length === 0) return Promise.resolve();
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** When the oldest entry still waiting was decided (ms), or null when nothing waits. */
  oldestWaiting(): number | null {
    return this.inDoubt[0]?.at ?? this.queue.peek()?.at ?? null;
  }

  status(): DecisionLogStatus {
    return {
      backlog: this.queue.size + this.inDoubt.length + this.writing,
      capacity: this.queue.capacity,
      dropped: this.queue.dropped,
      written: this.writtenCount,
      last_error: this.lastError,
      last_written_at: this.lastWrittenAt === null ? null : new Date(this.lastWrittenAt).toISOString(),
    };
  }

  private async drain(): Promise<void> {
    const size = this.options.batchSize ?? DEFAULT_BATCH;
    while (this.inDoubt.length > 0 || this.queue.size > 0) {
      const retry = this.inDoubt.length > 0;
      const batch = retry ? this.inDoubt : this.queue.take(size);
      if (!retry) this.writing = batch.length;
      try {
        await this.options.write(batch, retry);
      } catch (error) {
        this.writing = 0;
        this.inDoubt = batch;
        if (this.lastError === null) console.error(`decision log: writing failed (${this.queue.size + batch.length} buffered): ${messageOf(error)}`);
        this.lastError = messageOf(error);
        return;
      }
      this.writing = 0;
      this.inDoubt = [];
      if (this.lastError !== null) console.error(`decision log: writing again (${this.queue.dropped} dropped while the database was away)`);
      this.lastError = null;
      this.writtenCount += batch.length;
      this.lastWrittenAt = Date.now();
    }
  }
}

/** The driver's own message (drizzle wraps it in one that quotes the statement and its parameters: payment data, never logged). */
function messageOf(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** The buffer's size, write interval and writer from the environment (docs/traffic.md). */
export function decisionLogSettings(env: NodeJS.ProcessEnv = process.env): { on: boolean; capacity: number; flushMs: number; writer: WriterKind } {
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
    flushMs: number('SWITCHYARD_DECISION_FLUSH_MS', 200, 10),
    // With Postgres, batches are prepared and written by a worker thread; `thread` keeps them on this one.
    writer: env.SWITCHYARD_DECISION_WRITER === 'thread' ? 'thread' : 'worker',
  };
}
