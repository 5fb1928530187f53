import 'server-only';
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Connection, Db } from '@/db/client';
import { apiKeys } from '@/db/schema';
import type { ServiceContext } from './context';
import { CHANGES_CHANNEL, parseChange } from './changes';
import { fail, notFound, ok, validationError, type Result } from './result';
import { write } from './write';
import { parseInput } from '@/lib/text/hostile';
import { anId, checkArguments } from './arguments';

export const API_SCOPES = ['read', 'write', 'decide'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** What ops staff see of a key: never the secret, only its first characters. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** The admin who made the key (null for keys made before sign-in existed). */
  owner_id: string | null;
}

export const CreateApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, 'Name is required').max(100),
  scopes: z
    .array(z.enum(API_SCOPES))
    .min(1, 'Pick at least one scope')
    .refine((list) => new Set(list).size === list.length, 'A scope may appear only once'),
});

const SECRET_PREFIX = 'sk_';
const PREFIX_LENGTH = SECRET_PREFIX.length + 8;

/** 32 random bytes: high-entropy, so a plain SHA-256 is a sound hash (no salt or slow hash needed). */
export const hashSecret = (secret: string): Buffer => hash('sha256', secret, 'buffer');

type Row = typeof apiKeys.$inferSelect;
const toRecord = (row: Row): ApiKeyRecord => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)),
  created_at: row.createdAt.toISOString(),
  last_used_at: row.lastUsedAt?.toISOString() ?? null,
  revoked_at: row.revokedAt?.toISOString() ?? null,
  owner_id: row.ownerId,
});

export async function listApiKeys(db: Db): Promise<ApiKeyRecord[]> {
  return (await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))).map(toRecord);
}

/** A new key. The secret is in this answer only: it is stored as its hash and can never be shown again. */
export async function createApiKey(ctx: ServiceContext, input: unknown): Promise<Result<{ key: ApiKeyRecord; secret: string }>> {
  const parsed = parseInput(CreateApiKeySchema, input);
  if (!parsed.success) return fail(validationError(parsed.error));
  const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
  const id = `key_${randomBytes(8).toString('hex')}`;
  return write(ctx, 'admin', async (tx, audit) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        id,
        name: parsed.data.name,
        prefix: secret.slice(0, PREFIX_LENGTH),
        hash: hashSecret(secret).toString('hex'),
        scopes: parsed.data.scopes,
        // A key belongs to the admin who made it: deleting that user revokes it.
        ownerId: ctx.actor.kind === 'user' ? ctx.actor.id : null,
      })
      .returning();
    unknownPrefixes.forget(row!.prefix);
    await audit({ action: 'create', entity: 'api_key', entityId: id, detail: { name: parsed.data.name, scopes: parsed.data.scopes } });
    return ok({ key: toRecord(row!), secret });
  });
}

export async function revokeApiKey(ctx: ServiceContext, id: string): Promise<Result<ApiKeyRecord>> {
  const args = checkArguments({ id: anId(id) });
  if (!args.ok) return args;
  const result = await write(ctx, 'admin', async (tx, audit) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
      .where(eq(apiKeys.id, id))
      .returning();
    if (!row) return fail(notFound('API key', id));
    // The audit entry is announced on the changes channel: other instances drop the key on hearing it.
    await audit({ action: 'revoke', entity: 'api_key', entityId: id });
    return ok(toRecord(row));
  });
  if (result.ok) keyCache.forgetId(id);
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Verification, from memory once warm (the decide hot path makes no database query per request).

/** A cached key is re-read from the database in the background at most this often. */
export const KEY_REVALIDATE_MS = 5_000;
/** `last_used_at` is written at most this often per key. */
export const LAST_USED_WRITE_MS = 60_000;

export type Verification =
  | { ok: true; key: { id: string; name: string; prefix: string; scopes: readonly ApiScope[]; ownerId: string | null } }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown' | 'revoked' | 'scope'; message: string };

interface CachedKey {
  id: string;
  hash: Buffer;
  prefix: string;
  /** What a successful verification answers (its scopes are the key's), built once per load rather than per request. */
  caller: { id: string; name: string; prefix: string; scopes: readonly ApiScope[]; ownerId: string | null };
  revoked: boolean;
  /** When the key was last read from the database, or last tried while it was away. */
  checkedAt: number;
  lastUsedWrittenAt: number;
  refreshing: boolean;
}

class KeyCache {
  private readonly byHash = new Map<string, CachedKey>();
  get(hashHex: string) {
    return this.byHash.get(hashHex);
  }
  set(hashHex: string, key: CachedKey) {
    this.byHash.set(hashHex, key);
  }
  forget(hashHex: string) {
    this.byHash.delete(hashHex);
  }
  forgetId(id: string) {
    for (const [hashHex, key] of this.byHash) if (key.id === id) this.byHash.delete(hashHex);
  }
  clear() {
    this.byHash.clear();
  }
}

const keyCache = new KeyCache();

/** Drops keys revoked elsewhere in this process (a deleted user's keys) from the cache. */
export function forgetApiKeys(ids: readonly string[]): void {
  for (const id of ids) keyCache.forgetId(id);
}

/**
 * Listens for API key changes announced by any instance (revocations) and drops them from this
 * instance's cache; on every (re)connect the whole cache is dropped, in case one was missed.
 */
export async function listenForKeyChanges(connection: Pick<Connection, 'listen'>): Promise<() => Promise<void>> {
  return connection.listen(
    CHANGES_CHANNEL,
    (payload) => {
      const change = parseChange(payload);
      if (change?.entity !== 'api_key') return;
      // A key created elsewhere may have a prefix remembered as unknown. Its own creation says nothing
      // new about a cached copy (one verified here since): forgetting it would only cost a reload, and
      // fail the key while the database is away.
      unknownPrefixes.clear();
      if (change.action !== 'create') keyCache.forgetId(change.id);
    },
    () => {
      keyCache.clear();
      unknownPrefixes.clear();
    },
  );
}

const SECRET_SHAPE = /^sk_[A-Za-z0-9_-]{20,100}$/;

/**
 * Checks a bearer secret and a required scope. A key seen before is answered from memory and re-read
 * in the background every few seconds (so a revocation elsewhere lands within KEY_REVALIDATE_MS even
 * without a notification); while the database is down, cached keys keep working.
 */
export function verifyApiKey(db: Db, secret: string | null, scope: ApiScope, now = Date.now()): Verification | Promise<Verification> {
  if (!secret) return { ok: false, reason: 'missing', message: 'Send an API key as "Authorization: Bearer sk_...".' };
  if (!SECRET_SHAPE.test(secret)) return { ok: false, reason: 'malformed', message: 'The API key is not valid.' };
  const hash = hashSecret(secret);
  const hashHex = hash.toString('hex');
  const cached = keyCache.get(hashHex);
  if (cached) {
    if (now - cached.checkedAt > KEY_REVALIDATE_MS) revalidate(db, hashHex, cached, now);
    return verdict(db, cached, hash, scope, now);
  }
  const prefix = secret.slice(0, PREFIX_LENGTH);
  if (unknownPrefixes.has(prefix, now)) return UNKNOWN_KEY;
  return loadKey(db, hashHex, prefix, now).then((loaded) => {
    if (!loaded) return UNKNOWN_KEY;
    keyCache.set(hashHex, loaded);
    return verdict(db, loaded, hash, scope, now);
  });
}

/** True when `secret` is a key this instance has verified and not seen revoked (answered from memory). */
export function isKnownApiKey(secret: string | null): boolean {
  if (!secret || !SECRET_SHAPE.test(secret)) return false;
  const cached = keyCache.get(hashSecret(secret).toString('hex'));
  return cached !== undefined && !cached.revoked;
}

/**
 * Prefixes no key has, remembered for UNKNOWN_PREFIX_MS: the same wrong key sent again costs no query.
 * Only a prefix no stored key shares is remembered, so a guess can never lock out a real key.
 */
export const UNKNOWN_PREFIX_MS = 30_000;
const MAX_UNKNOWN_PREFIXES = 10_000;

class UnknownPrefixes {
  private readonly until = new Map<string, number>();
  has(prefix: string, now: number): boolean {
    const expires = this.until.get(prefix);
    if (expires === undefined) return false;
    if (expires > now) return true;
    this.until.delete(prefix);
    return false;
  }
  add(prefix: string, now: number): void {
    if (this.until.size >= MAX_UNKNOWN_PREFIXES) this.until.delete(this.until.keys().next().value!);
    this.until.set(prefix, now + UNKNOWN_PREFIX_MS);
  }
  forget(prefix: string): void {
    this.until.delete(prefix);
  }
  clear(): void {
    this.until.clear();
  }
}

const unknownPrefixes = new UnknownPrefixes();

const UNKNOWN_KEY: Verification = { ok: false, reason: 'unknown', message: 'The API key is not valid.' };

function verdict(db: Db, key: CachedKey, hash: Buffer, scope: ApiScope, now: number): Verification {
  // The map lookup already matched the hash; compare again in constant time so the answer never
  // depends on how much of a guessed secret was right.
  if (!timingSafeEqual(key.hash, hash)) return UNKNOWN_KEY;
  if (key.revoked) return { ok: false, reason: 'revoked', message: 'This API key has been revoked.' };
  if (now - key.lastUsedWrittenAt > LAST_USED_WRITE_MS) touch(db, key, now);
  const { scopes } = key.caller;
  if (!scopes.includes(scope)) {
    return { ok: false, reason: 'scope', message: `This API key lacks the "${scope}" scope (it has: ${scopes.join(', ') || 'none'}).` };
  }
  return { ok: true, key: key.caller };
}

async function loadKey(db: Db, hashHex: string, prefix: string, now: number): Promise<CachedKey | undefined> {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
  const row = rows.find((r) => r.hash === hashHex);
  if (!row) {
    if (rows.length === 0) unknownPrefixes.add(prefix, now);
    return undefined;
  }
  const record = toRecord(row);
  return {
    id: row.id,
    hash: Buffer.from(hashHex, 'hex'),
    prefix,
    caller: { id: row.id, name: row.name, prefix: row.prefix, scopes: record.scopes, ownerId: row.ownerId },
    revoked: row.revokedAt !== null,
    checkedAt: now,
    lastUsedWrittenAt: 0,
    refreshing: false,
  };
}

function revalidate(db: Db, hashHex: string, key: CachedKey, now: number): void {
  if (key.refreshing) return;
  key.refreshing = true;
  loadKey(db, hashHex, key.prefix, now)
    .then((fresh) => {
      if (!fresh) keyCache.forget(hashHex);
      else Object.assign(key, { caller: fresh.caller, revoked: fresh.revoked, checkedAt: now });
    })
    .catch(() => {
      key.checkedAt = now; // database away: keep answering from what we know; try again in KEY_REVALIDATE_MS, not on every request
    })
    .finally(() => {
      key.refreshing = false;
    });
}

function touch(db: Db, key: CachedKey, now: number): void {
  key.lastUsedWrittenAt = now;
  writeLastUsed(db, key.id, now).catch(() => {
    key.lastUsedWrittenAt = now - LAST_USED_WRITE_MS + KEY_REVALIDATE_MS; // try again in a few seconds, not on every request
  });
}

async function writeLastUsed(db: Db, id: string, now: number): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: new Date(now) }).where(eq(apiKeys.id, id));
}
