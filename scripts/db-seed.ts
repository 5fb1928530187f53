/** `npm run db:seed`: migrate, then load the demo account into an empty database (never over existing data). */
import { openDatabase, targetFromEnv } from '../db/client';
import { seedIfEmpty } from '../db/seed';

const connection = await openDatabase(targetFromEnv());
try {
  await connection.migrate();
  console.log((await seedIfEmpty(connection.db)) ? 'demo data loaded' : 'database already holds data: nothing seeded');
} finally {
  await connection.close();
}
