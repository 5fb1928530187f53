import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { auditEntries, schemes } from '@/db/schema';
import type { Connection } from '@/db/client';
import { DEMO_SCHEME_ID, seedDemoData } from '@/db/seed';
import { testDatabases } from '@/db/testing';
import type { Role } from '@/lib/access/roles';
import type { ServiceContext } from './context';
import { approveRequest, goLiveWithVersion, pendingRequests, previewActivation, publishOrRequest, rejectRequest, setFourEyes, versionEvents } from './going-live';
import { getSettings } from './settings';
import { createUser } from './users';

describe.each(testDatabases())('going live on $name', (target) => {
  let connection: Connection;
  const db = () => connection.db;
  const as: Record<string, ServiceContext> = {};
  afterAll(async () => connection?.close());
  beforeAll(async () => {
    connection = await target.open();
    await seedDemoData(connection.db);
    const system: ServiceContext = { db: db(), actor: { kind: 'system', name: 'test' }, via: 'system' };
    const people: [string, Role][] = [['admin', 'admin'], ['pia', 'publisher'], ['pat', 'publisher'], ['eddie', 'editor'], ['vic', 'viewer']];
    for (const [name, role] of people) {
      const created = await createUser(system, { email: `${name}@example.com`, password: 'a long password', role });
      if (!created.ok) throw new Error(created.error.message);
      as[name] = { db: db(), actor: { kind: 'user', id: created.value.id, email: `${name}@example.com`, role }, via: 'ui', address: '192.0.2.1' };
    }
  }, 240_000); // a seeded database and five password hashes

  const bumpDraft = async () => {
    await db().update(schemes).set({ revision: sql`${schemes.revision} + 1` }).where(eq(schemes.id, DEMO_SCHEME_ID));
  };

  it('says what an activation changes, with the test cases', async () => {
    await bumpDraft();
    const published = await publishOrRequest(as.pia!, DEMO_SCHEME_ID, { note: 'v2' });
    expect(published.ok && published.value.status).toBe('done');
    const preview = await previewActivation(db(), DEMO_SCHEME_ID, 2);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.summary).toMatch(/^.+ v2 replaces .+ v1 as the live routing for all traffic\.$/);
    expect(preview.value.rollback).toBe(false);
    expect(preview.value.tests).not.toBeNull();
  });

  it('refuses re-publishing a revision that is already a version, naming it', async () => {
    const again = await publishOrRequest(as.pia!, DEMO_SCHEME_ID, {});
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/already published as version 2/);
  });

  it('refuses a viewer and an editor going live, changing nothing', async () => {
    for (const who of ['vic', 'eddie']) {
      const refused = await goLiveWithVersion(as[who]!, DEMO_SCHEME_ID, 2);
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await getSettings(db())).active_version).toBe(1);
  });

  it('with four-eyes on, an activation is a request until another publisher approves it', async () => {
    expect((await setFourEyes(as.pia!, true)).ok).toBe(false); // admins only
    expect((await setFourEyes(as.admin!, true)).ok).toBe(true);
    const requested = await goLiveWithVersion(as.pia!, DEMO_SCHEME_ID, 2);
    if (!requested.ok || requested.value.status !== 'requested') throw new Error('expected a request');
    const { request } = requested.value;
    expect((await getSettings(db())).active_version).toBe(1); // nothing live yet
    expect((await pendingRequests(db())).map((r) => r.id)).toContain(request.id);

    const own = await approveRequest(as.pia!, request.id, { comment: 'looks good to me' });
    expect(own).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/different publisher/) } });
    expect(await approveRequest(as.eddie!, request.id, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await getSettings(db())).active_version).toBe(1);

    const approved = await approveRequest(as.pat!, request.id, { comment: 'checked the EU rules' });
    expect(approved).toMatchObject({ ok: true, value: { status: 'approved', decided_by_email: 'pat@example.com', comment: 'checked the EU rules' } });
    expect((await getSettings(db())).active_version).toBe(2);
    expect(await approveRequest(as.admin!, request.id, {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('a rejected publish request needs a comment and publishes nothing', async () => {
    await bumpDraft();
    const requested = await publishOrRequest(as.pat!, DEMO_SCHEME_ID, { note: 'try this' });
    if (!requested.ok || requested.value.status !== 'requested') throw new Error('expected a request');
    const id = requested.value.request.id;
    expect(await rejectRequest(as.pia!, id, { comment: '' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    const rejected = await rejectRequest(as.pia!, id, { comment: 'not during the sale' });
    expect(rejected).toMatchObject({ ok: true, value: { status: 'rejected', comment: 'not during the sale' } });
    expect((await pendingRequests(db(), DEMO_SCHEME_ID)).length).toBe(0);
  });

  it('an approved publish request publishes the reviewed revision, recorded with who asked and who approved', async () => {
    const requested = await publishOrRequest(as.pat!, DEMO_SCHEME_ID, { note: 'second try' });
    if (!requested.ok || requested.value.status !== 'requested') throw new Error('expected a request');
    const approved = await approveRequest(as.admin!, requested.value.request.id, { comment: '' });
    expect(approved).toMatchObject({ ok: true, value: { result_version: 3 } });
    const events = await versionEvents(db(), DEMO_SCHEME_ID);
    const texts = events.map((e) => `${e.actor} ${e.text}`);
    expect(texts).toContain('admin@example.com approved pat@example.com\'s request (published v3)');
    expect(texts).toContain('pia@example.com rejected pat@example.com\'s request: “not during the sale”');
    expect(texts.some((t) => t.startsWith('pat@example.com made v2 live'))).toBe(true);
  });

  it('an API key cannot go around four-eyes', async () => {
    const key: ServiceContext = { db: db(), actor: { kind: 'api_key', id: 'key_x', prefix: 'sk_abc', scopes: ['write'], ownerId: null }, via: 'api' };
    const refused = await goLiveWithVersion(key, DEMO_SCHEME_ID, 3);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/Four-eyes/) } });
    await setFourEyes(as.admin!, false);
  });

  it('no one can change or remove an audit entry', async () => {
    const [last] = await db().select().from(auditEntries).orderBy(desc(auditEntries.id)).limit(1);
    await expect(db().update(auditEntries).set({ actor: 'someone else' }).where(eq(auditEntries.id, last!.id))).rejects.toThrow();
    await expect(db().delete(auditEntries).where(eq(auditEntries.id, last!.id))).rejects.toThrow();
    await expect(db().execute(sql`truncate audit_entries`)).rejects.toThrow();
    const [still] = await db().select().from(auditEntries).where(eq(auditEntries.id, last!.id));
    expect(still).toEqual(last);
  });
});
