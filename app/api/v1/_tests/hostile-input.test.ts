import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import * as schema from '@/db/schema';
import { DEMO_SCHEME_ID } from '@/db/seed';
import { testDatabases } from '@/db/testing';
import { API_ENDPOINTS } from '@/lib/api/endpoints';
import { EXAMPLE_SCHEME } from '@/lib/scheme/examples';
import type { Method, RouteHandler } from '@/lib/http';
import { textProblem } from '@/lib/text/hostile';
import { edge } from '@/proxy';
import * as decide from '../decide/route';
import * as filters from '../filters/route';
import * as filter from '../filters/[id]/route';
import * as processors from '../processors/route';
import * as processor from '../processors/[id]/route';
import * as routes from '../processor-routes/route';
import * as route from '../processor-routes/[id]/route';
import * as schemes from '../schemes/route';
import * as scheme from '../schemes/[id]/route';
import * as activate from '../schemes/[id]/activate/route';
import * as diff from '../schemes/[id]/diff/route';
import * as publish from '../schemes/[id]/publish/route';
import * as versions from '../schemes/[id]/versions/route';
import * as version from '../schemes/[id]/versions/[version]/route';
import * as settings from '../settings/route';
import * as simulate from '../simulate/route';
import * as batch from '../simulate/batch/route';
import * as attempt from '../decisions/[id]/attempts/route';
import * as attempts from '../attempts/route';
import { call, openApiHarness, type ApiHarness } from './harness';

type Route = Record<Method, RouteHandler>;

/** Every endpoint's route module, by its path in the API description (a new endpoint without one fails below). */
const MODULES: Record<string, Route> = {
  '/processors': processors, '/processors/{id}': processor, '/processor-routes': routes, '/processor-routes/{id}': route,
  '/filters': filters, '/filters/{id}': filter, '/schemes': schemes, '/schemes/{id}': scheme, '/schemes/{id}/publish': publish,
  '/schemes/{id}/activate': activate, '/schemes/{id}/versions': versions, '/schemes/{id}/versions/{version}': version,
  '/schemes/{id}/diff': diff, '/settings': settings, '/decide': decide, '/simulate': simulate, '/simulate/batch': batch,
  '/decisions/{id}/attempts': attempt, '/attempts': attempts,
};

const MEGABYTE_VALUE = 'x'.repeat(1_000_000); // under the 1 MB body cap once in JSON, so the value itself is judged
/** Strings no field may hold. */
const HOSTILE_TEXT = { nul: 'a\u0000b', 'lone surrogate': 'a\ud800b', 'lone low surrogate': '\udc00', '1 MB': MEGABYTE_VALUE };
/** Path ids no record can have: NUL, a percent-escape Next.js could not decode, a lone surrogate, 1,000 characters. */
const HOSTILE_IDS = { nul: '\u0000', 'nul inside': 'proc_a\u0000', 'bad escape': '%ff%fe', 'lone surrogate': 'proc_\ud800', '1000 characters': 'p'.repeat(1000) };
const ODD_VERSIONS = ['0x1', '1.0', '1e0', '+1', ' 1', '01', '0', '-1', '99999999999'];

const TX = { id: 'tx_hostile', amount: 10, currency: 'EUR', payment_method: 'card' };

/** Bodies for an endpoint with `value` in each string field it takes (the rest valid, so the value is what is judged). */
function bodiesWith(method: string, path: string, value: string): unknown[] {
  const key = `${method} ${path}`;
  switch (key) {
    case 'POST /processors':
      return [{ id: 'proc_hostile', name: value, provider: 'acme', status: 'active' }, { id: 'proc_hostile', name: 'Ok', provider: value, status: 'active' }];
    case 'PATCH /processors/{id}':
      return [{ name: value }, { provider: value }];
    case 'POST /processor-routes':
      return [{ name: value, processors: ['proc_stripe'] }, { name: 'Ok', processors: [value] }, { name: 'Ok', processors: [{ processor_id: value }] }];
    case 'PATCH /processor-routes/{id}':
      return [{ name: value }, { processors: [value] }];
    case 'POST /filters':
      return [{ name: value, rules: [{ attribute: 'amount', operator: 'gt', value: 1 }] }, { name: 'Ok', rules: [{ attribute: 'metadata.x', operator: 'eq', value }] }];
    case 'PATCH /filters/{id}':
      return [{ name: value }];
    case 'POST /schemes':
      return [{ name: value }];
    case 'PUT /schemes/{id}':
      return [{ revision: 1, document: { ...EXAMPLE_SCHEME, name: value } }, { revision: 1, document: { ...EXAMPLE_SCHEME, description: value } }];
    case 'POST /schemes/{id}/publish':
      return [{ note: value }, { override_reason: value }];
    case 'POST /schemes/{id}/activate':
      return [{ version: value }];
    case 'PATCH /settings':
      return [{ routing_mode: 'priority', time_zone: value }, { routing_mode: 'priority', default_processor_id: value }, { routing_mode: 'priority', default_route_id: value }];
    case 'POST /decisions/{id}/attempts':
      return [{ processor: value, attempt: 1, outcome: 'approved' }, { processor: 'proc_stripe', attempt: 1, outcome: 'soft_decline', decline_code: value }];
    case 'POST /decide':
    case 'POST /simulate':
      return [{ transaction: TX, scheme_id: value }, { transaction: TX, processor_route_id: value }, { transaction: { ...TX, id: value } }, { transaction: { ...TX, [`k${value}`]: 1 } }];
    default:
      return [];
  }
}

describe.each(testDatabases())('/api/v1 under hostile input on $name', (target) => {
  let api: ApiHarness;
  let before: string;
  beforeAll(async () => {
    api = await openApiHarness(target);
    before = await storedState(api);
  }, 180_000);
  afterAll(async () => api?.close());

  const cases: { name: string; run: () => Promise<Response> }[] = [];
  // The URL is for show (the handler gets `params`); a lone surrogate cannot even be percent-encoded.
  const encode = (value: string) => (textProblem(value)?.includes('surrogate') ? 'unencodable' : encodeURIComponent(value));
  const at = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, name: string) => encode(params[name]!));
  for (const endpoint of API_ENDPOINTS) {
    const module = MODULES[endpoint.path]!;
    const method = endpoint.method;
    const valid = {
      id: endpoint.path.startsWith('/schemes') ? DEMO_SCHEME_ID : endpoint.path.startsWith('/processors') ? 'proc_stripe' : endpoint.path.startsWith('/decisions') ? 'dec_000000000AAAAAAAAAAAAAAAA' : 'proute_eu_cards',
      version: '1',
    };
    const title = `${method} ${endpoint.path}`;
    const send = (params: Record<string, string>, body?: unknown, query = '') => () =>
      call(module, method, `/api/v1${at(endpoint.path, params)}${query}`, { key: api.keys.all, params: endpoint.path.includes('{') ? params : {}, ...(body !== undefined ? { body } : {}) });
    if (endpoint.path.includes('{id}')) {
      for (const [label, id] of Object.entries(HOSTILE_IDS)) cases.push({ name: `${title} with a ${label} id`, run: send({ ...valid, id }, endpoint.body ? {} : undefined) });
    }
    if (endpoint.path.includes('{version}')) {
      for (const odd of ODD_VERSIONS) cases.push({ name: `${title} with version "${odd}"`, run: send({ ...valid, version: odd }) });
    }
    if (endpoint.body) {
      cases.push({ name: `${title} with the body null`, run: send(valid, 'null') });
      cases.push({ name: `${title} with a NUL in a key`, run: send(valid, { 'a\u0000': 1 }) });
      for (const [label, value] of Object.entries(HOSTILE_TEXT)) {
        bodiesWith(method, endpoint.path, value).forEach((body, i) => cases.push({ name: `${title} with a ${label} value (body ${i + 1})`, run: send(valid, body) }));
      }
    }
  }
  cases.push({ name: 'GET /schemes/{id}/diff with from=0x1&to=1.0', run: () => call(diff, 'GET', `/api/v1/schemes/${DEMO_SCHEME_ID}/diff?from=0x1&to=1.0`, { key: api.keys.all, params: { id: DEMO_SCHEME_ID } }) });
  for (const query of ['scheme_id=%00', 'scheme_id=a%ED%A0%80', 'version=0x1&scheme_id=x', 'seed=1.5', `scheme_id=${'s'.repeat(1000)}`]) {
    cases.push({
      name: `POST /simulate/batch?${query.slice(0, 30)}`,
      run: () => call(batch, 'POST', `/api/v1/simulate/batch?${query}`, { key: api.keys.all, body: '{"amount":1}\n', headers: { 'content-type': 'application/x-ndjson' } }),
    });
  }

  it('has a row for every endpoint', () => {
    expect(API_ENDPOINTS.filter((e) => !MODULES[e.path]).map((e) => e.path)).toEqual([]);
    const covered = new Set(cases.map((c) => c.name.split(' with')[0]!.split('?')[0]));
    expect(API_ENDPOINTS.filter((e) => (e.body || e.path.includes('{')) && !covered.has(`${e.method} ${e.path}`))).toEqual([]);
    expect(cases.length).toBeGreaterThan(150);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s → 4xx JSON with a request id, short', async (_name, c) => {
    const response = await c.run();
    const text = await response.text();
    expect(response.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-request-id')).toMatch(/\S{8,}/);
    expect(JSON.parse(text)).toEqual({ error: expect.objectContaining({ type: expect.any(String), message: expect.any(String), issues: expect.any(Array) }) });
    expect(text.length).toBeLessThan(4000); // a 1 MB value is never echoed back
  });

  it('stored nothing', async () => {
    expect(await storedState(api)).toBe(before);
  });

  it('simulate/batch reports a line that is not UTF-8 by its number, and goes on', async () => {
    const body = Buffer.concat([Buffer.from('{"amount":1,"currency":"EUR"}\n{"amount":2,"x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n{"amount":3,"currency":"EUR"}\n')]);
    const request = new Request('http://localhost/api/v1/simulate/batch', { method: 'POST', body, headers: { authorization: `Bearer ${api.keys.read}`, 'content-type': 'application/x-ndjson' } });
    const response = await batch.POST(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.line, l.error ?? null])).toEqual([[1, null], [2, 'not valid UTF-8'], [3, null]]);
  });
});

describe('the request edge (proxy.ts, before the sign-in guard)', () => {
  const refusals = ['/api/v1/processors/%ff%fe', '/api/v1/processors/%00', '/api/v1/schemes/%C0%AF', '/processors/%E0%A4%A', '/schemes/%00/versions', '/api/v1/simulate/batch?scheme_id=%00', '/api/v1/simulate/batch?scheme_id=%ff'];
  it.each(refusals)('%s → 400 with a request id (JSON under /api)', async (path) => {
    const response = edge(new NextRequest(`http://localhost${path}`))!;
    expect(response?.status).toBe(400);
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
    if (path.startsWith('/api/')) expect((await response.json()).error.type).toBe('invalid_request');
  });
  it('lets good paths and queries through, escapes included', () => {
    for (const path of ['/api/v1/processors/proc_stripe', '/schemes?saved=My%20scheme', '/api/v1/simulate/batch?scheme_id=a%2Fb&seed=1', '/processors/%E2%82%AC']) {
      expect(edge(new NextRequest(`http://localhost${path}`))).toBeUndefined();
    }
  });
  it('refuses a server action from another site with 403, not 500', async () => {
    const action = (origin: string | null, host = 'app.example') =>
      edge(new NextRequest('http://app.example/processors', { method: 'POST', headers: { 'next-action': 'abc', host, ...(origin ? { origin } : {}) } }));
    const foreign = action('https://evil.example')!;
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error).toMatchObject({ type: 'forbidden', issues: [{ path: ['headers', 'Origin'] }] });
    expect(action('null')?.status).toBe(403);
    expect(action('http://app.example')).toBeUndefined();
    expect(action(null)).toBeUndefined();
  });
});

/** Every row a request could have written, as one string. */
async function storedState(api: ApiHarness): Promise<string> {
  const db = api.connection.db;
  const tables = [schema.processors, schema.processorRoutes, schema.processorRouteItems, schema.filters, schema.schemes, schema.schemeVersions, schema.settings, schema.auditEntries, schema.idempotencyKeys, schema.testCases];
  const rows = await Promise.all(tables.map((t) => db.select().from(t)));
  return JSON.stringify(rows);
}
