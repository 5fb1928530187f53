import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { testDatabases } from './testing';
import { useDecidingDatabase } from './decision-testing';
import { queryRows } from './rows';
import { DEMO_SCHEME_ID } from './seed';
import { decide } from '@/lib/services/decisions';
import { DecisionLog, type DecisionLogEntry, type DecisionRecorder } from '@/lib/services/decision-log';
import { writeDecisions, writePacked } from '@/lib/services/decision-log-store';
import { decisionTimeOf } from '@/lib/services/decision-id';
import { patchSettings } from '@/lib/services/partial-updates';
import { systemContext } from '@/lib/services/context';
import { DAY_MS, dayOf, existingPartitions, maintainPartitions, partitionName, PARTITIONED_TABLES } from '@/lib/services/traffic-partitions';

const TX = { id: 'tx_log', amount: 250, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: 'DE' }, customer: { country: 'DE', risk_score: 10, email: 'ann@example.com' }, metadata: { order: 'o-1', tier: 'gold' } };

describe.each(testDatabases())('decision log on $name', (target) => {
  const suite = useDecidingDatabase(target, ['customer.email', 'metadata.tier']);
  const count = async (table: string, where = sql`true`) => Number((await queryRows<{ n: string }>(suite.connection.db, sql`select count(*) as n from ${sql.raw(table)} where ${where}`))[0]!.n);


  it('gives each answer a decision id and stores it with its rollups in one write, minus the redacted fields', async () => {
    const log = new DecisionLog({ write: (batch) => writePacked(suite.connection, batch), capacity: 1000, flushMs: 60_000 });
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const answer = await decide(suite.cache, { transaction: { ...TX, id: `tx_${i}` } }, undefined, { log, apiKeyId: 'key_1' });
      if (!answer.ok) throw new Error(JSON.stringify(answer.error));
      ids.push(answer.value.decision_id!);
    }
    expect(new Set(ids).size).toBe(25);
    expect(ids[0]).toMatch(/^dec_[0-9a-z]{9}[A-Za-z0-9_-]{16}$/);
    expect(Math.abs(decisionTimeOf(ids[0]!)! - Date.now())).toBeLessThan(60_000);
    expect(log.status().backlog).toBe(25);
    await log.flush();
    expect(log.status()).toMatchObject({ backlog: 0, written: 25, dropped: 0, last_error: null });

    const [row] = await queryRows<Record<string, any>>(suite.connection.db, sql`select * from decision_log where id = ${ids[3]}`);
    expect(row).toMatchObject({ scheme_id: DEMO_SCHEME_ID, version: 1, node: 'eu_priority', outcome: 'route', processor: 'proc_adyen_eu', api_key_id: 'key_1', currency: 'EUR', card_country: 'DE', card_brand: 'visa', payment_method: 'card' });
    expect(row!.candidates).toEqual(['proc_adyen_eu', 'proc_stripe']);
    expect(row!.transaction).toEqual({ ...TX, id: 'tx_3', customer: { country: 'DE', risk_score: 10 }, metadata: { order: 'o-1' } });
    expect(row!.latency_us).toBeGreaterThan(0);

    const [routes] = await queryRows<{ n: string }>(suite.connection.db, sql`select sum(decisions) as n from traffic_routes where grain = 'minute' and node = 'eu_priority'`);
    expect(Number(routes!.n)).toBe(25);
    const [hour] = await queryRows<{ n: string }>(suite.connection.db, sql`select sum(decisions) as n from traffic_segments where grain = 'hour' and dimension = 'currency' and value = 'EUR'`);
    expect(Number(hour!.n)).toBe(25);
    const [branch] = await queryRows<{ n: string }>(suite.connection.db, sql`select sum(hits) as n from traffic_branches where grain = 'hour' and node = 'is_eu' and branch = 'yes'`);
    expect(Number(branch!.n)).toBe(25);
    expect(Number((await queryRows<{ n: string }>(suite.connection.db, sql`select sum(decisions) as n from traffic_latency where grain = 'minute'`))[0]!.n)).toBe(25);
  });

  it('stores text with COPY\'s special characters as received, and the decision\'s time to the millisecond', async () => {
    const log = new DecisionLog({ write: (batch) => writePacked(suite.connection, batch), capacity: 10, flushMs: 60_000 });
    const hostile = { ...TX, id: 'tx\\with\ttab', metadata: { order: 'a\\b\nc\rd\te \\N "q" \u00e9\u{1F600}', path: 'C:\\temp\\' } };
    const answer = await decide(suite.cache, { transaction: hostile }, undefined, { log, apiKeyId: 'key_1' });
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    await log.flush();
    const id = answer.value.decision_id!;
    const [row] = await queryRows<Record<string, any>>(suite.connection.db, sql`select transaction, decided_at from decision_log where id = ${id}`);
    expect(row!.transaction).toEqual({ ...hostile, customer: { country: 'DE', risk_score: 10 }, metadata: { order: hostile.metadata.order, path: hostile.metadata.path } });
    expect(new Date(row!.decided_at).getTime()).toBe(decisionTimeOf(id));
  });

  it('writes a batch again without storing or counting anything twice (a commit whose answer was lost)', async () => {
    const log = new DecisionLog({ write: (batch) => writePacked(suite.connection, batch), capacity: 100, flushMs: 60_000 });
    const entries: DecisionLogEntry[] = [];
    const spy: DecisionRecorder = { record: (entry) => void entries.push(entry) };
    const answer = await decide(suite.cache, { transaction: { ...TX, currency: 'USD', id: 'tx_twice' } }, undefined, { log: spy, apiKeyId: null });
    await writeDecisions(suite.connection, entries);
    // Written again after a failure: the stored rows are left out.
    await writeDecisions(suite.connection, entries, true);
    // Written again as if new: refused whole, nothing counted.
    await expect(writeDecisions(suite.connection, entries)).rejects.toThrow();
    expect(await count('decision_log', sql`id = ${answer.ok && answer.value.decision_id}`)).toBe(1);
    const [usd] = await queryRows<{ n: string }>(suite.connection.db, sql`select sum(decisions) as n from traffic_segments where grain = 'minute' and dimension = 'currency' and value = 'USD'`);
    expect(Number(usd!.n)).toBe(1);
    await log.stop();
  });

  it('a batch in doubt copies only its rows not stored yet', async () => {
    const entries: DecisionLogEntry[] = [];
    const spy: DecisionRecorder = { record: (entry) => void entries.push(entry) };
    for (let i = 0; i < 4; i++) await decide(suite.cache, { transaction: { ...TX, id: `tx_part_${i}` } }, undefined, { log: spy, apiKeyId: null });
    await writeDecisions(suite.connection, [entries[1]!, entries[3]!]);
    await writeDecisions(suite.connection, entries, true);
    const stored = await queryRows<{ id: string; tx: string }>(suite.connection.db, sql`select id, transaction->>'id' as tx from decision_log where transaction->>'id' like 'tx_part_%' order by tx`);
    expect(stored).toEqual(entries.map((e, i) => ({ id: e.id, tx: `tx_part_${i}` })));
  });

  it('a batch whose rows were stored but whose rollups failed gets its rollups once when written again', async () => {
    const entries: DecisionLogEntry[] = [];
    const spy: DecisionRecorder = { record: (entry) => void entries.push(entry) };
    for (let i = 0; i < 3; i++) await decide(suite.cache, { transaction: { ...TX, currency: 'GBP', id: `tx_half_${i}` } }, undefined, { log: spy, apiKeyId: null });
    // The rollups' statement (the one naming decision_log_batches) fails once, after the copy went through.
    const dialect = new PgDialect();
    let failed = false;
    const failingOnce = new Proxy(suite.connection.db, {
      get(db, key, receiver) {
        if (key !== 'execute') return Reflect.get(db, key, receiver);
        return (query: SQL) => {
          if (!failed && dialect.sqlToQuery(query).sql.includes('decision_log_batches')) {
            failed = true;
            return Promise.reject(new Error('connection lost'));
          }
          return db.execute(query);
        };
      },
    });
    await expect(writeDecisions({ db: failingOnce, copyIn: suite.connection.copyIn }, entries)).rejects.toThrow('connection lost');
    const gbp = async () => Number((await queryRows<{ n: string | null }>(suite.connection.db, sql`select sum(decisions) as n from traffic_segments where grain = 'minute' and dimension = 'currency' and value = 'GBP'`))[0]!.n ?? 0);
    expect([await count('decision_log', sql`transaction->>'currency' = 'GBP'`), await gbp()]).toEqual([3, 0]);
    await writeDecisions(suite.connection, entries, true);
    await writeDecisions(suite.connection, entries, true); // in doubt again: counted already, nothing more
    expect([await count('decision_log', sql`transaction->>'currency' = 'GBP'`), await gbp()]).toEqual([3, 3]);
  });

  it('holds decisions while writes fail, drops the oldest beyond its capacity (never one in doubt) and counts them, then writes the rest', async () => {
    let down = true;
    const log = new DecisionLog({
      write: async (batch) => {
        if (down) throw new Error('connection refused');
        await writePacked(suite.connection, batch);
      },
      capacity: 40,
      flushMs: 60_000,
      batchSize: 16,
    });
    const before = await count('decision_log');
    const ids: string[] = [];
    for (let i = 0; i < 70; i++) {
      const answer = await decide(suite.cache, { transaction: { ...TX, id: `tx_away_${i}` } }, undefined, { log, apiKeyId: null });
      if (answer.ok) ids.push(answer.value.decision_id!);
      if (i % 10 === 0) await log.flush(); // fails: the batch goes back in front
    }
    // The first write failed with one decision in it: that one is held in doubt (it may have been
    // stored), never dropped; the queue keeps the 40 newest of the other 69 and drops 29.
    expect(log.status()).toMatchObject({ backlog: 41, dropped: 29, written: 0, last_error: 'connection refused' });
    down = false;
    await log.flush();
    expect(log.status()).toMatchObject({ backlog: 0, dropped: 29, written: 41, last_error: null });
    expect(await count('decision_log') - before).toBe(41);
    const kept = [ids[0]!, ...ids.slice(30)];
    expect(await count('decision_log', sql`id in (${sql.join(kept.map((id) => sql`${id}`), sql`, `)})`)).toBe(41);
  });

  it('creates day partitions ahead and drops whole days past retention; two instances at once agree', async () => {
    const now = Date.now();
    const old = now - 40 * DAY_MS;
    const entries: DecisionLogEntry[] = [];
    const spy: DecisionRecorder = { record: (entry) => void entries.push(entry) };
    await decide(suite.cache, { transaction: TX }, undefined, { log: spy, apiKeyId: null });
    await writeDecisions(suite.connection, entries.map((e) => ({ ...e, id: `${e.id.slice(0, 4)}${old.toString(36).padStart(9, '0')}${e.id.slice(13)}`, at: old })));
    expect(await count(partitionName('decision_log', dayOf(old)))).toBe(1);

    const [a, b] = await Promise.all([maintainPartitions(suite.connection.db, 30, now), maintainPartitions(suite.connection.db, 30, now)]);
    const dropped = [...new Set([...a.dropped, ...b.dropped])].sort();
    expect(dropped).toEqual(PARTITIONED_TABLES.map((t) => partitionName(t, dayOf(old))).sort());
    const days = new Set((await existingPartitions(suite.connection.db)).map((p) => p.day));
    for (let d = -1; d <= 2; d++) expect(days.has(dayOf(now) + d * DAY_MS), `day ${d}`).toBe(true);
    expect([...days].every((day) => day >= dayOf(now - 30 * DAY_MS))).toBe(true);
    expect(await count('decision_log', sql`decided_at < ${new Date(now - 30 * DAY_MS).toISOString()}`)).toBe(0);

    // A write for a dropped day makes its partition again rather than failing.
    await writeDecisions(suite.connection, entries.map((e) => ({ ...e, id: `${e.id}x`.slice(0, 29), at: old })));
    expect(await count(partitionName('decision_log', dayOf(old)))).toBe(1);
  });

  it('warns when a redacted field is one the rules read', async () => {
    const saved = await patchSettings(systemContext(suite.connection.db, 'ops'), { redacted_fields: ['customer.email', 'metadata.*'] });
    expect(saved.ok && saved.value.warnings).toEqual([]);
    await suite.connection.db.execute(sql`insert into custom_attributes (name, type) values ('metadata.tier', 'string')`);
    const warned = await patchSettings(systemContext(suite.connection.db, 'ops'), { redacted_fields: ['metadata.tier'] });
    expect(warned.ok && warned.value.warnings).toEqual([expect.stringContaining('metadata.tier is read by custom attribute metadata.tier')]);
    const refused = await patchSettings(systemContext(suite.connection.db, 'ops'), { redacted_fields: ['amount'], retention_days: 0 });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code === 'validation' && refused.error.issues.map((i) => i.path.join('.'))).toEqual(['redacted_fields.0', 'retention_days']);
  });
});
