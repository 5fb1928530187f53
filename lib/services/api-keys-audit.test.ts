import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/client';
import { auditEntries } from '@/db/schema';
import { testDatabases } from '@/db/testing';
import { createApiKey, revokeApiKey } from './api-keys';
import { systemContext } from './context';

/** The audit trail records that a key was made and revoked, by name and scopes: never its secret or hash. */
describe.each(testDatabases())('API key audit entries on $name', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await target.open();
  });
  afterAll(async () => {
    await connection?.close();
  });

  it('name the key, never carry its secret', async () => {
    const created = await createApiKey(systemContext(connection.db, 'test'), { name: 'Audited', scopes: ['decide'] });
    if (!created.ok) throw new Error(created.error.message);
    const { key, secret } = created.value;
    expect((await revokeApiKey(systemContext(connection.db, 'test'), key.id)).ok).toBe(true);
    const entries = (await connection.db.select().from(auditEntries)).filter((e) => e.entityId === key.id);
    expect(entries.map((e) => e.action).sort()).toEqual(['create', 'revoke']);
    const stored = JSON.stringify(entries);
    expect(stored).toContain('Audited');
    expect(stored).not.toContain(secret.slice(11));
  });
});
