import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import * as schema from '@/db/schema';
import { testDatabases } from '@/db/testing';
import { API_ENDPOINTS } from '@/lib/api/endpoints';
import { EXAMPLE_SCHEME } from '@/lib/scheme/examples';
import type { Method, RouteHandler } from '@/lib/http';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Connection, Db } from '@/db/client';
import { DEMO_SCHEME_ID, seedDemoData } from '@/db/seed';
import { findTextIssues, textProblem } from '@/lib/text/hostile';
import type { ServiceContext } from '@/lib/services/context';
import type { Result } from '@/lib/services/result';
import { revokeApiKey } from '@/lib/services/api-keys';
import { deleteFilter, filterUsers, getFilter, updateFilter } from '@/lib/services/filters';
import { approveRequest, goLiveWithVersion, pendingRequests, previewActivation, publishedAs, publishOrRequest, rejectRequest, setFourEyes, versionEvents } from '@/lib/services/going-live';
import { patchProcessor } from '@/lib/services/partial-updates';
import { deleteProcessor, getProcessor, setProcessorStatus, updateProcessor } from '@/lib/services/processors';
import { activateVersion, diffVersions, getVersion, listVersions, previewPublish, publishScheme } from '@/lib/services/publishing';
import { deleteRoute, getRoute, updateRoute } from '@/lib/services/routes';
import { deleteScheme, duplicateScheme, getScheme, saveAsCopy, saveDraft } from '@/lib/services/schemes';
import { executeRun, exportRun, getRun, listRuns, prepareRun } from '@/lib/services/simulation-runs';
import { createTestCase, deleteTestCase, importTestCases, listTestCases, setTestCaseEnabled, updateTestCase } from '@/lib/services/test-cases';
import { activeUser, createUser, deleteUser, endUserSessions, setUserDisabled, setUserRole } from '@/lib/services/users';
import { edge, proxy } from '@/proxy';
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
import * as scheduled from '../schemes/[id]/scheduled/route';
import * as scheduledChange from '../scheduled-changes/[id]/route';
import * as drain from '../processors/[id]/drain/route';
import * as nowhere from '../[...path]/route';
import { call, openApiHarness, type ApiHarness } from './harness';

type Route = Record<Method, RouteHandler>;

/** Every endpoint's route module, by its path in the API description (a new endpoint without one fails below). */
const MODULES: Record<string, Route> = {
  '/processors': processors, '/processors/{id}': processor, '/processor-routes': routes, '/processor-routes/{id}': route,
  '/filters': filters, '/filters/{id}': filter, '/schemes': schemes, '/schemes/{id}': scheme, '/schemes/{id}/publish': publish,
  '/schemes/{id}/activate': activate, '/schemes/{id}/versions': versions, '/schemes/{id}/versions/{version}': version,
  '/schemes/{id}/diff': diff, '/settings': settings, '/decide': decide, '/simulate': simulate, '/simulate/batch': batch,
  '/decisions/{id}/attempts': attempt, '/attempts': attempts,
  '/schemes/{id}/scheduled': scheduled, '/scheduled-changes/{id}': scheduledChange, '/processors/{id}/drain': drain,
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

  it('/api/v1, which the proxy does not see, gets the same policy from its route wrapper: answers, refusals and unknown paths', async () => {
    const answers = [
      await call(processors, 'GET', '/api/v1/processors', { key: api.keys.all }),
      await call(processors, 'GET', '/api/v1/processors'),
      await call(processors, 'GET', '/api/v1/processors?x=%ff', { key: api.keys.all }),
      await call(nowhere, 'GET', '/api/v1/nowhere'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 400, 404]);
    for (const response of answers) {
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'; ");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('simulate/batch, which the proxy does not see (its body streams), refuses an undecodable query itself', async () => {
    for (const query of ['scheme_id=%00', 'scheme_id=%ff']) {
      const request = new Request(`http://localhost/api/v1/simulate/batch?${query}`, { method: 'POST', body: '{"amount":1}\n', headers: { authorization: `Bearer ${api.keys.read}`, 'content-type': 'application/x-ndjson' } });
      const response = await batch.POST(request, { params: Promise.resolve({}) });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatchObject({ type: 'invalid_request', issues: [{ path: ['query'] }] });
    }
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

describe('the Content-Security-Policy (proxy.ts)', () => {
  const policyOf = async (path: string) => {
    const response = (await proxy(new NextRequest(`http://localhost${path}`)))!;
    return { sent: response.headers.get('content-security-policy')!, forNext: response.headers.get('x-middleware-request-content-security-policy'), nonce: response.headers.get('x-middleware-request-x-nonce') };
  };
  it('gives each page a nonce of its own, on the response and on the request Next.js renders from', async () => {
    const [first, second] = [await policyOf('/sign-in'), await policyOf('/sign-in')];
    for (const page of [first, second]) {
      expect(page.sent).toContain(`script-src 'self' 'nonce-${page.nonce}' 'strict-dynamic'`);
      expect(page.forNext).toBe(page.sent);
      expect(page.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    }
    expect(first.nonce).not.toBe(second.nonce);
  });
  it('allows no inline script and no eval anywhere; what is not a page gets scripts from this origin only', async () => {
    for (const path of ['/sign-in', '/api/health', '/_next/static/chunks/a.js']) {
      const { sent } = await policyOf(path);
      const scripts = sent.split('; ').find((d) => d.startsWith('script-src '))!;
      expect(scripts, path).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(sent, path).toContain("frame-ancestors 'none'");
    }
    expect((await policyOf('/api/health')).sent).toContain("script-src 'self';");
  });
});

/** Every row a request could have written, as one string. */
async function storedState(api: ApiHarness): Promise<string> {
  return rowsOf(api.connection.db, API_TABLES);
}

const API_TABLES = [schema.processors, schema.processorRoutes, schema.processorRouteItems, schema.filters, schema.schemes, schema.schemeVersions, schema.settings, schema.auditEntries, schema.idempotencyKeys, schema.testCases];
/** Besides the API's tables, what server actions change: users, sessions, API keys, four-eyes requests, stored runs. */
const ACTION_TABLES = [...API_TABLES, schema.users, schema.accounts, schema.sessions, schema.apiKeys, schema.approvalRequests, schema.simulationRuns];

async function rowsOf(db: Db, tables: readonly PgTable[]): Promise<string> {
  const rows = await Promise.all(tables.map((t) => db.select().from(t)));
  return JSON.stringify(rows);
}

/**
 * The services server actions (and the app's own route handlers, pages and the command line) call,
 * handed hostile arguments directly: what a browser can post to a server action whatever the form
 * said. Each id, version and flag is refused with its problem before the database is touched (the
 * database here records any use); hostile text in an input is refused by its parse. Nothing is stored.
 */
describe.each(testDatabases())('services under hostile arguments on $name', (target) => {
  let connection: Connection;
  let before: string;
  let touched = false;
  /** The test database, recording that something used it. */
  let watched: Db;
  beforeAll(async () => {
    connection = await target.open();
    await seedDemoData(connection.db);
    before = await rowsOf(connection.db, ACTION_TABLES);
    watched = new Proxy(connection.db, {
      get(db, property) {
        touched = true;
        const value = Reflect.get(db, property, db) as unknown;
        return typeof value === 'function' ? value.bind(db) : value;
      },
    });
  }, 180_000);
  afterAll(async () => connection?.close());

  const ctx = (): ServiceContext => ({ db: watched, actor: { kind: 'user', id: 'usr_hostile_admin', email: 'admin@hostile.test', role: 'admin' }, via: 'ui' });
  const CASE = { name: 'Hostile', transaction: TX, expected: { outcome: 'routed' } };

  /** Each service entry point with an id argument, that argument being `v` (the others valid). */
  const ID_TAKERS: { name: string; argument: string; run: (v: any) => Promise<unknown> }[] = [
    { name: 'updateProcessor', argument: 'id', run: (v) => updateProcessor(ctx(), v, { name: 'Ok', provider: 'acme', status: 'active' }) },
    { name: 'patchProcessor', argument: 'id', run: (v) => patchProcessor(ctx(), v, { name: 'Ok' }) },
    { name: 'setProcessorStatus', argument: 'id', run: (v) => setProcessorStatus(ctx(), v, 'down') },
    { name: 'deleteProcessor', argument: 'id', run: (v) => deleteProcessor(ctx(), v) },
    { name: 'updateFilter', argument: 'id', run: (v) => updateFilter(ctx(), v, { name: 'Ok' }) },
    { name: 'deleteFilter', argument: 'id', run: (v) => deleteFilter(ctx(), v) },
    { name: 'updateRoute', argument: 'id', run: (v) => updateRoute(ctx(), v, { name: 'Ok' }) },
    { name: 'deleteRoute', argument: 'id', run: (v) => deleteRoute(ctx(), v) },
    { name: 'duplicateScheme', argument: 'id', run: (v) => duplicateScheme(ctx(), v) },
    { name: 'deleteScheme', argument: 'id', run: (v) => deleteScheme(ctx(), v) },
    { name: 'saveDraft', argument: 'id', run: (v) => saveDraft(ctx(), v, EXAMPLE_SCHEME, 1) },
    { name: 'saveAsCopy', argument: 'scheme_id', run: (v) => saveAsCopy(ctx(), v, EXAMPLE_SCHEME) },
    { name: 'publishOrRequest', argument: 'scheme_id', run: (v) => publishOrRequest(ctx(), v, {}) },
    { name: 'publishScheme', argument: 'scheme_id', run: (v) => publishScheme(ctx(), v, {}) },
    { name: 'previewPublish', argument: 'scheme_id', run: (v) => previewPublish(watched, v) },
    { name: 'listVersions', argument: 'scheme_id', run: (v) => listVersions(watched, v) },
    { name: 'getVersion', argument: 'scheme_id', run: (v) => getVersion(watched, v, 1) },
    { name: 'diffVersions', argument: 'scheme_id', run: (v) => diffVersions(watched, v, 1, 1) },
    { name: 'previewActivation', argument: 'scheme_id', run: (v) => previewActivation(watched, v, 1) },
    { name: 'goLiveWithVersion', argument: 'scheme_id', run: (v) => goLiveWithVersion(ctx(), v, 1) },
    { name: 'activateVersion', argument: 'scheme_id', run: (v) => activateVersion(ctx(), v, 1) },
    { name: 'approveRequest', argument: 'request_id', run: (v) => approveRequest(ctx(), v, { comment: 'fine' }) },
    { name: 'rejectRequest', argument: 'request_id', run: (v) => rejectRequest(ctx(), v, { comment: 'no' }) },
    { name: 'createTestCase', argument: 'scheme_id', run: (v) => createTestCase(ctx(), v, CASE) },
    { name: 'updateTestCase (scheme)', argument: 'scheme_id', run: (v) => updateTestCase(ctx(), v, 'tc_x', CASE) },
    { name: 'updateTestCase (case)', argument: 'test_case_id', run: (v) => updateTestCase(ctx(), DEMO_SCHEME_ID, v, CASE) },
    { name: 'setTestCaseEnabled', argument: 'test_case_id', run: (v) => setTestCaseEnabled(ctx(), DEMO_SCHEME_ID, v, false) },
    { name: 'deleteTestCase', argument: 'test_case_id', run: (v) => deleteTestCase(ctx(), DEMO_SCHEME_ID, v) },
    { name: 'importTestCases', argument: 'scheme_id', run: (v) => importTestCases(ctx(), v, JSON.stringify(CASE)) },
    { name: 'setUserRole', argument: 'user_id', run: (v) => setUserRole(ctx(), v, 'viewer') },
    { name: 'setUserDisabled', argument: 'user_id', run: (v) => setUserDisabled(ctx(), v, true) },
    { name: 'endUserSessions', argument: 'user_id', run: (v) => endUserSessions(ctx(), v) },
    { name: 'deleteUser', argument: 'user_id', run: (v) => deleteUser(ctx(), v) },
    { name: 'revokeApiKey', argument: 'id', run: (v) => revokeApiKey(ctx(), v) },
    { name: 'prepareRun', argument: 'scheme_id', run: (v) => prepareRun(ctx(), v, { kind: 'batch', target: { kind: 'draft' }, input: { kind: 'synthetic', count: 10 } }) },
    { name: 'executeRun', argument: 'run_id', run: (v) => executeRun(ctx(), DEMO_SCHEME_ID, v, null) },
    { name: 'getRun', argument: 'run_id', run: (v) => getRun(ctx(), DEMO_SCHEME_ID, v) },
    { name: 'exportRun', argument: 'run_id', run: (v) => exportRun(ctx(), DEMO_SCHEME_ID, v) },
  ];
  /** Version numbers, revisions and flags, the same way. */
  const NUMBER_TAKERS: { name: string; argument: string; run: (v: any) => Promise<unknown> }[] = [
    { name: 'previewActivation', argument: 'version', run: (v) => previewActivation(watched, DEMO_SCHEME_ID, v) },
    { name: 'goLiveWithVersion', argument: 'version', run: (v) => goLiveWithVersion(ctx(), DEMO_SCHEME_ID, v) },
    { name: 'activateVersion', argument: 'version', run: (v) => activateVersion(ctx(), DEMO_SCHEME_ID, v) },
    { name: 'getVersion', argument: 'version', run: (v) => getVersion(watched, DEMO_SCHEME_ID, v) },
    { name: 'diffVersions', argument: 'to', run: (v) => diffVersions(watched, DEMO_SCHEME_ID, 1, v) },
    { name: 'saveDraft', argument: 'revision', run: (v) => saveDraft(ctx(), DEMO_SCHEME_ID, EXAMPLE_SCHEME, v) },
  ];
  const FLAG_TAKERS: { name: string; argument: string; run: (v: any) => Promise<unknown> }[] = [
    { name: 'setFourEyes', argument: 'four_eyes', run: (v) => setFourEyes(ctx(), v) },
    { name: 'setUserDisabled', argument: 'disabled', run: (v) => setUserDisabled(ctx(), 'usr_someone', v) },
    { name: 'setTestCaseEnabled', argument: 'enabled', run: (v) => setTestCaseEnabled(ctx(), DEMO_SCHEME_ID, 'tc_x', v) },
  ];
  /** Reads answer "nothing" for an id no record can have, without asking the database. */
  const READERS: { name: string; run: (v: any) => Promise<unknown>; nothing: unknown }[] = [
    { name: 'getProcessor', run: (v) => getProcessor(watched, v), nothing: undefined },
    { name: 'getFilter', run: (v) => getFilter(watched, v), nothing: undefined },
    { name: 'filterUsers', run: (v) => filterUsers(watched, v), nothing: [] },
    { name: 'getRoute', run: (v) => getRoute(watched, v), nothing: undefined },
    { name: 'getScheme', run: (v) => getScheme(watched, v), nothing: undefined },
    { name: 'listTestCases', run: (v) => listTestCases(watched, v), nothing: [] },
    { name: 'pendingRequests', run: (v) => pendingRequests(watched, v), nothing: [] },
    { name: 'versionEvents', run: (v) => versionEvents(watched, v), nothing: [] },
    { name: 'publishedAs', run: (v) => publishedAs(watched, v, 1), nothing: null },
    { name: 'listRuns', run: (v) => listRuns(ctx(), v), nothing: [] },
    { name: 'activeUser', run: (v) => activeUser(watched, v), nothing: null },
  ];
  const NOT_IDS = { ...HOSTILE_IDS, 'lone low surrogate': '\udc00', '1 MB': MEGABYTE_VALUE, empty: '', 'a space': 'proc a', number: 42, list: ['proc_stripe'], null: null, object: { id: 'proc_stripe' } };
  const NOT_VERSIONS = { zero: 0, negative: -1, fraction: 1.5, NaN: Number.NaN, infinity: Number.POSITIVE_INFINITY, 'past the integer column': 2 ** 31, '1e300': 1e300, text: '1', null: null };
  const NOT_FLAGS = { text: 'true', number: 1, null: null, 'NUL text': 'a\u0000' };

  const refusals: [string, string, () => Promise<unknown>][] = [];
  for (const taker of ID_TAKERS) for (const [label, v] of Object.entries(NOT_IDS)) refusals.push([`${taker.name} with ${taker.argument} = ${label}`, taker.argument, () => taker.run(v)]);
  for (const taker of NUMBER_TAKERS) for (const [label, v] of Object.entries(NOT_VERSIONS)) refusals.push([`${taker.name} with ${taker.argument} = ${label}`, taker.argument, () => taker.run(v)]);
  for (const taker of FLAG_TAKERS) for (const [label, v] of Object.entries(NOT_FLAGS)) refusals.push([`${taker.name} with ${taker.argument} = ${label}`, taker.argument, () => taker.run(v)]);

  it.each(refusals)('%s → refused with its problem, the database untouched', async (_name, argument, run) => {
    touched = false;
    const result = (await run()) as Result<unknown>;
    expect(touched).toBe(false);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'validation', message: expect.stringMatching(/^Refused: the .+ Nothing was looked up or changed\.$/), issues: [{ path: [argument], message: expect.any(String) }] });
    const said = JSON.stringify(result);
    expect(said.length).toBeLessThan(1000); // never the value itself
    expect(findTextIssues(result)).toEqual([]);
  });

  it.each(READERS.flatMap((reader) => Object.entries(NOT_IDS).map(([label, v]) => [`${reader.name} with id = ${label}`, reader, v] as const)))(
    '%s → nothing, the database untouched',
    async (_name, reader, v) => {
      touched = false;
      expect(await reader.run(v)).toEqual(reader.nothing);
      expect(touched).toBe(false);
    },
  );

  /** Hostile text in a server action's input: refused by the parse (some inside their transaction, which rolls back). */
  const textRefusals: [string, (v: string) => Promise<Result<unknown>>][] = [
    ['approveRequest comment', (v) => approveRequest(ctx(), 'apr_missing', { comment: v })],
    ['rejectRequest comment', (v) => rejectRequest(ctx(), 'apr_missing', { comment: v })],
    ['publishOrRequest note', (v) => publishOrRequest(ctx(), DEMO_SCHEME_ID, { note: v })],
    ['createUser name', (v) => createUser(ctx(), { email: 'new@hostile.test', name: v, role: 'viewer', password: 'long enough password' })],
    ['createUser password', (v) => createUser(ctx(), { email: 'new@hostile.test', role: 'viewer', password: `long enough ${v}` })],
    ['createTestCase name', (v) => createTestCase(ctx(), DEMO_SCHEME_ID, { ...CASE, name: v })],
    ['createTestCase transaction key', (v) => createTestCase(ctx(), DEMO_SCHEME_ID, { ...CASE, transaction: { ...TX, [`k${v}`]: 1 } })],
    ['updateTestCase name', (v) => updateTestCase(ctx(), DEMO_SCHEME_ID, 'tc_missing', { ...CASE, name: v })],
    ['importTestCases line', (v) => importTestCases(ctx(), DEMO_SCHEME_ID, JSON.stringify({ ...CASE, name: v }))],
    ['prepareRun input', (v) => prepareRun(ctx(), DEMO_SCHEME_ID, { kind: 'batch', target: { kind: 'draft' }, input: { kind: 'file', format: 'csv', file_name: v, size: 10 } })],
  ];
  it.each(textRefusals.flatMap(([name, run]) => Object.entries(HOSTILE_TEXT).map(([label, v]) => [`${name} with a ${label} value`, run, v] as const)))(
    '%s → a validation refusal, short',
    async (_name, run, v) => {
      const result = await run(v);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('validation');
      expect(JSON.stringify(result).length).toBeLessThan(4000);
    },
  );

  it('asks the database for a well-formed id it does not know (so "untouched" above is measured)', async () => {
    touched = false;
    const result = await deleteProcessor(ctx(), 'proc_missing');
    expect(touched).toBe(true);
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('stored nothing', async () => {
    expect(await rowsOf(connection.db, ACTION_TABLES)).toBe(before);
  });
});
