import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import type { Outcome, PathStep, Transaction } from '@/lib/engine';
import { redact } from '@/lib/traffic/redaction';
import { rollupDecisions, type RecordedDecision } from '@/lib/traffic/rollups';
import { segmentsOf, type Segments } from '@/lib/traffic/segments';
import { addDecisionRollups } from './traffic-rollups';
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
 * Writes a batch in one transaction: the rows (one multi-row insert) and their rollups (one upsert per
 * rollup table), so the rollups always count exactly the stored rows.
 */
export async function writeDecisions(db: Db, batch: readonly DecisionLogEntry[]): Promise<void> {
  if (batch.length === 0) return;
  const rows = batch.map(storedRow);
  await ensurePartitions(db, batch.map((e) => e.at));
  try {
    await db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      // A batch written again after its commit went unanswered: rows already stored are skipped, and
      // only the rows this insert stored are counted in the rollups.
      const inserted = await queryRows<{ id: string }>(tx, sql`
        insert into decision_log (id, decided_at, scheme_id, version, node, outcome, processor, candidates, mode, api_key_id, latency_us,
          currency, card_country, card_brand, payment_method, transaction)
        select * from jsonb_to_recordset(${JSON.stringify(rows.map((r) => r.row))}::jsonb) as r(id text, decided_at timestamptz, scheme_id text, version integer,
          node text, outcome text, processor text, candidates jsonb, mode text, api_key_id text, latency_us integer,
          currency text, card_country text, card_brand text, payment_method text, transaction jsonb)
        on conflict do nothing
        returning id`);
      const ids = inserted.length === rows.length ? null : new Set(inserted.map((i) => i.id));
      const stored = ids ? rows.filter((r) => ids.has(r.id)) : rows;
      await addDecisionRollups(tx, rollupDecisions(stored.map((r) => r.recorded)));
    });
  } catch (error) {
    if (noPartition(error)) forgetPartitions(db);
    throw error;
  }
}

function storedRow(entry: DecisionLogEntry): { id: string; row: Record<string, unknown>; recorded: RecordedDecision } {
  const { decision } = entry;
  const segments: Segments = segmentsOf(entry.transaction);
  const blank = (value: string) => (value === '' ? null : value);
  return {
    id: entry.id,
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
