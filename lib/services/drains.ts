import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { processors, scheduledChanges } from '@/db/schema';
import type { ProcessorStatus } from '@/lib/processors/schema';
import { formatInZone } from '@/lib/schedule/local-time';
import { parseDuration } from '@/lib/schedule/duration';
import { parseInput } from '@/lib/text/hostile';
import { actorName, type ServiceContext } from './context';
import { alreadyFinished, chooseInstant, databaseNow, finishChange, getScheduledChange, insertChange, toChange, type ScheduledChange } from './scheduled-changes';
import { fail, notFound, ok, validationError, type Result } from './result';
import { write, type Audit } from './write';
import { anId, checkArguments, isId } from './arguments';

/*
 * Draining a processor for a while: it is set `down` now and a `drain_end` change brings it back to
 * `active` at the end, by itself (docs/scheduled-changes.md). A status set by hand meanwhile wins: it
 * cancels the return.
 */

/** The status a drained processor has, and the one it comes back to. */
const DRAINED: ProcessorStatus = 'down';
const RESTORED: ProcessorStatus = 'active';
/** Longer than this is not a drain but a decision: set the status by hand. */
const MAX_DRAIN_MS = 30 * 86_400_000;

export const DrainInputSchema = z.strictObject({
  /** "2 hours", "90 min", "1h30m". */
  for: z.string().trim().max(100).optional(),
  /** Or a local date-time (YYYY-MM-DDTHH:MM) in `zone`. */
  until: z.string().trim().max(100).optional(),
  zone: z.string().trim().max(100).optional(),
});

export interface Drain {
  change: ScheduledChange;
  processor_id: string;
  until: string;
}

const subjectOf = (processorId: string) => `processor:${processorId}`;

/** The pending return of each drained processor, by processor id. */
export async function drainsByProcessor(db: Db): Promise<Map<string, ScheduledChange>> {
  const rows = await db.select().from(scheduledChanges).where(and(eq(scheduledChanges.kind, 'drain_end'), eq(scheduledChanges.status, 'pending')));
  return new Map(rows.map((row) => [String(row.payload.processor_id), toChange(row)]));
}

export async function drainOf(db: Db, processorId: string): Promise<ScheduledChange | undefined> {
  if (!isId(processorId)) return undefined;
  const [row] = await pendingDrain(db, processorId);
  return row && toChange(row);
}

const pendingDrain = (db: Db, processorId: string) =>
  db.select().from(scheduledChanges).where(and(eq(scheduledChanges.subject, subjectOf(processorId)), eq(scheduledChanges.kind, 'drain_end'), eq(scheduledChanges.status, 'pending')));

/** When a drain ends: now + a duration, or a local time in a zone; after now and at most 30 days away. */
async function drainEnd(db: Db, input: z.infer<typeof DrainInputSchema>): Promise<Result<{ at: Date; zone: string; local: string | null; note?: string }>> {
  const refuse = (path: string, message: string) => fail<never>({ code: 'validation', message, issues: [{ path: [path], message }] });
  const now = await databaseNow(db);
  let end: { at: Date; zone: string; local: string | null; note?: string };
  if (input.for && !input.until) {
    const ms = parseDuration(input.for);
    if (ms === undefined) return refuse('for', `“${input.for}” is not a duration: write it like 2 hours, 90 min or 1h30m.`);
    end = { at: new Date(now.getTime() + ms), zone: 'UTC', local: null };
  } else if (input.until && !input.for) {
    const chosen = await chooseInstant(db, input.until, input.zone, 'until');
    if (!chosen.ok) return chosen;
    end = { at: chosen.value.instant, zone: chosen.value.zone, local: chosen.value.local, ...(chosen.value.note ? { note: chosen.value.note } : {}) };
  } else {
    return refuse('for', 'Say how long (for, like 2 hours) or until when (until), not both.');
  }
  if (end.at.getTime() - now.getTime() > MAX_DRAIN_MS) return refuse(input.for ? 'for' : 'until', 'A drain lasts at most 30 days; to take a processor out for longer, set its status by hand.');
  return ok(end);
}

/**
 * Take an active processor out of traffic now and schedule its return. Editors, as status changes are.
 * Both ends are audited: this one by the caller, the return by the system naming the drain.
 */
export async function drainProcessor(ctx: ServiceContext, processorId: string, input: unknown): Promise<Result<Drain & { note?: string }>> {
  const args = checkArguments({ processor_id: anId(processorId) });
  if (!args.ok) return args;
  const parsed = parseInput(DrainInputSchema, input ?? {});
  if (!parsed.success) return fail(validationError(parsed.error));
  const end = await drainEnd(ctx.db, parsed.data);
  if (!end.ok) return end;
  const { at, zone, local, note } = end.value;
  return write(ctx, 'editor', async (tx, audit) => {
    const [processor] = await tx.select({ status: processors.status, name: processors.name }).from(processors).where(eq(processors.id, processorId)).for('update');
    if (!processor) return fail(notFound('Processor', processorId));
    const existing = await drainOf(tx, processorId);
    if (existing) return fail({ code: 'conflict', message: `${processor.name} is already drained until ${formatInZone(new Date(existing.run_at), 'UTC')}; end that drain first.` });
    if (processor.status !== RESTORED) return fail({ code: 'conflict', message: `${processor.name} is ${processor.status}, not active: only an active processor can be drained.` });
    await tx.update(processors).set({ status: DRAINED, updatedAt: new Date() }).where(eq(processors.id, processorId));
    const change = await insertChange(tx, {
      kind: 'drain_end', runAt: at, zone, localTime: local, subject: subjectOf(processorId), scheduledBy: actorName(ctx.actor),
      payload: { processor_id: processorId, drained: DRAINED, restore: RESTORED },
    });
    await audit({ action: 'drain', entity: 'processor', entityId: processorId, detail: { status: DRAINED, until: change.run_at, change_id: change.id, ...(parsed.data.for ? { for: parsed.data.for } : { zone, local_time: local }) } });
    return ok({ change, processor_id: processorId, until: change.run_at, ...(note ? { note } : {}) });
  });
}

/** "End now": the processor comes back at once, as the drain's end would have done it. */
export async function endDrainNow(ctx: ServiceContext, processorId: string): Promise<Result<Drain>> {
  const args = checkArguments({ processor_id: anId(processorId) });
  if (!args.ok) return args;
  return write(ctx, 'editor', async (tx, audit) => {
    // The change row first, then the processor row: the order the ticker locks them in.
    const [locked] = await pendingDrain(tx, processorId).for('update');
    if (!locked) return fail({ code: 'conflict', message: 'This processor is not drained (its drain ended or was cancelled).' });
    const drain = toChange(locked);
    const ended = await restore(tx, audit, drain, `ended early by ${actorName(ctx.actor)}`);
    if (!ended.ok) return ended;
    const finished = await finishChange(tx, drain.id, ended.value.status, ended.value.message);
    if (!finished) return alreadyFinished((await getScheduledChange(tx, drain.id)) ?? drain);
    return ok({ change: finished, processor_id: processorId, until: drain.run_at });
  });
}

export interface ChangeOutcome {
  status: 'done' | 'cancelled';
  message: string;
}

/** The ticker's part: a drain's end, run as the system inside the ticker's transaction. */
export async function runDrainEnd(ctx: ServiceContext, change: ScheduledChange): Promise<Result<ChangeOutcome>> {
  return write(ctx, 'editor', (tx, audit) => restore(tx, audit, change, `drain ${change.id} by ${change.scheduled_by} ended`));
}

async function restore(tx: Db, audit: Audit, change: ScheduledChange, why: string): Promise<Result<ChangeOutcome>> {
  const processorId = String(change.payload.processor_id);
  const [processor] = await tx.select({ status: processors.status, name: processors.name }).from(processors).where(eq(processors.id, processorId)).for('update');
  if (!processor) return fail(notFound('Processor', processorId));
  if (processor.status !== change.payload.drained) {
    // A status set by hand since the drain began wins (setting it cancels the return; this is the backstop).
    const message = `${processor.name} is ${processor.status} now, set since the drain began; left as it is.`;
    await audit({ action: 'drain_end_skipped', entity: 'processor', entityId: processorId, detail: { status: processor.status, change_id: change.id, drained_by: change.scheduled_by, why: message } });
    return ok({ status: 'cancelled', message });
  }
  const status = String(change.payload.restore) as ProcessorStatus;
  await tx.update(processors).set({ status, updatedAt: new Date() }).where(eq(processors.id, processorId));
  await audit({ action: 'drain_end', entity: 'processor', entityId: processorId, detail: { status, change_id: change.id, drained_by: change.scheduled_by, why } });
  return ok({ status: 'done', message: `${processor.name} is ${status} again (${why}).` });
}

/**
 * A status set by hand takes over from a drain: its pending return is cancelled, in the same
 * transaction, before the processor row is touched (the ticker locks in that order too).
 */
export async function cancelDrainOnHandChange(tx: Db, audit: Audit, processorId: string, status: string, who: string): Promise<void> {
  const why = `status set to ${status} by hand by ${who}`;
  const cancelled = await tx
    .update(scheduledChanges)
    .set({ status: 'cancelled', result: why, finishedAt: sql`now()` })
    .where(and(eq(scheduledChanges.subject, subjectOf(processorId)), eq(scheduledChanges.kind, 'drain_end'), eq(scheduledChanges.status, 'pending'), sql`${scheduledChanges.payload}->>'drained' <> ${status}`))
    .returning({ id: scheduledChanges.id });
  for (const { id } of cancelled) await audit({ action: 'cancel', entity: 'scheduled_change', entityId: id, detail: { kind: 'drain_end', subject: subjectOf(processorId), why } });
}
