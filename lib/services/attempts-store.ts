import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import type { AttemptReport, ExistingAttempt, RecordedForAttempts, StoredAttempt } from '@/lib/traffic/attempt-rules';
import { rollupAttempts } from '@/lib/traffic/rollups';
import type { Segments } from '@/lib/traffic/segments';
import { addSegmentRollups } from './traffic-rollups';

/**
 * Reading the decisions and attempts that reports are judged against, and storing the accepted
 * attempts with their rollups. Lookups go by (id, decision time), with the time range as constants
 * so Postgres reads only the partitions of those days.
 */
type Key = { id: string; decided_at: string };

export const keysOf = (reports: readonly AttemptReport[]): Key[] =>
  [...new Map(reports.map((r) => [r.decision_id, { id: r.decision_id, decided_at: new Date(r.decidedAt).toISOString() }])).values()];

function range(keys: readonly Key[]) {
  const times = keys.map((k) => k.decided_at).sort();
  return { from: times[0]!, to: times[times.length - 1]! };
}

export async function loadDecisions(db: Db, keys: readonly Key[]): Promise<Map<string, RecordedForAttempts>> {
  const { from, to } = range(keys);
  const rows = await queryRows<{ id: string; outcome: string; candidates: string[]; currency: string | null; card_country: string | null; card_brand: string | null; payment_method: string | null }>(db, sql`
    select d.id, d.outcome, d.candidates, d.currency, d.card_country, d.card_brand, d.payment_method
    from decision_log d
    join json_to_recordset(${JSON.stringify(keys)}::json) as k(id text, decided_at timestamptz) on d.id = k.id and d.decided_at = k.decided_at
    where d.decided_at >= ${from}::timestamptz and d.decided_at <= ${to}::timestamptz`);
  return new Map(rows.map((r) => [r.id, {
    outcome: r.outcome,
    candidates: r.candidates,
    segments: { currency: r.currency ?? '', card_country: r.card_country ?? '', card_brand: r.card_brand ?? '', payment_method: r.payment_method ?? '' },
  }]));
}

export async function loadAttempts(db: Db, keys: readonly Key[]): Promise<Map<string, Map<number, ExistingAttempt>>> {
  const { from, to } = range(keys);
  const rows = await queryRows<Omit<ExistingAttempt, 'at'> & { decision_id: string; attempt: number; at: string | Date }>(db, sql`
    select a.decision_id, a.attempt, a.processor, a.outcome, a.at, a.latency_ms, a.decline_code, a.fee
    from decision_attempts a
    join json_to_recordset(${JSON.stringify(keys)}::json) as k(id text, decided_at timestamptz) on a.decision_id = k.id and a.decided_at = k.decided_at
    where a.decided_at >= ${from}::timestamptz and a.decided_at <= ${to}::timestamptz`);
  const found = new Map<string, Map<number, ExistingAttempt>>();
  for (const { decision_id, attempt, at, ...rest } of rows) {
    let attempts = found.get(decision_id);
    if (!attempts) found.set(decision_id, (attempts = new Map()));
    attempts.set(attempt, { ...rest, at: new Date(at).toISOString() });
  }
  return found;
}

export type AcceptedAttempt = AttemptReport & { segments: Segments; stored: StoredAttempt };

/** Another request stored one of these attempts between the read and the insert. */
export class ConcurrentReport extends Error {}

/** Inserts the accepted attempts (all or none: ConcurrentReport) and adds them to the segment rollups. */
export async function storeAttempts(tx: Db, reporter: string | null, accepted: readonly AcceptedAttempt[]): Promise<void> {
  const rows = accepted.map(({ stored, decidedAt }) => ({ ...stored, decided_at: new Date(decidedAt).toISOString(), reported_by: reporter }));
  const inserted = await queryRows<{ attempt: number }>(tx, sql`
    insert into decision_attempts (decision_id, decided_at, attempt, processor, outcome, at, latency_ms, decline_code, fee, reported_by)
    select decision_id, decided_at, attempt, processor, outcome, at, latency_ms, decline_code, fee, reported_by
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(decision_id text, decided_at timestamptz, attempt integer, processor text,
      outcome text, at timestamptz, latency_ms integer, decline_code text, fee double precision, reported_by text)
    on conflict do nothing
    returning attempt`);
  if (inserted.length !== rows.length) throw new ConcurrentReport('an attempt was stored by another request meanwhile');
  await addSegmentRollups(tx, rollupAttempts(accepted.map((r) => ({ at: r.atMs, attempt: r.attempt, processor: r.processor, outcome: r.outcome, segments: r.segments }))));
}
