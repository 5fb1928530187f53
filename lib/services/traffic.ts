import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { queryRows } from '@/db/rows';
import { checkBaseline, type BaselineCheck } from '@/lib/traffic/baseline';
import { latencyQuantile, type LatencyCount } from '@/lib/traffic/latency';
import { addCounts, GRAINS, noCounts, OUTCOME_COUNTERS, type Grain, type OutcomeCounts } from '@/lib/traffic/rollups';
import { SEGMENT_DIMENSIONS, type SegmentDimension } from '@/lib/traffic/segments';
import { requireRole } from './access';
import type { ServiceContext } from './context';
import { ok, type Result } from './result';
import { getSettings } from './settings';
import { isId } from './arguments';

/**
 * What the traffic dashboard shows, read from the rollups only (never the decision log), so each
 * panel costs the same however many decisions were recorded: at most a few thousand rollup rows.
 * The last hour reads minute rollups; the last day and week read hour rollups for their totals
 * (the day's decisions-per-minute chart still reads minutes).
 */
export const TRAFFIC_WINDOWS = ['hour', 'day', 'week'] as const;
export type TrafficWindow = (typeof TRAFFIC_WINDOWS)[number];

const MINUTE = 60_000;
const HOUR = 3_600_000;
const BUCKETS: Record<TrafficWindow, { series: Grain; totals: Grain; count: number }> = {
  hour: { series: 'minute', totals: 'minute', count: 60 },
  day: { series: 'minute', totals: 'hour', count: 24 * 60 },
  week: { series: 'hour', totals: 'hour', count: 7 * 24 },
};
const grainMs = (grain: Grain) => GRAINS.find((g) => g.grain === grain)!.ms;

/** The first bucket of `grain` inside the window ending now. */
function windowStart(window: TrafficWindow, grain: Grain, now: number): number {
  const ms = grainMs(grain);
  const span = window === 'hour' ? HOUR : window === 'day' ? 24 * HOUR : 7 * 24 * HOUR;
  return Math.floor(now / ms) * ms - (Math.round(span / ms) - 1) * ms;
}

const at = (ms: number) => new Date(ms).toISOString();
const n = (value: unknown) => Number(value ?? 0);

/** Decisions per (bucket start in ms, `key`) of a rollup table, from `from` on. */
function rollupPerBucket<K extends 'outcome' | 'le_us'>(db: Db, table: 'traffic_routes' | 'traffic_latency', key: K, grain: Grain, from: number) {
  return queryRows<{ t: unknown; decisions: unknown } & Record<K, unknown>>(db, sql`
    select (extract(epoch from bucket) * 1000)::bigint as t, ${sql.identifier(key)}, sum(decisions) as decisions
    from ${sql.identifier(table)} where grain = ${grain} and bucket >= ${at(from)}::timestamptz
    group by 1, 2`);
}

export interface SeriesPoint {
  /** Bucket start (ms since epoch). */
  t: number;
  routed: number;
  blocked: number;
  no_route: number;
}

export interface DecisionSeries {
  grain: Grain;
  bucket_ms: number;
  points: SeriesPoint[];
}

/** Decisions per bucket by outcome, every bucket of the window present (0 where none). */
export async function decisionSeries(db: Db, window: TrafficWindow, now = Date.now()): Promise<DecisionSeries> {
  const grain = BUCKETS[window].series;
  const ms = grainMs(grain);
  const from = windowStart(window, grain, now);
  const rows = await rollupPerBucket<'outcome'>(db, 'traffic_routes', 'outcome', grain, from);
  const points = new Map<number, SeriesPoint>();
  for (let t = from; t <= now; t += ms) points.set(t, { t, routed: 0, blocked: 0, no_route: 0 });
  for (const row of rows) {
    const point = points.get(n(row.t));
    if (!point) continue;
    const key = row.outcome === 'route' ? 'routed' : row.outcome === 'blocked' ? 'blocked' : 'no_route';
    point[key] += n(row.decisions);
  }
  return { grain, bucket_ms: ms, points: [...points.values()] };
}

export interface ProcessorTraffic extends OutcomeCounts {
  processor: string;
  /** decisions ÷ routed decisions of the window. */
  share: number;
  /** approved ÷ attempts; null without attempts. */
  approval_rate: number | null;
}

export interface SegmentTraffic extends OutcomeCounts {
  value: string;
  approval_rate: number | null;
  by_processor: (OutcomeCounts & { processor: string; approval_rate: number | null })[];
}

export interface Approvals {
  grain: Grain;
  processors: ProcessorTraffic[];
  segments: Record<SegmentDimension, SegmentTraffic[]>;
}

const rateOf = (c: OutcomeCounts) => (c.attempts > 0 ? c.approved / c.attempts : null);

/** Per processor and per segment value: first choices and reported attempts by outcome. */
export async function approvals(db: Db, window: TrafficWindow, now = Date.now()): Promise<Approvals> {
  const grain = BUCKETS[window].totals;
  const rows = await queryRows<Record<string, unknown> & { dimension: string; value: string; processor: string }>(db, sql`
    select dimension, value, processor, ${sql.raw(OUTCOME_COUNTERS.map((c) => `sum(${c}) as ${c}`).join(', '))}
    from traffic_segments where grain = ${grain} and bucket >= ${at(windowStart(window, grain, now))}::timestamptz
    group by 1, 2, 3`);
  const counts = (row: Record<string, unknown>): OutcomeCounts => Object.fromEntries(OUTCOME_COUNTERS.map((c) => [c, n(row[c])])) as unknown as OutcomeCounts;
  const all = rows.filter((r) => r.dimension === 'all');
  const routed = all.filter((r) => r.processor !== '').reduce((sum, r) => sum + n(r.decisions), 0);
  const processors = all
    .filter((r) => r.processor !== '')
    .map((r) => {
      const c = counts(r);
      return { processor: r.processor, ...c, share: routed > 0 ? c.decisions / routed : 0, approval_rate: rateOf(c) };
    })
    .sort((a, b) => b.decisions - a.decisions || b.attempts - a.attempts || a.processor.localeCompare(b.processor));
  const segments = Object.fromEntries(SEGMENT_DIMENSIONS.map((d) => [d, [] as SegmentTraffic[]])) as Record<SegmentDimension, SegmentTraffic[]>;
  for (const dimension of SEGMENT_DIMENSIONS) {
    const byValue = new Map<string, SegmentTraffic>();
    for (const row of rows) {
      if (row.dimension !== dimension) continue;
      let segment = byValue.get(row.value);
      if (!segment) byValue.set(row.value, (segment = { value: row.value, ...noCounts(), approval_rate: null, by_processor: [] }));
      const c = counts(row);
      addCounts(segment, c);
      if (row.processor !== '' && c.attempts + c.decisions > 0) segment.by_processor.push({ processor: row.processor, ...c, approval_rate: rateOf(c) });
    }
    segments[dimension] = [...byValue.values()]
      .map((s) => ({ ...s, approval_rate: rateOf(s), by_processor: s.by_processor.sort((a, b) => b.attempts - a.attempts || a.processor.localeCompare(b.processor)) }))
      .sort((a, b) => b.decisions + b.attempts - (a.decisions + a.attempts) || a.value.localeCompare(b.value));
  }
  return { grain, processors, segments };
}

export interface LatencySummary {
  p50_us: number | null;
  p99_us: number | null;
  decisions: number;
  bucket_ms: number;
  points: { t: number; p50_us: number | null; p99_us: number | null }[];
}

/** Decide latency percentiles over the window and per bucket, from the rollups' histograms. */
export async function latencySummary(db: Db, window: TrafficWindow, now = Date.now()): Promise<LatencySummary> {
  const grain = BUCKETS[window].totals;
  const ms = grainMs(grain);
  const from = windowStart(window, grain, now);
  const rows = await rollupPerBucket<'le_us'>(db, 'traffic_latency', 'le_us', grain, from);
  const total = new Map<number, number>();
  const perBucket = new Map<number, LatencyCount[]>();
  for (const row of rows) {
    const le = n(row.le_us);
    const count = n(row.decisions);
    total.set(le, (total.get(le) ?? 0) + count);
    const t = n(row.t);
    let list = perBucket.get(t);
    if (!list) perBucket.set(t, (list = []));
    list.push({ le_us: le, count });
  }
  const histogram = [...total.entries()].map(([le_us, count]) => ({ le_us, count }));
  const points = [];
  for (let t = from; t <= now; t += ms) {
    const list = perBucket.get(t) ?? [];
    points.push({ t, p50_us: latencyQuantile(list, 0.5), p99_us: latencyQuantile(list, 0.99) });
  }
  return {
    p50_us: latencyQuantile(histogram, 0.5),
    p99_us: latencyQuantile(histogram, 0.99),
    decisions: histogram.reduce((sum, h) => sum + h.count, 0),
    bucket_ms: ms,
    points,
  };
}

/** The recent window checked against each processor's baseline: the last hour against the 7 days before it. */
export const RECENT_MS = HOUR;
export const BASELINE_MS = 7 * 24 * HOUR;

/**
 * Every processor with attempts in the last hour (minute rollups), checked against its own approval
 * rate over the 7 days before that hour (hour rollups) by a two-proportion z-test (lib/traffic/baseline.ts).
 */
export async function approvalBaselines(db: Db, now = Date.now()): Promise<BaselineCheck[]> {
  const recentFrom = Math.floor(now / MINUTE) * MINUTE - (RECENT_MS - MINUTE);
  const baselineTo = Math.floor(recentFrom / HOUR) * HOUR;
  const baselineFrom = baselineTo - BASELINE_MS;
  const rows = await queryRows<{ part: string; processor: string; attempts: unknown; approved: unknown }>(db, sql`
    select 'recent' as part, processor, sum(attempts) as attempts, sum(approved) as approved
    from traffic_segments where grain = 'minute' and dimension = 'all' and processor <> '' and bucket >= ${at(recentFrom)}::timestamptz
    group by processor
    union all
    select 'baseline', processor, sum(attempts), sum(approved)
    from traffic_segments where grain = 'hour' and dimension = 'all' and processor <> ''
      and bucket >= ${at(baselineFrom)}::timestamptz and bucket < ${at(baselineTo)}::timestamptz
    group by processor`);
  const parts = new Map<string, { recent: { approved: number; attempts: number }; baseline: { approved: number; attempts: number } }>();
  for (const row of rows) {
    let entry = parts.get(row.processor);
    if (!entry) parts.set(row.processor, (entry = { recent: { approved: 0, attempts: 0 }, baseline: { approved: 0, attempts: 0 } }));
    entry[row.part === 'recent' ? 'recent' : 'baseline'] = { approved: n(row.approved), attempts: n(row.attempts) };
  }
  return [...parts.entries()]
    .filter(([, p]) => p.recent.attempts > 0)
    .map(([processor, p]) => checkBaseline(processor, p.recent, p.baseline))
    .sort((a, b) => (a.z ?? 0) - (b.z ?? 0) || a.processor.localeCompare(b.processor));
}

export interface TrafficDashboard {
  window: TrafficWindow;
  generated_at: string;
  series: DecisionSeries;
  approvals: Approvals;
  latency: LatencySummary;
  baselines: BaselineCheck[];
}

/** Every panel of the dashboard; any signed-in user may read it. */
export async function trafficDashboard(ctx: ServiceContext, window: TrafficWindow, now = Date.now()): Promise<Result<TrafficDashboard>> {
  const allowed = requireRole(ctx, 'viewer');
  if (!allowed.ok) return allowed;
  const [series, shares, latency, baselines] = await Promise.all([
    decisionSeries(ctx.db, window, now),
    approvals(ctx.db, window, now),
    latencySummary(ctx.db, window, now),
    approvalBaselines(ctx.db, now),
  ]);
  return ok({ window, generated_at: at(now), series, approvals: shares, latency, baselines });
}

export interface LiveTraffic {
  window: TrafficWindow;
  /** The active version of the scheme, whose recorded decisions these are; null when the scheme is not live. */
  version: number | null;
  /** Decisions of that version in the window. */
  total: number;
  /** Node → decisions that passed through it. */
  node_hits: Record<string, number>;
  /** `<condition>:yes` / `<condition>:no` → decisions that took that branch. */
  edge_hits: Record<string, number>;
}

/** The live heat map of a scheme: hits per node and branch of its active version over the window, from the rollups. */
export async function liveTraffic(db: Db, schemeId: string, window: TrafficWindow, now = Date.now()): Promise<LiveTraffic> {
  const empty: LiveTraffic = { window, version: null, total: 0, node_hits: {}, edge_hits: {} };
  if (!isId(schemeId)) return empty; // no such scheme, nothing looked up
  const settings = await getSettings(db);
  if (settings.active_scheme_id !== schemeId || settings.active_version === null) return empty;
  const version = settings.active_version;
  const grain = BUCKETS[window].totals;
  const rows = await queryRows<{ node: string; branch: string; hits: unknown }>(db, sql`
    select node, branch, sum(hits) as hits from traffic_branches
    where grain = ${grain} and bucket >= ${at(windowStart(window, grain, now))}::timestamptz and scheme_id = ${schemeId} and version = ${version}
    group by node, branch`);
  const traffic: LiveTraffic = { ...empty, version };
  for (const row of rows) {
    const hits = n(row.hits);
    traffic.node_hits[row.node] = (traffic.node_hits[row.node] ?? 0) + hits;
    if (row.branch === '') traffic.total += hits;
    else traffic.edge_hits[`${row.node}:${row.branch}`] = hits;
  }
  return traffic;
}
