import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@/db/testing';
import { listApiKeys } from '@/lib/services/api-keys';
import * as catchAll from '../[...path]/route';
import * as processors from '../processors/route';
import * as processor from '../processors/[id]/route';
import { call, json, openApiHarness, type ApiHarness } from './harness';

describe.each(testDatabases())('/api/v1 auth and errors on $name', (target) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await openApiHarness(target);
  });
  afterAll(async () => api?.close());

  const expectError = (body: any, type: string) => {
    expect(body).toEqual({ error: expect.objectContaining({ type, message: expect.any(String), issues: expect.any(Array) }) });
  };

  it('answers with X-Request-Id on success and on errors, echoing a sane one', async () => {
    const ok = await call(processors, 'GET', '/api/v1/processors', { key: api.keys.read });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
    const denied = await call(processors, 'GET', '/api/v1/processors', { headers: { 'x-request-id': 'trace-42' } });
    expect(denied.headers.get('x-request-id')).toBe('trace-42');
    const odd = await call(processors, 'GET', '/api/v1/processors', { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('401 without a key, with a malformed, unknown or revoked key, as JSON', async () => {
    for (const key of [null, 'nope', 'sk_' + 'A'.repeat(43), api.keys.revoked]) {
      const response = await call(processors, 'GET', '/api/v1/processors', { key });
      const { status, body } = await json(response);
      expect(status).toBe(401);
      expectError(body, 'unauthorized');
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
    }
    const revoked = await json(await call(processors, 'GET', '/api/v1/processors', { key: api.keys.revoked }));
    expect(revoked.body.error.message).toMatch(/revoked/);
    const basic = await call(processors, 'GET', '/api/v1/processors', { headers: { authorization: `Basic ${api.keys.read}` } });
    expect(basic.status).toBe(401);
  });

  it('403 when the key lacks the scope', async () => {
    const write = await json(await call(processors, 'GET', '/api/v1/processors', { key: api.keys.write }));
    expect(write.status).toBe(403);
    expectError(write.body, 'forbidden');
    expect(write.body.error.message).toContain('"read"');
    const read = await json(await call(processors, 'POST', '/api/v1/processors', { key: api.keys.read, body: {} }));
    expect(read.status).toBe(403);
    const decide = await call(processors, 'GET', '/api/v1/processors', { key: api.keys.decide });
    expect(decide.status).toBe(403);
  });

  it('records when a key was last used', async () => {
    await call(processors, 'GET', '/api/v1/processors', { key: api.keys.read });
    // The write is not on the request's path: wait for it to land.
    await expect.poll(async () => (await listApiKeys(api.connection.db)).find((k) => k.scopes.join() === 'read')?.last_used_at ?? null).not.toBeNull();
    const keys = await listApiKeys(api.connection.db);
    expect(keys.every((k) => !('hash' in k) && k.prefix.startsWith('sk_'))).toBe(true);
  });

  it('400 with every zod issue and its path', async () => {
    const { status, body } = await json(
      await call(processors, 'POST', '/api/v1/processors', {
        key: api.keys.all,
        body: { id: 'Bad Id', name: '', provider: 'x', status: 'sleepy', currencies: ['EURO'], approval_rate: 2 },
      }),
    );
    expect(status).toBe(400);
    expectError(body, 'invalid_request');
    const paths = body.error.issues.map((i: any) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['id', 'name', 'status', 'currencies.0', 'approval_rate']));
  });

  it('400 on invalid JSON, 415 on a non-JSON content type, 413 over 1 MB, 400 when nested too deep', async () => {
    const invalid = await json(await call(processors, 'POST', '/api/v1/processors', { key: api.keys.all, body: '{"id":' }));
    expect(invalid.status).toBe(400);
    expectError(invalid.body, 'invalid_json');
    const form = await json(await call(processors, 'POST', '/api/v1/processors', { key: api.keys.all, body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(form.status).toBe(415);
    expectError(form.body, 'unsupported_media_type');
    const big = await json(await call(processors, 'POST', '/api/v1/processors', { key: api.keys.all, body: { id: 'proc_big', name: 'x'.repeat(1024 * 1024) } }));
    expect(big.status).toBe(413);
    expectError(big.body, 'payload_too_large');
    const deep = await json(await call(processors, 'POST', '/api/v1/processors', { key: api.keys.all, body: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}` }));
    expect(deep.status).toBe(400);
    expect(deep.body.error.message).toMatch(/nested more than 64/);
  });

  it('404 for an unknown id and for an unknown path', async () => {
    const missing = await json(await call(processor, 'GET', '/api/v1/processors/proc_nope', { key: api.keys.read, params: { id: 'proc_nope' } }));
    expect(missing.status).toBe(404);
    expectError(missing.body, 'not_found');
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const response = await call(catchAll, method, '/api/v1/nothing/here', { params: { path: 'nothing/here' } });
      expect(response.status).toBe(404);
      expect(response.headers.get('x-request-id')).toBeTruthy();
      expectError(await response.json(), 'not_found');
    }
  });

  it('405 with Allow for an unknown method on a known route', async () => {
    const response = await call(processors, 'DELETE', '/api/v1/processors', { key: api.keys.all });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expectError(await response.json(), 'method_not_allowed');
    const put = await call(processor, 'PUT', '/api/v1/processors/proc_stripe', { key: api.keys.all, params: { id: 'proc_stripe' } });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, PATCH, DELETE');
  });
});

describe('/api/v1/openapi.json', () => {
  it('is public JSON with a request id', async () => {
    const { GET } = await import('../openapi.json/route');
    const response = GET(new Request('http://localhost/api/v1/openapi.json'));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect((await response.json()).paths['/api/v1/processors']).toBeTruthy();
  });
});
