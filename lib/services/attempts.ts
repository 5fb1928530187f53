import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { OUTCOME_CATEGORIES } from '@/lib/processors/schema';
import { parseInput } from '@/lib/text/hostile';
import { judge, timeProblem, unknownDecision, type AttemptReport, type StoredAttempt, type Verdict } from '@/lib/traffic/attempt-rules';
import { ConcurrentReport, keysOf, loadAttempts, loadDecisions, storeAttempts, type AcceptedAttempt } from './attempts-store';
import type { ServiceContext } from './context';
import { decisionTimeOf } from './decision-id';
import type { DecisionLog } from './decision-log';
import { fail, ok, validationError, type Result } from './result';
import { ensurePartitions } from './traffic-partitions';
import { write, type AuditEvent } from './write';
import { anId, checkArguments } from './arguments';

export type { StoredAttempt, Verdict } from '@/lib/traffic/attempt-rules';

/**
 * Outcome feedback: the payment backend reports what each attempt of a recorded decision did. A
 * report is stored once per (decision, attempt number); lib/traffic/attempt-rules.ts says what is a
 * replay, a conflict or refused. Stored attempts are added to the rollups in the same transaction,
 * with one audit entry per request (per chunk of a backfill).
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
type AttemptInput = z.output<typeof AttemptInputSchema>;

/** One line of POST /attempts: an attempt and the decision it belongs to. */
export const AttemptLineSchema = AttemptInputSchema.extend({ decision_id: z.string().min(1).max(64).describe('dec_…, as decide answered it.') });

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
 * A chunk of the JSON-lines backfill: each line's verdict, in order. A refused line does not stop
 * the others; what is stored is stored in one transaction with one audit entry.
 */
export async function reportAttemptLines(ctx: ServiceContext, lines: readonly { line: number; value: unknown }[], pending: DecisionLog | null = null): Promise<Result<{ line: number; verdict: Verdict }[]>> {
  const now = Date.now();
  const verdicts: { line: number; verdict: Verdict }[] = [];
  const reports: { line: number; report: AttemptReport }[] = [];
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

function reportOf(decisionId: string, attempt: AttemptInput, now: number): Result<AttemptReport> {
  const decidedAt = decisionTimeOf(decisionId);
  if (decidedAt === null) return fail(unknownDecision(decisionId));
  const atMs = attempt.at === undefined ? now : Date.parse(attempt.at);
  const problem = timeProblem(attempt.at, atMs, decidedAt, now);
  if (problem) return fail(problem);
  const { at: _at, ...rest } = attempt;
  return ok({ ...rest, decision_id: decisionId, decidedAt, atMs });
}

/**
 * Judges every report against the stored decision and attempts (reads), then stores the new ones
 * and their rollups in one write. When another request stored one of the same attempts between the
 * read and the insert, the write is rolled back and everything judged again (it is then a replay or
 * a conflict like any other).
 */
async function applyReports(ctx: ServiceContext, reports: readonly AttemptReport[], pending: DecisionLog | null, event: (stored: StoredAttempt[]) => AuditEvent): Promise<Result<Verdict[]>> {
  // A decision this instance made moments ago may still be in its buffer: write it first.
  await pending?.writeIfWaiting(reports.reduce((latest, r) => Math.max(latest, r.decidedAt), -Infinity));
  const reporter = ctx.actor.kind === 'api_key' ? ctx.actor.id : null;
  for (let round = 0; ; round++) {
    const { verdicts, accepted } = await judgeAll(ctx.db, reports);
    if (accepted.length === 0) return ok(verdicts);
    await ensurePartitions(ctx.db, accepted.map((r) => r.atMs));
    try {
      const written = await write(ctx, 'editor', async (tx, audit) => {
        await storeAttempts(tx, reporter, accepted);
        await audit({ ...event(accepted.map((r) => r.stored)), quiet: true });
        return ok(undefined);
      });
      return written.ok ? ok(verdicts) : written;
    } catch (error) {
      if (!(error instanceof ConcurrentReport) || round >= RACE_RETRIES) throw error;
    }
  }
}

async function judgeAll(db: Db, reports: readonly AttemptReport[]): Promise<{ verdicts: Verdict[]; accepted: AcceptedAttempt[] }> {
  const keys = keysOf(reports);
  const [decisions, existing] = await Promise.all([loadDecisions(db, keys), loadAttempts(db, keys)]);
  const verdicts: Verdict[] = [];
  const accepted: AcceptedAttempt[] = [];
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
      accepted.push({ ...report, segments: decision.segments, stored: verdict.attempt });
    }
  }
  return { verdicts, accepted };
}
