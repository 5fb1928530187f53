import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './testing';
import type { Connection } from './client';
import { writeDecisions, type DecisionLogEntry } from '@/lib/services/decision-log-store';
import { newDecisionId } from '@/lib/services/decision-id';
import { addSegmentRollups } from '@/lib/services/traffic-rollups';
import { ensurePartitions } from '@/lib/services/traffic-partitions';
import { liveTraffic, trafficDashboard } from '@/lib/services/traffic';
import { sql } from 'drizzle-orm';
import { rollupAttempts, type ReportedAttempt } from '@/lib/traffic/rollups';
import type { Segments } from '@/lib/traffic/segments';
import type { ServiceContext } from '@/lib/services/context';

const NOW = Date.UTC(2026, 2, 10, 12, 30, 20);
const MINUTE = 60_000;
const HOUR = 3_600_000;
const EUR: Segments = { currency: 'EUR', card_country: 'DE', card_brand: 'visa', payment_method: 'card' };

const entry = (at: number, outcome: 'route' | 'blocked', processor: string | null, latencyUs: number): DecisionLogEntry => ({
  id: newDecisionId(at),
  at,
  latencyUs,
  apiKeyId: null,
  transaction: { currency: 'EUR', card: { brand: 'visa', issuer_country: 'DE' }, payment_method: 'card' },
  decision: { outcome, processor, candidates: processor ? [processor, 'proc_b'] : [], node: 'leaf', path: [{ node: 'c', result: true }], scheme: { id: 'sch_x', version: 2 } },
  redacted: [],
});
const attempts = (at: number, processor: string, approved: number, declined: number): ReportedAttempt[] => [
  ...Array.from({ length: approved }, () => ({ at, attempt: 1, processor, outcome: 'approved' as const, segments: EUR })),
  ...Array.from({ length: declined }, () => ({ at, attempt: 1, processor, outcome: 'soft_decline' as const, segments: EUR })),
];

describe.each(testDatabases())('traffic dashboard on $name', (target) => {
  let connection: Connection;
  let ctx: ServiceContext;
  beforeAll(async () => {
    connection = await target.open();
    ctx = { db: connection.db, actor: { kind: 'user', id: 'u', email: 'viewer@x', role: 'viewer' }, via: 'ui' };
    // The last hour: 3 routed to proc_a, 1 blocked, one routed 2 h ago (outside the hour).
    await writeDecisions(connection, [
      entry(NOW - 2 * MINUTE, 'route', 'proc_a', 12),
      entry(NOW - 2 * MINUTE, 'route', 'proc_a', 14),
      entry(NOW - 30 * MINUTE, 'route', 'proc_a', 40),
      entry(NOW - 10 * MINUTE, 'blocked', null, 8),
      entry(NOW - 2 * HOUR, 'route', 'proc_b', 20),
    ]);
    // proc_a: 150 of 200 approved in the last hour, 900 of 1000 in the baseline (a day ago): flagged.
    // proc_b: 95 of 100 recently, 950 of 1000 before: not flagged.
    const reported = [...attempts(NOW - 5 * MINUTE, 'proc_a', 150, 50), ...attempts(NOW - 24 * HOUR, 'proc_a', 900, 100), ...attempts(NOW - 5 * MINUTE, 'proc_b', 95, 5), ...attempts(NOW - 24 * HOUR, 'proc_b', 950, 50)];
    await ensurePartitions(connection.db, reported.map((a) => a.at));
    await addSegmentRollups(connection.db, rollupAttempts(reported));
  });
  afterAll(async () => connection?.close());

  it('the last hour: decisions per minute, shares, approvals, latency and the baseline flag, from the rollups', async () => {
    const result = await trafficDashboard(ctx, 'hour', NOW);
    if (!result.ok) throw new Error(result.error.message);
    const { series, approvals, latency, baselines } = result.value;
    expect(series.points).toHaveLength(60);
    expect(series.points.reduce((s, p) => s + p.routed, 0)).toBe(3);
    expect(series.points.find((p) => p.t === Math.floor((NOW - 2 * MINUTE) / MINUTE) * MINUTE)).toMatchObject({ routed: 2, blocked: 0 });
    expect(series.points.reduce((s, p) => s + p.blocked, 0)).toBe(1);
    const a = approvals.processors.find((p) => p.processor === 'proc_a')!;
    expect(a).toMatchObject({ decisions: 3, share: 1, attempts: 200, approved: 150, approval_rate: 0.75, soft_declined: 50 });
    expect(approvals.segments.currency.find((s) => s.value === 'EUR')).toMatchObject({ attempts: 300, approved: 245, decisions: 4 });
    expect(latency.decisions).toBe(4);
    // 4 latencies 8, 12, 14, 40 µs → buckets 10, 15, 15, 40: rank 2 is the first of the two in (10, 15], half-way through it
    expect(latency.p50_us).toBe(12.5);
    expect(baselines.find((b) => b.processor === 'proc_a')).toMatchObject({ flagged: true, recent: { attempts: 200, approved: 150 }, baseline: { attempts: 1000, approved: 900 } });
    expect(baselines.find((b) => b.processor === 'proc_b')!.flagged).toBe(false);
  });

  it('the last day and week read the hour rollups', async () => {
    const day = await trafficDashboard(ctx, 'day', NOW);
    expect(day.ok && day.value.approvals.grain).toBe('hour');
    expect(day.ok && day.value.approvals.processors.map((p) => [p.processor, p.decisions])).toEqual([['proc_a', 3], ['proc_b', 1]]);
    expect(day.ok && day.value.series.points).toHaveLength(24 * 60);
    const week = await trafficDashboard(ctx, 'week', NOW);
    expect(week.ok && week.value.series.points).toHaveLength(7 * 24);
    expect(week.ok && week.value.approvals.processors.find((p) => p.processor === 'proc_a')!.attempts).toBe(1200);
  });

  it('the live heat map: hits per node and branch of the active version only', async () => {
    expect(await liveTraffic(connection.db, 'sch_x', 'hour', NOW)).toMatchObject({ version: null, total: 0 });
    await connection.db.execute(sql`insert into settings (id, active_scheme_id, active_version) values ('default', 'sch_x', 2) on conflict (id) do update set active_scheme_id = 'sch_x', active_version = 2`);
    expect(await liveTraffic(connection.db, 'sch_x', 'hour', NOW)).toEqual({ window: 'hour', version: 2, total: 4, node_hits: { c: 4, leaf: 4 }, edge_hits: { 'c:yes': 4 } });
    expect((await liveTraffic(connection.db, 'sch_x', 'day', NOW)).total).toBe(5);
  });
});
