import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditEntries, processors, scheduledChanges } from './schema';
import { openDatabase, type Connection } from './client';
import { seedDemoData } from './seed';
import { routingDocument, testDatabases } from './testing';
import { systemContext, type ServiceContext } from '@/lib/services/context';
import { createProcessor, deleteProcessor, setProcessorStatus, getProcessor } from '@/lib/services/processors';
import { createScheme, getScheme, saveDraft } from '@/lib/services/schemes';
import { publishScheme } from '@/lib/services/publishing';
import { approveRequest, setFourEyes } from '@/lib/services/going-live';
import { getSettings } from '@/lib/services/settings';
import { scheduleActivation } from '@/lib/services/scheduled-activation';
import { cancelScheduledChange, getScheduledChange, listScheduledChanges, type ScheduledChange } from '@/lib/services/scheduled-changes';
import { drainOf, drainProcessor, endDrainNow } from '@/lib/services/drains';
import { runDueChanges, startTicker } from '@/lib/services/ticker';
import { createUser } from '@/lib/services/users';
import type { FieldIssue, Result } from '@/lib/services/result';

/** The issues of a refusal (none for a success or a refusal without them). */
const issuesOf = (result: Result<unknown>): FieldIssue[] => (!result.ok && 'issues' in result.error ? result.error.issues ?? [] : []);

/** A local time `minutes` from now in UTC, as the form sends it. */
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);

describe.each(testDatabases())('scheduled changes on $name', (target) => {
  let connection: Connection;
  /** A second instance: its own connection (pool) to the same database on Postgres; the same one on PGlite. */
  let other: Connection | undefined;
  let schemeId: string;
  const db = () => connection.db;
  const otherDb = () => other?.db ?? connection.db;
  const ops = () => systemContext(db(), 'ops');
  beforeAll(async () => {
    connection = await target.open();
    await seedDemoData(connection.db);
    if (connection.target.kind === 'postgres') other = await openDatabase(connection.target);
    const created = await createScheme(ops(), { name: 'Later', document: routingDocument('Later', 'proc_adyen_eu') });
    if (!created.ok) throw new Error(created.error.message);
    schemeId = created.value.id;
    for (const note of ['one', 'two']) {
      await saveDraft(ops(), schemeId, routingDocument(`Later ${note}`, 'proc_adyen_eu'), (await getScheme(db(), schemeId))!.revision);
      const published = await publishScheme(ops(), schemeId, { note });
      if (!published.ok) throw new Error(published.error.message);
    }
  }, 120_000);
  afterAll(async () => {
    await other?.close();
    await connection?.close();
  });

  /** Makes a pending change due now, as if its time had come. */
  const makeDue = (id: string) => db().update(scheduledChanges).set({ runAt: sql`now() - interval '1 second'` }).where(eq(scheduledChanges.id, id));
  const schedule = async (version: number, at = inMinutes(60), zone: string | undefined = 'UTC'): Promise<ScheduledChange> => {
    const result = await scheduleActivation(ops(), schemeId, { version, at, zone });
    if (!result.ok || result.value.status !== 'scheduled') throw new Error(JSON.stringify(result));
    return result.value.change;
  };
  const auditOf = (action: string, entityId: string) => db().select().from(auditEntries).where(and(eq(auditEntries.action, action), eq(auditEntries.entityId, entityId)));

  it('refuses a time in the past, one the clocks skip, an unknown zone; takes the first of a repeated hour and says so', async () => {
    const past = await scheduleActivation(ops(), schemeId, { version: 1, at: inMinutes(-5), zone: 'UTC' });
    expect(issuesOf(past)[0]).toMatchObject({ path: ['at'], message: expect.stringContaining('has already passed') });
    const gap = await scheduleActivation(ops(), schemeId, { version: 1, at: '2030-03-31T02:30', zone: 'Europe/Berlin' });
    expect(!gap.ok && gap.error.message).toContain('does not exist in Europe/Berlin');
    const zone = await scheduleActivation(ops(), schemeId, { version: 1, at: inMinutes(60), zone: 'Mars/Olympus' });
    expect(issuesOf(zone)[0]?.path).toEqual(['zone']);
    const missing = await scheduleActivation(ops(), schemeId, { version: 9, at: inMinutes(60) });
    expect(!missing.ok && missing.error.code).toBe('not_found');
    const fold = await scheduleActivation(ops(), schemeId, { version: 1, at: '2030-10-27T02:30', zone: 'europe/berlin' });
    if (!fold.ok || fold.value.status !== 'scheduled') throw new Error(JSON.stringify(fold));
    expect(fold.value.change).toMatchObject({ run_at: '2030-10-27T00:30:00.000Z', zone: 'Europe/Berlin', local_time: '2030-10-27T02:30', status: 'pending' });
    expect(fold.value.note).toContain('happens twice');
    expect((await cancelScheduledChange(ops(), fold.value.change.id)).ok).toBe(true);
  });

  it('the account zone is the default', async () => {
    const change = await schedule(1, '2031-01-15T10:00', undefined);
    expect(change.zone).toBe((await getSettings(db())).time_zone);
    await cancelScheduledChange(ops(), change.id);
  });

  it('a due activation runs exactly once across two instances, audited by the system naming the change', async () => {
    const change = await schedule(2);
    expect(await runDueChanges(db())).toEqual([]); // not due yet
    await makeDue(change.id);
    const [a, b] = await Promise.all([runDueChanges(db()), runDueChanges(otherDb())]);
    expect([...a, ...b].map((c) => c.id)).toEqual([change.id]);
    expect(await getScheduledChange(db(), change.id)).toMatchObject({ status: 'done', result: expect.stringContaining('v2 went live') });
    expect(await getSettings(db())).toMatchObject({ active_scheme_id: schemeId, active_version: 2 });
    const activations = await auditOf('activate', `${schemeId}@2`);
    expect(activations).toHaveLength(1);
    expect(activations[0]).toMatchObject({ actor: `scheduled change ${change.id}`, actorKind: 'system' });
    expect(await auditOf('run', change.id)).toHaveLength(1);
  });

  it('many due changes on two tickers: each runs once', async () => {
    const changes: ScheduledChange[] = [];
    for (let i = 0; i < 6; i++) changes.push(await schedule(i % 2 === 0 ? 1 : 2));
    for (const c of changes) await makeDue(c.id);
    const one = startTicker(db, 60_000, () => {}); // ticked by hand below
    const two = startTicker(otherDb, 60_000, () => {});
    const ran = (await Promise.all([one.tick(), two.tick(), one.tick(), two.tick()])).flat();
    await Promise.all([one.stop(), two.stop()]);
    expect(ran.map((c) => c.id).sort()).toEqual(changes.map((c) => c.id).sort());
    for (const c of changes) expect(await auditOf('run', c.id)).toHaveLength(1);
  });

  it('survives a restart: a change that came due while no ticker ran runs on the first tick after start', async () => {
    const change = await schedule(1);
    await makeDue(change.id); // due, and nobody is running
    const ticker = startTicker(otherDb, 30, () => {});
    await expect.poll(async () => (await getScheduledChange(db(), change.id))?.status, { timeout: 5000, interval: 25 }).toBe('done');
    await ticker.stop();
    expect((await getSettings(db())).active_version).toBe(1);
  });

  it('a cancel racing the run: exactly one of them wins, and the other says so', async () => {
    for (let i = 0; i < 5; i++) {
      const change = await schedule(2);
      await makeDue(change.id);
      const before = await getSettings(db());
      const [cancel, ran] = await Promise.all([cancelScheduledChange(systemContext(otherDb(), 'ops'), change.id), runDueChanges(db())]);
      const final = (await getScheduledChange(db(), change.id))!;
      if (cancel.ok) {
        expect(final.status).toBe('cancelled');
        expect(ran).toEqual([]);
        expect((await getSettings(db())).active_version).toBe(before.active_version);
      } else {
        expect(cancel.error.message).toContain('no longer pending');
        expect(final.status).toBe('done');
        expect((await getSettings(db())).active_version).toBe(2);
      }
      await db().update(scheduledChanges).set({ status: 'cancelled' }).where(eq(scheduledChanges.status, 'pending'));
    }
  });

  it('a change that fails rolls back with nothing changed, and the failure is recorded and audited', async () => {
    const ctx = ops();
    expect((await createProcessor(ctx, { id: 'proc_soon_gone', name: 'Soon gone', provider: 'acme', status: 'active', currencies: ['EUR'], payment_methods: ['card'], countries: [], approval_rate: 0.8, fees: { percent: 1, fixed: 0 } })).ok).toBe(true);
    const created = await createScheme(ctx, { name: 'Fragile', document: routingDocument('Fragile', 'proc_soon_gone') });
    if (!created.ok) throw new Error(created.error.message);
    expect((await publishScheme(ctx, created.value.id, {})).ok).toBe(true);
    const saved = await saveDraft(ctx, created.value.id, routingDocument('Fragile', 'proc_adyen_eu'), created.value.revision);
    expect(saved.ok ? 'saved' : saved.error.message).toBe('saved');
    const scheduled = await scheduleActivation(ctx, created.value.id, { version: 1, at: inMinutes(30), zone: 'UTC' });
    if (!scheduled.ok || scheduled.value.status !== 'scheduled') throw new Error(JSON.stringify(scheduled));
    const deleted = await deleteProcessor(ctx, 'proc_soon_gone');
    expect(deleted.ok ? 'deleted' : deleted.error.message).toBe('deleted'); // only the active version's references block a delete
    const before = await getSettings(db());
    await makeDue(scheduled.value.change.id);
    await runDueChanges(db());
    const final = await getScheduledChange(db(), scheduled.value.change.id);
    expect(final).toMatchObject({ status: 'failed', result: expect.stringContaining('no longer compiles') });
    expect(await getSettings(db())).toMatchObject({ active_scheme_id: before.active_scheme_id, active_version: before.active_version });
    expect(await auditOf('activate', `${created.value.id}@1`)).toHaveLength(0);
    expect(await auditOf('fail', scheduled.value.change.id)).toHaveLength(1);
    const listed = await listScheduledChanges(db(), `scheme:${created.value.id}`);
    expect(listed.map((c) => c.status)).toEqual(['failed']);
  });

  describe('drains', () => {
    const stripe = 'proc_worldpay';
    it('drains for a while, then the processor comes back by itself; both ends audited', async () => {
      const drained = await drainProcessor(ops(), stripe, { for: '2 hours' });
      if (!drained.ok) throw new Error(drained.error.message);
      expect((await getProcessor(db(), stripe))!.status).toBe('down');
      expect(new Date(drained.value.until).getTime() - Date.now()).toBeGreaterThan(7_100_000);
      const again = await drainProcessor(ops(), stripe, { for: '1 hour' });
      expect(!again.ok && again.error.message).toContain('already drained');
      await makeDue(drained.value.change.id);
      const [a, b] = await Promise.all([runDueChanges(db()), runDueChanges(otherDb())]);
      expect([...a, ...b]).toHaveLength(1);
      expect((await getProcessor(db(), stripe))!.status).toBe('active');
      expect(await auditOf('drain', stripe)).toHaveLength(1);
      const back = await auditOf('drain_end', stripe);
      expect(back).toHaveLength(1);
      expect(back[0]).toMatchObject({ actorKind: 'system', actor: `scheduled change ${drained.value.change.id}`, detail: expect.objectContaining({ change_id: drained.value.change.id, drained_by: 'ops' }) });
      expect(await drainOf(db(), stripe)).toBeUndefined();
    });

    it('a status set by hand meanwhile cancels the return; the hand-set status stays', async () => {
      const drained = await drainProcessor(ops(), stripe, { until: inMinutes(90), zone: 'UTC' });
      if (!drained.ok) throw new Error(drained.error.message);
      expect((await setProcessorStatus(ops(), stripe, 'disabled')).ok).toBe(true);
      expect(await getScheduledChange(db(), drained.value.change.id)).toMatchObject({ status: 'cancelled', result: 'status set to disabled by hand by ops' });
      await makeDue(drained.value.change.id);
      expect(await runDueChanges(db())).toEqual([]);
      expect((await getProcessor(db(), stripe))!.status).toBe('disabled');
      // Only an active processor is drained.
      const refused = await drainProcessor(ops(), stripe, { for: '1h' });
      expect(!refused.ok && refused.error.message).toContain('only an active processor');
      await setProcessorStatus(ops(), stripe, 'active');
    });

    it('the backstop: if the status changed some other way, the return leaves it alone', async () => {
      const drained = await drainProcessor(ops(), stripe, { for: '10 min' });
      if (!drained.ok) throw new Error(drained.error.message);
      await db().update(processors).set({ status: 'disabled' }).where(eq(processors.id, stripe));
      await makeDue(drained.value.change.id);
      await runDueChanges(db());
      expect(await getScheduledChange(db(), drained.value.change.id)).toMatchObject({ status: 'cancelled', result: expect.stringContaining('left as it is') });
      expect((await getProcessor(db(), stripe))!.status).toBe('disabled');
      await db().update(processors).set({ status: 'active' }).where(eq(processors.id, stripe));
    });

    it('End now brings it back at once; bad durations and times are refused at their field', async () => {
      const drained = await drainProcessor(ops(), stripe, { for: '1h30m' });
      if (!drained.ok) throw new Error(drained.error.message);
      const ended = await endDrainNow(ops(), stripe);
      expect(ended.ok).toBe(true);
      expect((await getProcessor(db(), stripe))!.status).toBe('active');
      expect(await getScheduledChange(db(), drained.value.change.id)).toMatchObject({ status: 'done', result: expect.stringContaining('ended early by ops') });
      expect((await endDrainNow(ops(), stripe)).ok).toBe(false);
      const bad = await drainProcessor(ops(), stripe, { for: 'a while' });
      expect(issuesOf(bad)[0]?.path).toEqual(['for']);
      const long = await drainProcessor(ops(), stripe, { for: '40 days' });
      expect(!long.ok && long.error.message).toContain('at most 30 days');
      const past = await drainProcessor(ops(), stripe, { until: inMinutes(-1), zone: 'UTC' });
      expect(issuesOf(past)[0]?.path).toEqual(['until']);
      expect((await drainProcessor(ops(), 'proc_nope', { for: '1h' })).ok).toBe(false);
    });
  });

  it('with four-eyes on, the schedule is a request carrying its time; approving it arms the change', async () => {
    const system: ServiceContext = ops();
    const people: Record<string, ServiceContext> = {};
    for (const [name, role] of [['root', 'admin'], ['pia', 'publisher'], ['pat', 'publisher']] as const) {
      const created = await createUser(system, { email: `${name}@example.com`, password: 'a long password', role });
      if (!created.ok) throw new Error(created.error.message);
      people[name] = { db: db(), actor: { kind: 'user', id: created.value.id, email: `${name}@example.com`, role }, via: 'ui' };
    }
    expect((await setFourEyes(people.root!, true)).ok).toBe(true);
    const requested = await scheduleActivation(people.pia!, schemeId, { version: 1, at: '2031-06-01T02:00', zone: 'Europe/Berlin' });
    if (!requested.ok || requested.value.status !== 'requested') throw new Error(JSON.stringify(requested));
    expect(requested.value.request.summary).toContain('at 2031-06-01 02:00 Europe/Berlin (2031-06-01 00:00 UTC)');
    expect(await listScheduledChanges(db(), `scheme:${schemeId}`).then((l) => l.filter((c) => c.status === 'pending'))).toEqual([]);
    const approved = await approveRequest(people.pat!, requested.value.request.id, {});
    if (!approved.ok) throw new Error(approved.error.message);
    const pending = (await listScheduledChanges(db(), `scheme:${schemeId}`)).filter((c) => c.status === 'pending');
    expect(pending).toEqual([expect.objectContaining({ run_at: '2031-06-01T00:00:00.000Z', scheduled_by: 'pia@example.com', payload: expect.objectContaining({ version: 1, request_id: requested.value.request.id }) })]);
    await setFourEyes(people.root!, false);
  }, 60_000);
});
