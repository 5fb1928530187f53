import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routingDocument, testDatabases } from './testing';
import { openDatabase, type Connection } from './client';
import { seedDemoData, DEMO_SCHEME_ID } from './seed';
import { createScheme } from '@/lib/services/schemes';
import { activateVersion, deactivateScheme, publishScheme } from '@/lib/services/publishing';
import { decide, DecisionCache } from '@/lib/services/decisions';
import { serviceHealth, checkDatabase } from '@/lib/services/health';
import { setProcessorStatus } from '@/lib/services/processors';
import { updateSettings } from '@/lib/services/settings';
import { systemContext } from '@/lib/services/context';

const EUR_TX = { id: 'tx_eur', amount: 20, currency: 'EUR', payment_method: 'card', card: { issuer_country: 'DE' } };

async function eventually(check: () => boolean, withinMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}

describe.each(testDatabases())('decisions on $name', (target) => {
  let connection: Connection;
  let cache: DecisionCache;
  let schemeId: string;
  let reads = 0;
  beforeAll(async () => {
    connection = await target.open();
    await seedDemoData(connection.db);
    const created = await createScheme(systemContext(connection.db, 'ops'), { name: 'Decide with me', document: routingDocument('Decide with me', 'proc_adyen_eu') });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    schemeId = created.value.id;
    // Counts every use of the database by the cache: the hot path must make none.
    const source = { get db() { reads++; return connection.db; }, listen: connection.listen.bind(connection) };
    cache = new DecisionCache(source, { heartbeatMs: 0 });
    await cache.start();
  });
  afterAll(async () => {
    await cache?.stop();
    await connection?.close().catch(() => {});
  });
  const db = () => connection.db;
  const ctx = () => systemContext(db(), 'ops');

  it('decides with the active version from memory, naming it, with no database query once warm', async () => {
    const first = await decide(cache, { transaction: EUR_TX });
    expect(first.ok && first.value).toMatchObject({ outcome: 'route', scheme: { id: DEMO_SCHEME_ID, version: 1 } });
    const before = reads;
    for (let i = 0; i < 200; i++) await decide(cache, { transaction: { ...EUR_TX, id: `tx_${i}` } });
    expect(reads).toBe(before);
  });

  it('follows a publish-and-activate through NOTIFY within a second', async () => {
    const published = await publishScheme(ctx(), schemeId, { activate: true, note: 'go live' });
    expect(published.ok).toBe(true);
    const took = await eventually(() => cache.snapshot()?.active?.schemeId === schemeId, 1000);
    expect(took).toBeLessThan(1000);
    const decision = await decide(cache, { transaction: EUR_TX });
    expect(decision.ok && decision.value).toMatchObject({ processor: 'proc_adyen_eu', node: 'eur_leaf', scheme: { id: schemeId, version: 1 } });
  });

  it('follows a registry change: a processor marked down is no longer chosen', async () => {
    await setProcessorStatus(ctx(), 'proc_adyen_eu', 'down');
    await eventually(() => cache.snapshot()?.processors.byId.get('proc_adyen_eu')?.status === 'down', 1000);
    const decision = await decide(cache, { transaction: EUR_TX });
    expect(decision.ok && decision.value).toMatchObject({ outcome: 'no_route', processor: null });
    await setProcessorStatus(ctx(), 'proc_adyen_eu', 'active');
    await eventually(() => cache.snapshot()?.processors.byId.get('proc_adyen_eu')?.status === 'active', 1000);
  });

  it('decides with an explicit version, a processor route, or the routing mode when no scheme is active', async () => {
    const demo = await decide(cache, { transaction: EUR_TX, scheme_id: DEMO_SCHEME_ID, version: 1 });
    expect(demo.ok && demo.value.scheme).toEqual({ id: DEMO_SCHEME_ID, version: 1 });
    const routed = await decide(cache, { transaction: EUR_TX, processor_route_id: 'proute_eu_cards' });
    expect(routed.ok && routed.value).toMatchObject({ mode: 'processor_route', candidates: ['proc_adyen_eu', 'proc_checkout', 'proc_stripe'], scheme: null });
    await deactivateScheme(ctx());
    await updateSettings(ctx(), { routing_mode: 'default_only', default_processor_id: 'proc_checkout' });
    await eventually(() => cache.snapshot()?.active === null && cache.snapshot()?.routing.mode === 'default_only', 1000);
    const byMode = await decide(cache, { transaction: EUR_TX });
    expect(byMode.ok && byMode.value).toMatchObject({ mode: 'default_only', processor: 'proc_checkout', scheme: null });
    await activateVersion(ctx(), schemeId, 1);
    await eventually(() => cache.snapshot()?.active?.schemeId === schemeId, 1000);
  });

  it('refuses bad requests with every issue at its path, and unknown targets as not found', async () => {
    const bad = await decide(cache, { transaction: [], version: 0, extra: 1 });
    expect(!bad.ok && bad.error.code).toBe('validation');
    expect(!bad.ok && bad.error.code === 'validation' && bad.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['', 'transaction', 'version']);
    const deep = await decide(cache, { transaction: { a: JSON.parse('['.repeat(40) + ']'.repeat(40)) } });
    expect(!deep.ok && deep.error.code).toBe('validation');
    const route = await decide(cache, { transaction: EUR_TX, processor_route_id: 'proute_nope' });
    expect(!route.ok && route.error.code).toBe('not_found');
    const version = await decide(cache, { transaction: EUR_TX, scheme_id: schemeId, version: 9 });
    expect(!version.ok && version.error.code).toBe('not_found');
  });

  // PGlite admits one process: no second instance, so this runs (and shows as skipped otherwise) on Postgres only.
  it.runIf(target.name === 'postgres')('another instance on the same Postgres follows a publish through this one within a second', async () => {
    if (connection.target.kind !== 'postgres') throw new Error(`a second instance needs Postgres, not ${connection.target.kind}`);
    const other = await openDatabase({ kind: 'postgres', url: connection.target.url });
    const otherCache = new DecisionCache(other, { heartbeatMs: 0 });
    try {
      await otherCache.start();
      await otherCache.ready();
      const before = otherCache.snapshot()!.active!.version;
      const published = await publishScheme(ctx(), schemeId, { activate: true, note: 'seen elsewhere' });
      expect(published.ok).toBe(true);
      const version = published.ok ? published.value.version.version : 0;
      expect(version).toBeGreaterThan(before);
      const took = await eventually(() => otherCache.snapshot()?.active?.version === version, 1000);
      expect(took).toBeLessThan(1000);
      const decision = await decide(otherCache, { transaction: EUR_TX });
      expect(decision.ok && decision.value.scheme).toEqual({ id: schemeId, version });
    } finally {
      await otherCache.stop();
      await other.close();
    }
  });

  it('keeps deciding from the cache when the database goes away, and health says degraded with the staleness', async () => {
    const probe = () => checkDatabase(connection);
    expect((await serviceHealth(cache, probe)).status).toBe('ok');
    await connection.close();
    await expect(cache.reload()).rejects.toBeTruthy();
    const active = cache.snapshot()!.active!;
    for (let i = 0; i < 50; i++) {
      const decision = await decide(cache, { transaction: { ...EUR_TX, id: `tx_down_${i}` } });
      expect(decision.ok && decision.value.scheme).toEqual({ id: schemeId, version: active.version });
    }
    await new Promise((r) => setTimeout(r, 30));
    const health = await serviceHealth(cache, probe);
    expect(health.status).toBe('degraded');
    expect(health.database.reachable).toBe(false);
    expect(health.cache.stale_ms).toBeGreaterThanOrEqual(30);
    expect(health.cache.active).toEqual({ scheme_id: schemeId, version: active.version });
  });
});
