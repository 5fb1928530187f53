import 'server-only';
import { existsSync } from 'node:fs';
import { openDatabase, targetFromEnv, type Connection, type Db } from './client';
import { seedIfEmpty } from './seed';

export type { Db };

/**
 * The app's one connection. Kept on globalThis so dev hot reload reuses it instead of opening another
 * (PGlite's data directory admits one process and one instance). The embedded database migrates and
 * seeds itself on first use — at server start, from instrumentation.ts — and says so in the terminal,
 * since creating it takes seconds; a real Postgres is migrated by `npm run db:migrate`.
 */
const holder = globalThis as unknown as { __switchyardDb?: Promise<Connection> };

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

export function getConnection(): Promise<Connection> {
  holder.__switchyardDb ??= (async () => {
    const target = targetFromEnv();
    const creating = target.kind === 'pglite' && !existsSync(target.dataDir);
    const started = performance.now();
    if (creating) console.log(`○ Switchyard: creating the embedded database in ${target.dataDir} (first start only) …`);
    const connection = await openDatabase(target);
    if (target.kind !== 'postgres') {
      await connection.migrate();
      const seeded = await seedIfEmpty(connection.db);
      if (creating || seeded) {
        console.log(`✓ Switchyard: embedded database ready in ${seconds(started)}${seeded ? ' (migrated, demo account loaded)' : ' (migrated)'}`);
      }
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
