import 'server-only';
import { sql } from 'drizzle-orm';
import { getConnection } from '@/db';
import type { Connection } from '@/db/client';
import type { DecisionCache } from './decision-cache';
import type { DecisionLog, DecisionLogStatus } from './decision-log';

export type Health = { ok: true; database: 'postgres' | 'pglite' | 'memory' } | { ok: false; reason: string };

// Short: during an outage health answers within this, so load balancers see "degraded" at once.
const CHECK_TIMEOUT_MS = 500;

/** One cheap round trip, so pages can say "the database cannot be reached" instead of failing obscurely. */
export async function checkDatabase(connection?: Pick<Connection, 'db' | 'target'>): Promise<Health> {
  try {
    const target = connection ?? (await withTimeout(getConnection(), CHECK_TIMEOUT_MS));
    await withTimeout(target.db.execute(sql`select 1`), CHECK_TIMEOUT_MS);
    return { ok: true, database: target.target.kind };
  } catch (error) {
    return { ok: false, reason: describe(error) };
  }
}

/**
 * The service's health for load balancers and operators:
 * - `ok`: the database answers and decisions come from a current cache;
 * - `degraded`: the database cannot be reached, decisions still come from the cache — `stale_ms` says
 *   for how long it has not been confirmed current; writes fail with 503 meanwhile;
 * - `down`: no database and no cache: decide cannot answer.
 */
export interface ServiceHealth {
  status: 'ok' | 'degraded' | 'down';
  checked_at: string;
  database: { reachable: true; kind: 'postgres' | 'pglite' | 'memory' } | { reachable: false; error: string };
  cache: {
    loaded: boolean;
    loaded_at: string | null;
    confirmed_at: string | null;
    stale_ms: number | null;
    active: { scheme_id: string; version: number } | null;
  };
  /**
   * This instance's decision log: `backlog` decisions wait in memory to be written (they grow while
   * the database is away), `dropped` were lost to a full buffer. Null when recording is off.
   */
  decision_log: DecisionLogStatus | null;
}

export async function serviceHealth(cache: DecisionCache | null, probe?: () => Promise<Health>, log: DecisionLog | null = null): Promise<ServiceHealth> {
  // The cache's own database is the one that matters to decisions.
  const source = cache?.source;
  const database = await (probe ?? (source?.target ? () => checkDatabase({ db: source.db, target: source.target! }) : () => checkDatabase()))();
  const now = Date.now();
  const status = cache?.status();
  const loaded = status?.loaded ?? false;
  const confirmedAt = database.ok ? now : (status?.confirmedAt ?? null);
  return {
    status: database.ok ? 'ok' : loaded ? 'degraded' : 'down',
    checked_at: new Date(now).toISOString(),
    database: database.ok ? { reachable: true, kind: database.database } : { reachable: false, error: database.reason },
    cache: {
      loaded,
      loaded_at: status?.loadedAt != null ? new Date(status.loadedAt).toISOString() : null,
      confirmed_at: confirmedAt != null ? new Date(confirmedAt).toISOString() : null,
      stale_ms: !loaded ? null : database.ok ? 0 : confirmedAt != null ? Math.max(0, now - confirmedAt) : null,
      active: status?.active ? { scheme_id: status.active.schemeId, version: status.active.version } : null,
    },
    decision_log: log?.status() ?? null,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.code ?? e?.cause?.code;
  const message = e?.cause?.message ?? e?.message ?? String(error);
  return code ? `${code}: ${message}` : message;
}
