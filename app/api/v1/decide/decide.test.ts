import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCHEME_ID } from '@/db/seed';
import { testDatabases } from '@/db/testing';
import { DecisionCache, setDecisionCache } from '@/lib/services/decisions';
import { call, json, openApiHarness, type ApiHarness } from '../_tests/harness';
import * as decideRoute from './route';
import * as healthRoute from '../../health/route';

const TX = { id: 'tx_api', amount: 250, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: 'DE' }, customer: { country: 'DE', risk_score: 10 } };

describe.each(testDatabases())('POST /api/v1/decide on $name', (target) => {
  let api: ApiHarness;
  let cache: DecisionCache;
  beforeAll(async () => {
    api = await openApiHarness(target);
    cache = new DecisionCache(api.connection, { heartbeatMs: 0 });
    await cache.start();
    setDecisionCache(cache);
  });
  afterAll(async () => {
    setDecisionCache(undefined);
    await cache?.stop();
    await api?.close().catch(() => {});
  });
  const post = (body: unknown, key: string | null = api.keys.decide, headers?: Record<string, string>) =>
    call(decideRoute, 'POST', '/api/v1/decide', { key, body, ...(headers ? { headers } : {}) });

  it('answers the decision of the active version, naming it, with an X-Request-Id', async () => {
    const response = await post({ transaction: TX });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/\S{8,}/);
    const body = await response.json();
    // A DE card over 100 with a low risk score: not blocked, not a setup, EU issuer → "Adyen EU, then Stripe".
    expect(body).toMatchObject({ outcome: 'route', processor: 'proc_adyen_eu', node: 'eu_priority', scheme: { id: DEMO_SCHEME_ID, version: 1 } });
    expect(body.path).toEqual([
      { node: 'risk_check', result: false },
      { node: 'is_setup', result: false },
      { node: 'is_eu', result: true },
    ]);
  });

  it('takes a processor route or an explicit scheme version instead', async () => {
    const routed = await json(await post({ transaction: TX, processor_route_id: 'proute_eu_cards' }));
    expect(routed).toMatchObject({ status: 200, body: { mode: 'processor_route', processor: 'proc_adyen_eu', scheme: null } });
    const versioned = await json(await post({ transaction: TX, scheme_id: DEMO_SCHEME_ID, version: 1 }));
    expect(versioned.body.scheme).toEqual({ id: DEMO_SCHEME_ID, version: 1 });
    expect((await json(await post({ transaction: TX, scheme_id: DEMO_SCHEME_ID, version: 7 }))).status).toBe(404);
    expect((await json(await post({ transaction: TX, processor_route_id: 'proute_missing' }))).status).toBe(404);
  });

  it('401 without a key or with a revoked one, 403 without the decide scope', async () => {
    const none = await json(await post({ transaction: TX }, null));
    expect(none.status).toBe(401);
    expect(none.body.error.type).toBe('unauthorized');
    expect((await post({ transaction: TX }, api.keys.revoked)).status).toBe(401);
    const read = await json(await post({ transaction: TX }, api.keys.read));
    expect(read.status).toBe(403);
    expect(read.body.error.type).toBe('forbidden');
  });

  it('400 with every issue at its path, 415, 413, deep nesting refused, 405 on GET', async () => {
    const bad = await json(await post({ transaction: 'nope', version: -1 }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: unknown[] }) => i.path.join('.')).sort()).toEqual(['transaction', 'version']);
    const wrongType = await call(decideRoute, 'POST', '/api/v1/decide', { key: api.keys.decide, body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status).toBe(415);
    const big = await post(JSON.stringify({ transaction: { ...TX, metadata: { blob: 'x'.repeat(1_100_000) } } }));
    expect(big.status).toBe(413);
    const deep = await json(await post(`{"transaction":{"a":${'['.repeat(100)}${']'.repeat(100)}}}`));
    expect(deep.status).toBe(400);
    const deepTx = await json(await post({ transaction: { a: JSON.parse('['.repeat(30) + ']'.repeat(30)) } }));
    expect(deepTx.status).toBe(400);
    expect(deepTx.body.error.issues[0].path).toEqual(['transaction']);
    const get = await call(decideRoute, 'GET', '/api/v1/decide', { key: api.keys.decide });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('health is ok with the active version; decide keeps answering while the database is away, health says degraded', async () => {
    const healthy = await json(await healthRoute.GET());
    expect(healthy).toMatchObject({ status: 200, body: { status: 'ok', cache: { stale_ms: 0 } } });
    await post({ transaction: TX }); // the key is verified once, then cached
    const confirmedBy = Date.now(); // the healthy check above confirmed the cache no later than this
    await api.connection.close();
    for (let i = 0; i < 20; i++) {
      const answer = await json(await post({ transaction: { ...TX, id: `tx_out_${i}` } }));
      expect(answer.status).toBe(200);
      expect(answer.body.scheme).toEqual({ id: DEMO_SCHEME_ID, version: 1 });
    }
    const asked = Date.now();
    const degraded = await json(await healthRoute.GET());
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({ status: 'degraded', database: { reachable: false }, cache: { loaded: true, active: { scheme_id: DEMO_SCHEME_ID, version: 1 } } });
    // Unconfirmed since the database went away: at least as long as the outage when health was asked.
    expect(degraded.body.cache.stale_ms).toBeGreaterThanOrEqual(asked - confirmedBy);
    expect(degraded.body.cache.stale_ms).toBeGreaterThan(0);
  });
});

describe('POST /api/v1/decide with a cold cache and no database', () => {
  it('is a 503 with the JSON error shape', async () => {
    const [pglite] = testDatabases();
    const api = await openApiHarness(pglite!);
    const cache = new DecisionCache(api.connection, { heartbeatMs: 0 });
    setDecisionCache(cache);
    try {
      // Verify the key while the database is up, then take it away before the cache ever loads.
      await call(decideRoute, 'POST', '/api/v1/decide', { key: api.keys.decide, body: { transaction: 1 } });
      await api.connection.close();
      const answer = await json(await call(decideRoute, 'POST', '/api/v1/decide', { key: api.keys.decide, body: { transaction: TX } }));
      expect(answer.status).toBe(503);
      expect(answer.body.error.type).toBe('database_unavailable');
    } finally {
      setDecisionCache(undefined);
    }
  }, 90_000);
});
