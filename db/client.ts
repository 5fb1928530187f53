import 'server-only';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import * as schema from './schema';

/** Both drivers give this one query interface; services never know which database they talk to. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'memory' };

export interface Connection {
  db: Db;
  target: DatabaseTarget;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * LISTEN on a channel: `onNotify` gets each payload; `onListening` runs each time the listener is
   * (re)connected, so a cache can reload whatever it may have missed while disconnected.
   * Resolves to a function that stops listening.
   */
  listen(channel: string, onNotify: (payload: string) => void, onListening?: () => void): Promise<() => Promise<void>>;
  /**
   * Bulk-loads `rows` (COPY's text format as UTF-8: each row a line ended by a newline, columns
   * separated by tabs) into `table`'s `columns`: far cheaper for the server than the same rows as
   * statement parameters.
   */
  copyIn(table: string, columns: readonly string[], rows: Uint8Array): Promise<void>;
}

/**
 * How long a COPY may take to be acknowledged: a bound in case neither its stream nor its query is
 * ever settled (postgres.js reports an error that arrives after the last data only to the query).
 */
const COPY_TIMEOUT_MS = 10_000;
const copyStatement = (table: string, columns: readonly string[], source: string) =>
  `copy ${table} (${columns.join(', ')}) from ${source}`;

const MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');

/** DATABASE_URL → real Postgres; otherwise the embedded PGlite under .data/ (or SWITCHYARD_DATA_DIR). */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'pglite', dataDir: env.SWITCHYARD_DATA_DIR ?? path.join(process.cwd(), '.data', 'pglite') };
}

export async function openDatabase(target: DatabaseTarget): Promise<Connection> {
  if (target.kind === 'postgres') {
    // Small pool: the app is stateless and scales by instances, not by connections per instance.
    // Bounded waits: a connection in 2 s, a statement in 5 s, and a transaction its client walked away
    // from is rolled back by the server after 10 s idle, so nothing hangs on and commits late.
    const client = postgres(target.url, {
      max: 10,
      onnotice: () => {},
      connect_timeout: 2,
      // postgres.js would look up array types on every new connection, and that lookup's failure when
      // the connection drops is never handled (an unhandled rejection); drizzle parses arrays itself.
      fetch_types: false,
      connection: { statement_timeout: 5_000, idle_in_transaction_session_timeout: 10_000 },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return {
      db,
      target,
      migrate: () => migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS }),
      close: () => client.end({ timeout: 5 }),
      async listen(channel, onNotify, onListening) {
        // postgres.js keeps a dedicated connection for LISTEN and reconnects it; onlisten runs on every (re)connect.
        const { unlisten } = await client.listen(channel, onNotify, onListening);
        return unlisten;
      },
      async copyIn(table, columns, rows) {
        // postgres.js's query object (src/query.js) has a `reject`, not in its types.
        const query = client.unsafe(copyStatement(table, columns, 'stdin')) as ReturnType<typeof client.unsafe> & { reject: (error: Error) => void };
        await new Promise<void>((resolve, reject) => {
          const settle = (error?: Error | null) => {
            clearTimeout(timer);
            if (error) reject(error);
            else resolve();
          };
          const timer = setTimeout(() => settle(new Error(`the copy into ${table} was not acknowledged within ${COPY_TIMEOUT_MS / 1000} s`)), COPY_TIMEOUT_MS);
          // The query settles once, with the stream; a failure after that reaches only its reject.
          const rejectQuery = query.reject.bind(query);
          query.reject = (error: Error) => {
            rejectQuery(error);
            settle(error);
          };
          query.writable().then((stream) => {
            stream.on('error', settle);
            stream.on('finish', () => settle());
            stream.end(Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength)); // a view: the driver copies it into its message
          }, settle);
        });
      },
    };
  }
  // PGlite creates only the last folder of its data directory; a fresh clone has no .data/ yet.
  if (target.kind === 'pglite') mkdirSync(target.dataDir, { recursive: true });
  const client = target.kind === 'memory' ? new PGlite() : new PGlite(target.dataDir);
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    target,
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS }),
    close: () => client.close(),
    async listen(channel, onNotify, onListening) {
      const unlisten = await client.listen(channel, onNotify);
      onListening?.();
      return unlisten;
    },
    async copyIn(table, columns, rows) {
      // A copy: a Blob takes no shared memory.
      await client.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([rows.slice()]) });
    },
  };
}
