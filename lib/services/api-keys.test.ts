import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Connection, Db } from '@/db/client';
import { apiKeys } from '@/db/schema';
import { testDatabases } from '@/db/testing';
import { createApiKey, hashSecret, KEY_REVALIDATE_MS, LAST_USED_WRITE_MS, listApiKeys, listenForKeyChanges, revokeApiKey, verifyApiKey } from './api-keys';
import { announceChange, CHANGES_CHANNEL } from './changes';
import { systemContext } from '@/lib/services/context';

const until = async (check: () => Promise<boolean>, ms = 3000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
};

/** A database whose every query fails: what a warm key must not need. */
const unreachable = (db: Db): Db =>
  new Proxy(db, {
    get: (target, prop) => (['select', 'update', 'insert', 'execute'].includes(String(prop)) ? () => { throw new Error('no query expected'); } : Reflect.get(target, prop)),
  });

describe.each(testDatabases())('API keys on $name', (target) => {
  let connection: Connection;
  let stopListening: () => Promise<void>;
  beforeAll(async () => {
    connection = await target.open();
    stopListening = await listenForKeyChanges(connection);
  });
  afterAll(async () => {
    await stopListening?.();
    await connection?.close();
  });
  const db = () => connection.db;
  const ctx = () => systemContext(db(), 'ops');

  it('shows the secret once and stores only its hash and prefix', async () => {
    const created = await createApiKey(ctx(), { name: 'Backend', scopes: ['read', 'decide'] });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const { secret, key } = created.value;
    expect(secret).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(secret.slice(0, 11));
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.hash).toBe(hashSecret(secret).toString('hex'));
    expect(JSON.stringify(row)).not.toContain(secret.slice(11));
    expect(JSON.stringify(await listApiKeys(db()))).not.toContain(secret);
  });

  it('refuses bad input with paths', async () => {
    const result = await createApiKey(ctx(), { name: ' ', scopes: ['admin', 'read', 'read'] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('validation');
    expect(!result.ok && result.error.code === 'validation' && result.error.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['name', 'scopes.0']));
  });

  it('verifies scope, and tells missing, malformed, unknown and wrong-scope keys apart', async () => {
    const created = await createApiKey(ctx(), { name: 'Reader', scopes: ['read'] });
    if (!created.ok) throw new Error('setup');
    expect(await verifyApiKey(db(), created.value.secret, 'read')).toMatchObject({ ok: true, key: { id: created.value.key.id } });
    expect(await verifyApiKey(db(), created.value.secret, 'write')).toMatchObject({ ok: false, reason: 'scope' });
    expect(await verifyApiKey(db(), null, 'read')).toMatchObject({ ok: false, reason: 'missing' });
    expect(await verifyApiKey(db(), 'Bearer', 'read')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(await verifyApiKey(db(), `sk_${'x'.repeat(43)}`, 'read')).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('answers a warm key from memory: no query per request', async () => {
    const created = await createApiKey(ctx(), { name: 'Hot', scopes: ['decide'] });
    if (!created.ok) throw new Error('setup');
    const now = Date.now();
    expect((await verifyApiKey(db(), created.value.secret, 'decide', now)).ok).toBe(true);
    for (let i = 0; i < 100; i++) expect((await verifyApiKey(unreachable(db()), created.value.secret, 'decide', now + 10)).ok).toBe(true);
  });

  it('a revocation on this instance applies at once', async () => {
    const created = await createApiKey(ctx(), { name: 'Revoke me', scopes: ['read'] });
    if (!created.ok) throw new Error('setup');
    expect((await verifyApiKey(db(), created.value.secret, 'read')).ok).toBe(true);
    const revoked = await revokeApiKey(ctx(), created.value.key.id);
    expect(revoked.ok && revoked.value.revoked_at).toBeTruthy();
    expect(await verifyApiKey(db(), created.value.secret, 'read')).toMatchObject({ ok: false, reason: 'revoked' });
    expect((await revokeApiKey(ctx(), 'key_nope')).ok).toBe(false);
  });

  it('a revocation by another instance arrives through the changes channel', async () => {
    const created = await createApiKey(ctx(), { name: 'Elsewhere', scopes: ['read'] });
    if (!created.ok) throw new Error('setup');
    expect((await verifyApiKey(db(), created.value.secret, 'read')).ok).toBe(true);
    // What another instance's revokeApiKey does to the shared database: the row, then the announcement.
    await db().update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, created.value.key.id));
    await announceChange(db(), { entity: 'api_key', action: 'revoke', id: created.value.key.id });
    expect(await until(async () => !(await verifyApiKey(db(), created.value.secret, 'read')).ok, 1000)).toBe(true);
  });

  it('without a notification, a revocation lands on the next revalidation', async () => {
    const created = await createApiKey(ctx(), { name: 'Silent', scopes: ['read'] });
    if (!created.ok) throw new Error('setup');
    const t0 = Date.now();
    expect((await verifyApiKey(db(), created.value.secret, 'read', t0)).ok).toBe(true);
    await db().update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, created.value.key.id));
    expect((await verifyApiKey(db(), created.value.secret, 'read', t0 + 1000)).ok).toBe(true); // within the window: from memory
    const later = t0 + KEY_REVALIDATE_MS + 1;
    expect(await until(async () => !(await verifyApiKey(db(), created.value.secret, 'read', later)).ok)).toBe(true);
  });

  it('keeps a key verified here when its own creation is announced late, so it still works with the database away', async () => {
    const created = await createApiKey(ctx(), { name: 'Late news', scopes: ['decide'] });
    if (!created.ok) throw new Error('setup');
    const { secret, key } = created.value;
    expect((await verifyApiKey(db(), secret, 'decide')).ok).toBe(true);
    // The creation's announcement again, now that the key is cached (on Postgres the first one may land just as late).
    let heard = false;
    const unlisten = await connection.listen(CHANGES_CHANNEL, (payload) => {
      if (payload.includes(`"again-${key.id}"`)) heard = true;
    });
    await announceChange(db(), { entity: 'api_key', action: 'create', id: key.id });
    await announceChange(db(), { entity: 'marker', action: 'create', id: `again-${key.id}` });
    expect(await until(async () => heard)).toBe(true);
    await unlisten();
    expect((await verifyApiKey(unreachable(db()), secret, 'decide')).ok).toBe(true);
  });

  it('while the database is away, tries it again every few seconds, not on every request', async () => {
    const created = await createApiKey(ctx(), { name: 'Outage', scopes: ['decide'] });
    if (!created.ok) throw new Error('setup');
    const t0 = Date.now();
    expect((await verifyApiKey(db(), created.value.secret, 'decide', t0)).ok).toBe(true);
    let attempts = 0;
    const away = new Proxy(db(), {
      get: (target, prop) =>
        ['select', 'update', 'insert', 'execute'].includes(String(prop))
          ? () => {
              attempts++;
              throw Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
            }
          : Reflect.get(target, prop),
    });
    const later = t0 + LAST_USED_WRITE_MS + 1; // both the revalidation and the last-used write are due
    for (let i = 0; i < 200; i++) expect((await verifyApiKey(away, created.value.secret, 'decide', later + i)).ok).toBe(true);
    // The failing database throws at once, so every attempt and its handling has run once the queued promise work has.
    await new Promise((resolve) => setImmediate(resolve));
    expect(attempts).toBe(2); // one read and one write, then quiet until KEY_REVALIDATE_MS has passed
    expect((await verifyApiKey(away, created.value.secret, 'decide', later + KEY_REVALIDATE_MS + 1)).ok).toBe(true);
    expect(await until(async () => attempts > 2)).toBe(true);
  });

  it('writes last_used_at at most once a minute per key', async () => {
    const created = await createApiKey(ctx(), { name: 'Used', scopes: ['read'] });
    if (!created.ok) throw new Error('setup');
    const lastUsed = async () => (await db().select().from(apiKeys).where(eq(apiKeys.id, created.value.key.id)))[0]!.lastUsedAt?.getTime() ?? null;
    const t0 = Date.now();
    await verifyApiKey(db(), created.value.secret, 'read', t0);
    expect(await until(async () => (await lastUsed()) === t0)).toBe(true);
    let updates = 0;
    const counting = new Proxy(db(), {
      get: (target, prop) => {
        if (prop === 'update') updates++;
        return Reflect.get(target, prop);
      },
    });
    await verifyApiKey(counting, created.value.secret, 'read', t0 + 1000);
    expect(updates).toBe(0); // the write is decided when the key is checked: a second later, none is started
    expect(await lastUsed()).toBe(t0);
    await verifyApiKey(db(), created.value.secret, 'read', t0 + LAST_USED_WRITE_MS + 1);
    expect(await until(async () => (await lastUsed()) === t0 + LAST_USED_WRITE_MS + 1)).toBe(true);
  });
});
