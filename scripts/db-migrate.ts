/** `npm run db:migrate`: apply drizzle-kit migrations to DATABASE_URL (or the embedded database). */
import { openDatabase, targetFromEnv } from '../db/client';

const target = targetFromEnv();
const connection = await openDatabase(target);
try {
  await connection.migrate();
  console.log(`migrated ${target.kind === 'postgres' ? 'Postgres (DATABASE_URL)' : `embedded database at ${'dataDir' in target ? target.dataDir : 'memory'}`}`);
} finally {
  await connection.close();
}
