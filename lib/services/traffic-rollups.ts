import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { OUTCOME_COUNTERS, type DecisionRollups, type SegmentRow } from '@/lib/traffic/rollups';

/**
 * Adding a batch's rollups to the stored ones: one upsert per table, stored + batch. Rows arrive
 * sorted by key (lib/traffic/rollups.ts), so concurrent writers lock them in one order.
 */
const asRecords = <R extends { bucket: number }>(rows: readonly R[]) => JSON.stringify(rows.map((r) => ({ ...r, bucket: new Date(r.bucket).toISOString() })));

/** The upserts of a batch of decisions, each a statement that can stand alone or as a CTE of a larger one. */
export function decisionRollupUpserts(rollups: DecisionRollups): SQL[] {
  const upserts: SQL[] = [];
  if (rollups.routes.length) {
    upserts.push(sql`
      insert into traffic_routes (bucket, grain, scheme_id, version, node, outcome, processor, decisions)
      select * from json_to_recordset(${asRecords(rollups.routes)}::json)
        as r(bucket timestamptz, grain text, scheme_id text, version integer, node text, outcome text, processor text, decisions integer)
      on conflict (bucket, grain, scheme_id, version, node, outcome, processor)
      do update set decisions = traffic_routes.decisions + excluded.decisions`);
  }
  if (rollups.branches.length) {
    upserts.push(sql`
      insert into traffic_branches (bucket, grain, scheme_id, version, node, branch, hits)
      select * from json_to_recordset(${asRecords(rollups.branches)}::json)
        as r(bucket timestamptz, grain text, scheme_id text, version integer, node text, branch text, hits integer)
      on conflict (bucket, grain, scheme_id, version, node, branch)
      do update set hits = traffic_branches.hits + excluded.hits`);
  }
  if (rollups.latency.length) {
    upserts.push(sql`
      insert into traffic_latency (bucket, grain, le_us, decisions)
      select * from json_to_recordset(${asRecords(rollups.latency)}::json) as r(bucket timestamptz, grain text, le_us integer, decisions integer)
      on conflict (bucket, grain, le_us)
      do update set decisions = traffic_latency.decisions + excluded.decisions`);
  }
  if (rollups.segments.length) upserts.push(segmentUpsert(rollups.segments));
  return upserts;
}

function segmentUpsert(rows: readonly SegmentRow[]): SQL {
  const columns = sql.raw(OUTCOME_COUNTERS.join(', '));
  const types = sql.raw(OUTCOME_COUNTERS.map((c) => `${c} integer`).join(', '));
  const sums: SQL = sql.raw(OUTCOME_COUNTERS.map((c) => `${c} = traffic_segments.${c} + excluded.${c}`).join(', '));
  return sql`
    insert into traffic_segments (bucket, grain, dimension, value, processor, ${columns})
    select * from json_to_recordset(${asRecords(rows)}::json)
      as r(bucket timestamptz, grain text, dimension text, value text, processor text, ${types})
    on conflict (bucket, grain, dimension, value, processor) do update set ${sums}`;
}

export async function addSegmentRollups(tx: Db, rows: readonly SegmentRow[]): Promise<void> {
  if (rows.length > 0) await tx.execute(segmentUpsert(rows));
}
