import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { openDatabase, type Connection } from '@/db/client';
import { processors as processorsTable } from '@/db/schema';
import { testDatabases } from '@/db/testing';
import { REQUEST_DEADLINE_MS, setHandlerDatabase } from '@/lib/http';
import * as processors from '../processors/route';
import { call, openApiHarness, type ApiHarness } from './harness';
import { faultyProxy, type FaultyProxy } from './tcp-proxy';

const postgres = testDatabases().find((t) => t.name === 'postgres');

interface Sent {
  id: string;
  status: number;
  ms: number;
}

/**
 * Writes through a database that stalls (every byte held, then delivered late, as a partition does)
 * and then stops (connections dropped and refused). A 503 must mean "not committed", now and later,
 * and no answer may wait past the deadline.
 */
describe.runIf(postgres)('writes during a database outage (real Postgres through a faulty proxy)', () => {
  let api: ApiHarness;
  let proxy: FaultyProxy;
  let proxied: Connection;
  beforeAll(async () => {
    api = await openApiHarness(postgres!);
    const url = new URL((api.connection.target as { url: string }).url);
    proxy = await faultyProxy(url.hostname, Number(url.port || 5432));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    proxied = await openDatabase({ kind: 'postgres', url: url.toString() });
    setHandlerDatabase(proxied.db);
  }, 120_000);
  afterAll(async () => {
    await proxied?.close().catch(() => {});
    await proxy?.close();
    await api?.close();
  });

  it('answers every write within the deadline; none answered 503 commits, then or later', async () => {
    const write = async (i: number): Promise<Sent> => {
      const id = `proc_outage_${i}`;
      const started = performance.now();
      const response = await call(processors, 'POST', '/api/v1/processors', { key: api.keys.write, body: { id, name: `Outage ${i}`, provider: 'acme', status: 'active' } });
      await response.arrayBuffer();
      return { id, status: response.status, ms: performance.now() - started };
    };
    expect((await write(0)).status).toBe(201); // warm: the key is verified and cached, the pool has a connection

    const sent: Promise<Sent>[] = [];
    const timeline: [number, () => void][] = [
      [1_000, () => proxy.stall()],
      [REQUEST_DEADLINE_MS + 3_000, () => proxy.restore()], // held statements arrive late now
      [REQUEST_DEADLINE_MS + 3_500, () => proxy.cut()],
      [REQUEST_DEADLINE_MS + 5_000, () => proxy.restore()],
    ];
    const start = performance.now();
    for (let i = 1; i <= 40; i++) {
      while (timeline.length > 0 && performance.now() - start >= timeline[0]![0]) timeline.shift()![1]();
      sent.push(write(i));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    for (const [, step] of timeline) step();
    const answers = await Promise.all(sent);
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // time for anything held to land late

    const stored = new Set(
      (await api.connection.db.select({ id: processorsTable.id }).from(processorsTable).where(inArray(processorsTable.id, answers.map((a) => a.id)))).map((r) => r.id),
    );
    const byStatus = (status: number) => answers.filter((a) => a.status === status);
    const summary = Object.fromEntries([...new Set(answers.map((a) => a.status))].map((s) => [s, byStatus(s).length]));
    const slowest = Math.max(...answers.filter((a) => a.status !== 504).map((a) => a.ms));
    console.log(`outage: answers ${JSON.stringify(summary)}, slowest non-504 ${slowest.toFixed(0)} ms, deadline ${REQUEST_DEADLINE_MS} ms`);

    expect(byStatus(503).length).toBeGreaterThan(3); // the outage really happened
    expect(byStatus(201).length).toBeGreaterThan(3); // and writes went through around it
    expect(answers.filter((a) => ![201, 503, 504].includes(a.status))).toEqual([]);
    expect(byStatus(503).filter((a) => stored.has(a.id))).toEqual([]); // a 503 never committed, not even late
    expect(byStatus(201).filter((a) => !stored.has(a.id))).toEqual([]);
    expect(slowest).toBeLessThan(REQUEST_DEADLINE_MS + 1_000);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(REQUEST_DEADLINE_MS + 3_000); // 504: COMMIT sent, its answer held
  }, 120_000);
});
