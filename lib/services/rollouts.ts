import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rollouts } from '@/db/schema';
import { ChangeShareSchema, StartRolloutSchema, type RolloutKind, type RolloutStatus } from '@/lib/rollouts/schema';
import { parseInput } from '@/lib/text/hostile';
import { anId, aVersion, checkArguments, isId } from './arguments';
import { requireRole } from './access';
import type { ServiceContext } from './context';
import { createRequest, fourEyesOn, type GoLiveOutcome } from './going-live';
import { getVersion } from './publishing';
import { fail, notFound, ok, validationError, type Result } from './result';
import { applyRolloutAction, startProblem, type RolloutAction, type RolloutRow } from './rollout-actions';

/*
 * Rollouts (docs/rollouts.md): run a published version of the live scheme in shadow, or as a canary
 * on a share of traffic. Publisher actions; with four-eyes on, each becomes an approval request that a
 * different publisher or admin approves (then it runs).
 */

export interface RolloutSummary {
  id: string;
  kind: RolloutKind;
  scheme_id: string;
  version: number;
  control_version: number;
  /** Canary share in percent (0 once stopped or tripped; 0 for a shadow). */
  share_percent: number;
  max_drop_points: number;
  min_attempts: number;
  window_seconds: number;
  auto_promote: boolean;
  status: RolloutStatus;
  started_by: string;
  started_at: string;
  ended_by: string | null;
  ended_at: string | null;
  evaluated_at: string | null;
  evaluation: Record<string, unknown> | null;
}

export function toRolloutSummary(row: RolloutRow): RolloutSummary {
  return {
    id: row.id,
    kind: row.kind,
    scheme_id: row.schemeId,
    version: row.version,
    control_version: row.controlVersion,
    share_percent: row.shareBp / 100,
    max_drop_points: row.maxDropPoints,
    min_attempts: row.minAttempts,
    window_seconds: row.windowSeconds,
    auto_promote: row.autoPromote,
    status: row.status,
    started_by: row.startedBy,
    started_at: row.startedAt.toISOString(),
    ended_by: row.endedBy,
    ended_at: row.endedAt?.toISOString() ?? null,
    evaluated_at: row.evaluatedAt?.toISOString() ?? null,
    evaluation: row.evaluation ?? null,
  };
}

/** Runs the change now, or with four-eyes on requests it (the request names the scheme and version). */
async function runOrRequest(ctx: ServiceContext, schemeId: string, version: number, action: RolloutAction): Promise<Result<GoLiveOutcome<RolloutSummary>>> {
  if (await fourEyesOn(ctx.db)) {
    const requestedBy = ctx.actor.kind === 'user' ? ctx.actor.email : undefined;
    const input = action.action === 'start' ? { ...action, requested_by: requestedBy } : action;
    const request = await createRequest(ctx, { kind: 'rollout', schemeId, version, draftRevision: null, input: input as unknown as Record<string, unknown> });
    return request.ok ? ok({ status: 'requested', request: request.value }) : request;
  }
  const done = await applyRolloutAction(ctx, action);
  return done.ok ? ok({ status: 'done', value: toRolloutSummary(done.value) }) : done;
}

/** Start a shadow or a canary of `version` beside the live version of the same scheme. */
export async function startRollout(ctx: ServiceContext, schemeId: string, version: number, input: unknown): Promise<Result<GoLiveOutcome<RolloutSummary>>> {
  const args = checkArguments({ scheme_id: anId(schemeId), version: aVersion(version) });
  if (!args.ok) return args;
  const allowed = requireRole(ctx, 'publisher');
  if (!allowed.ok) return allowed;
  const parsed = parseInput(StartRolloutSchema, input ?? {});
  if (!parsed.success) return fail(validationError(parsed.error));
  const found = await getVersion(ctx.db, schemeId, version);
  if (!found.ok) return found;
  const problem = await startProblem(ctx.db, schemeId, version);
  if (problem) return fail({ code: 'conflict', message: problem });
  return runOrRequest(ctx, schemeId, version, { action: 'start', scheme_id: schemeId, version, settings: parsed.data });
}

async function findRollout(ctx: ServiceContext, rolloutId: string): Promise<Result<RolloutRow>> {
  const allowed = requireRole(ctx, 'publisher');
  if (!allowed.ok) return allowed;
  const [row] = await ctx.db.select().from(rollouts).where(eq(rollouts.id, rolloutId));
  return row ? ok(row) : fail(notFound('Rollout', rolloutId));
}

/** A running canary's share of traffic, in percent. */
export async function changeRolloutShare(ctx: ServiceContext, rolloutId: string, input: unknown): Promise<Result<GoLiveOutcome<RolloutSummary>>> {
  const args = checkArguments({ rollout_id: anId(rolloutId) });
  if (!args.ok) return args;
  const found = await findRollout(ctx, rolloutId);
  if (!found.ok) return found;
  const parsed = parseInput(ChangeShareSchema, input ?? {});
  if (!parsed.success) return fail(validationError(parsed.error));
  return runOrRequest(ctx, found.value.schemeId, found.value.version, { action: 'share', rollout_id: rolloutId, share_percent: parsed.data.share_percent });
}

/** Stop a running rollout: all traffic back on the live version, the rollout kept as history. */
export async function stopRollout(ctx: ServiceContext, rolloutId: string): Promise<Result<GoLiveOutcome<RolloutSummary>>> {
  const args = checkArguments({ rollout_id: anId(rolloutId) });
  if (!args.ok) return args;
  const found = await findRollout(ctx, rolloutId);
  if (!found.ok) return found;
  return runOrRequest(ctx, found.value.schemeId, found.value.version, { action: 'stop', rollout_id: rolloutId });
}

/** Make the rollout's version live for all traffic (an activation) and end the rollout. */
export async function promoteRollout(ctx: ServiceContext, rolloutId: string): Promise<Result<GoLiveOutcome<RolloutSummary>>> {
  const args = checkArguments({ rollout_id: anId(rolloutId) });
  if (!args.ok) return args;
  const found = await findRollout(ctx, rolloutId);
  if (!found.ok) return found;
  return runOrRequest(ctx, found.value.schemeId, found.value.version, { action: 'promote', rollout_id: rolloutId });
}

export async function getRollout(db: Db, rolloutId: string): Promise<Result<RolloutSummary>> {
  const args = checkArguments({ rollout_id: anId(rolloutId) });
  if (!args.ok) return args;
  const [row] = await db.select().from(rollouts).where(eq(rollouts.id, rolloutId));
  return row ? ok(toRolloutSummary(row)) : fail(notFound('Rollout', rolloutId));
}

/** A scheme's rollouts, newest first. */
export async function listRollouts(db: Db, schemeId: string, limit = 20): Promise<RolloutSummary[]> {
  if (!isId(schemeId)) return [];
  const rows = await db.select().from(rollouts).where(eq(rollouts.schemeId, schemeId)).orderBy(desc(rollouts.startedAt)).limit(limit);
  return rows.map(toRolloutSummary);
}

/** The account's latest rollout (running, else the last to end), when the guardrail stopped it: the dashboard's flag. */
export async function trippedRollout(db: Db): Promise<RolloutSummary | null> {
  const [row] = await db.select().from(rollouts).orderBy(sql`${rollouts.endedAt} desc nulls first`).limit(1);
  return row?.status === 'tripped' ? toRolloutSummary(row) : null;
}
