import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { scheduledChanges } from '@/db/schema';
import { canonicalTimeZone } from '@/lib/settings/time-zone';
import { instantOfLocal } from '@/lib/schedule/local-time';
import { actorName, type Role, type ServiceContext } from './context';
import { getSettings } from './settings';
import { fail, notFound, ok, type FieldIssue, type Result } from './result';
import { write, type Audit } from './write';
import { anId, checkArguments, isId } from './arguments';

/*
 * The one table of changes that run later (docs/scheduled-changes.md). This module stores, lists and
 * cancels them; what each kind does when it runs lives with its own service (scheduled-activation.ts,
 * drains.ts), and the ticker (ticker.ts) runs the due ones.
 */

type Row = typeof scheduledChanges.$inferSelect;

export type ScheduledStatus = Row['status'];

export interface ScheduledChange {
  id: string;
  kind: string;
  run_at: string;
  zone: string;
  /** The wall-clock time as typed in `zone`; null when given as a duration. */
  local_time: string | null;
  payload: Record<string, unknown>;
  status: ScheduledStatus;
  result: string | null;
  subject: string;
  scheduled_by: string;
  scheduled_at: string;
  finished_at: string | null;
}

export const toChange = (row: Row): ScheduledChange => ({
  id: row.id,
  kind: row.kind,
  run_at: row.runAt.toISOString(),
  zone: row.zone,
  local_time: row.localTime,
  payload: row.payload,
  status: row.status,
  result: row.result,
  subject: row.subject,
  scheduled_by: row.scheduledBy,
  scheduled_at: row.scheduledAt.toISOString(),
  finished_at: row.finishedAt?.toISOString() ?? null,
});

/** The least role that may schedule or cancel each kind: as the change itself needs when made by hand. */
export const KIND_ROLES: Readonly<Record<string, Role>> = { activate: 'publisher', drain_end: 'editor' };

export const newChangeId = () => `sch_${randomBytes(8).toString('hex')}`;

/** The database's clock: every instance compares due times with the same one. */
export async function databaseNow(db: Db): Promise<Date> {
  // postgres.js answers a list of rows, PGlite an object with `rows`.
  const answer = (await db.execute(sql`select now()::text as now`)) as unknown as { now: string }[] | { rows: { now: string }[] };
  const [row] = Array.isArray(answer) ? answer : answer.rows;
  return new Date(row!.now);
}

export interface ChosenInstant {
  instant: Date;
  zone: string;
  local: string;
  /** Said when the local time happens twice (clocks going back) and the first was taken. */
  note?: string;
}

/**
 * A local date-time typed in a zone (the account's when none is given) → the instant, refused when it
 * does not exist (clocks going forward) or is not after the database's now.
 */
export async function chooseInstant(db: Db, local: string, zone: string | undefined, path: string): Promise<Result<ChosenInstant>> {
  const refuse = (issue: FieldIssue) => fail<never>({ code: 'validation', message: issue.message, issues: [issue] });
  const canonical = zone?.trim() ? canonicalTimeZone(zone) : (await getSettings(db)).time_zone;
  if (!canonical) return refuse({ path: ['zone'], message: `Unknown time zone ${JSON.stringify(zone)}: give an IANA name such as Europe/Berlin.` });
  const found = instantOfLocal(local, canonical);
  if (!found.ok) return refuse({ path: [path], message: found.message });
  const now = await databaseNow(db);
  if (found.instant.getTime() <= now.getTime()) {
    return refuse({ path: [path], message: `${local.trim()} ${canonical} has already passed (it is ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC now). Pick a later time.` });
  }
  return ok({ instant: found.instant, zone: canonical, local: local.trim().replace(' ', 'T'), ...(found.fold ? { note: found.fold } : {}) });
}

/** Adds a pending change inside the caller's write. */
export async function insertChange(tx: Db, values: Pick<Row, 'kind' | 'runAt' | 'zone' | 'localTime' | 'payload' | 'subject' | 'scheduledBy'>): Promise<ScheduledChange> {
  const [row] = await tx.insert(scheduledChanges).values({ id: newChangeId(), ...values }).returning();
  return toChange(row!);
}

/** Changes about one subject (`scheme:<id>`, `processor:<id>`): pending first (soonest first), then the latest finished ones. */
export async function listScheduledChanges(db: Db, subject: string, finished = 10): Promise<ScheduledChange[]> {
  if (!/^(scheme|processor):/.test(subject) || !isId(subject.split(':').slice(1).join(':'))) return [];
  const [pending, done] = await Promise.all([
    db.select().from(scheduledChanges).where(and(eq(scheduledChanges.subject, subject), eq(scheduledChanges.status, 'pending'))).orderBy(asc(scheduledChanges.runAt)),
    db.select().from(scheduledChanges).where(and(eq(scheduledChanges.subject, subject), sql`${scheduledChanges.status} <> 'pending'`)).orderBy(desc(scheduledChanges.finishedAt)).limit(finished),
  ]);
  return [...pending, ...done].map(toChange);
}

export async function getScheduledChange(db: Db, id: string): Promise<ScheduledChange | undefined> {
  if (!isId(id)) return undefined;
  const [row] = await db.select().from(scheduledChanges).where(eq(scheduledChanges.id, id));
  return row && toChange(row);
}

/**
 * Marks a pending change finished inside the caller's transaction. Only a pending row changes: the
 * ticker holds the row locked while it runs it, so a cancel racing the run waits, then finds it done.
 */
export async function finishChange(tx: Db, id: string, status: Exclude<ScheduledStatus, 'pending'>, result: string): Promise<ScheduledChange | undefined> {
  const [row] = await tx
    .update(scheduledChanges)
    .set({ status, result, finishedAt: sql`now()` })
    .where(and(eq(scheduledChanges.id, id), eq(scheduledChanges.status, 'pending')))
    .returning();
  return row && toChange(row);
}

export const alreadyFinished = (change: ScheduledChange) =>
  fail<never>({ code: 'conflict', message: `This change is no longer pending: it was ${change.status}${change.result ? ` (${change.result})` : ''}.` });

/** Cancel a pending change; the role is the one its kind needs (publisher for an activation, editor for a drain's end). */
export async function cancelScheduledChange(ctx: ServiceContext, id: string): Promise<Result<ScheduledChange>> {
  const args = checkArguments({ change_id: anId(id) });
  if (!args.ok) return args;
  const existing = await getScheduledChange(ctx.db, id);
  if (!existing) return fail(notFound('Scheduled change', id));
  return write(ctx, KIND_ROLES[existing.kind] ?? 'admin', async (tx, audit) => cancelIn(tx, audit, existing, `cancelled by ${actorName(ctx.actor)}`));
}

export async function cancelIn(tx: Db, audit: Audit, change: ScheduledChange, why: string): Promise<Result<ScheduledChange>> {
  const cancelled = await finishChange(tx, change.id, 'cancelled', why);
  if (!cancelled) return alreadyFinished((await getScheduledChange(tx, change.id)) ?? change);
  await audit({ action: 'cancel', entity: 'scheduled_change', entityId: change.id, detail: { kind: change.kind, subject: change.subject, run_at: change.run_at, why } });
  return ok(cancelled);
}
