import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';

/** How long a stored first answer is replayed; after that the key may be used afresh. */
export const IDEMPOTENCY_TTL_HOURS = 24;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export interface IdempotentRequest {
  apiKeyId: string;
  key: string;
  method: string;
  path: string;
  /** The parsed body: two bodies are "the same" when they are equal JSON, whatever their key order or spacing. */
  body: unknown;
}

export type Claim =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' };

export const isValidIdempotencyKey = (key: string) => key.length >= 1 && key.length <= MAX_IDEMPOTENCY_KEY_LENGTH && /^[\x21-\x7e]+$/.test(key);

/**
 * Claims a key before the request runs, inside the request's transaction. The insert is the lock: of
 * two concurrent requests with one key, the second waits on the first's row, then replays its answer
 * (or runs, if the first rolled back).
 */
export async function claimIdempotencyKey(db: Db, request: IdempotentRequest): Promise<Claim> {
  const requestHash = fingerprint(request);
  const expired = sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`;
  // Expired answers go as new keys come in (an index on created_at keeps this cheap).
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, expired));
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ apiKeyId: request.apiKeyId, key: request.key, method: request.method, path: request.path, requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { kind: 'new' };
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.apiKeyId, request.apiKeyId), eq(idempotencyKeys.key, request.key)));
  if (!row) return claimIdempotencyKey(db, request); // released in between: claim again
  if (row.requestHash !== requestHash) return { kind: 'mismatch' };
  // The claim and its answer commit together, so a committed row always has its status.
  if (row.status === null) throw new Error(`Idempotency-Key ${request.key} has no stored answer: claimed outside a transaction`);
  return { kind: 'replay', status: row.status, body: row.body };
}

/** Stores the first answer (in the same transaction as the claim), to be replayed to every retry with the same key and body. */
export async function completeIdempotencyKey(db: Db, apiKeyId: string, key: string, status: number, body: unknown): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ status, body: body ?? null })
    .where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.status)));
}

function fingerprint(request: IdempotentRequest): string {
  return createHash('sha256').update(`${request.method} ${request.path}\n${canonicalJson(request.body)}`).digest('hex');
}

/** JSON with object keys sorted, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value as object)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}
