import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import { answerLabel } from '@/lib/rollouts/differences';
import type { Arm } from '@/lib/rollouts/arm';
import { anId, checkArguments, isId } from './arguments';
import { decisionTimeOf } from './decision-id';
import type { DecisionLog } from './decision-log';
import { ok, type Result } from './result';

/*
 * What a rollout's panel and the guardrail read: the decision log's rows of this rollout (found by the
 * partial index on rollout_id), joined with the attempts the payment backend reported for them. These
 * read raw rows rather than rollups: a rollout is one trial of bounded length, and only its own rows
 * are read.
 */

export interface ArmStats {
  arm: Arm;
  decisions: number;
  /** Reported attempts of those decisions, and how many were approved. */
  attempts: number;
  approved: number;
  approval_rate: number | null;
}

/** Per arm (a shadow's decisions all count as `control`): decisions, attempts, approvals, since `since`. */
export async function rolloutArms(db: Db, rolloutId: string, since: Date): Promise<Result<ArmStats[]>> {
  const args = checkArguments({ rollout_id: anId(rolloutId) });
  if (!args.ok) return args;
  const rows = await queryRows<{ arm: string | null; decisions: number | string; attempts: number | string; approved: number | string }>(db, sql`
    select d.arm, count(*) as decisions, coalesce(sum(a.attempts), 0) as attempts, coalesce(sum(a.approved), 0) as approved
    from decision_log d
    left join lateral (
      select count(*) as attempts, count(*) filter (where t.outcome = 'approved') as approved
      from decision_attempts t where t.decision_id = d.id and t.decided_at = d.decided_at
    ) a on true
    where d.rollout_id = ${rolloutId} and d.decided_at >= ${since.toISOString()}::timestamptz
    group by d.arm`);
  const arms: ArmStats[] = (['control', 'canary'] as const).map((arm) => {
    const found = rows.filter((r) => (r.arm ?? 'control') === arm);
    const sum = (key: 'decisions' | 'attempts' | 'approved') => found.reduce((total, r) => total + Number(r[key]), 0);
    const attempts = sum('attempts');
    return { arm, decisions: sum('decisions'), attempts, approved: sum('approved'), approval_rate: attempts > 0 ? sum('approved') / attempts : null };
  });
  return ok(arms);
}

export interface DifferenceGroup {
  /** "proc_stripe → proc_adyen", "proc_stripe → no route", "blocked → error". */
  live: string;
  shadow: string;
  decisions: number;
  share: number;
  /** Up to three examples: the decision and the transaction as recorded (redacted as the log keeps it). */
  examples: { decision_id: string; decided_at: string; transaction: Record<string, unknown> }[];
}

export interface ShadowDifferences {
  /** Decisions the shadow was compared on in the window, and how many differed. */
  compared: number;
  differing: number;
  share: number | null;
  groups: DifferenceGroup[];
}

const EXAMPLES = 3;
const GROUPS = 20;

/** Where the shadow's final answer differed from the live one, grouped by (live → shadow), since `since`. */
export async function shadowDifferences(db: Db, rolloutId: string, since: Date): Promise<Result<ShadowDifferences>> {
  const args = checkArguments({ rollout_id: anId(rolloutId) });
  if (!args.ok) return args;
  const from = since.toISOString();
  const [totals] = await queryRows<{ compared: number | string; differing: number | string }>(db, sql`
    select count(*) as compared, count(*) filter (where not coalesce((shadow->>'same')::boolean, false)) as differing
    from decision_log where rollout_id = ${rolloutId} and decided_at >= ${from}::timestamptz and shadow is not null`);
  const rows = await queryRows<{ outcome: string; processor: string | null; shadow_outcome: string | null; shadow_processor: string | null; shadow_error: string | null; decisions: number | string; examples: { decision_id: string; decided_at: string; transaction: Record<string, unknown> }[] }>(db, sql`
    select outcome, processor, shadow->>'outcome' as shadow_outcome, shadow->>'processor' as shadow_processor, shadow->>'error' as shadow_error,
      count(*) as decisions,
      array_to_json((array_agg(json_build_object('decision_id', id, 'decided_at', decided_at, 'transaction', transaction) order by decided_at desc))[1:${EXAMPLES}]) as examples
    from decision_log
    where rollout_id = ${rolloutId} and decided_at >= ${from}::timestamptz and shadow is not null and not coalesce((shadow->>'same')::boolean, false)
    group by 1, 2, 3, 4, 5
    order by count(*) desc
    limit ${GROUPS}`);
  const compared = Number(totals?.compared ?? 0);
  const differing = Number(totals?.differing ?? 0);
  const label = (outcome: string | null, processor: string | null, error?: string | null) =>
    answerLabel({ ...(outcome ? { outcome: outcome as 'route' } : {}), processor, ...(error ? { error } : {}) });
  return ok({
    compared,
    differing,
    share: compared > 0 ? differing / compared : null,
    groups: rows.map((r) => ({
      live: label(r.outcome, r.processor),
      shadow: label(r.shadow_outcome, r.shadow_processor, r.shadow_error),
      decisions: Number(r.decisions),
      share: compared > 0 ? Number(r.decisions) / compared : 0,
      examples: (typeof r.examples === 'string' ? JSON.parse(r.examples) : r.examples) ?? [],
    })),
  });
}

/** The transaction of one recorded decision, as the log keeps it (redacted): what an example opens in the dry run. */
export async function recordedDecisionTransaction(db: Db, decisionId: string, pending: DecisionLog | null = null): Promise<Record<string, unknown> | null> {
  if (!isId(decisionId)) return null;
  const at = decisionTimeOf(decisionId);
  if (at === null) return null;
  await pending?.writeIfWaiting(at); // made by this instance moments ago: it may still be in the buffer
  const [row] = await queryRows<{ transaction: Record<string, unknown> | string }>(db, sql`
    select transaction from decision_log where id = ${decisionId} and decided_at = ${new Date(at).toISOString()}::timestamptz`);
  if (!row) return null;
  return typeof row.transaction === 'string' ? (JSON.parse(row.transaction) as Record<string, unknown>) : row.transaction;
}
