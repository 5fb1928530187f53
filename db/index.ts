import { openDatabase, targetFromEnv, type Connection, type Db } from './client';
import { seedIfEmpty } from './seed';

export type { Db };

/**
 * The app's one connection. Kept on globalThis so dev hot reload reuses it instead of opening another
 * (PGlite's data directory admits one process and one instance). The embedded database migrates and
 * seeds itself on first use; a real Postgres is migrated by `npm run db:migrate`.
 */
const holder = globalThis as unknown as { __switchyardDb?: Promise<Connection> };

export function getConnection(): Promise<Connection> {
  holder.__switchyardDb ??= (async () => {
    const target = targetFromEnv();
    const connection = await openDatabase(target);
    if (target.kind !== 'postgres') {
      await connection.migrate();
      await seedIfEmpty(connection.db);
    }
    return connection;
  })().catch((error: unknown) => {
    holder.__switchyardDb = undefined; // let the next request try again
    throw error;
  });
  return holder.__switchyardDb;
}

export async function getDb(): Promise<Db> {
  return (await getConnection()).db;
}
