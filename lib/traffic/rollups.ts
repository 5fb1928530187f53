import type { Outcome, PathStep } from '../engine/types';
import type { OutcomeCategory } from '../processors/schema';
import { latencyBucket } from './latency';
import { SEGMENT_DIMENSIONS, type Segments } from './segments';

/**
 * Per-minute and per-hour rollups of recorded decisions and reported attempts, computed from a batch
 * in memory and then added to the stored ones (upsert: stored + batch). Pure: the unit tests check
 * them against hand-computed figures.
 *
 * Absent values are '' (never null: they are part of the key). Rows come out sorted by key, so two
 * instances adding to the same rows lock them in the same order and cannot deadlock.
 */
export const GRAINS = [
  { grain: 'minute', ms: 60_000 },
  { grain: 'hour', ms: 3_600_000 },
] as const;
export type Grain = (typeof GRAINS)[number]['grain'];

/** `all` is every payment of a processor, the others one value of a segment. */
export const ROLLUP_DIMENSIONS = ['all', ...SEGMENT_DIMENSIONS] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

export interface RecordedDecision {
  /** When it was decided (ms since epoch). */
  at: number;
  latencyUs: number;
  outcome: Outcome;
  processor: string | null;
  node: string | null;
  path: readonly PathStep[];
  scheme: { id: string; version: number } | null;
  segments: Segments;
}

export interface ReportedAttempt {
  /** When it was tried (ms since epoch): the minute its outcome counts in. */
  at: number;
  attempt: number;
  processor: string;
  outcome: OutcomeCategory;
  /** The decision's segments. */
  segments: Segments;
}

interface Keyed {
  bucket: number;
  grain: Grain;
}
export interface RouteRow extends Keyed { scheme_id: string; version: number; node: string; outcome: string; processor: string; decisions: number }
export interface BranchRow extends Keyed { scheme_id: string; version: number; node: string; branch: '' | 'yes' | 'no'; hits: number }
export interface LatencyRow extends Keyed { le_us: number; decisions: number }
export interface SegmentRow extends Keyed {
  dimension: RollupDimension;
  value: string;
  processor: string;
  decisions: number;
  attempts: number;
  approved: number;
  soft_declined: number;
  hard_declined: number;
  processor_errors: number;
  timeouts: number;
  rescued: number;
}

export interface DecisionRollups {
  routes: RouteRow[];
  branches: BranchRow[];
  segments: SegmentRow[];
  latency: LatencyRow[];
}

const OUTCOME_COLUMN: Readonly<Record<OutcomeCategory, keyof SegmentRow>> = {
  approved: 'approved',
  soft_decline: 'soft_declined',
  hard_decline: 'hard_declined',
  processor_error: 'processor_errors',
  timeout: 'timeouts',
};

/** Rows by key: `make` builds a row the first time its key is seen, `add` counts into it. */
class Accumulator<R> {
  private readonly rows = new Map<string, R>();
  row(key: string, make: () => R): R {
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = make()));
    return row;
  }
  sorted(): R[] {
    return [...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  }
}

const keyOf = (...parts: (string | number)[]) => parts.join('\u0000');
/** Bucket starts as fixed-width text, so keys sort in time order. */
const bucketKey = (bucket: number, grain: Grain) => `${String(bucket).padStart(15, '0')}\u0000${grain}`;

const emptySegment = (bucket: number, grain: Grain, dimension: RollupDimension, value: string, processor: string): SegmentRow => ({
  bucket, grain, dimension, value, processor, decisions: 0, attempts: 0, approved: 0, soft_declined: 0, hard_declined: 0, processor_errors: 0, timeouts: 0, rescued: 0,
});

function segmentRowsOf(rows: Accumulator<SegmentRow>, bucket: number, grain: Grain, segments: Segments, processor: string): SegmentRow[] {
  return ROLLUP_DIMENSIONS.map((dimension) => {
    const value = dimension === 'all' ? '' : segments[dimension];
    return rows.row(keyOf(bucketKey(bucket, grain), dimension, value, processor), () => emptySegment(bucket, grain, dimension, value, processor));
  });
}

export function rollupDecisions(decisions: Iterable<RecordedDecision>): DecisionRollups {
  const routes = new Accumulator<RouteRow>();
  const branches = new Accumulator<BranchRow>();
  const segments = new Accumulator<SegmentRow>();
  const latency = new Accumulator<LatencyRow>();
  for (const d of decisions) {
    const scheme_id = d.scheme?.id ?? '';
    const version = d.scheme?.version ?? 0;
    const node = d.node ?? '';
    const processor = d.processor ?? '';
    const le_us = latencyBucket(d.latencyUs);
    for (const { grain, ms } of GRAINS) {
      const bucket = Math.floor(d.at / ms) * ms;
      const time = bucketKey(bucket, grain);
      routes.row(keyOf(time, scheme_id, version, node, d.outcome, processor), () => ({ bucket, grain, scheme_id, version, node, outcome: d.outcome, processor, decisions: 0 })).decisions++;
      if (d.scheme) {
        for (const step of d.path) {
          const branch = step.result ? 'yes' : 'no';
          branches.row(keyOf(time, scheme_id, version, step.node, branch), () => ({ bucket, grain, scheme_id, version, node: step.node, branch, hits: 0 })).hits++;
        }
        if (d.node) branches.row(keyOf(time, scheme_id, version, d.node, ''), () => ({ bucket, grain, scheme_id, version, node, branch: '', hits: 0 })).hits++;
      }
      for (const row of segmentRowsOf(segments, bucket, grain, d.segments, processor)) row.decisions++;
      latency.row(keyOf(time, String(le_us).padStart(10, '0')), () => ({ bucket, grain, le_us, decisions: 0 })).decisions++;
    }
  }
  return { routes: routes.sorted(), branches: branches.sorted(), segments: segments.sorted(), latency: latency.sorted() };
}

export function rollupAttempts(attempts: Iterable<ReportedAttempt>): SegmentRow[] {
  const segments = new Accumulator<SegmentRow>();
  for (const a of attempts) {
    const column = OUTCOME_COLUMN[a.outcome];
    for (const { grain, ms } of GRAINS) {
      const bucket = Math.floor(a.at / ms) * ms;
      for (const row of segmentRowsOf(segments, bucket, grain, a.segments, a.processor)) {
        row.attempts++;
        (row[column] as number)++;
        if (a.outcome === 'approved' && a.attempt > 1) row.rescued++;
      }
    }
  }
  return segments.sorted();
}
