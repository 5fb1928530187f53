import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCHEME_ID } from '@/db/seed';
import { testDatabases } from '@/db/testing';
import { DecisionCache, setDecisionCache } from '@/lib/services/decisions';
import { isDecideRequest, serveDecide } from '@/server/decide';
import { openApiHarness, type ApiHarness } from '../_tests/harness';

const TX = { id: 'tx_node', amount: 250, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: 'DE' } };

/** The dedicated decide path (server/decide.ts) answers exactly as the route handler does. */
describe.each(testDatabases())('dedicated decide server on $name', (target) => {
  let api: ApiHarness;
  let cache: DecisionCache;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    api = await openApiHarness(target);
    cache = new DecisionCache(api.connection, { heartbeatMs: 0 });
    await cache.start();
    setDecisionCache(cache);
    server = createServer((req, res) => (isDecideRequest(req) ? void serveDecide(req, res) : res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/decide`;
  });
  afterAll(async () => {
    setDecisionCache(undefined);
    await cache?.stop();
    await new Promise((r) => server?.close(r));
    await api?.close().catch(() => {});
  });
  const post = (body: string, key: string | null = api.keys.decide, type = 'application/json') =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': type, ...(key ? { authorization: `Bearer ${key}` } : {}) } });

  it('decides with the active version and sends an X-Request-Id (the caller’s, when sane)', async () => {
    const response = await fetch(url, { method: 'POST', body: JSON.stringify({ transaction: TX }), headers: { 'content-type': 'application/json', authorization: `Bearer ${api.keys.decide}`, 'x-request-id': 'abc-123' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    expect(await response.json()).toMatchObject({ outcome: 'route', scheme: { id: DEMO_SCHEME_ID, version: 1 } });
  });

  it('refuses as the API does: 401, 403, 415, 400 with paths, deep nesting, 413, 405', async () => {
    const body = JSON.stringify({ transaction: TX });
    expect((await post(body, null)).status).toBe(401);
    expect((await post(body, api.keys.read)).status).toBe(403);
    expect((await post(body, api.keys.decide, 'text/plain')).status).toBe(415);
    const invalid = await post(JSON.stringify({ transaction: 3, version: 'x' }));
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.issues.map((i: { path: unknown[] }) => i.path.join('.')).sort()).toEqual(['transaction', 'version']);
    expect((await post(`{"transaction":${'['.repeat(200)}${']'.repeat(200)}}`)).status).toBe(400);
    expect((await post('{"transaction": {', api.keys.decide)).status).toBe(400);
    const big = await post(JSON.stringify({ transaction: { ...TX, blob: 'x'.repeat(1_100_000) } }));
    expect(big.status).toBe(413);
    expect((await big.json()).error.type).toBe('payload_too_large');
    const get = await fetch(url, { headers: { authorization: `Bearer ${api.keys.decide}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await post(JSON.stringify({ transaction: TX, processor_route_id: 'proute_nope' }))).status).toBe(404);
  });

  it('keeps answering from the cache while the database is away', async () => {
    await api.connection.close();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(JSON.stringify({ transaction: { ...TX, id: `tx_${i}` } }))));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  });
});
