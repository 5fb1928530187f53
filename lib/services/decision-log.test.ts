import { afterEach, describe, expect, it, vi } from 'vitest';
import { DecisionLog, decisionLogSettings, type DecisionLogEntry, type PackedBatch } from './decision-log';

const entry = (n: number, at = 1_700_000_000_000 + n): DecisionLogEntry => ({
  id: `dec_${String(n).padStart(25, '0')}`,
  at,
  latencyUs: 10,
  apiKeyId: null,
  transaction: { id: `tx_${n}`, currency: 'EUR' },
  decision: { outcome: 'route', processor: 'proc_a', candidates: ['proc_a'], node: 'leaf', path: [], scheme: { id: 'sch_x', version: 1 } },
  redacted: [],
});

/** A log whose writes are recorded (and fail while `down`). */
function logWith(options: { batchSize?: number; packMs?: number; flushMs?: number } = {}) {
  const writes: { batch: PackedBatch; maybeStored: boolean; text: string }[] = [];
  const state = { down: false };
  const log = new DecisionLog({
    write: async (batch, maybeStored) => {
      writes.push({ batch, maybeStored, text: Buffer.from(batch.rows).toString() }); // the rows as written (their memory is reused)
      if (state.down) throw new Error('connection refused');
    },
    capacity: 100,
    flushMs: options.flushMs ?? 60_000,
    packMs: options.packMs,
    batchSize: options.batchSize,
  });
  return { log, writes, state };
}

describe('the decision log buffer', () => {
  afterEach(() => void vi.useRealTimers());

  it('packs every packMs but writes every flushMs, the packed pieces as one batch', async () => {
    vi.useFakeTimers();
    const { log, writes } = logWith({ packMs: 200, flushMs: 1000 });
    log.start();
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 5; i++) log.record(entry(round * 5 + i));
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(writes).toHaveLength(0);
    expect(log.status().backlog).toBe(20);
    expect(log.oldestWaiting()).toBe(entry(0).at); // packed, not yet written
    await vi.advanceTimersByTimeAsync(200);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.batch.ids).toEqual(Array.from({ length: 20 }, (_, n) => entry(n).id));
    expect(writes[0]!.text.split('\n')).toHaveLength(21); // 20 rows, each ended by a newline
    expect(log.status()).toMatchObject({ backlog: 0, written: 20 });
    await log.stop();
  });

  it('on its timer, writes again at once only while a whole batch waits: what arrives during a write waits for the next tick', async () => {
    vi.useFakeTimers();
    let release: (() => void) | null = null;
    const sizes: number[] = [];
    const log = new DecisionLog({
      write: (batch) => {
        sizes.push(batch.ids.length);
        return new Promise<void>((resolve) => (release = resolve));
      },
      capacity: 100,
      flushMs: 1000,
      packMs: 200,
      batchSize: 8,
    });
    log.start();
    for (let n = 0; n < 3; n++) log.record(entry(n));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sizes).toEqual([3]);
    for (let n = 3; n < 6; n++) log.record(entry(n)); // less than a batch arrives during the write
    release!();
    await vi.advanceTimersByTimeAsync(200);
    expect(sizes).toEqual([3]); // not written straight away
    for (let n = 6; n < 20; n++) log.record(entry(n));
    await vi.advanceTimersByTimeAsync(800);
    expect(sizes).toEqual([3, 8]); // the next tick: a whole batch
    release!();
    await vi.advanceTimersByTimeAsync(1);
    expect(sizes).toEqual([3, 8, 8]); // a whole batch still waited: written at once
    release!();
    await vi.advanceTimersByTimeAsync(1);
    expect(sizes).toEqual([3, 8, 8]); // three left: they wait for the next tick
    release = null;
    void log.stop();
  });

  it('writes at most batchSize decisions at once, oldest first', async () => {
    const { log, writes } = logWith({ batchSize: 8 });
    for (let n = 0; n < 20; n++) log.record(entry(n));
    await log.flush();
    expect(writes.map((w) => w.batch.ids.length)).toEqual([8, 8, 4]);
    expect(writes.flatMap((w) => w.batch.ids)).toEqual(Array.from({ length: 20 }, (_, n) => entry(n).id));
  });

  it('a failed batch is written again whole, in doubt, before anything newer; nothing is packed meanwhile', async () => {
    const { log, writes, state } = logWith({ batchSize: 4 });
    state.down = true;
    for (let n = 0; n < 3; n++) log.record(entry(n));
    await log.flush();
    for (let n = 3; n < 10; n++) log.record(entry(n));
    await log.flush(); // the batch in doubt fails again; the newer entries stay queued
    expect(writes.map((w) => [w.batch.ids.length, w.maybeStored])).toEqual([[3, false], [3, true]]);
    expect(writes[1]!.batch).toBe(writes[0]!.batch);
    expect(log.status()).toMatchObject({ backlog: 10, written: 0, last_error: 'connection refused' });
    expect(log.oldestWaiting()).toBe(entry(0).at);
    state.down = false;
    await log.flush();
    expect(writes.slice(2).map((w) => [w.batch.ids[0], w.batch.ids.length, w.maybeStored])).toEqual([[entry(0).id, 3, true], [entry(3).id, 4, false], [entry(7).id, 3, false]]);
    expect(log.status()).toMatchObject({ backlog: 0, written: 10, last_error: null });
  });

  it('packs the next batch into the shared memory of the last one written, never into one in doubt', async () => {
    const { log, writes, state } = logWith({ batchSize: 4 });
    const rowsOf = (i: number) => writes[i]!.text;
    const idsIn = (rows: string) => rows.split('\n').filter(Boolean).map((row) => row.split('\t')[0]);
    for (let n = 0; n < 4; n++) log.record(entry(n));
    await log.flush();
    const first = writes[0]!.batch.rows.buffer;
    state.down = true;
    for (let n = 4; n < 8; n++) log.record(entry(n));
    await log.flush();
    expect(writes[1]!.batch.rows.buffer).toBe(first); // written over: the first batch was stored
    for (let n = 8; n < 12; n++) log.record(entry(n));
    await log.flush(); // the batch in doubt fails again; nothing new is packed over it
    expect(idsIn(Buffer.from(writes[2]!.batch.rows).toString())).toEqual([4, 5, 6, 7].map((n) => entry(n).id));
    state.down = false;
    await log.flush();
    expect(writes.map((w) => w.maybeStored)).toEqual([false, false, true, true, false]);
    expect(idsIn(rowsOf(3))).toEqual([4, 5, 6, 7].map((n) => entry(n).id));
    expect(writes[4]!.batch.rows.buffer).toBe(first); // the batch in doubt, once stored, lends its memory on
    expect(idsIn(rowsOf(4))).toEqual([8, 9, 10, 11].map((n) => entry(n).id));
  });

  it('fails a write nothing answers after writeTimeoutMs, writes its batch again in doubt, and never packs into its memory again', async () => {
    const calls: { batch: PackedBatch; maybeStored: boolean }[] = [];
    let hang = true;
    const log = new DecisionLog({
      write: (batch, maybeStored) => {
        calls.push({ batch, maybeStored });
        return hang ? new Promise<void>(() => {}) : Promise.resolve(); // the first write is never answered
      },
      capacity: 100,
      flushMs: 60_000,
      batchSize: 4,
      writeTimeoutMs: 100,
    });
    for (let n = 0; n < 4; n++) log.record(entry(n));
    const started = Date.now();
    const flushed = log.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log.status()).toMatchObject({ backlog: 4, last_error: null });
    await flushed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(99);
    expect(log.status()).toMatchObject({ backlog: 4, written: 0, last_error: 'a write did not finish within 0.1 s (is the database reachable?)' });
    hang = false;
    for (let n = 4; n < 8; n++) log.record(entry(n));
    await log.flush();
    expect(calls.map((c) => [c.batch.ids[0], c.maybeStored])).toEqual([[entry(0).id, false], [entry(0).id, true], [entry(4).id, false]]);
    expect(calls[1]!.batch).toBe(calls[0]!.batch);
    expect(log.status()).toMatchObject({ backlog: 0, written: 8, last_error: null });
    for (let n = 8; n < 12; n++) log.record(entry(n));
    await log.flush();
    // The abandoned write may still send its rows: the batch after it packs into fresh memory.
    expect(calls[2]!.batch.rows.buffer).not.toBe(calls[0]!.batch.rows.buffer);
    expect(calls[3]!.batch.rows.buffer).toBe(calls[2]!.batch.rows.buffer); // an answered write's memory is reused
  });

  it('counts the batch being written as waiting', async () => {
    let release!: () => void;
    const log = new DecisionLog({ write: () => new Promise<void>((resolve) => (release = resolve)), capacity: 10, flushMs: 60_000 });
    log.record(entry(1));
    const flushed = log.flush();
    await vi.waitFor(() => expect(release).toBeDefined());
    expect(log.oldestWaiting()).toBe(entry(1).at);
    expect(log.status().backlog).toBe(1);
    release();
    await flushed;
    expect(log.oldestWaiting()).toBeNull();
  });

  it('writes what waits before a read of a decision that may be among it, and only then', async () => {
    const { log, writes } = logWith();
    log.record(entry(5));
    await log.writeIfWaiting(entry(4).at); // older than anything waiting: stored already, if at all
    expect(writes).toHaveLength(0);
    await log.writeIfWaiting(entry(5).at);
    expect(writes.map((w) => w.batch.ids)).toEqual([[entry(5).id]]);
  });
});

describe('the decision log settings', () => {
  it('reads the buffer, the intervals and the writer from the environment, with defaults', () => {
    expect(decisionLogSettings({})).toEqual({ on: true, capacity: 100_000, flushMs: 1000, packMs: 200, writer: 'worker' });
    expect(decisionLogSettings({ SWITCHYARD_DECISION_LOG: 'off', SWITCHYARD_DECISION_PACK_MS: '50', SWITCHYARD_DECISION_WRITER: 'thread' })).toMatchObject({ on: false, packMs: 50, writer: 'thread' });
  });

  it('refuses a value that is not a whole number in range, naming the variable', () => {
    expect(() => decisionLogSettings({ SWITCHYARD_DECISION_PACK_MS: '5' })).toThrow(/SWITCHYARD_DECISION_PACK_MS must be a whole number of at least 10/);
    expect(() => decisionLogSettings({ SWITCHYARD_DECISION_BUFFER: '1e3x' })).toThrow(/SWITCHYARD_DECISION_BUFFER/);
  });
});
