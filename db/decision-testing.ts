import { afterAll, beforeAll } from 'vitest';
import type { Connection } from './client';
import { seedDemoData } from './seed';
import type { TestDatabase } from './testing';
import { DecisionCache } from '@/lib/services/decisions';
import { patchSettings } from '@/lib/services/partial-updates';
import { systemContext } from '@/lib/services/context';

/** A suite's database that decides: its connection and a started decision cache, both set before its tests. */
export interface DecidingDatabase {
  connection: Connection;
  cache: DecisionCache;
}

/**
 * For a `describe.each(testDatabases())` suite of the decision log: opens `target` with the demo
 * account and `redacted` as the account's redaction setting, starts a decision cache on it before
 * the tests, and stops both after them.
 */
export function useDecidingDatabase(target: TestDatabase, redacted: string[]): DecidingDatabase {
  const suite = {} as DecidingDatabase;
  beforeAll(async () => {
    suite.connection = await target.open();
    await seedDemoData(suite.connection.db);
    const saved = await patchSettings(systemContext(suite.connection.db, 'ops'), { redacted_fields: redacted });
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    suite.cache = new DecisionCache(suite.connection, { heartbeatMs: 0 });
    await suite.cache.start();
  });
  afterAll(async () => {
    await suite.cache?.stop();
    await suite.connection?.close().catch(() => {});
  });
  return suite;
}
