import 'server-only';
import { CommitOutcomeUnknown, DeadlineExceeded } from './deadline';
import { databaseUnavailable, isDatabaseUnavailable } from './database';
import { apiError, type ApiError } from './errors';

// SQLSTATE classes that mean "this value cannot be stored" (22: data exception, e.g. 22021 a NUL byte,
// 22001 too long, 22003 out of range; 54: a limit exceeded): the request's fault, never a 500.
const VALUE_REFUSED = /^(22|54)/;
// The statement or transaction ran out of time (57014: statement_timeout; 25P03: idle in transaction;
// 55P03: lock not available), or lost a race (40001/40P01): nothing was committed, try again.
const TRY_AGAIN = /^(57014|25P03|55P03|40001|40P01)$/;

/**
 * The one mapping from anything a handler threw to an API error. Driver errors never reach the
 * client: their detail (SQL, values, constraint names) goes to the log with the request id only.
 */
export function apiErrorOfThrown(error: unknown, requestId: string, what: string): ApiError {
  if (error instanceof DeadlineExceeded) {
    return apiError(503, 'database_unavailable', `The database did not answer within ${error.ms / 1000} s; nothing was changed. Try again shortly.`, {
      headers: { 'Retry-After': '2' },
    });
  }
  if (error instanceof CommitOutcomeUnknown) {
    return apiError(504, 'outcome_unknown', 'The database stopped answering while this change was being committed: it may or may not have been saved. Retry with the same Idempotency-Key, or read it back.', {
      headers: { 'Retry-After': '2' },
    });
  }
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  const code = sqlState(error);
  if (code && TRY_AGAIN.test(code)) {
    return apiError(503, 'database_unavailable', 'The database could not finish this request in time; nothing was changed. Try again shortly.', {
      headers: { 'Retry-After': '2' },
    });
  }
  if (code && VALUE_REFUSED.test(code)) {
    console.warn(`[${requestId}] ${what}: the database refused a value (SQLSTATE ${code})`);
    return apiError(400, 'invalid_request', `A value in this request cannot be stored (request ${requestId}); nothing was changed.`);
  }
  console.error(`[${requestId}] ${what} failed:`, error);
  return apiError(500, 'internal_error', `Something went wrong on our side (request ${requestId}).`);
}

/** The SQLSTATE of a driver error, wherever drizzle wrapped it. */
function sqlState(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, hops = 0; e && hops < 5; e = e.cause as typeof e, hops++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}
