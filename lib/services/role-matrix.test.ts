import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import type { Connection } from '@/db/client';
import { auditEntries, decisionAttempts } from '@/db/schema';
import { DEMO_SCHEME_ID, seedDemoData } from '@/db/seed';
import { testDatabases } from '@/db/testing';
import { ROLES, roleAllows, type Role } from '@/lib/access/roles';
import { createApiKey } from './api-keys';
import { reportAttempt, reportAttemptLines } from './attempts';
import { listAuditEntries } from './audit-trail';
import type { ServiceContext } from './context';
import { newDecisionId } from './decision-id';
import { writeDecisions, type DecisionStore } from './decision-log-store';
import { createFilter } from './filters';
import { goLiveWithVersion, publishOrRequest, setFourEyes, stopLiveScheme } from './going-live';
import { createProcessor } from './processors';
import { drainProcessor, endDrainNow } from './drains';
import { scheduleActivation } from './scheduled-activation';
import { cancelScheduledChange } from './scheduled-changes';
import type { Result } from './result';
import { createRoute } from './routes';
import { changeRolloutShare, promoteRollout, startRollout, stopRollout } from './rollouts';
import { createScheme } from './schemes';
import { updateSettings } from './settings';
import { createTestCase } from './test-cases';
import { createUser, endUserSessions } from './users';

/**
 * Every role against every kind of action, through the services every server action and handler
 * calls: an allowed action is never refused for its role (it may still be refused for its input); a
 * refused one says so and changes nothing, not even the audit trail.
 */
/** `badInput`: the input is refused by its parse, which runs before the role check; the refusal still changes nothing. */
type Action = { name: string; needs: Role; run: (ctx: ServiceContext) => Promise<Result<unknown>>; badInput?: true };
/** A pending activation for the cancel row, made before the suite's tests (by the system). */
const scheduled = { id: '' };

/**
 * A decision as decide records it, made fresh for each call: an attempt report is judged against the
 * stored decision before the write (and its role check), so only a new attempt of a real decision
 * reaches the check. Recording a decision writes no audit entry.
 */
let decisionStore: DecisionStore;
async function recordedDecision(): Promise<string> {
  const at = Date.now() - 1000;
  const id = newDecisionId(at);
  const decision = { outcome: 'route', processor: 'proc_adyen_eu', candidates: ['proc_adyen_eu', 'proc_stripe'], node: null, path: [], scheme: { id: DEMO_SCHEME_ID, version: 1 } } as const;
  await writeDecisions(decisionStore, [{ id, at, latencyUs: 100, apiKeyId: null, transaction: { id: 'tx_matrix', amount: 10, currency: 'EUR' }, decision, redacted: [] }]);
  return id;
}
const FIRST_ATTEMPT = { processor: 'proc_adyen_eu', attempt: 1, outcome: 'approved' } as const;
const ACTIONS: Action[] = [
  { name: 'read the audit trail', needs: 'publisher', run: (ctx) => listAuditEntries(ctx, {}) },
  { name: 'create a processor', needs: 'editor', run: (ctx) => createProcessor(ctx, { name: '' }) , badInput: true },
  { name: 'create a processor route', needs: 'editor', run: (ctx) => createRoute(ctx, { name: '' }) , badInput: true },
  { name: 'create a filter', needs: 'editor', run: (ctx) => createFilter(ctx, { name: '' }) , badInput: true },
  { name: 'create a scheme', needs: 'editor', run: (ctx) => createScheme(ctx, { name: `matrix ${ctx.actor.kind === 'user' ? ctx.actor.role : ''}` }) },
  { name: 'add a test case', needs: 'editor', run: (ctx) => createTestCase(ctx, DEMO_SCHEME_ID, { name: '' }) , badInput: true },
  { name: 'publish', needs: 'publisher', run: (ctx) => publishOrRequest(ctx, DEMO_SCHEME_ID, { note: 'x' }) },
  { name: 'activate', needs: 'publisher', run: (ctx) => goLiveWithVersion(ctx, DEMO_SCHEME_ID, 1) },
  { name: 'schedule an activation', needs: 'publisher', run: (ctx) => scheduleActivation(ctx, DEMO_SCHEME_ID, { version: 1, at: '2040-01-01T02:00', zone: 'Europe/Berlin' }) },
  { name: 'cancel a scheduled activation', needs: 'publisher', run: (ctx) => cancelScheduledChange(ctx, scheduled.id) },
  { name: 'drain a processor for a while', needs: 'editor', run: (ctx) => drainProcessor(ctx, 'proc_worldpay', { for: '2 hours' }) },
  { name: 'end a drain now', needs: 'editor', run: (ctx) => endDrainNow(ctx, 'proc_worldpay') },
  { name: 'deactivate', needs: 'publisher', run: (ctx) => stopLiveScheme(ctx) },
  { name: 'start a rollout', needs: 'publisher', run: (ctx) => startRollout(ctx, DEMO_SCHEME_ID, 1, { kind: 'shadow' }) },
  { name: 'change a canary share', needs: 'publisher', run: (ctx) => changeRolloutShare(ctx, 'rol_unknown', { share_percent: 5 }) },
  { name: 'stop a rollout', needs: 'publisher', run: (ctx) => stopRollout(ctx, 'rol_unknown') },
  { name: 'promote a rollout', needs: 'publisher', run: (ctx) => promoteRollout(ctx, 'rol_unknown') },
  { name: 'change settings', needs: 'admin', run: (ctx) => updateSettings(ctx, { time_zone: 'Not/AZone' }) , badInput: true },
  { name: 'turn four-eyes off', needs: 'admin', run: (ctx) => setFourEyes(ctx, false) },
  { name: 'create an API key', needs: 'admin', run: (ctx) => createApiKey(ctx, { name: '', scopes: [] }) , badInput: true },
  { name: 'add a user', needs: 'admin', run: (ctx) => createUser(ctx, { email: 'not-an-email', password: 'x', role: 'viewer' }) , badInput: true },
  { name: 'end a user\'s sessions', needs: 'admin', run: (ctx) => endUserSessions(ctx, 'usr_unknown') },
  // The payment backend reports attempts with a `decide` key (the API checks the scope); a user's
  // session never reaches these, but the service still holds them to the editor's role.
  { name: 'report an attempt', needs: 'editor', run: async (ctx) => reportAttempt(ctx, await recordedDecision(), FIRST_ATTEMPT) },
  { name: 'report attempts as lines', needs: 'editor', run: async (ctx) => reportAttemptLines(ctx, [{ line: 1, value: { decision_id: await recordedDecision(), ...FIRST_ATTEMPT } }]) },
];

describe.each(testDatabases())('roles × actions on $name', (target) => {
  let connection: Connection;
  const as = {} as Record<Role, ServiceContext>;
  beforeAll(async () => {
    connection = await target.open();
    decisionStore = connection;
    await seedDemoData(connection.db);
    const system: ServiceContext = { db: connection.db, actor: { kind: 'system', name: 'test' }, via: 'system' };
    for (const role of ['admin', 'viewer', 'editor', 'publisher'] as const) {
      const created = await createUser(system, { email: `${role}@matrix.test`, password: 'a long password', role });
      if (!created.ok) throw new Error(created.error.message);
      as[role] = { db: connection.db, actor: { kind: 'user', id: created.value.id, email: `${role}@matrix.test`, role }, via: 'ui' };
    }
    const pending = await scheduleActivation(system, DEMO_SCHEME_ID, { version: 1, at: '2040-06-01T02:00', zone: 'UTC' });
    if (!pending.ok || pending.value.status !== 'scheduled') throw new Error('could not schedule');
    scheduled.id = pending.value.change.id;
  }, 240_000);
  afterAll(async () => connection?.close());

  it('an API key (the decide scope, which the API checks) reports an attempt; it is stored and audited once', async () => {
    const key = await createApiKey(as.admin, { name: 'matrix decide', scopes: ['decide'] });
    if (!key.ok) throw new Error(key.error.message);
    const ctx: ServiceContext = { db: connection.db, actor: { kind: 'api_key', id: key.value.key.id, prefix: key.value.key.prefix, scopes: ['decide'], ownerId: as.admin.actor.kind === 'user' ? as.admin.actor.id : null }, via: 'api' };
    const [audits, attempts] = [await auditCount(), await attemptCount()];
    const id = await recordedDecision();
    expect(await reportAttempt(ctx, id, FIRST_ATTEMPT)).toMatchObject({ ok: true, value: { decision_id: id, attempt: 1, replayed: false } });
    expect([await auditCount(), await attemptCount()]).toEqual([audits + 1, attempts + 1]);
    // The same report again is a replay: nothing more stored or audited.
    expect(await reportAttempt(ctx, id, FIRST_ATTEMPT)).toMatchObject({ ok: true, value: { replayed: true } });
    expect([await auditCount(), await attemptCount()]).toEqual([audits + 1, attempts + 1]);
  });

  const auditCount = async () => Number((await connection.db.select({ n: count() }).from(auditEntries))[0]!.n);
  const attemptCount = async () => Number((await connection.db.select({ n: count() }).from(decisionAttempts))[0]!.n);

  for (const action of ACTIONS) {
    for (const role of ROLES) {
      const allowed = roleAllows(role, action.needs);
      it(`${role} ${allowed ? 'may' : 'may not'} ${action.name}`, async () => {
        const before = await auditCount();
        const attemptsBefore = await attemptCount();
        const result = await action.run(as[role]);
        if (allowed) {
          expect(result.ok || result.error.code).not.toBe('forbidden');
        } else if (action.badInput) {
          expect(result.ok).toBe(false);
          expect(await auditCount()).toBe(before);
        } else {
          expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(new RegExp(`Your role \\(${role}\\) may not do this.*${action.needs}`)) } });
          expect(await auditCount()).toBe(before);
          expect(await attemptCount()).toBe(attemptsBefore);
        }
      });
    }
  }
});
