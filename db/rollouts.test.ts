import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, rollouts } from './schema';
import { testDatabases, routingDocument } from './testing';
import type { Connection } from './client';
import { queryRows } from './rows';
import { seedDemoData } from './seed';
import type { Role } from '@/lib/access/roles';
import { armOf } from '@/lib/rollouts/arm';
import type { ServiceContext } from '@/lib/services/context';
import { systemContext } from '@/lib/services/context';
import { decide, DecisionCache, simulateTransaction } from '@/lib/services/decisions';
import { DecisionLog } from '@/lib/services/decision-log';
import { writePacked } from '@/lib/services/decision-log-store';
import { approveRequest, pendingRequests, setFourEyes } from '@/lib/services/going-live';
import { checkGuardrails } from '@/lib/services/guardrail';
import { publishScheme } from '@/lib/services/publishing';
import { changeRolloutShare, getRollout, promoteRollout, startRollout, stopRollout, trippedRollout } from '@/lib/services/rollouts';
import { rolloutArms, shadowDifferences } from '@/lib/services/rollout-stats';
import { createScheme, getScheme, saveDraft } from '@/lib/services/schemes';
import { getSettings } from '@/lib/services/settings';
import { createUser } from '@/lib/services/users';

const EUR = (id: string) => ({ id, amount: 100, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: 'DE' } });
const USD = (id: string) => ({ id, amount: 100, currency: 'USD', payment_method: 'card', card: { brand: 'visa', issuer_country: 'US' } });

describe.each(testDatabases())('rollouts on $name', (target) => {
  let connection: Connection;
  let cache: DecisionCache;
  let schemeId = '';
  const db = () => connection.db;
  const as: Record<string, ServiceContext> = {};
  const log = () => new DecisionLog({ write: (batch) => writePacked(connection, batch), capacity: 100_000, flushMs: 60_000 });

  beforeAll(async () => {
    connection = await target.open();
    await seedDemoData(db());
    const system = systemContext(db(), 'test');
    for (const [name, role] of [['admin', 'admin'], ['pia', 'publisher'], ['pat', 'publisher'], ['eddie', 'editor']] as [string, Role][]) {
      const created = await createUser(system, { email: `${name}@example.com`, password: 'a long password', role });
      if (!created.ok) throw new Error(created.error.message);
      as[name] = { db: db(), actor: { kind: 'user', id: created.value.id, email: `${name}@example.com`, role }, via: 'ui' };
    }
    // v1 (EUR → Adyen) live; v2 (EUR → Checkout) published beside it.
    const created = await createScheme(system, { name: 'Trial', document: routingDocument('Trial', 'proc_adyen_eu') });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    schemeId = created.value.id;
    const v1 = await publishScheme(system, schemeId, { activate: true });
    if (!v1.ok) throw new Error(JSON.stringify(v1.error));
    const saved = await saveDraft(system, schemeId, routingDocument('Trial', 'proc_checkout'), (await getScheme(db(), schemeId))!.revision);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const v2 = await publishScheme(system, schemeId, {});
    if (!v2.ok) throw new Error(JSON.stringify(v2.error));
    cache = new DecisionCache(connection, { heartbeatMs: 0 });
  }, 240_000);
  afterAll(async () => {
    await cache?.stop();
    await connection?.close();
  });

  const done = <T>(result: { ok: boolean; value?: { status: string; value?: T }; error?: unknown }): T => {
    if (!result.ok || result.value!.status !== 'done') throw new Error(JSON.stringify(result));
    return result.value!.value as T;
  };

  it('refuses an editor, the live version itself and a version of a scheme that is not live, changing nothing', async () => {
    expect(await startRollout(as.eddie!, schemeId, 2, { kind: 'shadow' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await startRollout(as.pia!, schemeId, 1, { kind: 'shadow' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already the live version/) } });
    expect(await startRollout(as.pia!, 'sch_demo_eu_cards', 1, { kind: 'shadow' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/live scheme/) } });
    expect(await startRollout(as.pia!, schemeId, 2, { kind: 'canary' })).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: ['share_percent'] }] } });
    expect(await startRollout(as.pia!, schemeId, 2, { kind: 'canary', share_percent: 100 })).toMatchObject({ ok: false, error: { issues: [{ path: ['share_percent'] }] } });
    expect(await db().select().from(rollouts)).toEqual([]);
  });

  it('a shadow decides beside the live version and records where its final answer differs', async () => {
    const shadow = done<{ id: string }>(await startRollout(as.pia!, schemeId, 2, { kind: 'shadow' }));
    expect((await startRollout(as.pat!, schemeId, 2, { kind: 'canary', share_percent: 10 }))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/one rollout at a time/) } });
    await cache.reload();
    expect(cache.snapshot()!.rollout).toMatchObject({ id: shadow.id, kind: 'shadow', version: 2 });
    const recording = { log: log(), apiKeyId: null };
    for (let i = 0; i < 30; i++) {
      const answer = await decide(cache, { transaction: i < 10 ? EUR(`tx_s${i}`) : USD(`tx_s${i}`) }, undefined, recording);
      if (!answer.ok) throw new Error(JSON.stringify(answer.error));
      expect(answer.value).toMatchObject({ scheme: { id: schemeId, version: 1 } }); // the live version answers
      expect(answer.value.arm).toBeUndefined();
    }
    await recording.log.flush();
    const differences = await shadowDifferences(db(), shadow.id, new Date(Date.now() - 3_600_000));
    if (!differences.ok) throw new Error(differences.error.message);
    expect(differences.value).toMatchObject({ compared: 30, differing: 10, groups: [{ live: 'proc_adyen_eu', shadow: 'proc_checkout', decisions: 10 }] });
    expect(differences.value.share).toBeCloseTo(1 / 3, 9);
    expect(differences.value.groups[0]!.examples).toHaveLength(3);
    expect(differences.value.groups[0]!.examples[0]!.transaction).toMatchObject({ currency: 'EUR' });
    expect(done<{ status: string }>(await stopRollout(as.pat!, shadow.id)).status).toBe('stopped');
    await cache.reload();
    expect(cache.snapshot()!.rollout).toBeNull();
  });

  let canaryId = '';
  it('a canary answers its share of payments, sticky per transaction id, and says which arm answered', async () => {
    canaryId = done<{ id: string }>(await startRollout(as.pia!, schemeId, 2, { kind: 'canary', share_percent: 30, min_attempts: 50, window_seconds: 60 })).id;
    await cache.reload();
    const recording = { log: log(), apiKeyId: null };
    let canary = 0;
    for (let i = 0; i < 600; i++) {
      const answer = await decide(cache, { transaction: EUR(`tx_c${i}`) }, undefined, recording);
      if (!answer.ok) throw new Error(JSON.stringify(answer.error));
      const arm = armOf(`tx_c${i}`, canaryId, 3000);
      expect(answer.value).toMatchObject({ arm, rollout_id: canaryId, scheme: { version: arm === 'canary' ? 2 : 1 }, processor: arm === 'canary' ? 'proc_checkout' : 'proc_adyen_eu' });
      if (arm === 'canary') canary++;
    }
    expect(canary / 600).toBeGreaterThan(0.24);
    expect(canary / 600).toBeLessThan(0.36);
    const noId = await decide(cache, { transaction: { amount: 1, currency: 'EUR' } });
    expect(noId.ok && noId.value.arm).toBe('control');
    const simulated = await simulateTransaction(cache, { transaction: EUR('tx_c1'), seed: 1 });
    expect(simulated.ok && simulated.value.arm).toBe(armOf('tx_c1', canaryId, 3000));
    const pinned = await decide(cache, { transaction: EUR('tx_c1'), scheme_id: schemeId, version: 1 });
    expect(pinned.ok && pinned.value.arm).toBeUndefined(); // a named version is not under the rollout
    await recording.log.flush();
    const [row] = await queryRows<{ n: string }>(db(), sql`select count(*) as n from decision_log where rollout_id = ${canaryId} and arm = 'canary'`);
    expect(Number(row!.n)).toBe(canary);
    expect(done<{ share_percent: number }>(await changeRolloutShare(as.pia!, canaryId, { share_percent: 40 })).share_percent).toBe(40);
  });

  it('the guardrail stops a canary whose approval rate falls clearly, once however many instances check', async () => {
    // Outcomes: control approves everything, the canary declines half.
    await db().execute(sql`insert into decision_attempts (decision_id, decided_at, attempt, processor, outcome, at)
      select id, decided_at, 1, processor, case when arm = 'canary' and (hashtext(id) % 2) = 0 then 'hard_decline' else 'approved' end, decided_at
      from decision_log where rollout_id = ${canaryId}`);
    const arms = await rolloutArms(db(), canaryId, new Date(Date.now() - 3_600_000));
    expect(arms.ok && arms.value[0]!.approval_rate).toBe(1);
    expect(await checkGuardrails(systemContext(db(), 'guardrail'))).toEqual([]); // its first window has not passed
    await db().update(rollouts).set({ startedAt: sql`now() - interval '2 minutes'` }).where(eq(rollouts.id, canaryId));
    const [a, b] = await Promise.all([checkGuardrails(systemContext(db(), 'guardrail one')), checkGuardrails(systemContext(db(), 'guardrail two'))]);
    const outcomes = [...a!, ...b!];
    expect(outcomes.map((o) => o.action)).toEqual(['tripped']);
    expect(outcomes[0]!.judgement).toMatchObject({ enough: true, breach: true });
    const after = await getRollout(db(), canaryId);
    expect(after.ok && after.value).toMatchObject({ status: 'tripped', share_percent: 0 });
    const trips = await db().select().from(auditEntries).where(eq(auditEntries.action, 'trip'));
    expect(trips).toHaveLength(1);
    expect(trips[0]).toMatchObject({ entity: 'rollout', entityId: canaryId, actorKind: 'system' });
    expect((await trippedRollout(db()))?.id).toBe(canaryId);
    await cache.reload();
    expect(cache.snapshot()!.rollout).toBeNull();
  });

  it('with four-eyes on, starting and promoting are requests another publisher approves', async () => {
    expect((await setFourEyes(as.admin!, true)).ok).toBe(true);
    const requested = await startRollout(as.pia!, schemeId, 2, { kind: 'canary', share_percent: 5 });
    expect(requested.ok && requested.value.status).toBe('requested');
    const [request] = await pendingRequests(db(), schemeId);
    expect(request).toMatchObject({ kind: 'rollout', summary: 'Send 5% of traffic to Trial v2 (canary)' });
    expect(await approveRequest(as.pia!, request!.id, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await approveRequest(as.pat!, request!.id, {})).ok).toBe(true);
    const [running] = await db().select().from(rollouts).where(eq(rollouts.status, 'running'));
    expect(running).toMatchObject({ kind: 'canary', shareBp: 500, startedBy: 'pia@example.com' });
    const promote = await promoteRollout(as.pia!, running!.id);
    expect(promote.ok && promote.value.status).toBe('requested');
    const [promoteRequest] = await pendingRequests(db(), schemeId);
    expect((await approveRequest(as.pat!, promoteRequest!.id, {})).ok).toBe(true);
    expect((await getSettings(db())).active_version).toBe(2);
    expect((await getRollout(db(), running!.id)).ok && (await getRollout(db(), running!.id) as { value: { status: string } }).value.status).toBe('promoted');
    expect((await setFourEyes(as.admin!, false)).ok).toBe(true);
  });

  it('promotes a canary by itself after a window with enough attempts and no breach', async () => {
    const rollback = done<{ id: string }>(await startRollout(as.pia!, schemeId, 1, { kind: 'canary', share_percent: 50, min_attempts: 10, window_seconds: 5, auto_promote: true }));
    await cache.reload();
    const recording = { log: log(), apiKeyId: null };
    for (let i = 0; i < 100; i++) await decide(cache, { transaction: USD(`tx_p${i}`) }, undefined, recording);
    await recording.log.flush();
    await db().execute(sql`insert into decision_attempts (decision_id, decided_at, attempt, processor, outcome, at)
      select id, decided_at, 1, processor, 'approved', decided_at from decision_log where rollout_id = ${rollback.id}`);
    await db().update(rollouts).set({ startedAt: sql`now() - interval '10 seconds'` }).where(eq(rollouts.id, rollback.id));
    const outcomes = await checkGuardrails(systemContext(db(), 'guardrail'));
    expect(outcomes.map((o) => o.action)).toEqual(['promoted']);
    expect((await getSettings(db())).active_version).toBe(1);
  });
});
