import 'server-only';
import type { Db } from '@/db/client';
import { getConnection } from '@/db';
import { listenForKeyChanges } from '@/lib/services/api-keys';
import { apiError, type ApiError } from './errors';

/**
 * Where handlers get their database. The app uses its one connection, and the first use starts this
 * instance's listener for API key revocations; tests point this at a fresh test database, so handlers
 * are exercised exactly as deployed.
 */
let listening: Promise<unknown> | undefined;
let appDb: Db | undefined;

async function openAppDatabase(): Promise<Db> {
  const connection = await getConnection();
  listening ??= listenForKeyChanges(connection).catch(() => {
    listening = undefined; // database away: the keys' own revalidation covers it; try again next request
  });
  return (appDb = connection.db);
}

/** Synchronous once the connection is open and the listener started, so the decide hot path awaits nothing. */
function appDatabase(): Db | Promise<Db> {
  return appDb && listening ? appDb : openAppDatabase();
}

let provider: () => Db | Promise<Db> = appDatabase;

export function databaseForHandlers(): Db | Promise<Db> {
  return provider();
}

export function setHandlerDatabase(next: (() => Promise<Db>) | Db): void {
  provider = typeof next === 'function' ? next : () => next;
}

// SQLSTATE classes 08 (connection), 57P (shutdown) and 53 (resources), plus Node socket errors.
const CONNECTION_CODES = /^(08|57P|53)|^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|EPIPE|CONNECT_TIMEOUT|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED)$/;

/** True when an error means "the database cannot be reached", not "the query was wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, hops = 0; e && hops < 5; e = e.cause as typeof e, hops++) {
    if (typeof e.code === 'string' && CONNECTION_CODES.test(e.code)) return true;
    // PGlite, once closed or failed, says so in its message rather than with a code.
    if (typeof e.message === 'string' && /PGlite is closed|database is closed|connection (?:is )?(?:closed|terminated)/i.test(e.message)) return true;
  }
  return false;
}

export const databaseUnavailable = (): ApiError =>
  apiError(503, 'database_unavailable', 'The database cannot be reached right now; nothing was changed. Try again shortly.', {
    headers: { 'Retry-After': '5' },
  });
