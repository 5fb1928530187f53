import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Connection, Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import type { Outcome, PathStep, Transaction } from '@/lib/engine';
import type { Arm } from '@/lib/rollouts/arm';
import type { ShadowRecord } from '@/lib/rollouts/differences';
import { redact } from '@/lib/traffic/redaction';
import { DecisionRollupBuilder, decisionGroupKey, type DecisionRollups } from '@/lib/traffic/rollups';
import { segmentsOf, type Segments } from '@/lib/traffic/segments';
import { decisionRollupUpserts } from './traffic-rollups';
import { ensurePartitions, forgetPartitions } from './traffic-partitions';

/**
 * One decide answer as the hot path hands it to the decision log: references only (the parsed
 * transaction, the answer itself, the redaction list of the snapshot that decided), so recording
 * copies nothing. It is packed (packDecision) when its batch is written.
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
 * A decision as it is written: strings and numbers only (so a batch crosses to the writer's thread
 * as a cheap copy of strings), made once redaction, segments and serialisation are done.
 */
export interface PackedDecision {
  id: string;
  /** When it was decided (ms since epoch). */
  at: number;
  latencyUs: number;
  /** The rest of its decision_log row (ROW_COLUMNS), in COPY's text format. */
  row: string;
  /** What its rollups count it by (lib/traffic/rollups.ts decisionGroupKey). */
  group: string;
}

/** decision_log's columns after id, decided_at and latency_us, in the order an entry's row holds them. */
const ROW_COLUMNS = ['scheme_id', 'version', 'node', 'outcome', 'processor', 'candidates', 'mode', 'api_key_id',
  'currency', 'card_country', 'card_brand', 'payment_method', 'transaction', 'rollout_id', 'arm', 'shadow'] as const;
const STORED_COLUMNS = ['id', 'decided_at', 'latency_us', ...ROW_COLUMNS].join(', ');
const STAGING_COLUMNS = ['batch', 'id', 'decided_at', 'latency_us', ...ROW_COLUMNS] as const;

/** The redaction, the segments and the serialisation of an answer: the work of recording it. */
export function packDecision(answer: DecisionLogEntry): PackedDecision {
  const { decision } = answer;
  const segments: Segments = segmentsOf(answer.transaction);
  const blank = (value: string) => (value === '' ? null : value);
  const row = [
    decision.scheme?.id ?? null,
    decision.scheme?.version ?? null,
    decision.node,
    decision.outcome,
    decision.processor,
    JSON.stringify(decision.candidates),
    decision.mode ?? null,
    answer.apiKeyId,
    blank(segments.currency),
    blank(segments.card_country),
    blank(segments.card_brand),
    blank(segments.payment_method),
    JSON.stringify(redact(answer.transaction, answer.redacted)),
    answer.rollout?.id ?? null,
    answer.rollout?.arm ?? null,
    answer.rollout?.shadow ? JSON.stringify(answer.rollout.shadow) : null,
  ].map(copyField).join('\t');
  const group = decisionGroupKey({ outcome: decision.outcome, processor: decision.processor, node: decision.node, path: decision.path, scheme: decision.scheme, segments });
  return { id: answer.id, at: answer.at, latencyUs: answer.latencyUs, row, group };
}

/** A value in COPY's text format: \N for null; backslash, tab, newline and carriage return escaped. */
function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text;
}
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Where a batch is written: the database, and its bulk load (db/client.ts). */
export type DecisionStore = Pick<Connection, 'db' | 'copyIn'>;

/** Packs a batch (packInSlices) and writes it (writePacked). */
export async function writeDecisions(store: DecisionStore, batch: readonly DecisionLogEntry[], maybeStored = false): Promise<void> {
  await writePacked(store, await packInSlices(batch), maybeStored);
}

/** Entries are packed this many at a time, the event loop served in between: a large batch never stalls decide. */
const SLICE = 500;

/** packDecision over a batch, a slice at a time. */
export async function packInSlices(batch: readonly DecisionLogEntry[], each?: (slice: PackedDecision[]) => void): Promise<PackedDecision[]> {
  const packed: PackedDecision[] = [];
  for (let at = 0; at < batch.length; at += SLICE) {
    if (at > 0) await new Promise((resolve) => setImmediate(resolve));
    const slice = batch.slice(at, at + SLICE).map(packDecision);
    each?.(slice);
    for (const p of slice) packed.push(p);
  }
  return packed;
}

/**
 * Writes a batch: COPY into the unlogged staging table (tagged with a batch id of its own), then one
 * statement that moves the batch into decision_log and adds its rollups (one upsert per rollup table,
 * as CTEs), so the rollups always count exactly the stored rows. One statement rather than a
 * transaction: postgres.js can crash the process when a connection held for a transaction dies
 * under it (porsager/postgres#1208), and this runs during outages. A move that fails leaves its
 * staged rows behind, never moved (the batch id is not used again); maintenance deletes them.
 *
 * `maybeStored`: the previous write failed, perhaps after it committed (its answer lost with the
 * connection). Rows already stored are left out first; and the statement refuses to store anything
 * if any row of the batch is found stored after all, so nothing is ever counted twice.
 */
export async function writePacked(store: DecisionStore, batch: readonly PackedDecision[], maybeStored = false): Promise<void> {
  if (batch.length === 0) return;
  const { db } = store;
  let entries = batch;
  if (maybeStored) {
    const stored = await storedIds(db, entries);
    if (stored.size > 0) entries = entries.filter((e) => !stored.has(e.id));
    if (entries.length === 0) return;
  }
  await ensurePartitions(db, entries.map((e) => e.at));
  const batchId = `${process.pid}_${randomUUID()}`;
  const { lines, rollups } = prepared(entries, batchId);
  await store.copyIn('decision_log_staging', STAGING_COLUMNS, lines);
  try {
    await db.execute(sql`
      with staged as (delete from decision_log_staging where batch = ${batchId} returning ${sql.raw(STORED_COLUMNS)}),
      inserted as (
        insert into decision_log (${sql.raw(STORED_COLUMNS)}) select ${sql.raw(STORED_COLUMNS)} from staged
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

/** Staged rows older than this are from a move that failed: deleted by maintenance. */
const STALE_STAGING = '1 hour';

export async function deleteStaleStaging(db: Db): Promise<void> {
  await db.execute(sql`delete from decision_log_staging where staged_at < now() - ${STALE_STAGING}::interval`);
}

/** The batch as COPY lines for the staging table, and its rollups. */
function prepared(entries: readonly PackedDecision[], batchId: string): { lines: string; rollups: DecisionRollups } {
  const parts: string[] = [];
  const rollups = new DecisionRollupBuilder();
  for (const e of entries) {
    rollups.add(e.at, e.latencyUs, e.group);
    parts.push(`${batchId}\t${copyField(e.id)}\t${new Date(e.at).toISOString()}\t${e.latencyUs}\t${e.row}\n`);
  }
  return { lines: parts.join(''), rollups: rollups.build() };
}

async function storedIds(db: Db, entries: readonly PackedDecision[]): Promise<Set<string>> {
  const times = entries.map((e) => e.at);
  const found = await queryRows<{ id: string }>(db, sql`
    select d.id from decision_log d
    join json_to_recordset(${JSON.stringify(entries.map((e) => ({ id: e.id, decided_at: new Date(e.at).toISOString() })))}::json) as k(id text, decided_at timestamptz)
      on d.id = k.id and d.decided_at = k.decided_at
    where d.decided_at >= ${new Date(Math.min(...times)).toISOString()}::timestamptz and d.decided_at <= ${new Date(Math.max(...times)).toISOString()}::timestamptz`);
  return new Set(found.map((r) => r.id));
}

/** SQLSTATE 23514 with "no partition": a row for a day whose partition is gone. */
function noPartition(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, hops = 0; e && hops < 5; e = e.cause as typeof e, hops++) {
    if (e.code === '23514' && typeof e.message === 'string' && e.message.includes('no partition')) return true;
  }
  return false;
}
