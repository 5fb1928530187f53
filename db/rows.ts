import 'server-only';
import type { SQL } from 'drizzle-orm';
import type { Db } from './client';

/**
 * The rows of a raw SQL statement. The two drivers answer `execute` differently (postgres.js with an
 * array of rows, PGlite with `{ rows }`); services that need SQL drizzle cannot build read through this.
 */
export async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
