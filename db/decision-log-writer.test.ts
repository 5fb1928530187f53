import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDatabases } from './testing';
import { useDecidingDatabase } from './decision-testing';
import { queryRows } from './rows';
import { decide } from '@/lib/services/decisions';
import { DecisionLog, type DecisionLogEntry, type DecisionRecorder } from '@/lib/services/decision-log';
import { packBatch } from '@/lib/services/decision-log-store';
import { batchWriter } from '@/lib/services/decision-log-writer';

const TX = { id: 'tx_writer', amount: 90, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: 'DE' }, customer: { email: 'ann@example.com' } };

/**
 * The decision log's writer: a worker thread with a connection of its own on Postgres, this thread on
 * PGlite. Either way the same rows and rollups land, a batch written again in doubt stores nothing
 * twice, and a write that fails is a rejection the log keeps its batch for (never a lost batch).
 */
describe.each(testDatabases())('the decision log writer on $name', (target) => {
  const suite = useDecidingDatabase(target, ['customer.email']);
  const stored = async () => Number((await queryRows<{ n: string }>(suite.connection.db, sql`select count(*) as n from decision_log`))[0]!.n);
  const rolledUp = async () => Number((await queryRows<{ n: string }>(suite.connection.db, sql`select coalesce(sum(decisions), 0) as n from traffic_routes where grain = 'minute'`))[0]!.n);


  /** Decides `count` payments into `log`, and returns what it recorded. */
  async function decided(count: number, log?: DecisionRecorder): Promise<DecisionLogEntry[]> {
    const entries: DecisionLogEntry[] = [];
    const spy: DecisionRecorder = { record: (entry) => (entries.push(entry), log?.record(entry)) };
    for (let i = 0; i < count; i++) {
      const answer = await decide(suite.cache, { transaction: { ...TX, id: `tx_${i}` } }, undefined, { log: spy, apiKeyId: 'key_w' });
      if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    }
    return entries;
  }

  it('writes a batch packed in more than one slice with its rollups, redacted, and nothing twice when written again in doubt', async () => {
    const write = batchWriter(() => suite.connection, 'worker');
    const entries = await decided(600);
    const batch = await packBatch(entries);
    const before = { rows: await stored(), rolled: await rolledUp() };
    await write(batch, false);
    expect(await stored()).toBe(before.rows + 600);
    expect(await rolledUp()).toBe(before.rolled + 600);
    const [row] = await queryRows<{ transaction: Record<string, unknown>; api_key_id: string }>(suite.connection.db, sql`select transaction, api_key_id from decision_log where id = ${entries[7]!.id}`);
    expect(row).toEqual({ transaction: { ...TX, id: 'tx_7', customer: {} }, api_key_id: 'key_w' });
    await write(batch, true); // in doubt: all stored already
    expect(await stored()).toBe(before.rows + 600);
    expect(await rolledUp()).toBe(before.rolled + 600);
  });

  it('through a DecisionLog: the buffer is written by the writer, counted, and nothing is left', async () => {
    const log = new DecisionLog({ write: batchWriter(() => suite.connection, 'worker'), capacity: 10_000, flushMs: 60_000, batchSize: 300 });
    const before = await stored();
    await decided(700, log);
    await log.flush();
    expect(log.status()).toMatchObject({ backlog: 0, written: 700, dropped: 0, last_error: null });
    expect(await stored()).toBe(before + 700);
  });

  it('a database that cannot be reached fails the write with the driver\'s reason, no payment data in it; the log keeps the batch', async () => {
    if (target.name === 'pglite') return expect(suite.connection.target.kind).toBe('memory'); // written from this thread: the log's own tests cover its failures
    const away = { db: suite.connection.db, target: { kind: 'postgres' as const, url: 'postgres://postgres@127.0.0.1:1/nowhere' } };
    const log = new DecisionLog({ write: batchWriter(() => away, 'worker'), capacity: 10_000, flushMs: 60_000 });
    await decided(40, log);
    await log.flush();
    const status = log.status();
    expect(status).toMatchObject({ backlog: 40, written: 0, dropped: 0 });
    expect(status.last_error).toMatch(/ECONNREFUSED|connect/);
    expect(status.last_error).not.toContain('tx_');
  });
});
