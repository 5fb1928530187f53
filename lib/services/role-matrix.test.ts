import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import type { Connection } from '@/db/client';
import { auditEntries } from '@/db/schema';
import { DEMO_SCHEME_ID, seedDemoData } from '@/db/seed';
import { testDatabases } from '@/db/testing';
import { ROLES, roleAllows, type Role } from '@/lib/access/roles';
import { createApiKey } from './api-keys';
import { listAuditEntries } from './audit-trail';
import type { ServiceContext } from './context';
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
];

describe.each(testDatabases())('roles × actions on $name', (target) => {
  let connection: Connection;
  const as = {} as Record<Role, ServiceContext>;
  beforeAll(async () => {
    connection = await target.open();
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

  const auditCount = async () => Number((await connection.db.select({ n: count() }).from(auditEntries))[0]!.n);

  for (const action of ACTIONS) {
    for (const role of ROLES) {
      const allowed = roleAllows(role, action.needs);
      it(`${role} ${allowed ? 'may' : 'may not'} ${action.name}`, async () => {
        const before = await auditCount();
        const result = await action.run(as[role]);
        if (allowed) {
          expect(result.ok || result.error.code).not.toBe('forbidden');
        } else if (action.badInput) {
          expect(result.ok).toBe(false);
          expect(await auditCount()).toBe(before);
        } else {
          expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(new RegExp(`Your role \\(${role}\\) may not do this.*${action.needs}`)) } });
          expect(await auditCount()).toBe(before);
        }
      });
    }
  }
});
