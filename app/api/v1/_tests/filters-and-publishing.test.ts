import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DEMO_SCHEME_ID } from '@/db/seed';
import { auditEntries } from '@/db/schema';
import { testDatabases } from '@/db/testing';
import * as filters from '../filters/route';
import * as filter from '../filters/[id]/route';
import * as schemes from '../schemes/route';
import * as scheme from '../schemes/[id]/route';
import * as publish from '../schemes/[id]/publish/route';
import * as activate from '../schemes/[id]/activate/route';
import * as versions from '../schemes/[id]/versions/route';
import * as version from '../schemes/[id]/versions/[version]/route';
import * as diff from '../schemes/[id]/diff/route';
import * as simulate from '../simulate/route';
import * as out from '@/lib/api/responses';
import { call, json, openApiHarness, type ApiHarness } from './harness';

const conforms = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) => {
  const parsed = schema.safeParse(value);
  expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
};

describe.each(testDatabases())('/api/v1 filters and publishing on $name', (target) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await openApiHarness(target);
  });
  afterAll(async () => api?.close());
  const key = () => api.keys.all;

  it('filters: list, create, get, patch, 400 with paths, delete', async () => {
    const list = await json(await call(filters, 'GET', '/api/v1/filters', { key: key() }));
    expect(list.body.map((f: any) => f.id)).toContain('flt_high_risk_ip');
    for (const f of list.body) conforms(out.FilterOut, f);
    const body = { name: 'Big EUR', rules: [{ attribute: 'amount', operator: 'gt', value: 1000 }] };
    const created = await json(await call(filters, 'POST', '/api/v1/filters', { key: key(), body }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^flt_/), match: 'all' });
    const params = { id: created.body.id };
    const path = `/api/v1/filters/${params.id}`;
    const patched = await json(await call(filter, 'PATCH', path, { key: key(), params, body: { match: 'any' } }));
    expect(patched.body.match).toBe('any');
    const bad = await json(await call(filter, 'PATCH', path, { key: key(), params, body: { rules: [{ attribute: 'amount', operator: 'between', value: 'x' }], color: 1 } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.length).toBeGreaterThan(0);
    expect((await call(filter, 'GET', path, { key: key(), params })).status).toBe(200);
    expect((await call(filter, 'DELETE', path, { key: key(), params })).status).toBe(200);
    expect((await call(filter, 'GET', path, { key: key(), params })).status).toBe(404);
  });

  it('deleting a filter in use is a 409 naming the referrers', async () => {
    const created = await json(await call(schemes, 'POST', '/api/v1/schemes', { key: key(), body: { name: 'Uses a filter' } }));
    const params = { id: created.body.id };
    const document = {
      ...created.body.document,
      start: 'risky',
      nodes: {
        risky: { type: 'condition', rules: [{ filter: 'flt_high_risk_ip' }], then: 'no', else: 'no' },
        no: { type: 'strategy', strategy: 'blank' },
      },
      layout: {},
    };
    expect((await call(scheme, 'PUT', `/api/v1/schemes/${params.id}`, { key: key(), params, body: { revision: 1, document } })).status).toBe(200);
    const { status, body } = await json(await call(filter, 'DELETE', '/api/v1/filters/flt_high_risk_ip', { key: key(), params: { id: 'flt_high_risk_ip' } }));
    expect(status).toBe(409);
    expect(body.error.type).toBe('referenced');
    expect(body.error.references).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'scheme', id: params.id, name: 'Uses a filter' })]));
    expect(body.error.message).toMatch(/Uses a filter/);
    await call(scheme, 'DELETE', `/api/v1/schemes/${params.id}`, { key: key(), params });
  });

  it('publish, list versions, get one, diff, activate, and decide-side simulation follows; rollback', async () => {
    const params = { id: DEMO_SCHEME_ID };
    const base = `/api/v1/schemes/${DEMO_SCHEME_ID}`;
    const draft = (await json(await call(scheme, 'GET', base, { key: key(), params }))).body;
    const blank = { ...draft.document, start: 'refuse', nodes: { refuse: { type: 'strategy', strategy: 'blank', reason: 'paused' } }, layout: {} };
    expect((await call(scheme, 'PUT', base, { key: key(), params, body: { revision: draft.revision, document: blank } })).status).toBe(200);
    const headers = { 'idempotency-key': 'pub-1', 'x-forwarded-for': '198.51.100.4, 10.0.0.1' };
    const published = await json(await call(publish, 'POST', `${base}/publish`, { key: key(), params, body: { note: 'pause everything' }, headers }));
    expect(published.status).toBe(201);
    expect(published.body.version).toMatchObject({ version: 2, note: 'pause everything', published_by: expect.stringMatching(/^api key sk_/) });
    // The audit entry names the key, the API and the client's address.
    const [entry] = await api.connection.db.select().from(auditEntries).where(eq(auditEntries.entityId, `${DEMO_SCHEME_ID}@2`));
    expect(entry).toMatchObject({ action: 'publish', actor: published.body.version.published_by, actorKind: 'api_key', via: 'api', address: '198.51.100.4' });
    expect(entry!.actorId).toMatch(/^key_/);
    const replay = await call(publish, 'POST', `${base}/publish`, { key: key(), params, body: { note: 'pause everything' }, headers: { 'idempotency-key': 'pub-1' } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const list = await json(await call(versions, 'GET', `${base}/versions`, { key: key(), params }));
    expect(list.body.map((v: any) => v.version)).toEqual([2, 1]);
    const two = await json(await call(version, 'GET', `${base}/versions/2`, { key: key(), params: { ...params, version: '2' } }));
    expect(two.body.document.start).toBe('refuse');
    conforms(out.PublishOut, published.body);
    conforms(out.VersionOut, two.body);
    for (const v of list.body) conforms(out.VersionSummaryOut, v);
    expect((await call(version, 'GET', `${base}/versions/9`, { key: key(), params: { ...params, version: '9' } })).status).toBe(404);
    const notNumber = await json(await call(version, 'GET', `${base}/versions/x`, { key: key(), params: { ...params, version: 'x' } }));
    expect(notNumber.status).toBe(400);
    expect(notNumber.body.error.issues[0].path).toEqual(['version']);
    const changes = await json(await call(diff, 'GET', `${base}/diff?from=1&to=2`, { key: key(), params }));
    expect(changes.status).toBe(200);
    conforms(out.DiffOut, changes.body);
    expect(changes.body.diff.changed.length + changes.body.diff.added.length).toBeGreaterThan(0);
    expect((await call(diff, 'GET', `${base}/diff?from=1`, { key: key(), params })).status).toBe(400);

    const tx = { id: 'tx_pub', amount: 250, currency: 'EUR', payment_method: 'card', card: { issuer_country: 'DE' } };
    const before = await json(await call(simulate, 'POST', '/api/v1/simulate', { key: key(), body: { transaction: tx } }));
    expect(before.body.scheme).toEqual({ id: DEMO_SCHEME_ID, version: 1 });
    conforms(out.SimulationOut, before.body);
    const activated = await json(await call(activate, 'POST', `${base}/activate`, { key: key(), params, body: { version: 2 } }));
    expect(activated).toMatchObject({ status: 200, body: { version: 2, active: true } });
    // The cache reloads on the change notification.
    let after: any;
    for (let i = 0; i < 50 && after?.scheme?.version !== 2; i++) {
      after = (await json(await call(simulate, 'POST', '/api/v1/simulate', { key: key(), body: { transaction: tx } }))).body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(after).toMatchObject({ scheme: { version: 2 }, outcome: 'blocked' });
    expect((await call(activate, 'POST', `${base}/activate`, { key: key(), params, body: { version: 'two' } })).status).toBe(400);
    expect((await call(activate, 'POST', `${base}/activate`, { key: key(), params, body: { version: 7 } })).status).toBe(404);
    expect((await call(activate, 'POST', `${base}/activate`, { key: key(), params, body: { version: 1 } })).status).toBe(200);
  });

  it('the diff of two versions says how a filter they use changed between them', async () => {
    const made = await json(await call(filters, 'POST', '/api/v1/filters', { key: key(), body: { name: 'Big ones', rules: [{ attribute: 'amount', operator: 'gt', value: 100 }] } }));
    const filterId = made.body.id;
    const created = await json(await call(schemes, 'POST', '/api/v1/schemes', { key: key(), body: { name: 'Diff of filters' } }));
    const params = { id: created.body.id };
    const base = `/api/v1/schemes/${params.id}`;
    const document = {
      ...created.body.document,
      start: 'big',
      nodes: { big: { type: 'condition', rules: [{ filter: filterId }], then: 'no', else: 'no' }, no: { type: 'strategy', strategy: 'blank' } },
      layout: {},
    };
    expect((await call(scheme, 'PUT', base, { key: key(), params, body: { revision: 1, document } })).status).toBe(200);
    expect((await call(publish, 'POST', `${base}/publish`, { key: key(), params, body: { note: 'one' } })).status).toBe(201);
    const filterParams = { id: filterId };
    await call(filter, 'PATCH', `/api/v1/filters/${filterId}`, { key: key(), params: filterParams, body: { match: 'any', rules: [{ attribute: 'amount', operator: 'gt', value: 500 }] } });
    // A revision that is already a version cannot be published again: save the draft once more.
    expect((await call(scheme, 'PUT', base, { key: key(), params, body: { revision: 2, document: { ...document, name: 'Diff of filters, again' } } })).status).toBe(200);
    expect((await call(publish, 'POST', `${base}/publish`, { key: key(), params, body: { note: 'two' } })).status).toBe(201);
    const changes = await json(await call(diff, 'GET', `${base}/diff?from=1&to=2`, { key: key(), params }));
    conforms(out.DiffOut, changes.body);
    expect(changes.body.diff.decisionsEqual).toBe(true);
    expect(changes.body.references).toEqual([
      { kind: 'filter', id: filterId, name: 'Big ones', change: 'changed', details: ['matches all → any of its rules', 'rule added: Amount > 500', 'rule removed: Amount > 100'] },
    ]);
  });

  it('publishing a draft that does not compile is refused with paths; an unknown scheme is a 404', async () => {
    const created = await json(await call(schemes, 'POST', '/api/v1/schemes', { key: key(), body: { name: 'Broken' } }));
    const params = { id: created.body.id };
    const broken = { ...created.body.document, start: 'nowhere' };
    await call(scheme, 'PUT', `/api/v1/schemes/${params.id}`, { key: key(), params, body: { revision: 1, document: broken } });
    const refused = await json(await call(publish, 'POST', `/api/v1/schemes/${params.id}/publish`, { key: key(), params }));
    expect(refused.status).toBe(409);
    expect(refused.body.error.issues.map((i: any) => i.path[0])).toContain('document');
    expect((await call(publish, 'POST', '/api/v1/schemes/sch_nope/publish', { key: key(), params: { id: 'sch_nope' } })).status).toBe(404);
    expect((await call(versions, 'GET', '/api/v1/schemes/sch_nope/versions', { key: key(), params: { id: 'sch_nope' } })).status).toBe(404);
  });
});
