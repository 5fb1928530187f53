import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import type { Outcome, PathStep, Transaction } from '@/lib/engine';
import type { Arm } from '@/lib/rollouts/arm';
import type { ShadowRecord } from '@/lib/rollouts/differences';
import { redact } from '@/lib/traffic/redaction';
import { DecisionRollupBuilder, type DecisionRollups, type RecordedDecision } from '@/lib/traffic/rollups';
import { segmentsOf, type Segments } from '@/lib/traffic/segments';
import { decisionRollupUpserts } from './traffic-rollups';
import { ensurePartitions, forgetPartitions } from './traffic-partitions';

/**
 * One decide answer as the hot path hands it to the decision log: references only (the parsed
 * transaction, the answer itself, the redaction list of the snapshot that decided), so recording
 * copies nothing. Redaction, segments and serialisation happen when the batch is written.
 */
export interface DecisionLogEntry {
  id: string;
  /** When it was decided (ms since epoch). */
  at: number;
  latencyUs: number;
  apiKeyId: string | null;
  transaction: Transaction;
  decision: LoggedDecision;
  redacted: readonly string[];
  /** The rollout running when it was decided: the canary's arm, or the shadow's judged answer. */
  rollout?: { id: string; arm: Arm | null; shadow: ShadowRecord | null };
}

export interface LoggedDecision {
  outcome: Outcome;
  processor: string | null;
  candidates: readonly string[];
  node: string | null;
  path: readonly PathStep[];
  scheme: { id: string; version: number } | null;
  mode?: string;
}

/**
 * Writes a batch as one statement: the rows (a multi-row insert) and their rollups (one upsert per
 * rollup table, as CTEs of the same statement), so the rollups always count exactly the stored rows.
 * One statement rather than a transaction: postgres.js can crash the process when a connection held
 * for a transaction dies under it (porsager/postgres#1208), and this runs during outages.
 *
 * `maybeStored`: the previous write failed, perhaps after it committed (its answer lost with the
 * connection). Rows already stored are left out first; and the statement refuses to store anything
 * if any row of the batch is found stored after all, so nothing is ever counted twice.
 */
export async function writeDecisions(db: Db, batch: readonly DecisionLogEntry[], maybeStored = false): Promise<void> {
  if (batch.length === 0) return;
  let entries = batch;
  if (maybeStored) {
    const stored = await storedIds(db, entries);
    if (stored.size > 0) entries = entries.filter((e) => !stored.has(e.id));
    if (entries.length === 0) return;
  }
  await ensurePartitions(db, entries.map((e) => e.at));
  const { rows, rollups } = await prepared(entries);
  try {
    await db.execute(sql`
      with inserted as (
        insert into decision_log (id, decided_at, scheme_id, version, node, outcome, processor, candidates, mode, api_key_id, latency_us,
          currency, card_country, card_brand, payment_method, transaction, rollout_id, arm, shadow)
        select * from json_to_recordset(${rows}::json) as r(id text, decided_at timestamptz, scheme_id text, version integer,
          node text, outcome text, processor text, candidates jsonb, mode text, api_key_id text, latency_us integer,
          currency text, card_country text, card_brand text, payment_method text, transaction json, rollout_id text, arm text, shadow jsonb)
        on conflict do nothing
        returning 1
      ),
      ${sql.join(decisionRollupUpserts(rollups).map((upsert, i) => sql`${sql.raw(`rollup_${i}`)} as (${upsert})`), sql`, `)}
      select cast(case when (select count(*) from inserted) = ${entries.length} then '0' else 'some decisions of this batch were already stored' end as integer) as complete`);
  } catch (error) {
    if (noPartition(error)) forgetPartitions(db);
    throw error;
  }
}

/** Rows are prepared this many at a time, the event loop served in between: a large batch never stalls decide. */
const SLICE = 250;

/** The rows as one JSON array, and their rollups, made a slice at a time. */
async function prepared(entries: readonly DecisionLogEntry[]): Promise<{ rows: string; rollups: DecisionRollups }> {
  const parts: string[] = [];
  const rollups = new DecisionRollupBuilder();
  for (let at = 0; at < entries.length; at += SLICE) {
    if (at > 0) await new Promise((resolve) => setImmediate(resolve));
    const slice = entries.slice(at, at + SLICE).map(storedRow);
    for (const row of slice) rollups.add(row.recorded);
    parts.push(JSON.stringify(slice.map((row) => row.row)).slice(1, -1));
  }
  return { rows: `[${parts.join(',')}]`, rollups: rollups.build() };
}

async function storedIds(db: Db, entries: readonly DecisionLogEntry[]): Promise<Set<string>> {
  const times = entries.map((e) => e.at);
  const found = await queryRows<{ id: string }>(db, sql`
    select d.id from decision_log d
    join json_to_recordset(${JSON.stringify(entries.map((e) => ({ id: e.id, decided_at: new Date(e.at).toISOString() })))}::json) as k(id text, decided_at timestamptz)
      on d.id = k.id and d.decided_at = k.decided_at
    where d.decided_at >= ${new Date(Math.min(...times)).toISOString()}::timestamptz and d.decided_at <= ${new Date(Math.max(...times)).toISOString()}::timestamptz`);
  return new Set(found.map((r) => r.id));
}

function storedRow(entry: DecisionLogEntry): { row: Record<string, unknown>; recorded: RecordedDecision } {
  const { decision } = entry;
  const segments: Segments = segmentsOf(entry.transaction);
  const blank = (value: string) => (value === '' ? null : value);
  return {
    row: {
      id: entry.id,
      decided_at: new Date(entry.at).toISOString(),
      scheme_id: decision.scheme?.id ?? null,
      version: decision.scheme?.version ?? null,
      node: decision.node,
      outcome: decision.outcome,
      processor: decision.processor,
      candidates: decision.candidates,
      mode: decision.mode ?? null,
      api_key_id: entry.apiKeyId,
      latency_us: entry.latencyUs,
      currency: blank(segments.currency),
      card_country: blank(segments.card_country),
      card_brand: blank(segments.card_brand),
      payment_method: blank(segments.payment_method),
      transaction: redact(entry.transaction, entry.redacted),
      rollout_id: entry.rollout?.id ?? null,
      arm: entry.rollout?.arm ?? null,
      shadow: entry.rollout?.shadow ?? null,
    },
    recorded: {
      at: entry.at,
      latencyUs: entry.latencyUs,
      outcome: decision.outcome,
      processor: decision.processor,
      node: decision.node,
      path: decision.path,
      scheme: decision.scheme,
      segments,
    },
  };
}

/** SQLSTATE 23514 with "no partition": a row for a day whose partition is gone. */
function noPartition(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, hops = 0; e && hops < 5; e = e.cause as typeof e, hops++) {
    if (e.code === '23514' && typeof e.message === 'string' && e.message.includes('no partition')) return true;
  }
  return false;
}
