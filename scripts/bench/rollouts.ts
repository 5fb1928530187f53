/**
 * `npm run bench:api`, phase (f): rollouts, in this process on an in-memory demo account (the decide
 * service's own cost; the HTTP phases dilute it further).
 *   - decide throughput (recording on) with no rollout, with a shadow running, with a canary split
 *     (50%), in interleaved rounds over the same payments: each round's ratio to its own "without",
 *     the median of those;
 *   - canary shares over 1,000,000 ids against the set share, for several shares;
 *   - a planted guardrail breach (simulated outcomes: control 90% approved, canary 70%) stopped by the
 *     guardrail runner within one evaluation window of the last judgement;
 *   - no decision answered by a version outside the rollout (every answer: control → the live
 *     version, canary → the canary's, as its arm says; after the trip, the live version only).
 */
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { rollouts } from '../../db/schema';
import { DEMO_SCHEME_ID, seedDemoData } from '../../db/seed';
import { armOf, transactionIdOf } from '../../lib/rollouts/arm';
import { systemContext } from '../../lib/services/context';
import { decide, DecisionCache, type DecideResponse } from '../../lib/services/decisions';
import { DecisionLog } from '../../lib/services/decision-log';
import { writePacked } from '../../lib/services/decision-log-store';
import { startTicker } from '../../lib/services/ticker';
import { publishScheme } from '../../lib/services/publishing';
import { startRollout, stopRollout } from '../../lib/services/rollouts';
import { getScheme, saveDraft } from '../../lib/services/schemes';

export interface RolloutBench {
  perSecond: { none: number; shadow: number; canary: number };
  /** Median over rounds of each round's throughput against the same round's without. */
  ratios: { shadow: number; canary: number };
  shares: { setPercent: number; gotPercent: number }[];
  /** ms from the breach planted (one judgement just before it) to the canary stopped; null if it never stopped. */
  tripMs: number | null;
  /** ms from the breach to the judgement that stopped it (the claim's Postgres time): the next one, one window on. */
  judgedMs: number | null;
  windowMs: number;
  tickMs: number;
  /** Answers by a version outside the rollout, or on the wrong arm. */
  outside: number;
  checked: number;
}

/** Many short rounds, interleaved: a burst of other work on a loaded machine spoils a few rounds, not the median. */
const ROUNDS = 300;
const ROUND_PAYMENTS = 200;
const WINDOW_SECONDS = 5;
const TICK_MS = 250;

export async function rolloutBench(bodies: string[]): Promise<RolloutBench> {
  const connection = await openDatabase({ kind: 'memory' });
  await connection.migrate();
  await seedDemoData(connection.db);
  const db = connection.db;
  const ops = systemContext(db, 'bench');
  // v2: the same document published again (every shadow comparison then runs to the last candidate: the dearest case).
  const draft = (await getScheme(db, DEMO_SCHEME_ID))!;
  const saved = await saveDraft(ops, DEMO_SCHEME_ID, draft.document, draft.revision);
  if (!saved.ok) throw new Error(saved.error.message);
  const v2 = await publishScheme(ops, DEMO_SCHEME_ID, { override_reason: 'bench' });
  if (!v2.ok) throw new Error(v2.error.message);
  const version = v2.value.version.version;
  const loaded = async () => {
    const cache = new DecisionCache({ db }, { heartbeatMs: 0 });
    await cache.ready();
    return cache;
  };
  const started = async (input: unknown) => {
    const result = await startRollout(ops, DEMO_SCHEME_ID, version, input);
    if (!result.ok || result.value.status !== 'done') throw new Error(JSON.stringify(result));
    return result.value.value.id;
  };
  const none = await loaded();
  const shadowId = await started({ kind: 'shadow' });
  const shadow = await loaded();
  await stopRollout(ops, shadowId);
  const canaryId = await started({ kind: 'canary', share_percent: 50, min_attempts: 200, max_drop_points: 5, window_seconds: WINDOW_SECONDS });
  const canary = await loaded();

  const inputs = bodies.map((b) => JSON.parse(b) as { transaction: Record<string, unknown> });
  let offset = 0;
  const round = (cache: DecisionCache, slice = inputs.slice(offset, offset + ROUND_PAYMENTS)) => {
    const log = new DecisionLog({ write: async () => {}, capacity: slice.length, flushMs: 3_600_000 });
    const t0 = process.hrtime.bigint();
    for (const input of slice) decide(cache, input, undefined, { log, apiKeyId: null });
    return slice.length / (Number(process.hrtime.bigint() - t0) / 1e9);
  };
  for (const cache of [none, shadow, canary]) round(cache, inputs); // warm up
  const rates = { none: [] as number[], shadow: [] as number[], canary: [] as number[] };
  // The order turns every round, so none of the three always runs right after another's garbage.
  const order = [['none', none], ['shadow', shadow], ['canary', canary]] as const;
  for (let r = 0; r < ROUNDS; r++) {
    offset = (r * ROUND_PAYMENTS) % inputs.length; // the three run the same payments in a round
    for (let k = 0; k < order.length; k++) {
      const [name, cache] = order[(r + k) % order.length]!;
      rates[name].push(round(cache));
    }
  }
  const median = (list: number[]) => [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)]!;
  // Ratios within each round (its three runs take milliseconds, so a burst of other work hits all three):
  // the median of those is steadier on a loaded machine than a ratio of medians.
  const ratio = (of: number[]) => median(of.map((rate, r) => rate / rates.none[r]!));

  // Which version answered, against the arm it says.
  let outside = 0;
  let checked = 0;
  const liveVersion = 1;
  const check = (cache: DecisionCache, rollout: string | null, shareBp: number) => {
    for (const input of inputs) {
      const answer = decide(cache, input) as { ok: true; value: DecideResponse };
      const expected = rollout ? armOf(transactionIdOf(input.transaction), rollout, shareBp) : null;
      const want = expected === 'canary' ? version : liveVersion;
      checked++;
      if (answer.value.scheme?.version !== want || (answer.value.arm ?? null) !== expected) outside++;
    }
  };
  check(shadow, null, 0);
  check(canary, canaryId, 5000);

  const shares = [100, 1000, 2500, 5000, 9900].map((bp) => {
    let hits = 0;
    for (let i = 0; i < 1_000_000; i++) if (armOf(`pay_${i}`, canaryId, bp) === 'canary') hits++;
    return { setPercent: bp / 100, gotPercent: hits / 10_000 };
  });

  // The planted breach: decisions recorded, outcomes reported (control 90%, canary 70% approved).
  const log = new DecisionLog({ write: (batch) => writePacked(connection, batch), capacity: 100_000, flushMs: 3_600_000 });
  for (const input of inputs.slice(0, 4000)) decide(canary, input, undefined, { log, apiKeyId: null });
  await log.flush();
  await db.execute(sql`insert into decision_attempts (decision_id, decided_at, attempt, processor, outcome, at)
    select id, decided_at, 1, coalesce(processor, 'proc_stripe'),
      case when abs(hashtext(id)) % 100 < (case when arm = 'canary' then 70 else 90 end) then 'approved' else 'hard_decline' end, decided_at
    from decision_log where rollout_id = ${canaryId}`);
  // As if the guardrail had judged just before the breach: the next judgement is one window away.
  const planted = Date.now();
  await db.update(rollouts).set({ evaluatedAt: new Date(planted) }).where(eq(rollouts.id, canaryId));
  const ticker = startTicker(() => db, TICK_MS); // the app's ticker: scheduled changes, then the guardrail
  let tripMs: number | null = null;
  let judgedMs: number | null = null;
  while (Date.now() - planted < 3 * WINDOW_SECONDS * 1000) {
    const [row] = await db.select({ status: rollouts.status, judgedAt: rollouts.evaluatedAt }).from(rollouts).where(eq(rollouts.id, canaryId));
    if (row?.status === 'tripped') {
      tripMs = Date.now() - planted;
      judgedMs = row.judgedAt!.getTime() - planted;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await ticker.stop();
  const after = await loaded();
  check(after, null, 0);
  await connection.close();
  return {
    perSecond: { none: median(rates.none), shadow: median(rates.shadow), canary: median(rates.canary) },
    ratios: { shadow: ratio(rates.shadow), canary: ratio(rates.canary) },
    shares,
    tripMs,
    judgedMs,
    windowMs: WINDOW_SECONDS * 1000,
    tickMs: TICK_MS,
    outside,
    checked,
  };
}

/** The report's lines and its checks. */
export function rolloutReport(r: RolloutBench): { lines: string[]; checks: [string, boolean][] } {
  const { none, shadow, canary } = r.perSecond;
  const { shadow: shadowShare, canary: canaryShare } = r.ratios;
  const worstShare = Math.max(...r.shares.map((s) => Math.abs(s.gotPercent - s.setPercent)));
  return {
    lines: [
      `(f) rollouts, decide service with recording (${ROUNDS} interleaved rounds of ${ROUND_PAYMENTS} payments; medians): ${Math.round(none)}/s without, ${Math.round(shadow)}/s with a shadow, ${Math.round(canary)}/s with a 50% canary`,
      `    against without, round by round (median): shadow ${(100 * shadowShare).toFixed(1)}%, canary ${(100 * canaryShare).toFixed(1)}%; ${(1e6 / none).toFixed(2)} µs per decide without`,
      `    canary shares over 1,000,000 ids: ${r.shares.map((s) => `${s.setPercent}% → ${s.gotPercent.toFixed(3)}%`).join(', ')} (worst ${worstShare.toFixed(3)} points off)`,
      `    planted breach judged after ${r.judgedMs ?? '—'} ms by the first judgement after it, stopped ${r.tripMs === null ? 'NEVER' : `after ${r.tripMs} ms`} (window ${r.windowMs} ms, runner tick ${r.tickMs} ms); ${r.outside} of ${r.checked} answers by a version outside the rollout or on the wrong arm`,
    ],
    checks: [
      ['decide with a shadow running keeps >= 80% of the throughput without (f)', shadowShare >= 0.8],
      ['decide with a canary split keeps >= 90% of the throughput without (f)', canaryShare >= 0.9],
      ['canary shares over 1,000,000 ids within 0.2 points of the set share (f)', worstShare <= 0.2],
      // The next judgement comes one window after the last, on the runner's next tick; that judgement must stop it.
      ['a planted guardrail breach stops the canary at the next judgement, within one evaluation window (+ one tick) (f)', r.judgedMs !== null && r.judgedMs <= r.windowMs + r.tickMs],
      ['no decision answered by a version outside the rollout (f)', r.outside === 0 && r.checked > 0],
    ],
  };
}
