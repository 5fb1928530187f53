import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { rollouts } from '@/db/schema';
import { judgeGuardrail, type GuardrailJudgement } from '@/lib/rollouts/guardrail';
import { actorName, type ServiceContext } from './context';
import { fail, ok, type Result } from './result';
import { applyRolloutAction, type RolloutRow } from './rollout-actions';
import { rolloutArms } from './rollout-stats';
import { write } from './write';

/*
 * The canary's guardrail (docs/rollouts.md). Every instance calls `checkGuardrails` on each tick of
 * its ticker (lib/services/ticker.ts). Each window of a running canary is judged once: the instance
 * whose conditional UPDATE moves `evaluated_at` on (Postgres time, `now()`) judges it; the others find
 * nothing to claim. A breach stops the canary with another conditional UPDATE (status running →
 * tripped), so however many instances see it, it is stopped and audited once. The judgement reads the
 * outcomes of every decision since the canary started.
 *
 * The claim and the judgement kept on the row are bookkeeping, not audited (like the decision log);
 * the stop and an automatic promotion are audited, by the system.
 */

export interface GuardrailOutcome {
  rollout_id: string;
  judgement: GuardrailJudgement;
  /** What this call did: judged only, stopped the canary, or promoted it. */
  action: 'none' | 'tripped' | 'promoted';
}

export async function checkGuardrails(ctx: ServiceContext): Promise<GuardrailOutcome[]> {
  const claimed = await ctx.db.update(rollouts).set({ evaluatedAt: sql`now()` })
    .where(and(
      eq(rollouts.status, 'running'),
      eq(rollouts.kind, 'canary'),
      sql`coalesce(${rollouts.evaluatedAt}, ${rollouts.startedAt}) <= now() - make_interval(secs => ${rollouts.windowSeconds})`,
    ))
    .returning();
  const outcomes: GuardrailOutcome[] = [];
  for (const row of claimed) outcomes.push(await judge(ctx, row));
  return outcomes;
}

async function judge(ctx: ServiceContext, row: RolloutRow): Promise<GuardrailOutcome> {
  const arms = await rolloutArms(ctx.db, row.id, row.startedAt);
  if (!arms.ok) throw new Error(arms.error.message);
  const [control, canary] = arms.value;
  const judgement = judgeGuardrail(control!, canary!, { maxDropPoints: row.maxDropPoints, minAttempts: row.minAttempts });
  const evaluation = { ...judgement, at: new Date().toISOString() } as unknown as Record<string, unknown>;
  if (judgement.breach) {
    const tripped = await trip(ctx, row, evaluation);
    return { rollout_id: row.id, judgement, action: tripped.ok ? 'tripped' : 'none' };
  }
  await ctx.db.update(rollouts).set({ evaluation }).where(and(eq(rollouts.id, row.id), eq(rollouts.status, 'running')));
  if (row.autoPromote && judgement.enough) {
    const promoted = await applyRolloutAction(ctx, { action: 'promote', rollout_id: row.id });
    return { rollout_id: row.id, judgement, action: promoted.ok ? 'promoted' : 'none' };
  }
  return { rollout_id: row.id, judgement, action: 'none' };
}

/** Stops the canary (share 0, status tripped) if it is still running; refused (nothing written) when another instance got there first. */
function trip(ctx: ServiceContext, row: RolloutRow, evaluation: Record<string, unknown>): Promise<Result<RolloutRow>> {
  return write(ctx, 'publisher', async (tx, audit) => {
    const [stopped] = await tx.update(rollouts)
      .set({ status: 'tripped', shareBp: 0, endedBy: actorName(ctx.actor), endedAt: new Date(), evaluation })
      .where(and(eq(rollouts.id, row.id), eq(rollouts.status, 'running')))
      .returning();
    if (!stopped) return fail({ code: 'conflict', message: 'already ended' });
    await audit({ action: 'trip', entity: 'rollout', entityId: row.id, detail: { scheme_id: row.schemeId, version: row.version, share_bp_before: row.shareBp, ...evaluation } });
    return ok(stopped);
  });
}
