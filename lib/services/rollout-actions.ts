import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rollouts } from '@/db/schema';
import { percentToBp, type StartRolloutInput } from '@/lib/rollouts/schema';
import { anId, aVersion, checkArguments } from './arguments';
import { actorName, type ServiceContext } from './context';
import { activateVersion } from './publishing';
import { fail, notFound, ok, uniqueViolation, type Result } from './result';
import { getSettings } from './settings';
import { write } from './write';

/*
 * The four changes to a rollout, each one audited write. They run directly, or later when a four-eyes
 * request is approved (lib/services/going-live.ts calls `applyRolloutAction` inside its approval).
 * Preconditions are checked again inside the transaction, so an approval of a stale request is refused.
 */

export type RolloutRow = typeof rollouts.$inferSelect;

/** The action a four-eyes request carries in its `input`. */
export type RolloutAction =
  /** `requested_by`: under four-eyes, the requester, recorded as who started it. */
  | { action: 'start'; scheme_id: string; version: number; settings: StartRolloutInput; requested_by?: string }
  | { action: 'share'; rollout_id: string; share_percent: number }
  | { action: 'stop'; rollout_id: string }
  | { action: 'promote'; rollout_id: string };

export async function applyRolloutAction(ctx: ServiceContext, action: RolloutAction): Promise<Result<RolloutRow>> {
  switch (action.action) {
    case 'start':
      return start(ctx, action.scheme_id, action.version, action.settings, action.requested_by);
    case 'share':
      return changeShare(ctx, action.rollout_id, action.share_percent);
    case 'stop':
      return stop(ctx, action.rollout_id);
    case 'promote':
      return promote(ctx, action.rollout_id);
  }
}

/** Why this version cannot be rolled out now, or null. */
export async function startProblem(db: Db, schemeId: string, version: number): Promise<string | null> {
  const args = checkArguments({ scheme_id: anId(schemeId), version: aVersion(version) });
  if (!args.ok) return args.error.message;
  const account = await getSettings(db);
  if (account.active_scheme_id !== schemeId || account.active_version === null) return 'Only a version of the live scheme can be rolled out beside it; make the scheme live first.';
  if (account.active_version === version) return `v${version} is already the live version.`;
  const [running] = await db.select({ id: rollouts.id, kind: rollouts.kind, version: rollouts.version }).from(rollouts).where(eq(rollouts.status, 'running'));
  if (running) return `A ${running.kind} of v${running.version} is running; stop or promote it first (one rollout at a time).`;
  return null;
}

async function start(ctx: ServiceContext, schemeId: string, version: number, settings: StartRolloutInput, requestedBy?: string): Promise<Result<RolloutRow>> {
  return write(ctx, 'publisher', async (tx, audit) => {
    const problem = await startProblem(tx, schemeId, version);
    if (problem) return fail({ code: 'conflict', message: problem });
    const account = await getSettings(tx);
    const id = `rol_${randomBytes(8).toString('hex')}`;
    let row: RolloutRow | undefined;
    try {
      [row] = await tx.insert(rollouts).values({
        id,
        kind: settings.kind,
        schemeId,
        version,
        controlVersion: account.active_version!,
        shareBp: settings.kind === 'canary' ? percentToBp(settings.share_percent!) : 0,
        maxDropPoints: settings.max_drop_points,
        minAttempts: settings.min_attempts,
        windowSeconds: settings.window_seconds,
        autoPromote: settings.auto_promote,
        startedBy: requestedBy ?? actorName(ctx.actor),
      }).returning();
    } catch (error) {
      if (uniqueViolation(error)) return fail({ code: 'conflict', message: 'Another rollout was started at the same moment; one rollout at a time.' });
      throw error;
    }
    await audit({ action: 'start', entity: 'rollout', entityId: id, detail: { scheme_id: schemeId, version, control_version: account.active_version, ...settings } });
    return ok(row!);
  });
}

async function running(tx: Db, id: string): Promise<Result<RolloutRow>> {
  const [row] = await tx.select().from(rollouts).where(eq(rollouts.id, id));
  if (!row) return fail(notFound('Rollout', id));
  if (row.status !== 'running') return fail({ code: 'conflict', message: `This rollout is ${row.status} already.` });
  return ok(row);
}

async function changeShare(ctx: ServiceContext, id: string, sharePercent: number): Promise<Result<RolloutRow>> {
  return write(ctx, 'publisher', async (tx, audit) => {
    const found = await running(tx, id);
    if (!found.ok) return found;
    if (found.value.kind !== 'canary') return fail({ code: 'conflict', message: 'A shadow takes no traffic: it has no share to change.' });
    const shareBp = percentToBp(sharePercent);
    const [row] = await tx.update(rollouts).set({ shareBp }).where(and(eq(rollouts.id, id), eq(rollouts.status, 'running'))).returning();
    await audit({ action: 'share', entity: 'rollout', entityId: id, detail: { scheme_id: found.value.schemeId, version: found.value.version, share_bp: { before: found.value.shareBp, after: shareBp } } });
    return ok(row!);
  });
}

async function stop(ctx: ServiceContext, id: string): Promise<Result<RolloutRow>> {
  return write(ctx, 'publisher', async (tx, audit) => {
    const found = await running(tx, id);
    if (!found.ok) return found;
    const [row] = await tx.update(rollouts).set({ status: 'stopped', shareBp: 0, endedBy: actorName(ctx.actor), endedAt: new Date() }).where(and(eq(rollouts.id, id), eq(rollouts.status, 'running'))).returning();
    await audit({ action: 'stop', entity: 'rollout', entityId: id, detail: { scheme_id: found.value.schemeId, version: found.value.version } });
    return ok(row!);
  });
}

/** Promote = make the version live for all traffic (an activation, audited as one) and end the rollout. A tripped or stopped rollout may still be promoted by hand. */
async function promote(ctx: ServiceContext, id: string): Promise<Result<RolloutRow>> {
  return write(ctx, 'publisher', async (tx, audit) => {
    const [found] = await tx.select().from(rollouts).where(eq(rollouts.id, id));
    if (!found) return fail(notFound('Rollout', id));
    if (found.status === 'promoted') return fail({ code: 'conflict', message: 'This rollout is promoted already.' });
    const activated = await activateVersion({ ...ctx, db: tx }, found.schemeId, found.version);
    if (!activated.ok) return activated;
    const [row] = await tx.update(rollouts).set({ status: 'promoted', endedBy: found.endedBy ?? actorName(ctx.actor), endedAt: found.endedAt ?? new Date() })
      .where(and(eq(rollouts.id, id), inArray(rollouts.status, ['running', 'stopped', 'tripped']))).returning();
    if (!row) return fail({ code: 'conflict', message: 'Someone else promoted this rollout at the same moment.' });
    await audit({ action: 'promote', entity: 'rollout', entityId: id, detail: { scheme_id: found.schemeId, version: found.version, from_status: found.status } });
    return ok(row);
  });
}
