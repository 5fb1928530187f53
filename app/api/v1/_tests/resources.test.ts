import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCHEME_ID } from '@/db/seed';
import { testDatabases } from '@/db/testing';
import { EXAMPLE_SCHEME } from '@/lib/scheme/examples';
import * as processors from '../processors/route';
import * as processor from '../processors/[id]/route';
import * as routes from '../processor-routes/route';
import * as route from '../processor-routes/[id]/route';
import * as schemes from '../schemes/route';
import * as scheme from '../schemes/[id]/route';
import * as settings from '../settings/route';
import * as out from '@/lib/api/responses';
import { call, json, openApiHarness, type ApiHarness } from './harness';

const newProcessor = {
  id: 'proc_acme',
  name: 'Acme',
  provider: 'acme',
  status: 'active',
  currencies: ['eur'],
  payment_methods: ['card'],
  countries: [],
  approval_rate: 0.8,
  fees: { percent: 1.5, fixed: 0.1 },
};

describe.each(testDatabases())('/api/v1 resources on $name', (target) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await openApiHarness(target);
  });
  afterAll(async () => api?.close());
  const key = () => api.keys.all;

  it('processors: list, create (201), get, patch, 409 on a duplicate, delete', async () => {
    const list = await json(await call(processors, 'GET', '/api/v1/processors', { key: key() }));
    expect(list.status).toBe(200);
    expect(list.body.map((p: any) => p.id)).toContain('proc_stripe');
    const created = await json(await call(processors, 'POST', '/api/v1/processors', { key: key(), body: newProcessor }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'proc_acme', currencies: ['EUR'] });
    const again = await json(await call(processors, 'POST', '/api/v1/processors', { key: key(), body: newProcessor }));
    expect(again.status).toBe(409);
    expect(again.body.error.type).toBe('conflict');
    const params = { id: 'proc_acme' };
    expect((await json(await call(processor, 'GET', '/api/v1/processors/proc_acme', { key: key(), params }))).body.name).toBe('Acme');
    const patched = await json(await call(processor, 'PATCH', '/api/v1/processors/proc_acme', { key: key(), params, body: { status: 'down', fees: { fixed: 0.25 } } }));
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'down', name: 'Acme', fees: { percent: 1.5, fixed: 0.25 } });
    const badPatch = await json(await call(processor, 'PATCH', '/api/v1/processors/proc_acme', { key: key(), params, body: { id: 'proc_other', approval_rate: -1 } }));
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.error.issues.map((i: any) => i.path.join('.'))).toEqual(expect.arrayContaining(['approval_rate']));
    const missingPatch = await call(processor, 'PATCH', '/api/v1/processors/proc_nope', { key: key(), params: { id: 'proc_nope' }, body: {} });
    expect(missingPatch.status).toBe(404);
    const deleted = await json(await call(processor, 'DELETE', '/api/v1/processors/proc_acme', { key: key(), params }));
    expect(deleted).toEqual({ status: 200, body: { id: 'proc_acme' } });
    expect((await call(processor, 'GET', '/api/v1/processors/proc_acme', { key: key(), params })).status).toBe(404);
  });

  it('deleting a processor still in a route is a 409 naming the referrers', async () => {
    const { status, body } = await json(await call(processor, 'DELETE', '/api/v1/processors/proc_worldpay', { key: key(), params: { id: 'proc_worldpay' } }));
    expect(status).toBe(409);
    expect(body.error.type).toBe('referenced');
    expect(body.error.message).toContain('US fallback');
    expect(body.error.references).toEqual(expect.arrayContaining([{ kind: 'processor_route', id: 'proute_us_fallback', name: 'US fallback' }]));
    expect(body.error.issues.length).toBe(body.error.references.length);
  });

  it('processor routes: the REST shape, create, patch, 400 for unknown processors, delete', async () => {
    const list = await json(await call(routes, 'GET', '/api/v1/processor-routes', { key: key() }));
    expect(list.body.find((r: any) => r.id === 'proute_eu_cards')).toEqual({
      id: 'proute_eu_cards',
      name: 'EU cards',
      processors: [{ processor_id: 'proc_adyen_eu' }, { processor_id: 'proc_checkout' }, { processor_id: 'proc_stripe' }],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const created = await json(await call(routes, 'POST', '/api/v1/processor-routes', { key: key(), body: { name: 'Backup', processors: [{ processor_id: 'proc_stripe' }, 'proc_checkout'] } }));
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^proute_/);
    expect(created.body.processors).toEqual([{ processor_id: 'proc_stripe' }, { processor_id: 'proc_checkout' }]);
    const params = { id: created.body.id };
    const unknown = await json(await call(route, 'PATCH', `/api/v1/processor-routes/${params.id}`, { key: key(), params, body: { processors: ['proc_stripe', 'proc_ghost'] } }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues).toEqual([{ path: ['processors', 1], message: 'Unknown processor proc_ghost' }]);
    const renamed = await json(await call(route, 'PATCH', `/api/v1/processor-routes/${params.id}`, { key: key(), params, body: { name: 'Backup 2' } }));
    expect(renamed.body.name).toBe('Backup 2');
    expect((await call(route, 'DELETE', `/api/v1/processor-routes/${params.id}`, { key: key(), params })).status).toBe(200);
    expect((await call(route, 'GET', `/api/v1/processor-routes/${params.id}`, { key: key(), params })).status).toBe(404);
  });

  it('deleting a route in use is a 409 naming the setting and schemes that use it', async () => {
    const { status, body } = await json(await call(route, 'DELETE', '/api/v1/processor-routes/proute_eu_cards', { key: key(), params: { id: 'proute_eu_cards' } }));
    expect(status).toBe(409);
    expect(body.error.references.map((r: any) => r.kind)).toContain('settings');
    expect(body.error.message).toMatch(/default route/);
  });

  it('schemes: list, create, get, save the draft with its revision, 409 on a stale revision, delete', async () => {
    const list = await json(await call(schemes, 'GET', '/api/v1/schemes', { key: key() }));
    expect(list.body.find((s: any) => s.id === DEMO_SCHEME_ID)).toMatchObject({ active_version: 1 });
    const created = await json(await call(schemes, 'POST', '/api/v1/schemes', { key: key(), body: { name: 'API scheme' } }));
    expect(created.status).toBe(201);
    const params = { id: created.body.id };
    const path = `/api/v1/schemes/${params.id}`;
    const got = await json(await call(scheme, 'GET', path, { key: key(), params }));
    expect(got.body).toMatchObject({ name: 'API scheme', revision: 1 });
    const document = { ...got.body.document, description: 'saved over the API' };
    const saved = await json(await call(scheme, 'PUT', path, { key: key(), params, body: { revision: 1, document } }));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ revision: 2, document: { description: 'saved over the API' } });
    const stale = await json(await call(scheme, 'PUT', path, { key: key(), params, body: { revision: 1, document } }));
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/revision 2/);
    const invalid = await json(await call(scheme, 'PUT', path, { key: key(), params, body: { revision: 0, document: { ...document, format: 'v0', nodes: 3 } } }));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues.map((i: any) => i.path.join('.'))).toEqual(expect.arrayContaining(['revision', 'document.format', 'document.nodes']));
    expect((await call(scheme, 'DELETE', path, { key: key(), params })).status).toBe(200);
    expect((await call(scheme, 'GET', path, { key: key(), params })).status).toBe(404);
    expect((await call(scheme, 'PUT', path, { key: key(), params, body: { revision: 3, document } })).status).toBe(404);
  });

  it('deleting the active scheme is a 409', async () => {
    const { status, body } = await json(await call(scheme, 'DELETE', `/api/v1/schemes/${DEMO_SCHEME_ID}`, { key: key(), params: { id: DEMO_SCHEME_ID } }));
    expect(status).toBe(409);
    expect(body.error.type).toBe('referenced');
    expect(EXAMPLE_SCHEME.name).toBeTruthy();
  });

  it('settings: get, patch one field keeping the others, 400 with paths', async () => {
    const before = await json(await call(settings, 'GET', '/api/v1/settings', { key: key() }));
    expect(before.body).toMatchObject({ routing_mode: 'scheme', default_processor_id: 'proc_stripe', default_route_id: 'proute_eu_cards' });
    const patched = await json(await call(settings, 'PATCH', '/api/v1/settings', { key: key(), body: { routing_mode: 'default_only' } }));
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ routing_mode: 'default_only', default_processor_id: 'proc_stripe', default_route_id: 'proute_eu_cards' });
    const bad = await json(await call(settings, 'PATCH', '/api/v1/settings', { key: key(), body: { routing_mode: 'fastest', default_processor_id: 'proc_ghost' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.path.join('.'))).toContain('routing_mode');
    const unknown = await json(await call(settings, 'PATCH', '/api/v1/settings', { key: key(), body: { default_processor_id: 'proc_ghost' } }));
    expect(unknown.body.error.issues).toEqual([{ path: ['default_processor_id'], message: 'Unknown processor proc_ghost' }]);
    const notObject = await call(settings, 'PATCH', '/api/v1/settings', { key: key(), body: [1] });
    expect(notObject.status).toBe(400);
    await call(settings, 'PATCH', '/api/v1/settings', { key: key(), body: { routing_mode: 'scheme' } });
  });

  it('answers match the schemas the OpenAPI document publishes', async () => {
    const check = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) => {
      const parsed = schema.safeParse(value);
      expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
    };
    for (const p of (await json(await call(processors, 'GET', '/api/v1/processors', { key: key() }))).body) check(out.ProcessorSchemaOut, p);
    for (const r of (await json(await call(routes, 'GET', '/api/v1/processor-routes', { key: key() }))).body) check(out.ProcessorRouteOut, r);
    for (const s of (await json(await call(schemes, 'GET', '/api/v1/schemes', { key: key() }))).body) check(out.SchemeSummaryOut, s);
    check(out.SchemeOut, (await json(await call(scheme, 'GET', `/api/v1/schemes/${DEMO_SCHEME_ID}`, { key: key(), params: { id: DEMO_SCHEME_ID } }))).body);
    check(out.SettingsOut, (await json(await call(settings, 'GET', '/api/v1/settings', { key: key() }))).body);
    check(out.ErrorSchema, (await json(await call(processors, 'GET', '/api/v1/processors', {}))).body);
  });
});
