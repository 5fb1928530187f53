import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from '@/db/client';
import { queryRows } from '@/db/rows';
import { seedDemoData } from '@/db/seed';
import { testDatabases } from '@/db/testing';
import { faultyProxy, type FaultyProxy } from './tcp-proxy';
import { decide, DecisionCache } from '@/lib/services/decisions';
import { DecisionLog } from '@/lib/services/decision-log';
import { writePacked } from '@/lib/services/decision-log-store';

const postgres = testDatabases().find((t) => t.name === 'postgres');
const TX = { amount: 250, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: 'DE' }, customer: { risk_score: 10 } };

/**
 * The decision log through a real outage: the log writes through a TCP proxy that is cut while
 * decisions keep coming (decide itself reads only memory), then restored. Nothing may crash, decide
 * never waits, and afterwards stored + dropped = decided, exactly.
 */
describe.runIf(postgres)('the decision log through a database outage (real Postgres through a faulty proxy)', () => {
  let direct: Connection;
  let proxy: FaultyProxy;
  let proxied: Connection;
  let cache: DecisionCache;
  beforeAll(async () => {
    direct = await postgres!.open();
    await seedDemoData(direct.db);
    const url = new URL((direct.target as { url: string }).url);
    proxy = await faultyProxy(url.hostname, Number(url.port || 5432));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    proxied = await openDatabase({ kind: 'postgres', url: url.toString() });
    cache = new DecisionCache(direct, { heartbeatMs: 0 });
    await cache.ready();
  }, 120_000);
  afterAll(async () => {
    await cache?.stop();
    await proxied?.close().catch(() => {});
    await proxy?.close();
    await direct?.close();
  });
  const storedAll = async () => Number((await queryRows<{ n: string }>(direct.db, sql`select count(*) as n from decision_log`))[0]!.n);
  const counted = async () => Number((await queryRows<{ n: string }>(direct.db, sql`select coalesce(sum(decisions), 0) as n from traffic_routes where grain = 'minute'`))[0]!.n);
  const stored = async (key: string) => Number((await queryRows<{ n: string }>(direct.db, sql`select count(*) as n from decision_log where api_key_id = ${key}`))[0]!.n);

  for (const [name, capacity] of [['a buffer large enough', 100_000], ['a buffer of 300', 300]] as const) {
    it(`keeps deciding while the database is cut off, with ${name}; then stored + dropped = decided`, async () => {
      const key = `key_${capacity}`;
      const log = new DecisionLog({ write: (batch, maybeStored) => writePacked(proxied, batch, maybeStored), capacity, flushMs: 25, batchSize: 100 });
      log.start();
      let decided = 0;
      const burst = async (count: number) => {
        for (let i = 0; i < count; i++) {
          const answer = decide(cache, { transaction: { ...TX, id: `tx_${key}_${decided}` } }, undefined, { log, apiKeyId: key });
          expect(answer instanceof Promise).toBe(false); // warm: no promise, no waiting on the log
          if (!(answer instanceof Promise) && answer.ok) decided++;
          if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
        }
      };
      await burst(300);
      await log.flush(); // nothing in flight: the next write needs a new connection, which the cut closes
      proxy.cut();
      await new Promise((r) => setTimeout(r, 100));
      await burst(1000);
      for (let i = 0; i < 100 && log.status().last_error === null; i++) await new Promise((r) => setTimeout(r, 50));
      expect(log.status().last_error).not.toBeNull();
      proxy.restore();
      for (let i = 0; i < 200 && log.status().backlog > 0; i++) await new Promise((r) => setTimeout(r, 50));
      await log.stop();
      const status = log.status();
      expect(status.backlog).toBe(0);
      expect(await stored(key) + status.dropped).toBe(decided);
      if (capacity > decided) expect(status.dropped).toBe(0);
      else expect(status.dropped).toBeGreaterThan(0);
      expect(await counted()).toBe(await storedAll()); // the rollups count each stored decision once
    }, 60_000);
  }

  it('fails a write into a stalled connection after its bound; when the held statements arrive late, every decision is stored and counted once', async () => {
    const key = 'key_stalled';
    const log = new DecisionLog({ write: (batch, maybeStored) => writePacked(proxied, batch, maybeStored), capacity: 100_000, flushMs: 25, batchSize: 100, writeTimeoutMs: 1_000 });
    log.start();
    let decided = 0;
    const burst = (count: number) => {
      for (let i = 0; i < count; i++) {
        const answer = decide(cache, { transaction: { ...TX, id: `tx_${key}_${decided}` } }, undefined, { log, apiKeyId: key });
        if (!(answer instanceof Promise) && answer.ok) decided++;
      }
    };
    burst(200);
    await log.flush();
    proxy.stall(); // every byte held both ways: the next write's statements reach the database only on restore
    burst(300);
    for (let i = 0; i < 100 && log.status().last_error === null; i++) await new Promise((r) => setTimeout(r, 50));
    expect(log.status().last_error).toMatch(/did not finish within 1 s/);
    burst(300);
    await new Promise((r) => setTimeout(r, 1_500)); // writes again, in doubt, each also held
    proxy.restore(); // the held statements arrive: the abandoned writes land now, beside their retries
    for (let i = 0; i < 300 && (log.status().backlog > 0 || log.status().last_error !== null); i++) await new Promise((r) => setTimeout(r, 50));
    await log.stop();
    expect(log.status()).toMatchObject({ backlog: 0, dropped: 0, last_error: null });
    expect(await stored(key)).toBe(decided);
    expect(await counted()).toBe(await storedAll());
  }, 60_000);
});
