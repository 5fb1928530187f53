import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';

/**
 * Day partitions of the decision log, its attempts and its rollups (one partition per table per UTC
 * day, named `<table>_pYYYYMMDD`). Days are created ahead of time, and on demand for any day a write
 * needs; a day whose end is older than the retention is dropped as a whole partition, never row by row.
 *
 * Several instances may run this at once: each change is one statement (a DO block) holding a
 * transaction-scoped advisory lock, creation is IF NOT EXISTS and dropping IF EXISTS, so they take
 * turns and agree. One statement, not a transaction of several: postgres.js can crash the process
 * when a connection held for a transaction dies under it (porsager/postgres#1208), and this runs on
 * every decide instance, during outages too.
 */
export const PARTITIONED_TABLES = ['decision_log', 'decision_attempts', 'traffic_routes', 'traffic_branches', 'traffic_segments', 'traffic_latency'] as const;
export const DAY_MS = 86_400_000;
/** Days created past today, so midnight never waits on a CREATE. */
export const DAYS_AHEAD = 2;
const LOCK_KEY = 0x5357_4443; // "SWDC": the decision log's partitions
const PARTITION_NAME = /_p(\d{4})(\d{2})(\d{2})$/;

export const dayOf = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const stamp = (day: number) => new Date(day).toISOString().slice(0, 10).replaceAll('-', '');
export const partitionName = (table: string, day: number) => `${table}_p${stamp(day)}`;

/** Days known to have their partitions, per database: a write checks here before it creates any. */
const known = new WeakMap<object, Set<number>>();
const knownDays = (db: Db) => {
  let days = known.get(db);
  if (!days) known.set(db, (days = new Set()));
  return days;
};

/** Makes sure every table has a partition for each day (ms of any moment in it) before rows of those days are written. */
export async function ensurePartitions(db: Db, moments: Iterable<number>): Promise<void> {
  const have = knownDays(db);
  const missing = [...new Set([...moments].map(dayOf))].filter((day) => !have.has(day));
  if (missing.length === 0) return;
  await locked(db, missing.flatMap(createStatements));
  for (const day of missing) have.add(day);
}

/** A write found no partition for its rows (another instance dropped it, or it was never made): ask the database again next time. */
export function forgetPartitions(db: Db): void {
  known.delete(db);
}

export interface Maintenance {
  created: string[];
  dropped: string[];
}

/** Creates yesterday to DAYS_AHEAD days ahead, and drops every day that ended more than `retentionDays` ago. */
export async function maintainPartitions(db: Db, retentionDays: number, now = Date.now()): Promise<Maintenance> {
  const today = dayOf(now);
  const oldestKept = dayOf(now - retentionDays * DAY_MS);
  const existing = new Set((await existingPartitions(db)).map((p) => p.name));
  const created: string[] = [];
  const statements: string[] = [];
  for (let day = Math.max(oldestKept, today - DAY_MS); day <= today + DAYS_AHEAD * DAY_MS; day += DAY_MS) {
    const missing = PARTITIONED_TABLES.filter((table) => !existing.has(partitionName(table, day)));
    if (missing.length === 0) continue;
    statements.push(...createStatements(day));
    created.push(...missing.map((table) => partitionName(table, day)));
  }
  const dropped = [...existing].filter((name) => (dayOfName(name) ?? Infinity) < oldestKept);
  statements.push(...dropped.map((name) => `drop table if exists "${name}"`));
  if (statements.length > 0) await locked(db, statements);
  const have = knownDays(db);
  for (const name of dropped) have.delete(dayOfName(name)!);
  return { created, dropped };
}

/** Every day partition of the partitioned tables, with the day it holds. */
export async function existingPartitions(db: Db): Promise<{ table: string; name: string; day: number }[]> {
  const rows = await queryRows<{ parent: string; name: string }>(db, sql`
    select parent.relname as parent, child.relname as name
    from pg_inherits
    join pg_class parent on parent.oid = pg_inherits.inhparent
    join pg_class child on child.oid = pg_inherits.inhrelid
    join pg_namespace ns on ns.oid = parent.relnamespace
    where ns.nspname = current_schema() and parent.relname in (${sql.join(PARTITIONED_TABLES.map((t) => sql`${t}`), sql`, `)})
    order by child.relname`);
  return rows.flatMap((row) => {
    const day = dayOfName(row.name);
    return day === null ? [] : [{ table: row.parent, name: row.name, day }];
  });
}

function dayOfName(name: string): number | null {
  const match = PARTITION_NAME.exec(name);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

/**
 * Runs DDL of our own making (table names and dates, never input) in one DO block under the lock.
 * Creating or dropping a partition locks its parent briefly; never queue behind a long reader for long.
 */
async function locked(db: Db, statements: readonly string[]): Promise<void> {
  const body = statements.map((s) => `execute ${quoteLiteral(s)};`).join(' ');
  await db.execute(sql.raw(`do $$ begin perform set_config('lock_timeout', '5s', true); perform pg_advisory_xact_lock(${LOCK_KEY}); ${body} end $$`));
}

const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

function createStatements(day: number): string[] {
  const from = new Date(day).toISOString();
  const to = new Date(day + DAY_MS).toISOString();
  return PARTITIONED_TABLES.map((table) => `create table if not exists "${partitionName(table, day)}" partition of "${table}" for values from ('${from}') to ('${to}')`);
}
