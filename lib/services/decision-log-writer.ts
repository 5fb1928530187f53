import 'server-only';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CacheSource } from './decision-cache';
import { writePacked, type PackedBatch } from './decision-log-store';

/**
 * Where the decision log's batches are written from. They come packed (redaction, segments, the
 * rows in COPY's text format: done on decide's thread, lib/services/decision-log.ts), flat arrays and
 * shared memory handed over in one message; the write itself (the COPY, the rollups and their
 * statement) runs on a worker thread with a real Postgres, over a connection of its own. The
 * embedded PGlite admits one instance per process, so it is written from this thread.
 *
 * The writer only writes: the buffer, its bound, the in-doubt batch and the counts stay in
 * DecisionLog (lib/services/decision-log.ts), so a worker that fails or dies is a failed write like
 * any other, and its batch is written again, in doubt, once writes succeed.
 */
export type WriteBatch = (batch: PackedBatch, maybeStored: boolean) => Promise<void>;

export type WriterKind = 'worker' | 'thread';

/**
 * The worker's entry, loaded from disk as it is (plain ESM: it loads TypeScript itself); the bundler
 * must not follow it into the app's bundles, where tsx and the TypeScript sources cannot be bundled.
 */
const WORKER_ENTRY = path.join(/* turbopackIgnore: true */ process.cwd(), 'server', 'decision-log-worker.mjs');

/**
 * The write function of a decision log on `source()` (the cache's connection, once it exists): a worker
 * thread's for Postgres unless `kind` is 'thread'; this thread's otherwise, and from then on if the
 * worker cannot be started at all.
 */
export function batchWriter(source: () => CacheSource | undefined, kind: WriterKind): WriteBatch {
  let worker: WorkerWriter | null = null;
  let workerFailed = false;
  return async (batch, maybeStored) => {
    const connection = source();
    if (!connection) throw new Error('the database is not open yet');
    const { target } = connection;
    if (kind === 'worker' && target?.kind === 'postgres' && !workerFailed) {
      worker ??= new WorkerWriter(target.url, (started) => {
        worker = null; // the next write starts another
        workerFailed ||= !started;
      });
      return worker.write(batch, maybeStored);
    }
    if (!connection.copyIn) throw new Error('this database cannot bulk-load the decision log');
    await writePacked({ db: connection.db, copyIn: connection.copyIn }, batch, maybeStored);
  };
}

interface Pending {
  resolve(): void;
  reject(error: Error): void;
}

type Reply = { kind: 'ready' } | { kind: 'written'; id: number } | { kind: 'failed'; id: number; message: string };

class WorkerWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private started = false;

  /** `ended`: the worker is gone; `started` false when it never loaded (then this thread writes instead). */
  constructor(url: string, private ended: ((started: boolean) => void) | null) {
    this.worker = new Worker(/* turbopackIgnore: true */ WORKER_ENTRY, { workerData: { url } });
    this.worker.unref(); // never what keeps the process alive
    this.worker.on('message', (reply: Reply) => this.answer(reply));
    this.worker.on('error', (error) => this.end(`the decision log's worker failed: ${error.message}`));
    this.worker.on('exit', (code) => this.end(`the decision log's worker exited (${code})`));
  }

  write(batch: PackedBatch, maybeStored: boolean): Promise<void> {
    const id = this.nextId++;
    const done = new Promise<void>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    try {
      this.worker.postMessage({ id, batch, maybeStored });
    } catch (error) {
      this.pending.delete(id);
      return Promise.reject(error);
    }
    return done;
  }

  stop(): void {
    void this.worker.terminate();
  }

  private answer(reply: Reply): void {
    if (reply.kind === 'ready') {
      this.started = true;
      return;
    }
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (reply.kind === 'written') pending?.resolve();
    else pending?.reject(new Error(reply.message));
  }

  /** The worker is gone: its writes failed (they may have committed: the log holds them in doubt). */
  private end(message: string): void {
    if (this.ended === null) return; // 'error' is followed by 'exit'
    for (const pending of this.pending.values()) pending.reject(new Error(message));
    this.pending.clear();
    if (!this.started) console.error(`decision log: ${message}; writing from the server's own thread instead`);
    this.ended(this.started);
    this.ended = null;
  }
}
