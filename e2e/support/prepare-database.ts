/**
 * For end-to-end tests that run servers of their own on a real Postgres: migrate DATABASE_URL, load
 * the demo account, and print an API key with every scope as JSON. Run with
 * `tsx --conditions=react-server e2e/support/prepare-database.ts`.
 */
import { openDatabase, targetFromEnv } from '../../db/client';
import { seedDemoData } from '../../db/seed';
import { createApiKey } from '../../lib/services/api-keys';
import { systemContext } from '../../lib/services/context';

const connection = await openDatabase(targetFromEnv());
try {
  await connection.migrate();
  await seedDemoData(connection.db);
  const key = await createApiKey(systemContext(connection.db, 'setup'), { name: 'e2e', scopes: ['read', 'write', 'decide'] });
  if (!key.ok) throw new Error(key.error.message);
  console.log(JSON.stringify({ secret: key.value.secret }));
} finally {
  await connection.close();
}
