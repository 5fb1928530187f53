import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import type { Transaction } from '@/lib/engine';
import type { OutcomeCategory } from '@/lib/processors/schema';
import { cellKey, type ObservedCell } from '@/lib/traffic/observed-estimate';
import { normaliseSegmentValue, SEGMENT_DIMENSIONS, type SegmentDimension } from '@/lib/traffic/segments';
import { DAY_MS, existingPartitions } from './traffic-partitions';

/**
 * Recorded traffic as the input of a replay: the transactions of the decision log over a time range,
 * optionally of one segment, streamed a page at a time (never held whole), day by day; and the
 * approval rates observed over the same range, per processor and segment value, from the rollups.
 */
export interface RecordedRange {
  from: number;
  to: number;
  segment?: Partial<Record<SegmentDimension, string>>;
  limit?: number;
}

/** Heap blocks per page: 8 KiB each, some 10 decisions a block. */
const PAGE_BLOCKS = 512;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function filters(range: RecordedRange): SQL {
  const conditions: SQL[] = [sql`decided_at >= ${iso(range.from)}::timestamptz`, sql`decided_at < ${iso(range.to)}::timestamptz`];
  for (const dimension of SEGMENT_DIMENSIONS) {
    const value = range.segment?.[dimension];
    if (value) conditions.push(sql`${sql.identifier(dimension)} = ${normaliseSegmentValue(dimension, value)}`);
  }
  return sql.join(conditions, sql` and `);
}

/**
 * Reads each day's partition in the range by ranges of heap blocks (a TID range scan: sequential, no
 * index, no sort, the same plan whatever the table statistics say), oldest day first, keeping the
 * rows of the range and segment. Rows are never updated, so each is read exactly once; rows written
 * after the replay began are past `to` and left out.
 */
export async function* recordedTransactions(db: Db, range: RecordedRange): AsyncGenerator<Transaction[]> {
  const where = filters(range);
  const days = (await existingPartitions(db))
    .filter((p) => p.table === 'decision_log' && p.day + DAY_MS > range.from && p.day < range.to)
    .sort((a, b) => a.day - b.day);
  const pages: { name: string; first: number }[] = [];
  for (const day of days) {
    const [size] = await queryRows<{ blocks: unknown }>(db, sql`select pg_relation_size(${day.name}::regclass) / current_setting('block_size')::bigint as blocks`);
    for (let first = 0; first < Number(size?.blocks ?? 0); first += PAGE_BLOCKS) pages.push({ name: day.name, first });
  }
  const read = (page: { name: string; first: number }) => {
    const rows = queryRows<{ tx: string }>(db, sql`
      select transaction::text as tx from ${sql.identifier(page.name)}
      where ctid >= ${`(${page.first},0)`}::tid and ctid < ${`(${page.first + PAGE_BLOCKS},0)`}::tid and ${where}`);
    rows.catch(() => {}); // a run stopped before this page is read must not leave its failure unhandled
    return rows;
  };
  let left = range.limit ?? Infinity;
  let next = pages.length > 0 ? read(pages[0]!) : null;
  for (let i = 0; next && left > 0; i++) {
    const rows = await next;
    // The next page is read while this one is decided.
    next = i + 1 < pages.length ? read(pages[i + 1]!) : null;
    const kept = rows.length > left ? rows.slice(0, left) : rows;
    left -= kept.length;
    if (kept.length > 0) yield kept.map((row) => JSON.parse(row.tx) as Transaction);
  }
}

/** Decisions recorded in the range (from the rollups: cheap), for progress; a filter on more than one segment is not counted (null). */
export async function recordedCount(db: Db, range: RecordedRange): Promise<number | null> {
  const given = SEGMENT_DIMENSIONS.filter((d) => range.segment?.[d]);
  if (given.length > 1) return null;
  const dimension = given[0] ?? 'all';
  const value = given[0] ? normaliseSegmentValue(given[0], range.segment![given[0]]!) : '';
  const [row] = await queryRows<{ n: unknown }>(db, sql`
    select sum(decisions) as n from traffic_segments
    where grain = 'minute' and dimension = ${dimension} and value = ${value}
      and bucket >= ${iso(Math.floor(range.from / 60_000) * 60_000)}::timestamptz and bucket < ${iso(range.to)}::timestamptz`);
  return Number(row?.n ?? 0);
}

/** Observed attempts per (processor, value of `dimension`) over the range, from the hour rollups. */
export async function observedRates(db: Db, range: Pick<RecordedRange, 'from' | 'to'>, dimension: SegmentDimension): Promise<Map<string, ObservedCell>> {
  const rows = await queryRows<Record<string, unknown> & { processor: string; value: string }>(db, sql`
    select processor, value, sum(attempts) as attempts, sum(approved) as approved, sum(soft_declined) as soft_decline,
      sum(hard_declined) as hard_decline, sum(processor_errors) as processor_error, sum(timeouts) as timeout
    from traffic_segments
    where grain = 'hour' and dimension = ${dimension} and processor <> ''
      and bucket >= ${iso(Math.floor(range.from / HOUR) * HOUR)}::timestamptz and bucket < ${iso(range.to)}::timestamptz
    group by processor, value
    having sum(attempts) > 0`);
  const outcomes: OutcomeCategory[] = ['approved', 'soft_decline', 'hard_decline', 'processor_error', 'timeout'];
  return new Map(rows.map((row) => [cellKey(row.processor, row.value), {
    attempts: Number(row.attempts),
    approved: Number(row.approved),
    by_outcome: Object.fromEntries(outcomes.map((o) => [o, Number(row[o] ?? 0)])),
  }]));
}
