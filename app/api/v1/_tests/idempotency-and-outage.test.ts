import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { auditEntries, idempotencyKeys, processorRouteItems } from '@/db/schema';
import { testDatabases } from '@/db/testing';
import { setHandlerDatabase } from '@/lib/http';
import { listRoutes } from '@/lib/services/routes';
import * as processors from '../processors/route';
import * as routes from '../processor-routes/route';
import * as schemes from '../schemes/route';
import { call, json, openApiHarness, type ApiHarness } from './harness';

describe.each(testDatabases())('/api/v1 Idempotency-Key on $name', (target) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await openApiHarness(target);
  });
  afterAll(async () => api?.close());

  it('the same key and body replays the first answer; the resource is created once', async () => {
    const body = { name: 'Idempotent route', processors: ['proc_stripe'] };
    const first = await call(routes, 'POST', '/api/v1/processor-routes', { key: api.keys.all, body, headers: { 'idempotency-key': 'route-1' } });
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    // Same JSON, other key order and spacing: still the same request.
    const again = await call(routes, 'POST', '/api/v1/processor-routes', {
      key: api.keys.all,
      body: `{ "processors": ["proc_stripe"],  "name": "Idempotent route" }`,
      headers: { 'idempotency-key': 'route-1' },
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(firstBody);
    expect((await listRoutes(api.connection.db)).filter((r) => r.name === 'Idempotent route')).toHaveLength(1);
  });

  it('the same key with a different body is a 422, and on another endpoint too', async () => {
    const headers = { 'idempotency-key': 'scheme-1' };
    expect((await call(schemes, 'POST', '/api/v1/schemes', { key: api.keys.all, body: { name: 'Idem A' }, headers })).status).toBe(201);
    const other = await json(await call(schemes, 'POST', '/api/v1/schemes', { key: api.keys.all, body: { name: 'Idem B' }, headers }));
    expect(other.status).toBe(422);
    expect(other.body.error.type).toBe('idempotency_conflict');
    const elsewhere = await call(routes, 'POST', '/api/v1/processor-routes', { key: api.keys.all, body: { name: 'Idem A' }, headers });
    expect(elsewhere.status).toBe(422);
  });

  it('an error answer is replayed too, and keys are per API key', async () => {
    const headers = { 'idempotency-key': 'bad-1' };
    const body = { id: 'proc_stripe', name: 'Stripe again', provider: 'stripe', status: 'active' };
    const first = await json(await call(processors, 'POST', '/api/v1/processors', { key: api.keys.all, body, headers }));
    expect(first.status).toBe(409);
    const replay = await json(await call(processors, 'POST', '/api/v1/processors', { key: api.keys.all, body, headers }));
    expect(replay).toEqual(first);
    // Another API key has its own key space: the same Idempotency-Key runs afresh.
    const otherKey = await call(processors, 'POST', '/api/v1/processors', { key: api.keys.write, body: { ...body, id: 'proc_idem', name: 'Idem' }, headers });
    expect(otherKey.status).toBe(201);
  });

  it('forgets answers after 24 hours', async () => {
    const headers = { 'idempotency-key': 'old-1' };
    expect((await call(schemes, 'POST', '/api/v1/schemes', { key: api.keys.all, body: { name: 'Old A' }, headers })).status).toBe(201);
    await api.connection.db.update(idempotencyKeys).set({ createdAt: new Date(Date.now() - 25 * 3600_000) });
    const fresh = await call(schemes, 'POST', '/api/v1/schemes', { key: api.keys.all, body: { name: 'Old B' }, headers });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses an unusable Idempotency-Key', async () => {
    const { status, body } = await json(await call(schemes, 'POST', '/api/v1/schemes', { key: api.keys.all, body: { name: 'x' }, headers: { 'idempotency-key': 'k'.repeat(300) } }));
    expect(status).toBe(400);
    expect(body.error.issues[0].path).toEqual(['headers', 'Idempotency-Key']);
  });
});

describe('/api/v1 when the database cannot be reached', () => {
  const expect503 = async (response: Response) => {
    const { status, body } = await json(response);
    expect(status).toBe(503);
    expect(body.error).toMatchObject({ type: 'database_unavailable', message: expect.stringMatching(/database cannot be reached.*nothing was changed/) });
    expect(response.headers.get('retry-after')).toBeTruthy();
  };

  it('503 from a Postgres that refuses connections', async () => {
    const connection = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/unreachable' });
    setHandlerDatabase(connection.db);
    try {
      await expect503(await call(routes, 'POST', '/api/v1/processor-routes', { key: 'sk_' + 'B'.repeat(43), body: { name: 'Never', processors: ['proc_stripe'] } }));
    } finally {
      await connection.close();
    }
  });

  it('503 once the database closes under a warm key', async () => {
    const [pglite] = testDatabases();
    const api = await openApiHarness(pglite!);
    expect((await call(routes, 'GET', '/api/v1/processor-routes', { key: api.keys.all })).status).toBe(200); // warms the key
    await api.close();
    await expect503(await call(routes, 'POST', '/api/v1/processor-routes', { key: api.keys.all, body: { name: 'Never', processors: ['proc_stripe'] } }));
    await expect503(await call(processors, 'GET', '/api/v1/processors', { key: api.keys.all }));
  });
});

describe.each(testDatabases())('/api/v1 writes are all or nothing on $name', (target) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await openApiHarness(target);
  });
  afterAll(async () => {
    setHandlerDatabase(api.connection.db);
    await api?.close();
  });

  /** The database as seen by a request during which the connection drops right at the audit entry. */
  const droppingAtAudit = (db: Db): Db =>
    new Proxy(db, {
      get(target, prop) {
        if (prop === 'insert') {
          return (table: unknown) => {
            if (table === auditEntries) throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'CONNECTION_CLOSED' });
            return target.insert(table as typeof auditEntries);
          };
        }
        if (prop === 'transaction') {
          return (work: (tx: Db) => Promise<unknown>) => target.transaction((tx) => work(droppingAtAudit(tx as unknown as Db)));
        }
        return Reflect.get(target, prop);
      },
    });

  it('a connection lost half-way through a write is a 503 and leaves nothing behind, idempotency record included', async () => {
    setHandlerDatabase(droppingAtAudit(api.connection.db));
    const body = { name: 'Half written', processors: ['proc_stripe', 'proc_checkout'] };
    const headers = { 'idempotency-key': 'half-1' };
    const { status, body: answer } = await json(await call(routes, 'POST', '/api/v1/processor-routes', { key: api.keys.all, body, headers }));
    expect(status).toBe(503);
    expect(answer.error.type).toBe('database_unavailable');
    setHandlerDatabase(api.connection.db);
    expect((await listRoutes(api.connection.db)).some((r) => r.name === 'Half written')).toBe(false);
    const items = await api.connection.db.select().from(processorRouteItems);
    expect(items.every((i) => i.routeId.startsWith('proute_eu') || i.routeId.startsWith('proute_us'))).toBe(true);
    // The retry with the same key runs afresh (nothing was stored for it) and succeeds.
    const retry = await call(routes, 'POST', '/api/v1/processor-routes', { key: api.keys.all, body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a refused write leaves nothing behind but its replayable answer', async () => {
    const body = { name: 'EU cards', processors: ['proc_stripe'] }; // name taken: 409
    const headers = { 'idempotency-key': 'taken-1' };
    const first = await json(await call(routes, 'POST', '/api/v1/processor-routes', { key: api.keys.all, body, headers }));
    expect(first.status).toBe(409);
    const again = await call(routes, 'POST', '/api/v1/processor-routes', { key: api.keys.all, body, headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(first.body);
  });
});
