import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { testDatabases } from './testing';
import type { Connection, Db } from './client';
import { seedDemoData, DEMO_SCHEME_ID } from './seed';
import { auditEntries, processors, schemeVersions } from './schema';
import { CHANGES_CHANNEL, parseChange, type Change } from '@/lib/services/changes';
import { systemContext, type ServiceContext } from '@/lib/services/context';
import { createFilter } from '@/lib/services/filters';
import { createProcessor, getProcessor } from '@/lib/services/processors';
import { publishScheme } from '@/lib/services/publishing';
import { fail, ok, uniqueViolation } from '@/lib/services/result';
import { getScheme, saveDraft } from '@/lib/services/schemes';
import { getSettings } from '@/lib/services/settings';
import { write } from '@/lib/services/write';

const processor = (id: string, name: string) => ({
  id,
  name,
  provider: 'acme',
  status: 'active',
  currencies: ['eur'],
  payment_methods: ['card'],
  countries: [],
  approval_rate: 0.8,
  fees: { percent: 1.5, fixed: 0.1 },
});

const auditCount = async (db: Db) => (await db.select({ n: count() }).from(auditEntries))[0]!.n;

/** Makes the database refuse audit entries for one entity while `work` runs: the audit insert fails, nothing else does. */
async function withAuditRefused<T>(db: Db, entity: string, work: () => Promise<T>): Promise<T> {
  await db.execute(sql.raw(`alter table audit_entries add constraint audit_refused check (entity <> '${entity}') not valid`));
  try {
    return await work();
  } finally {
    await db.execute(sql`alter table audit_entries drop constraint audit_refused`);
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() - started > 5_000) throw new Error(`timed out waiting for ${what}`);
  }
}

describe.each(testDatabases())('writes and their audit entries on $name', (target) => {
  let connection: Connection;
  let stopListening: () => Promise<void>;
  const heard: Change[] = [];
  beforeAll(async () => {
    connection = await target.open();
    await seedDemoData(connection.db);
    stopListening = await connection.listen(CHANGES_CHANNEL, (payload) => {
      const change = parseChange(payload);
      if (change) heard.push(change);
    });
  });
  afterAll(async () => {
    await stopListening?.();
    await connection?.close();
  });
  const db = () => connection.db;
  const ctx = () => systemContext(db(), 'ops');
  const heardOf = (id: string) => heard.filter((c) => c.id === id);

  it('records who made a change and through what', async () => {
    const api: ServiceContext = {
      db: db(),
      actor: { kind: 'api_key', id: 'key_1', prefix: 'sk_abcdefgh', scopes: ['write'], ownerId: null },
      via: 'api',
      address: '203.0.113.7',
    };
    expect((await createProcessor(api, processor('proc_audited', 'Audited'))).ok).toBe(true);
    const [entry] = await db().select().from(auditEntries).where(eq(auditEntries.entityId, 'proc_audited'));
    expect(entry).toMatchObject({
      actor: 'api key sk_abcdefgh',
      actorKind: 'api_key',
      actorId: 'key_1',
      via: 'api',
      address: '203.0.113.7',
      action: 'create',
      entity: 'processor',
    });
  });

  it('a failing audit insert leaves a processor create undone and unannounced', async () => {
    const before = await auditCount(db());
    await expect(withAuditRefused(db(), 'processor', () => createProcessor(ctx(), processor('proc_unaudited', 'Unaudited')))).rejects.toThrow();
    expect(await getProcessor(db(), 'proc_unaudited')).toBeUndefined();
    expect(await auditCount(db())).toBe(before);
    // The same create, once the audit accepts it, is heard; the failed one never was.
    expect((await createProcessor(ctx(), processor('proc_unaudited', 'Unaudited'))).ok).toBe(true);
    await until(() => heardOf('proc_unaudited').length > 0, 'the announcement of the create');
    expect(heardOf('proc_unaudited')).toEqual([{ entity: 'processor', action: 'create', id: 'proc_unaudited' }]);
  });

  it('a failing audit insert leaves a scheme save undone', async () => {
    const scheme = (await getScheme(db(), DEMO_SCHEME_ID))!;
    const document = { ...scheme.document, name: 'Renamed by a save that fails' };
    await expect(withAuditRefused(db(), 'scheme', () => saveDraft(ctx(), DEMO_SCHEME_ID, document, scheme.revision))).rejects.toThrow();
    const after = (await getScheme(db(), DEMO_SCHEME_ID))!;
    expect(after.revision).toBe(scheme.revision);
    expect(after.name).toBe(scheme.name);
  });

  it('a failing audit insert leaves a publish and its activation undone', async () => {
    const versions = async () => (await db().select({ n: count() }).from(schemeVersions).where(eq(schemeVersions.schemeId, DEMO_SCHEME_ID)))[0]!.n;
    const before = { versions: await versions(), settings: await getSettings(db()), audit: await auditCount(db()) };
    await expect(withAuditRefused(db(), 'scheme_version', () => publishScheme(ctx(), DEMO_SCHEME_ID, { note: 'never', activate: true }))).rejects.toThrow();
    expect(await versions()).toBe(before.versions);
    expect(await getSettings(db())).toEqual(before.settings);
    expect(await auditCount(db())).toBe(before.audit);
  });

  it('announces a change only when its transaction commits', async () => {
    let heardBeforeCommit: Change[] = [];
    const result = await write(ctx(), 'editor', async (tx, audit) => {
      await tx.insert(processors).values({ id: 'proc_at_commit', name: 'At commit', provider: 'acme', status: 'active', currencies: ['eur'], paymentMethods: ['card'], countries: [], approvalRate: 0.5, feePercent: 1, feeFixed: 0 });
      await audit({ action: 'create', entity: 'processor', entityId: 'proc_at_commit' });
      await tx.execute(sql`select 1`); // a round trip after the NOTIFY, inside the transaction
      heardBeforeCommit = heardOf('proc_at_commit');
      return ok(null);
    });
    expect(result.ok).toBe(true);
    expect(heardBeforeCommit).toEqual([]);
    await until(() => heardOf('proc_at_commit').length > 0, 'the announcement at commit');
  });

  it('a refused result rolls back what the write did, and nothing is announced', async () => {
    const refused = await write(ctx(), 'editor', async (tx, audit) => {
      await tx.insert(processors).values({ id: 'proc_refused', name: 'Refused', provider: 'acme', status: 'active', currencies: ['eur'], paymentMethods: ['card'], countries: [], approvalRate: 0.5, feePercent: 1, feeFixed: 0 });
      await audit({ action: 'create', entity: 'processor', entityId: 'proc_refused' });
      return fail({ code: 'conflict', message: 'changed my mind' });
    });
    expect(refused).toEqual({ ok: false, error: { code: 'conflict', message: 'changed my mind' } });
    expect(await getProcessor(db(), 'proc_refused')).toBeUndefined();
    // A later, committed change is heard; the refused one, sent before it, never is.
    expect((await createProcessor(ctx(), processor('proc_after_refusal', 'After refusal'))).ok).toBe(true);
    await until(() => heardOf('proc_after_refusal').length > 0, 'the later announcement');
    expect(heardOf('proc_refused')).toEqual([]);
  });

  it('refuses a change that records no audit entry', async () => {
    const unaudited = write(ctx(), 'editor', async (tx) => {
      await tx.insert(processors).values({ id: 'proc_silent', name: 'Silent', provider: 'acme', status: 'active', currencies: ['eur'], paymentMethods: ['card'], countries: [], approvalRate: 0.5, feePercent: 1, feeFixed: 0 });
      return ok(null);
    });
    await expect(unaudited).rejects.toThrow(/no audit entry/);
    expect(await getProcessor(db(), 'proc_silent')).toBeUndefined();
  });

  it('keeps the audit trail append-only', async () => {
    const [entry] = await db().select().from(auditEntries).limit(1);
    await expect(db().update(auditEntries).set({ actor: 'someone else' }).where(eq(auditEntries.id, entry!.id))).rejects.toThrow();
    await expect(db().delete(auditEntries).where(eq(auditEntries.id, entry!.id))).rejects.toThrow();
    const [still] = await db().select().from(auditEntries).where(eq(auditEntries.id, entry!.id));
    expect(still).toEqual(entry);
  });

  it('tells an id clash from a name clash by the constraint that failed', async () => {
    expect((await createProcessor(ctx(), processor('proc_clash', 'Clash'))).ok).toBe(true);
    const sameId = await createProcessor(ctx(), processor('proc_clash', 'Another name'));
    expect(sameId).toEqual({ ok: false, error: { code: 'conflict', message: 'A processor with id proc_clash already exists.', issues: [{ path: ['id'], message: 'Id already in use' }] } });
    const sameName = await createProcessor(ctx(), processor('proc_other', 'CLASH'));
    expect(sameName).toEqual({ ok: false, error: { code: 'conflict', message: 'A processor named "CLASH" already exists.', issues: [{ path: ['name'], message: 'Name already in use' }] } });
    const filter = { name: 'Big', match: 'all', rules: [{ attribute: 'amount', operator: 'gt', value: 100 }] };
    expect((await createFilter(ctx(), { ...filter, id: 'flt_clash' })).ok).toBe(true);
    const filterId = await createFilter(ctx(), { ...filter, id: 'flt_clash', name: 'Bigger' });
    expect(!filterId.ok && filterId.error).toMatchObject({ code: 'conflict', issues: [{ path: ['id'], message: 'Id already in use' }] });
  });

  it('names the constraint of a unique violation from the driver', async () => {
    const violation = async (work: () => Promise<unknown>) => work().then(() => undefined, (error: unknown) => error);
    const values = { provider: 'acme', status: 'active' as const, currencies: ['eur'], paymentMethods: ['card'], countries: [], approvalRate: 0.5, feePercent: 1, feeFixed: 0 };
    const byId = await violation(() => db().insert(processors).values({ id: 'proc_clash', name: 'Fresh name', ...values }));
    const byName = await violation(() => db().insert(processors).values({ id: 'proc_fresh', name: 'clash', ...values }));
    expect(uniqueViolation(byId)).toBe('processors_pkey');
    expect(uniqueViolation(byName)).toBe('processors_name_unique');
    expect(uniqueViolation(new Error('not a database error'))).toBeUndefined();
  });
});
