import 'server-only';
import { sql } from 'drizzle-orm';
import type { Connection, Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import type { Outcome, PathStep, Transaction } from '@/lib/engine';
import type { Arm } from '@/lib/rollouts/arm';
import type { ShadowRecord } from '@/lib/rollouts/differences';
import { redact } from '@/lib/traffic/redaction';
import { DecisionRollupBuilder, decisionGroupKey, type RollupTally } from '@/lib/traffic/rollups';
import { segmentsOf, type Segments } from '@/lib/traffic/segments';
import { decisionRollupUpserts } from './traffic-rollups';
import { CopyRows, keepRows } from './copy-rows';
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

/** A decision as it is written: strings and numbers only, made once redaction, segments and serialisation are done. */
export interface PackedDecision {
  id: string;
  /** When it was decided (ms since epoch). */
  at: number;
  latencyUs: number;
  /** Its decision_log row (STORED_COLUMNS), a line of COPY's text format without its end. */
  row: string;
  /** What its rollups count it by (lib/traffic/rollups.ts decisionGroupKey). */
  group: string;
}

/** decision_log's columns, in the order a packed row holds them. */
const STORED_COLUMNS = ['id', 'decided_at', 'latency_us', 'scheme_id', 'version', 'node', 'outcome', 'processor', 'candidates', 'mode', 'api_key_id',
  'currency', 'card_country', 'card_brand', 'payment_method', 'transaction', 'rollout_id', 'arm', 'shadow'] as const;

/** The redaction, the segments and the serialisation of an answer: the work of recording it. */
export function packDecision(answer: DecisionLogEntry): PackedDecision {
  const { decision } = answer;
  const segments: Segments = segmentsOf(answer.transaction);
  // Fields that cannot hold COPY's special characters (ids made here, times, numbers, known codes)
  // skip the escaping; JSON texts only need their backslashes doubled (JSON escapes control characters).
  const row = [
    answer.id,
    copyTime(answer.at),
    answer.latencyUs,
    copyField(decision.scheme?.id ?? null),
    decision.scheme?.version ?? NULL,
    copyField(decision.node),
    decision.outcome,
    copyField(decision.processor),
    copyJson(JSON.stringify(decision.candidates)),
    copyField(decision.mode ?? null),
    answer.apiKeyId ?? NULL,
    copySegment(segments.currency),
    copySegment(segments.card_country),
    copySegment(segments.card_brand),
    copySegment(segments.payment_method),
    copyJson(JSON.stringify(redact(answer.transaction, answer.redacted))),
    copyField(answer.rollout?.id ?? null),
    answer.rollout?.arm ?? NULL,
    answer.rollout?.shadow ? copyJson(JSON.stringify(answer.rollout.shadow)) : NULL,
  ].join('\t');
  const group = decisionGroupKey({ outcome: decision.outcome, processor: decision.processor, node: decision.node, path: decision.path, scheme: decision.scheme, segments });
  return { id: answer.id, at: answer.at, latencyUs: answer.latencyUs, row, group };
}

const NULL = '\\N';

/** A value in COPY's text format: \N for null; backslash, tab, newline and carriage return escaped. */
function copyField(value: string | null): string {
  if (value === null) return NULL;
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : value;
}

/** A JSON text in COPY's text format: JSON has no raw control characters, so only backslashes are escaped. */
const copyJson = (json: string): string => (json.includes('\\') ? json.replaceAll('\\', '\\\\') : json);

/** A segment value: one of the catalog's known codes, `other`, or absent (lib/traffic/segments.ts). */
const copySegment = (value: string): string => (value === '' ? NULL : value);

/** A decision's time as COPY reads a timestamptz (ISO 8601, UTC); the second's text made once per second. */
function copyTime(at: number): string {
  const second = Math.floor(at / 1000);
  if (second !== lastSecond.second) lastSecond = { second, prefix: new Date(second * 1000).toISOString().slice(0, 20) };
  return `${lastSecond.prefix}${String(at - second * 1000).padStart(3, '0')}Z`;
}
let lastSecond = { second: NaN, prefix: '' };

const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Where a batch is written: the database, and its bulk load (db/client.ts). */
export type DecisionStore = Pick<Connection, 'db' | 'copyIn'>;

/**
 * A batch as it is written: its rows as COPY text in shared memory (lib/services/copy-rows.ts), its
 * rollups counted already (per minute and group, lib/traffic/rollups.ts), the ids and times side by
 * side. Flat arrays and bytes, so handing it to the writer's thread copies little and shares the rest.
 */
export interface PackedBatch {
  ids: string[];
  /**
   * The decision_log rows, each a line of COPY's text format ended by '\n', as UTF-8. Valid until
   * the batch is stored: the log then packs its next batch into the same memory.
   */
  rows: Uint8Array;
  at: Float64Array;
  /** What the batch adds to the rollups. */
  tally: RollupTally;
}

/** Entries are packed this many at a time, the event loop served in between: a large batch never stalls decide. */
export const PACK_SLICE = 500;

/**
 * A batch packed as its decisions come, and taken whole for its write: each pack appends to the
 * same rows, ids and rollup counts, so a batch gathered over several packs is never joined from
 * pieces (copying its rows again cost decide's thread about 1.4 µs per decision).
 */
export class BatchPacker {
  private readonly ids: string[] = [];
  private readonly at: number[] = [];
  private readonly rows: CopyRows;
  private readonly rollups = new DecisionRollupBuilder();

  /** `reuse`: the shared memory of a batch written already (lib/services/copy-rows.ts). */
  constructor(rowsExpected: number, reuse?: SharedArrayBuffer | null) {
    this.rows = new CopyRows(rowsExpected, reuse);
  }

  get size(): number {
    return this.ids.length;
  }

  /** When the first decision packed here was decided (ms), or null when none is. */
  get firstAt(): number | null {
    return this.at[0] ?? null;
  }

  add(entry: DecisionLogEntry): void {
    const d = packDecision(entry);
    this.ids.push(d.id);
    this.at.push(d.at);
    this.rows.add(d.row);
    this.rollups.add(d.at, d.latencyUs, d.group);
  }

  done(): PackedBatch {
    return { ids: this.ids, rows: this.rows.done(), at: Float64Array.from(this.at), tally: this.rollups.tally() };
  }
}

/** packDecision over a batch, a slice at a time, into one PackedBatch. */
export async function packBatch(entries: readonly DecisionLogEntry[]): Promise<PackedBatch> {
  const packer = new BatchPacker(entries.length);
  for (let i = 0; i < entries.length; i++) {
    if (i > 0 && i % PACK_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    packer.add(entries[i]!);
  }
  return packer.done();
}

/** Packs a batch and writes it from this thread (the embedded database, the tests). */
export async function writeDecisions(store: DecisionStore, entries: readonly DecisionLogEntry[], maybeStored = false): Promise<void> {
  await writePacked(store, await packBatch(entries), maybeStored);
}

/**
 * Writes a batch in two statements, neither in a transaction (postgres.js can crash the process when
 * a connection held for a transaction dies under it, porsager/postgres#1208, and this runs during
 * outages): the rows by COPY into decision_log (all or none), then the rollups (one upsert per rollup
 * table, as CTEs) with the batch's entry in decision_log_batches, in one statement: so the rollups
 * count a batch once, whatever failed in between. The batch id is its first decision id and its size,
 * the same when a failed batch is written again.
 *
 * `maybeStored`: the previous write failed, perhaps after a statement committed (its answer lost with
 * the connection). A batch counted already is done; rows stored already are not copied again, and
 * the rollups are added unless the batch was counted.
 */
export async function writePacked(store: DecisionStore, batch: PackedBatch, maybeStored = false): Promise<void> {
  const { ids, at } = batch;
  if (ids.length === 0) return;
  const { db } = store;
  const batchId = `${ids[0]}+${ids.length}`;
  let rows = batch.rows;
  let times: Iterable<number> = at;
  if (maybeStored) {
    if (await counted(db, batchId)) return;
    const stored = await storedIds(db, ids, at);
    if (stored.size > 0) {
      const keep = ids.map((id) => !stored.has(id));
      rows = keepRows(rows, keep);
      times = at.filter((_, i) => keep[i]!);
    }
  }
  if (rows.length > 0) {
    await ensurePartitions(db, times);
    try {
      await store.copyIn('decision_log', STORED_COLUMNS, rows);
    } catch (error) {
      forgetPartitions(db); // a day's partition dropped meanwhile is the one failure writing again mends
      throw error;
    }
  }
  const rollups = new DecisionRollupBuilder();
  rollups.addTally(batch.tally);
  await db.execute(sql`
    with counted as (insert into decision_log_batches (batch) values (${batchId}) on conflict do nothing returning 1),
    ${sql.join(decisionRollupUpserts(rollups.build()).map((upsert, i) => sql`${sql.raw(`rollup_${i}`)} as (${upsert})`), sql`, `)}
    select cast(case when (select count(*) from counted) = 1 then '0' else 'this batch was counted already' end as integer) as complete`);
}

const counted = async (db: Db, batchId: string) =>
  (await queryRows(db, sql`select 1 from decision_log_batches where batch = ${batchId}`)).length > 0;

/** Counted batches are remembered as long as their decisions are kept (a batch in doubt is never older). */
export async function forgetCountedBatches(db: Db, retentionDays: number): Promise<void> {
  await db.execute(sql`delete from decision_log_batches where written_at < now() - make_interval(days => ${retentionDays})`);
}

async function storedIds(db: Db, ids: readonly string[], times: Float64Array): Promise<Set<string>> {
  const found = await queryRows<{ id: string }>(db, sql`
    select d.id from decision_log d
    join json_to_recordset(${JSON.stringify(ids.map((id, i) => ({ id, decided_at: new Date(times[i]!).toISOString() })))}::json) as k(id text, decided_at timestamptz)
      on d.id = k.id and d.decided_at = k.decided_at
    where d.decided_at >= ${new Date(Math.min(...times)).toISOString()}::timestamptz and d.decided_at <= ${new Date(Math.max(...times)).toISOString()}::timestamptz`);
  return new Set(found.map((r) => r.id));
}
