import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCHEME_ID } from '@/db/seed';
import { testDatabases } from '@/db/testing';
import * as simulate from '../simulate/route';
import * as batch from '../simulate/batch/route';
import { call, json, openApiHarness, type ApiHarness } from './harness';

const payment = (id: string, country = 'DE') => ({
  id,
  amount: 250,
  currency: 'EUR',
  payment_method: 'card',
  card: { brand: 'visa', issuer_country: country },
  created_at: '2026-03-01T09:30:00Z',
});

describe.each(testDatabases())('/api/v1/simulate on $name', (target) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await openApiHarness(target);
  });
  afterAll(async () => api?.close());

  it('simulates one payment on the active version, with attempts and forced outcomes', async () => {
    const { status, body } = await json(
      await call(simulate, 'POST', '/api/v1/simulate', { key: api.keys.read, body: { transaction: payment('tx_1'), forced: ['soft_decline', 'approved'] } }),
    );
    expect(status).toBe(200);
    expect(body.scheme).toEqual({ id: DEMO_SCHEME_ID, version: 1 });
    expect(body.outcome).toBe('route');
    // The soft decline cascades to the next candidate, whose forced approval settles the payment.
    expect(body.attempts.map((a: any) => [a.outcome, a.forced])).toEqual([['soft_decline', true], ['approved', true]]);
    expect(body.status).toBe('approved');
  });

  it('simulates a named version or processor route; 404 for an unknown scheme or version; 400 with paths', async () => {
    const named = await json(await call(simulate, 'POST', '/api/v1/simulate', { key: api.keys.read, body: { scheme_id: DEMO_SCHEME_ID, version: 1, transaction: payment('tx_2') } }));
    expect(named.body.scheme).toEqual({ id: DEMO_SCHEME_ID, version: 1 });
    const routed = await json(await call(simulate, 'POST', '/api/v1/simulate', { key: api.keys.read, body: { processor_route_id: 'proute_us_fallback', transaction: payment('tx_3', 'US') } }));
    expect(routed.body).toMatchObject({ scheme: null, candidates: ['proc_worldpay', 'proc_stripe'] });
    expect((await call(simulate, 'POST', '/api/v1/simulate', { key: api.keys.read, body: { scheme_id: 'sch_nope', transaction: {} } })).status).toBe(404);
    expect((await call(simulate, 'POST', '/api/v1/simulate', { key: api.keys.read, body: { scheme_id: DEMO_SCHEME_ID, version: 9, transaction: {} } })).status).toBe(404);
    const bad = await json(await call(simulate, 'POST', '/api/v1/simulate', { key: api.keys.read, body: { transaction: [], forced: ['maybe'], extra: 1 } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.path.join('.'))).toEqual(expect.arrayContaining(['transaction', 'forced.0', '']));
  });

  it('streams JSON lines in to JSON lines out, one answer per line, errors in place', async () => {
    const lines = [JSON.stringify(payment('tx_a')), '', '{not json', JSON.stringify(payment('tx_b', 'US'))].join('\n');
    const response = await call(batch, 'POST', `/api/v1/simulate/batch?scheme_id=${DEMO_SCHEME_ID}&version=1&seed=7`, {
      key: api.keys.read,
      body: lines,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const out = (await response.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.line)).toEqual([1, 3, 4]);
    expect(out[0]).toMatchObject({ outcome: 'route', attempts: expect.any(Array) });
    expect(out[1]).toMatchObject({ line: 3, error: expect.any(String) });
    // Reproducible: the same seed gives the same answers.
    const again = await call(batch, 'POST', `/api/v1/simulate/batch?scheme_id=${DEMO_SCHEME_ID}&version=1&seed=7`, {
      key: api.keys.read,
      body: lines,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect((await again.text()).trim().split('\n').map((l) => JSON.parse(l))).toEqual(out);
  });

  it('batch: 415 for a non JSON-lines type, 400 for a bad query, 413 for a declared oversize', async () => {
    const path = '/api/v1/simulate/batch';
    expect((await call(batch, 'POST', path, { key: api.keys.read, body: { a: 1 } })).status).toBe(415);
    const query = await json(await call(batch, 'POST', `${path}?version=x&color=red`, { key: api.keys.read, body: '{}', headers: { 'content-type': 'application/x-ndjson' } }));
    expect(query.status).toBe(400);
    expect(query.body.error.issues.map((i: any) => i.path.join('.'))).toEqual(expect.arrayContaining(['version', '']));
    const big = await call(batch, 'POST', path, { key: api.keys.read, body: '{}', headers: { 'content-type': 'application/x-ndjson', 'content-length': String(200 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect((await call(batch, 'GET', path, { key: api.keys.read })).status).toBe(405);
  });
});
