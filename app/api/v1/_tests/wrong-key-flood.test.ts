import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { testDatabases } from '@/db/testing';
import { CLIENT_ADDRESS_HEADER, setHandlerDatabase } from '@/lib/http';
import { FAILURE_BURST, FAILURE_REFILL_MS } from '@/lib/http/auth-throttle';
import * as processors from '../processors/route';
import { call, openApiHarness, type ApiHarness } from './harness';

/** The database with a count of every query started through it (builders and raw statements alike). */
function counting(db: Db): { db: Db; queries: () => number } {
  let queries = 0;
  const counted = new Set(['select', 'insert', 'update', 'delete', 'execute', 'transaction']);
  const wrapped = new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !counted.has(property) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        queries++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: wrapped, queries: () => queries };
}

const wrongKey = () => `sk_${randomBytes(32).toString('base64url')}`;

// The throttle is per process: each database's run floods from an address of its own.
let runs = 0;

describe.each(testDatabases())('a flood of wrong API keys on $name', (target) => {
  let api: ApiHarness;
  let db: ReturnType<typeof counting>;
  const flooder = `203.0.113.${++runs}`;
  beforeAll(async () => {
    api = await openApiHarness(target);
    db = counting(api.connection.db);
    setHandlerDatabase(db.db);
  }, 120_000);
  afterAll(async () => api?.close());

  const get = (key: string, address: string) => call(processors, 'GET', '/api/v1/processors', { key, headers: { [CLIENT_ADDRESS_HEADER]: address } });

  it('costs the database almost nothing: a burst of lookups per address, then 429 with Retry-After', async () => {
    expect((await get(api.keys.read, flooder)).status).toBe(200); // a real client, verified once
    const start = db.queries();
    const began = Date.now();
    const statuses: Record<number, number> = {};
    let retryAfter: string | null = null;
    for (let i = 0; i < 2_000; i++) {
      const response = await get(wrongKey(), flooder);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
    }
    const queries = db.queries() - start;
    console.log(`wrong-key flood: 2000 random keys from one address → ${JSON.stringify(statuses)}, ${queries} database queries`);
    // The burst, plus the tokens that refilled while the flood ran.
    const allowed = FAILURE_BURST + Math.floor((Date.now() - began) / FAILURE_REFILL_MS);
    expect(statuses[401]).toBeGreaterThanOrEqual(FAILURE_BURST);
    expect(statuses[401]).toBeLessThanOrEqual(allowed);
    expect(statuses[429]).toBe(2_000 - statuses[401]!);
    expect(queries).toBeLessThanOrEqual(statuses[401]!);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // The throttled address's real, already verified key still works, from memory.
    expect((await get(api.keys.read, flooder)).status).toBe(200);
    // Another address is not throttled.
    expect((await get(wrongKey(), '198.51.100.1')).status).toBe(401);
  });

  it('one wrong key sent from many addresses is looked up once (its unknown prefix is remembered)', async () => {
    const key = wrongKey();
    const start = db.queries();
    for (let i = 0; i < 500; i++) expect((await get(key, `192.0.2.${i % 250}:${i}`)).status).toBe(401);
    const queries = db.queries() - start;
    console.log(`wrong-key flood: one key from 500 addresses → ${queries} database queries`);
    expect(queries).toBe(1);
  });

  it('a prefix that a real key has is never remembered as unknown', async () => {
    const real = api.keys.write;
    const forged = real.slice(0, 11) + 'A'.repeat(real.length - 11);
    for (let i = 0; i < 3; i++) expect((await get(forged, `192.0.2.99:${i}`)).status).toBe(401);
    const writeKey = await call(processors, 'POST', '/api/v1/processors', { key: real, body: {}, headers: { [CLIENT_ADDRESS_HEADER]: '192.0.2.100' } });
    expect(writeKey.status).toBe(400); // authenticated (the body is what is wrong)
  });
});
