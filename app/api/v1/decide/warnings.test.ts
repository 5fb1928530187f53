import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@/db/testing';
import { isDecideRequest, serveDecide } from '@/server/decide';
import { call, openApiHarness, type ApiHarness } from '../_tests/harness';
import * as simulateRoute from '../simulate/route';
import * as decideRoute from './route';

const CLEAN = { id: 'tx_clean', amount: 250, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: 'DE' }, customer: { country: 'DE', risk_score: 10 } };
/** Wrong type, misspelt field, code outside its domain: each reads as missing, and each is named. */
const MALFORMED = { id: 'tx_bad', amount: 'abc', currency: 'EUR', payment_method: 'card', card: { brnad: 'visa', issuer_country: 'XX' } };
const MALFORMED_PATHS = ['amount', 'card.brnad', 'card.issuer_country'];

const paths = (list: { path: (string | number)[] }[]) => list.map((w) => w.path.join('.')).sort();

/** Both decide paths (the route handler and the dedicated Node handler) give the same answers. */
describe('decide warnings and strict mode', () => {
  let api: ApiHarness;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    // The answers do not depend on the database: the embedded one is enough.
    api = await openApiHarness(testDatabases()[0]!);
    server = createServer((req, res) => (isDecideRequest(req) ? void serveDecide(req, res) : res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await api?.close().catch(() => {});
  });

  const viaRoute = async (query: string, transaction: unknown) => {
    const response = await call(decideRoute, 'POST', `/api/v1/decide${query}`, { key: api.keys.decide, body: { transaction } });
    return { status: response.status, body: await response.json() };
  };
  const viaDedicated = async (query: string, transaction: unknown) => {
    const response = await fetch(`${base}/api/v1/decide${query}`, {
      method: 'POST', body: JSON.stringify({ transaction }), headers: { 'content-type': 'application/json', authorization: `Bearer ${api.keys.decide}` },
    });
    return { status: response.status, body: await response.json() };
  };
  /** Both answers, without their decision ids (each answer has its own). */
  const both = async (query: string, transaction: unknown) => {
    const [route, dedicated] = await Promise.all([viaRoute(query, transaction), viaDedicated(query, transaction)]);
    for (const answer of [route, dedicated]) {
      if (answer.status === 200) expect(answer.body.decision_id).toMatch(/^dec_/);
      delete answer.body.decision_id;
    }
    expect(dedicated).toEqual(route);
    return route;
  };

  it('a clean payment: the decision with no warnings, strict or not', async () => {
    const lax = await both('', CLEAN);
    expect(lax).toMatchObject({ status: 200, body: { outcome: 'route', warnings: [] } });
    expect(await both('?strict=true', CLEAN)).toEqual(lax);
  });

  it('a malformed payment is decided as before, with the path and problem of each field', async () => {
    const answer = await both('', MALFORMED);
    expect(answer.status).toBe(200);
    expect(paths(answer.body.warnings)).toEqual(MALFORMED_PATHS);
    expect(answer.body.warnings.find((w: { path: string[] }) => w.path[0] === 'amount')).toMatchObject({ code: 'wrong_type', message: expect.stringContaining('should be a number') });
    expect(answer.body.warnings.find((w: { path: string[] }) => w.path[1] === 'brnad')).toMatchObject({ code: 'unknown_field', suggestion: 'card.brand' });
    expect(answer.body.warnings.find((w: { path: string[] }) => w.path[1] === 'issuer_country')).toMatchObject({ code: 'not_in_domain' });
    // Wrong type = missing: the same decision as without those fields.
    const { amount: _amount, card: _card, ...rest } = MALFORMED;
    const without = await both('', { ...rest, card: {} });
    expect(without.body.warnings).toEqual([]);
    expect({ ...answer.body, warnings: [] }).toEqual(without.body);
    expect(await both('?strict=false', MALFORMED)).toEqual(answer);
  });

  it('strict mode refuses a malformed payment with 400 and every path, from the request body', async () => {
    const refused = await both('?strict=true', MALFORMED);
    expect(refused.status).toBe(400);
    expect(refused.body.error.type).toBe('invalid_request');
    expect(paths(refused.body.error.issues)).toEqual(MALFORMED_PATHS.map((p) => `transaction.${p}`));
    expect(refused.body.error.message).toContain('3 fields');
  });

  it('a strict value other than true or false is a 400 naming it', async () => {
    const bad = await both('?strict=yes', CLEAN);
    expect(bad.status).toBe(400);
    expect(paths(bad.body.error.issues)).toEqual(['strict']);
  });

  it('simulate warns and refuses the same way', async () => {
    const simulate = async (query: string, transaction: unknown) => {
      const response = await call(simulateRoute, 'POST', `/api/v1/simulate${query}`, { key: api.keys.read, body: { transaction, seed: 1 } });
      return { status: response.status, body: await response.json() };
    };
    const warned = await simulate('', MALFORMED);
    expect(warned.status).toBe(200);
    expect(paths(warned.body.warnings)).toEqual(MALFORMED_PATHS);
    expect((await simulate('', CLEAN)).body.warnings).toEqual([]);
    const refused = await simulate('?strict=true', MALFORMED);
    expect(refused.status).toBe(400);
    expect(paths(refused.body.error.issues)).toEqual(MALFORMED_PATHS.map((p) => `transaction.${p}`));
  });
});
