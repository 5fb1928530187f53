import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import { OUTCOME_CATEGORIES, type OutcomeCategory } from '@/lib/processors/schema';
import { parseJsonLinesRecords } from '@/lib/simulation';
import { parseInput, quote } from '@/lib/text/hostile';
import { rollupAttempts, type ReportedAttempt } from '@/lib/traffic/rollups';
import type { Segments } from '@/lib/traffic/segments';
import type { ServiceContext } from './context';
import { decisionTimeOf } from './decision-id';
import type { DecisionLog } from './decision-log';
import { fail, ok, validationError, type Result, type ServiceError } from './result';
import { addSegmentRollups } from './traffic-rollups';
import { ensurePartitions } from './traffic-partitions';
import { write, type AuditEvent } from './write';
import { anId, checkArguments } from './arguments';

/**
 * Outcome feedback: the payment backend reports what each attempt of a recorded decision did. A
 * report is stored once per (decision, attempt number): the same report again is answered as a
 * replay, a different one for the same attempt is a conflict (409). Refused, with the reason and its
 * path: an unknown decision (404), a processor that was not among the decision's candidates, an
 * attempt whose predecessor was not reported, an attempt after an approval, a time before the
 * decision or in the future. Stored attempts are added to the per-minute rollups in the same transaction.
 */
const MAX_ATTEMPTS = 20;

export const AttemptInputSchema = z.strictObject({
  processor: z.string().min(1).max(128).describe('The processor tried: one of the decision\'s candidates.'),
  attempt: z.int().min(1).max(MAX_ATTEMPTS).describe('1 for the first try, 2 for the cascade\'s next, …'),
  outcome: z.enum(OUTCOME_CATEGORIES),
  at: z.iso.datetime({ offset: true }).optional().describe('When it was tried; default: when the report arrives.'),
  latency_ms: z.int().min(0).max(3_600_000).optional().describe('How long the processor took to answer.'),
  decline_code: z.string().min(1).max(64).optional().describe('The processor\'s own code for a decline.'),
  fee: z.number().min(0).max(1e12).optional().describe('What the attempt cost, in the payment\'s currency.'),
});
export type AttemptInput = z.output<typeof AttemptInputSchema>;

/** One line of POST /attempts: an attempt and the decision it belongs to. */
export const AttemptLineSchema = AttemptInputSchema.extend({ decision_id: z.string().min(1).max(64).describe('dec_…, as decide answered it.') });

export interface StoredAttempt {
  decision_id: string;
  attempt: number;
  processor: string;
  outcome: OutcomeCategory;
  at: string;
  latency_ms: number | null;
  decline_code: string | null;
  fee: number | null;
  /** True when this attempt was already stored with the same report (nothing changed). */
  replayed: boolean;
}

/** A report that passed its schema, with the decision time read from the id. */
interface Report extends AttemptInput {
  decision_id: string;
  decidedAt: number;
  atMs: number;
}

interface DecisionRow {
  id: string;
  outcome: string;
  candidates: string[];
  segments: Segments;
}

type ExistingAttempt = Omit<StoredAttempt, 'decision_id' | 'attempt' | 'replayed'>;

export type Verdict = { ok: true; attempt: StoredAttempt } | { ok: false; error: ServiceError };

/** Reported times may run this far ahead of our clock, or before the decision (clock skew). */
const SKEW_MS = 5 * 60_000;
/** Lines applied per transaction (and per audit entry) by the JSON-lines backfill. */
export const ATTEMPTS_CHUNK = 5000;
/** Times a write is tried again when another request stored one of its attempts first. */
const RACE_RETRIES = 2;

/** POST /decisions/{id}/attempts: one report, one audit entry when it stored something. */
export async function reportAttempt(ctx: ServiceContext, decisionId: string, input: unknown, pending: DecisionLog | null = null): Promise<Result<StoredAttempt>> {
  const checked = checkArguments({ decision_id: anId(decisionId) });
  if (!checked.ok) return checked;
  const parsed = parseInput(AttemptInputSchema, input);
  if (!parsed.success) return fail(validationError(parsed.error));
  const report = reportOf(decisionId, parsed.data, Date.now());
  if (!report.ok) return report;
  const applied = await applyReports(ctx, [report.value], pending, ([stored]) => ({
    action: 'report_attempt', entity: 'decision', entityId: decisionId, detail: { attempt: stored!.attempt, processor: stored!.processor, outcome: stored!.outcome },
  }));
  if (!applied.ok) return applied;
  const [verdict] = applied.value;
  return verdict!.ok ? ok(verdict!.attempt) : fail(verdict!.error);
}

/**
 * Up to ATTEMPTS_CHUNK lines of the JSON-lines backfill: each line's verdict, in order. A refused
 * line does not stop the others; what is stored is stored in one transaction with one audit entry.
 */
export async function reportAttemptLines(ctx: ServiceContext, lines: readonly { line: number; value: unknown }[], pending: DecisionLog | null = null): Promise<Result<{ line: number; verdict: Verdict }[]>> {
  const now = Date.now();
  const verdicts: { line: number; verdict: Verdict }[] = [];
  const reports: { line: number; report: Report }[] = [];
  for (const { line, value } of lines) {
    const parsed = parseInput(AttemptLineSchema, value);
    if (!parsed.success) {
      verdicts.push({ line, verdict: { ok: false, error: validationError(parsed.error) } });
      continue;
    }
    const { decision_id, ...attempt } = parsed.data;
    const report = reportOf(decision_id, attempt, now);
    if (report.ok) reports.push({ line, report: report.value });
    else verdicts.push({ line, verdict: report });
  }
  if (reports.length > 0) {
    const applied = await applyReports(ctx, reports.map((r) => r.report), pending, (stored) => ({
      action: 'report_attempts', entity: 'decision_attempts', entityId: 'backfill', detail: { lines: lines.length, stored: stored.length, first_line: lines[0]!.line, last_line: lines[lines.length - 1]!.line },
    }));
    if (!applied.ok) return applied;
    applied.value.forEach((verdict, i) => verdicts.push({ line: reports[i]!.line, verdict }));
  }
  return ok(verdicts.sort((a, b) => a.line - b.line));
}

function reportOf(decisionId: string, attempt: AttemptInput, now: number): Result<Report> {
  const decidedAt = decisionTimeOf(decisionId);
  if (decidedAt === null) return fail(unknownDecision(decisionId));
  const atMs = attempt.at === undefined ? now : Date.parse(attempt.at);
  if (atMs > now + SKEW_MS) return fail(refused(['at'], `${attempt.at} is in the future`));
  if (atMs < decidedAt - SKEW_MS) return fail(refused(['at'], `${attempt.at} is before the decision (${new Date(decidedAt).toISOString()})`));
  return ok({ ...attempt, decision_id: decisionId, decidedAt, atMs });
}

const unknownDecision = (id: string): ServiceError => ({
  code: 'not_found',
  message: `Decision ${quote(id)} does not exist (or is older than the retention). A decision made moments ago by another instance can take a second to be written: try again shortly.`,
});
const refused = (path: (string | number)[], message: string): ServiceError => ({ code: 'validation', message: `Refused: ${message}.`, issues: [{ path, message }] });

/**
 * Judges every report against the stored decision and attempts (reads), then stores the new ones
 * and their rollups in one write. When another request stored one of the same attempts between the
 * read and the insert, the write is rolled back and everything judged again (it is then a replay or
 * a conflict like any other).
 */
async function applyReports(ctx: ServiceContext, reports: readonly Report[], pending: DecisionLog | null, event: (stored: StoredAttempt[]) => AuditEvent): Promise<Result<Verdict[]>> {
  // A decision this instance made moments ago may still be in its buffer: write it first.
  const waiting = pending?.oldestWaiting();
  if (waiting != null && reports.some((r) => r.decidedAt >= waiting)) await pending!.flush();
  for (let round = 0; ; round++) {
    const { verdicts, toStore } = await judgeAll(ctx.db, reports);
    if (toStore.length === 0) return ok(verdicts);
    await ensurePartitions(ctx.db, toStore.map((r) => r.atMs));
    try {
      const written = await write(ctx, 'editor', async (tx, audit) => {
        await store(tx, ctx, toStore);
        await audit({ ...event(toStore.map((r) => r.stored)), quiet: true });
        return ok(undefined);
      });
      return written.ok ? ok(verdicts) : written;
    } catch (error) {
      if (!(error instanceof ConcurrentReport) || round >= RACE_RETRIES) throw error;
    }
  }
}

type ToStore = Report & { segments: Segments; stored: StoredAttempt };

async function judgeAll(db: Db, reports: readonly Report[]): Promise<{ verdicts: Verdict[]; toStore: ToStore[] }> {
  const keys = [...new Map(reports.map((r) => [r.decision_id, { id: r.decision_id, decided_at: new Date(r.decidedAt).toISOString() }])).values()];
  const [decisions, existing] = await Promise.all([loadDecisions(db, keys), loadAttempts(db, keys)]);
  const verdicts: Verdict[] = [];
  const toStore: ToStore[] = [];
  for (const report of reports) {
    const decision = decisions.get(report.decision_id);
    if (!decision) {
      verdicts.push({ ok: false, error: unknownDecision(report.decision_id) });
      continue;
    }
    let attempts = existing.get(report.decision_id);
    if (!attempts) existing.set(report.decision_id, (attempts = new Map()));
    const verdict = judge(report, decision, attempts);
    verdicts.push(verdict);
    if (verdict.ok && !verdict.attempt.replayed) {
      const { decision_id: _id, attempt: _n, replayed: _r, ...kept } = verdict.attempt;
      attempts.set(report.attempt, kept); // a later line of the same batch sees it
      toStore.push({ ...report, segments: decision.segments, stored: verdict.attempt });
    }
  }
  return { verdicts, toStore };
}

class ConcurrentReport extends Error {}

async function store(tx: Db, ctx: ServiceContext, toStore: readonly ToStore[]): Promise<void> {
  const reporter = ctx.actor.kind === 'api_key' ? ctx.actor.id : null;
  const rows = toStore.map(({ stored, decidedAt }) => ({ ...stored, decided_at: new Date(decidedAt).toISOString(), reported_by: reporter }));
  const inserted = await queryRows<{ attempt: number }>(tx, sql`
    insert into decision_attempts (decision_id, decided_at, attempt, processor, outcome, at, latency_ms, decline_code, fee, reported_by)
    select decision_id, decided_at, attempt, processor, outcome, at, latency_ms, decline_code, fee, reported_by
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(decision_id text, decided_at timestamptz, attempt integer, processor text,
      outcome text, at timestamptz, latency_ms integer, decline_code text, fee double precision, reported_by text)
    on conflict do nothing
    returning attempt`);
  if (inserted.length !== rows.length) throw new ConcurrentReport('an attempt was stored by another request meanwhile');
  const counted: ReportedAttempt[] = toStore.map((r) => ({ at: r.atMs, attempt: r.attempt, processor: r.processor, outcome: r.outcome, segments: r.segments }));
  await addSegmentRollups(tx, rollupAttempts(counted));
}

function judge(report: Report, decision: DecisionRow, attempts: ReadonlyMap<number, ExistingAttempt>): Verdict {
  const id = quote(report.decision_id);
  const already = attempts.get(report.attempt);
  if (already) {
    if (already.processor === report.processor && already.outcome === report.outcome) {
      return { ok: true, attempt: { decision_id: report.decision_id, attempt: report.attempt, ...already, replayed: true } };
    }
    return {
      ok: false,
      error: {
        code: 'conflict',
        message: `Attempt ${report.attempt} of decision ${id} was already reported as ${already.outcome} on ${already.processor}; a different report of it is refused.`,
        issues: [{ path: ['attempt'], message: `already reported as ${already.outcome} on ${already.processor}` }],
      },
    };
  }
  if (decision.outcome !== 'route') return { ok: false, error: refused(['attempt'], `decision ${id} was ${decision.outcome === 'blocked' ? 'blocked' : 'not routed'}: no processor was to be tried`) };
  if (!decision.candidates.includes(report.processor)) {
    return { ok: false, error: refused(['processor'], `${quote(report.processor)} was not a candidate of decision ${id} (candidates: ${decision.candidates.join(', ')})`) };
  }
  for (const [number, earlier] of attempts) {
    if (earlier.outcome === 'approved' && number < report.attempt) return { ok: false, error: refused(['attempt'], `attempt ${number} of decision ${id} was approved: no attempt follows an approval`) };
  }
  if (report.attempt > 1 && !attempts.has(report.attempt - 1)) {
    return { ok: false, error: refused(['attempt'], `attempt ${report.attempt} of decision ${id} was reported before attempt ${report.attempt - 1}: report attempts in order`) };
  }
  const later = [...attempts.keys()].find((n) => n > report.attempt);
  if (later !== undefined && report.outcome === 'approved') return { ok: false, error: refused(['outcome'], `attempt ${later} of decision ${id} follows this one, so it cannot have been approved`) };
  return {
    ok: true,
    attempt: {
      decision_id: report.decision_id, attempt: report.attempt, processor: report.processor, outcome: report.outcome, at: new Date(report.atMs).toISOString(),
      latency_ms: report.latency_ms ?? null, decline_code: report.decline_code ?? null, fee: report.fee ?? null, replayed: false,
    },
  };
}

type Key = { id: string; decided_at: string };

/** The time range of the keys, as constants the planner prunes partitions with. */
function range(keys: readonly Key[]) {
  const times = keys.map((k) => k.decided_at).sort();
  return { from: times[0]!, to: times[times.length - 1]! };
}

async function loadDecisions(tx: Db, keys: readonly Key[]): Promise<Map<string, DecisionRow>> {
  const { from, to } = range(keys);
  const rows = await queryRows<{ id: string; outcome: string; candidates: string[]; currency: string | null; card_country: string | null; card_brand: string | null; payment_method: string | null }>(tx, sql`
    select d.id, d.outcome, d.candidates, d.currency, d.card_country, d.card_brand, d.payment_method
    from decision_log d
    join jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(id text, decided_at timestamptz) on d.id = k.id and d.decided_at = k.decided_at
    where d.decided_at >= ${from}::timestamptz and d.decided_at <= ${to}::timestamptz`);
  return new Map(rows.map((r) => [r.id, {
    id: r.id,
    outcome: r.outcome,
    candidates: r.candidates,
    segments: { currency: r.currency ?? '', card_country: r.card_country ?? '', card_brand: r.card_brand ?? '', payment_method: r.payment_method ?? '' },
  }]));
}

async function loadAttempts(tx: Db, keys: readonly Key[]): Promise<Map<string, Map<number, ExistingAttempt>>> {
  const { from, to } = range(keys);
  const rows = await queryRows<Omit<ExistingAttempt, 'at'> & { decision_id: string; attempt: number; at: string | Date }>(tx, sql`
    select a.decision_id, a.attempt, a.processor, a.outcome, a.at, a.latency_ms, a.decline_code, a.fee
    from decision_attempts a
    join jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(id text, decided_at timestamptz) on a.decision_id = k.id and a.decided_at = k.decided_at
    where a.decided_at >= ${from}::timestamptz and a.decided_at <= ${to}::timestamptz`);
  const found = new Map<string, Map<number, ExistingAttempt>>();
  for (const { decision_id, attempt, at, ...rest } of rows) {
    let attempts = found.get(decision_id);
    if (!attempts) found.set(decision_id, (attempts = new Map()));
    attempts.set(attempt, { ...rest, at: new Date(at).toISOString() });
  }
  return found;
}

export type AttemptLineOutcome =
  | { kind: 'refused'; line: number; error: ServiceError }
  | { kind: 'summary'; lines: number; stored: number; replayed: number; refused: number };

/**
 * POST /attempts: JSON lines in, applied ATTEMPTS_CHUNK lines at a time as they stream in. A line
 * that cannot be read or is refused is reported with its number and the rest are applied (the
 * endpoint is idempotent, so sending the corrected file again stores only what was missing).
 * Yields each refusal as it is found, then one summary.
 */
export async function* reportAttemptsJsonLines(ctx: ServiceContext, chunks: AsyncIterable<string>, pending: DecisionLog | null = null): AsyncGenerator<AttemptLineOutcome> {
  const summary = { kind: 'summary' as const, lines: 0, stored: 0, replayed: 0, refused: 0 };
  let batch: { line: number; value: unknown }[] = [];
  const apply = async function* (): AsyncGenerator<AttemptLineOutcome> {
    const applied = await reportAttemptLines(ctx, batch, pending);
    const verdicts = applied.ok ? applied.value : batch.map(({ line }) => ({ line, verdict: { ok: false as const, error: applied.error } }));
    batch = [];
    for (const { line, verdict } of verdicts) {
      if (!verdict.ok) {
        summary.refused++;
        yield { kind: 'refused', line, error: verdict.error };
      } else if (verdict.attempt.replayed) summary.replayed++;
      else summary.stored++;
    }
  };
  for await (const records of parseJsonLinesRecords(chunks, { maxLineLength: MAX_LINE })) {
    for (const record of records) {
      summary.lines++;
      if (!record.ok) {
        summary.refused++;
        yield { kind: 'refused', line: record.line, error: { code: 'validation', message: `Line ${record.line}: ${record.error}.`, issues: [{ path: [], message: record.error }] } };
      } else batch.push({ line: record.line, value: record.transaction });
      if (batch.length >= ATTEMPTS_CHUNK) yield* apply();
    }
  }
  if (batch.length > 0) yield* apply();
  yield summary;
}

/** A report is a few hundred bytes; a line far longer is not one. */
const MAX_LINE = 4096;
