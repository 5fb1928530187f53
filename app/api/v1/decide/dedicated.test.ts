import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCHEME_ID } from '@/db/seed';
import { testDatabases } from '@/db/testing';
import { DecisionCache, setDecisionCache } from '@/lib/services/decisions';
import { isDecideRequest, serveDecide } from '@/server/decide';
import * as decideRoute from './route';
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

  // Each request goes to both paths, with the same X-Request-Id: the whole answers must be the same.
  const cases: { name: string; method?: string; body?: string | Uint8Array<ArrayBuffer>; key?: string | null; type?: string }[] = [
    { name: 'a decision', body: JSON.stringify({ transaction: TX }) },
    { name: 'a processor route', body: JSON.stringify({ transaction: TX, processor_route_id: 'proute_eu_cards' }) },
    { name: 'an explicit version', body: JSON.stringify({ transaction: TX, scheme_id: DEMO_SCHEME_ID, version: 1 }) },
    { name: 'no key (401)', body: JSON.stringify({ transaction: TX }), key: null },
    { name: 'a wrong key (401)', body: JSON.stringify({ transaction: TX }), key: `sk_${'Z'.repeat(43)}` },
    { name: 'no decide scope (403)', body: JSON.stringify({ transaction: TX }), key: 'read' },
    { name: 'text/plain (415)', body: JSON.stringify({ transaction: TX }), type: 'text/plain' },
    { name: 'issues at their paths (400)', body: JSON.stringify({ transaction: 3, version: 'x' }) },
    { name: 'deep nesting (400)', body: `{"transaction":${'['.repeat(200)}${']'.repeat(200)}}` },
    { name: 'cut-off JSON (400)', body: '{"transaction": {' },
    { name: 'invalid UTF-8 (400)', body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) },
    { name: 'a NUL in a scheme id (400)', body: JSON.stringify({ transaction: TX, scheme_id: '\u0000' }) },
    { name: 'over 1 MB (413)', body: JSON.stringify({ transaction: { ...TX, blob: 'x'.repeat(1_100_000) } }) },
    { name: 'an unknown route (404)', body: JSON.stringify({ transaction: TX, processor_route_id: 'proute_nope' }) },
    { name: 'GET (405)', method: 'GET' },
  ];

  it.each(cases)('answers $name exactly as the route handler does', async (c) => {
    const requestId = `parity-${cases.indexOf(c)}`;
    const key = c.key === undefined ? api.keys.decide : c.key === 'read' ? api.keys.read : c.key;
    const headers: Record<string, string> = { 'x-request-id': requestId, ...(c.body !== undefined ? { 'content-type': c.type ?? 'application/json' } : {}), ...(key ? { authorization: `Bearer ${key}` } : {}) };
    const method = c.method ?? 'POST';
    const viaNode = await fetch(url, { method, headers, ...(c.body !== undefined ? { body: c.body } : {}) });
    const viaRoute = await decideRoute[method as 'POST'](new Request('http://localhost/api/v1/decide', { method, headers, ...(c.body !== undefined ? { body: c.body } : {}) }), { params: Promise.resolve({}) });
    const answer = async (response: Response) => ({
      status: response.status,
      headers: Object.fromEntries(['content-type', 'x-request-id', 'allow', 'www-authenticate', 'retry-after'].map((h) => [h, response.headers.get(h)])),
      body: await response.json(),
    });
    const [node, route] = [await answer(viaNode), await answer(viaRoute)];
    // Each answer has its own decision id; the rest must be the same.
    for (const a of [node, route]) {
      if (a.status === 200) expect(a.body.decision_id).toMatch(/^dec_/);
      delete a.body.decision_id;
    }
    expect(node).toEqual(route);
    expect(node.headers['x-request-id']).toBe(requestId);
  });

  it('keeps answering from the cache while the database is away', async () => {
    await api.connection.close();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(JSON.stringify({ transaction: { ...TX, id: `tx_${i}` } }))));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  });
});
