import type { Connection } from '@/db/client';
import { seedDemoData } from '@/db/seed';
import type { TestDatabase } from '@/db/testing';
import { setHandlerDatabase, type Method, type RouteHandler } from '@/lib/http';
import { createApiKey, revokeApiKey, type ApiScope } from '@/lib/services/api-keys';
import { DecisionCache, setDecisionCache } from '@/lib/services/decisions';
import { systemContext } from '@/lib/services/context';

/**
 * Route handlers called as Next.js calls them (a Request and a params promise), against a fresh
 * seeded test database and a decision cache of its own, with one API key per access level.
 */
export interface ApiHarness {
  connection: Connection;
  keys: { all: string; read: string; write: string; decide: string; revoked: string };
  close(): Promise<void>;
}

export async function openApiHarness(target: TestDatabase): Promise<ApiHarness> {
  const connection = await target.open();
  await seedDemoData(connection.db);
  setHandlerDatabase(connection.db);
  const cache = new DecisionCache(connection, { heartbeatMs: 0 });
  await cache.start();
  setDecisionCache(cache);
  const key = async (scopes: ApiScope[]) => {
    const created = await createApiKey(systemContext(connection.db, 'setup'), { name: `test ${scopes.join('+')}`, scopes });
    if (!created.ok) throw new Error('could not create a test key');
    return created.value;
  };
  const revoked = await key(['read', 'write', 'decide']);
  await revokeApiKey(systemContext(connection.db, 'setup'), revoked.key.id);
  return {
    connection,
    keys: {
      all: (await key(['read', 'write', 'decide'])).secret,
      read: (await key(['read'])).secret,
      write: (await key(['write'])).secret,
      decide: (await key(['decide'])).secret,
      revoked: revoked.secret,
    },
    async close() {
      await cache.stop();
      await connection.close();
    },
  };
}

export interface CallOptions {
  key?: string | null;
  /** A value is sent as JSON; a string is sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  params?: Record<string, string>;
}

export async function call(route: Record<Method, RouteHandler>, method: Method, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  Object.assign(headers, options.headers);
  const request = new Request(`http://localhost${path}`, { method, headers, body });
  return route[method](request, { params: Promise.resolve(options.params ?? {}) });
}

/** The response's JSON and status together, for compact assertions. */
export async function json(response: Response): Promise<{ status: number; body: any }> {
  return { status: response.status, body: await response.json() };
}
