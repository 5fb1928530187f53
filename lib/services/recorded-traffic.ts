import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import type { Transaction } from '@/lib/engine';
import type { OutcomeCategory } from '@/lib/processors/schema';
import { cellKey, type ObservedCell } from '@/lib/traffic/observed-estimate';
import { normaliseSegmentValue, SEGMENT_DIMENSIONS, type SegmentDimension } from '@/lib/traffic/segments';

/**
 * Recorded traffic as the input of a replay: the transactions of the decision log over a time range,
 * optionally of one segment, streamed a page at a time (never held whole), oldest first; and the
 * approval rates observed over the same range, per processor and segment value, from the rollups.
 */
export interface RecordedRange {
  from: number;
  to: number;
  segment?: Partial<Record<SegmentDimension, string>>;
  limit?: number;
}

const PAGE = 5000;
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
 * Pages by id: ids begin with the decision's time in fixed-width base 36, so id order is time order,
 * and each page is an index range scan (the primary key) of the days in range.
 */
export async function* recordedTransactions(db: Db, range: RecordedRange, pageSize = PAGE): AsyncGenerator<Transaction[]> {
  const where = filters(range);
  const page = (after: string, size: number) => {
    const rows = queryRows<{ id: string; tx: string }>(db, sql`
      select id, transaction::text as tx from decision_log
      where ${where} and id > ${after}
      order by id limit ${size}`);
    rows.catch(() => {}); // a run stopped before this page is read must not leave its failure unhandled
    return rows;
  };
  let left = range.limit ?? Infinity;
  let size = Math.min(pageSize, left);
  let next = page('', size);
  while (left > 0) {
    const rows = await next;
    if (rows.length === 0) return;
    left -= rows.length;
    const more = rows.length === size && left > 0;
    // The next page is read while this one is decided.
    if (more) next = page(rows[rows.length - 1]!.id, (size = Math.min(pageSize, left)));
    yield rows.map((row) => JSON.parse(row.tx) as Transaction);
    if (!more) return;
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
