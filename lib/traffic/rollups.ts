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
/** The counters of a segment rollup row, summed again by the dashboard. */
export const OUTCOME_COUNTERS = ['decisions', 'attempts', 'approved', 'soft_declined', 'hard_declined', 'processor_errors', 'timeouts', 'rescued'] as const;
export type OutcomeCounts = Record<(typeof OUTCOME_COUNTERS)[number], number>;
export const noCounts = (): OutcomeCounts => ({ decisions: 0, attempts: 0, approved: 0, soft_declined: 0, hard_declined: 0, processor_errors: 0, timeouts: 0, rescued: 0 });
export function addCounts(into: OutcomeCounts, from: OutcomeCounts): void {
  for (const key of OUTCOME_COUNTERS) into[key] += from[key];
}

export interface SegmentRow extends Keyed, OutcomeCounts {
  dimension: RollupDimension;
  value: string;
  processor: string;
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

/**
 * Rows of one rollup table, counted per minute; the hour rows are derived from the minute rows at
 * the end (there are far fewer of those than decisions), so each decision is counted once, not per grain.
 * Keys are the bucket's fixed-width time then the row's other key fields, so they sort in time order.
 */
class Accumulator<R extends Keyed> {
  private readonly minutes = new Map<string, { rest: string; row: R }>();
  constructor(private readonly add: (into: R, from: R) => void) {}

  row(time: TimeKey, rest: string, make: () => R): R {
    const key = time.key + rest;
    let entry = this.minutes.get(key);
    if (!entry) this.minutes.set(key, (entry = { rest, row: make() }));
    return entry.row;
  }

  /** Minute and hour rows together, sorted by key. */
  sorted(): R[] {
    const all = new Map<string, R>();
    for (const [key, { rest, row }] of this.minutes) {
      all.set(key, row);
      const bucket = Math.floor(row.bucket / HOUR_MS) * HOUR_MS;
      const hourKey = bucketKey(bucket, 'hour') + rest;
      const hour = all.get(hourKey);
      if (hour) this.add(hour, row);
      else all.set(hourKey, { ...row, bucket, grain: 'hour' });
    }
    return [...all.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  }
}

const MINUTE_MS = GRAINS[0].ms;
const HOUR_MS = GRAINS[1].ms;
/** Bucket starts as fixed-width text, so keys sort in time order. */
const bucketKey = (bucket: number, grain: Grain) => `${String(bucket).padStart(15, '0')}\u0000${grain}`;

interface TimeKey {
  bucket: number;
  key: string;
}

/** The minute of `at`, its key made once per minute rather than once per row. */
class Minutes {
  private last: TimeKey = { bucket: NaN, key: '' };
  of(at: number): TimeKey {
    const bucket = Math.floor(at / MINUTE_MS) * MINUTE_MS;
    if (bucket !== this.last.bucket) this.last = { bucket, key: bucketKey(bucket, 'minute') };
    return this.last;
  }
}

const emptySegment = (bucket: number, dimension: RollupDimension, value: string, processor: string): SegmentRow => ({
  bucket, grain: 'minute', dimension, value, processor, ...noCounts(),
});

function segmentRowsOf(rows: Accumulator<SegmentRow>, time: TimeKey, segments: Segments, processor: string, out: SegmentRow[]): SegmentRow[] {
  for (let i = 0; i < ROLLUP_DIMENSIONS.length; i++) {
    const dimension = ROLLUP_DIMENSIONS[i]!;
    const value = dimension === 'all' ? '' : segments[dimension];
    out[i] = rows.row(time, `\u0000${dimension}\u0000${value}\u0000${processor}`, () => emptySegment(time.bucket, dimension, value, processor));
  }
  return out;
}

/**
 * What the rollups count a decision by, as one string: its version, node, outcome, processor,
 * segments and path (the minute apart). Decisions with the same key are counted together, one key
 * per decision instead of one per row it touches; the decision log packs it with each row, so a
 * batch reaches its writer's thread as strings.
 */
export function decisionGroupKey(d: Omit<RecordedDecision, 'at' | 'latencyUs'>): string {
  const { segments: g } = d;
  let path = '';
  for (const step of d.path) path += `${step.node}${step.result ? YES : NO}`;
  return `${d.scheme?.id ?? ''}\u0000${d.scheme?.version ?? 0}\u0000${d.node ?? ''}\u0000${d.outcome}\u0000${d.processor ?? ''}\u0000${g.currency}\u0000${g.card_country}\u0000${g.card_brand}\u0000${g.payment_method}\u0000${path}`;
}

/** Path steps in a group key: the node id, then whether its condition held (node ids never hold these). */
const YES = '\u0001';
const NO = '\u0002';

interface Group {
  scheme_id: string;
  version: number;
  node: string;
  outcome: string;
  processor: string;
  segments: Segments;
  path: PathStep[];
}

/** A group key read back: once per distinct key of a batch. */
function groupOf(key: string): Group {
  const [scheme_id = '', version = '0', node = '', outcome = '', processor = '', currency = '', card_country = '', card_brand = '', payment_method = '', steps = ''] = key.split('\u0000');
  const path: PathStep[] = [];
  let from = 0;
  for (let i = 0; i < steps.length; i++) {
    const c = steps[i];
    if (c !== YES && c !== NO) continue;
    path.push({ node: steps.slice(from, i), result: c === YES });
    from = i + 1;
  }
  return { scheme_id, version: Number(version), node, outcome, processor, segments: { currency, card_country, card_brand, payment_method }, path };
}

export function rollupDecisions(decisions: Iterable<RecordedDecision>): DecisionRollups {
  const builder = new DecisionRollupBuilder();
  for (const d of decisions) builder.add(d.at, d.latencyUs, decisionGroupKey(d));
  return builder.build();
}

/**
 * A builder's counts as a few flat arrays: what a packed batch carries to its writer's thread, one
 * entry per distinct group of a minute rather than a key per decision (a thousand decisions share a
 * few hundred keys, and each string handed between threads is copied and hashed again).
 */
export interface RollupTally {
  /** Per (minute, group key): its minute, key and count. */
  groupMinutes: Float64Array;
  groupKeys: string[];
  groupCounts: Float64Array;
  /** Per (minute, latency bucket): minute, le_us and count, flat. */
  latency: Float64Array;
}

/** rollupDecisions a decision at a time (by its group key), so a large batch can be counted in slices. */
export class DecisionRollupBuilder {
  private readonly groups = new Map<number, Map<string, number>>();
  private readonly latencies = new Map<number, Map<number, number>>();

  add(at: number, latencyUs: number, groupKey: string): void {
    const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
    this.count(this.groups, minute, groupKey, 1);
    this.count(this.latencies, minute, latencyBucket(latencyUs), 1);
  }

  /** Adds another builder's counts (its tally). */
  addTally(tally: RollupTally): void {
    const { groupMinutes, groupKeys, groupCounts, latency } = tally;
    for (let i = 0; i < groupKeys.length; i++) this.count(this.groups, groupMinutes[i]!, groupKeys[i]!, groupCounts[i]!);
    for (let i = 0; i + 2 < latency.length; i += 3) this.count(this.latencies, latency[i]!, latency[i + 1]!, latency[i + 2]!);
  }

  tally(): RollupTally {
    const groupMinutes: number[] = [];
    const groupKeys: string[] = [];
    const groupCounts: number[] = [];
    for (const [minute, byKey] of this.groups) {
      for (const [key, n] of byKey) {
        groupMinutes.push(minute);
        groupKeys.push(key);
        groupCounts.push(n);
      }
    }
    const latency: number[] = [];
    for (const [minute, counts] of this.latencies) for (const [le, n] of counts) latency.push(minute, le, n);
    return { groupMinutes: Float64Array.from(groupMinutes), groupKeys, groupCounts: Float64Array.from(groupCounts), latency: Float64Array.from(latency) };
  }

  private count<K>(into: Map<number, Map<K, number>>, minute: number, key: K, n: number): void {
    let counts = into.get(minute);
    if (!counts) into.set(minute, (counts = new Map()));
    counts.set(key, (counts.get(key) ?? 0) + n);
  }

  build(): DecisionRollups {
    const { groups, latencies } = this;
    const routes = new Accumulator<RouteRow>((into, from) => (into.decisions += from.decisions));
    const branches = new Accumulator<BranchRow>((into, from) => (into.hits += from.hits));
    const segments = new Accumulator<SegmentRow>(addCounts);
    const latency = new Accumulator<LatencyRow>((into, from) => (into.decisions += from.decisions));
    const minutes = new Minutes();
    const segmentRows: SegmentRow[] = [];
    const decoded = new Map<string, Group>();
    for (const [minute, byKey] of groups) {
      const time = minutes.of(minute);
      const bucket = time.bucket;
      const grain = 'minute';
      for (const [key, n] of byKey) {
        let d = decoded.get(key);
        if (!d) decoded.set(key, (d = groupOf(key)));
        const { scheme_id, version, node, processor } = d;
        const version_ = `\u0000${scheme_id}\u0000${version}\u0000`;
        routes.row(time, `${version_}${node}\u0000${d.outcome}\u0000${processor}`, () => ({ bucket, grain, scheme_id, version, node, outcome: d.outcome, processor, decisions: 0 })).decisions += n;
        if (scheme_id !== '') {
          for (const step of d.path) {
            const branch = step.result ? 'yes' : 'no';
            branches.row(time, `${version_}${step.node}\u0000${branch}`, () => ({ bucket, grain, scheme_id, version, node: step.node, branch, hits: 0 })).hits += n;
          }
          if (node !== '') branches.row(time, `${version_}${node}\u0000`, () => ({ bucket, grain, scheme_id, version, node, branch: '', hits: 0 })).hits += n;
        }
        for (const row of segmentRowsOf(segments, time, d.segments, processor, segmentRows)) row.decisions += n;
      }
    }
    for (const [minute, counts] of latencies) {
      const time = minutes.of(minute);
      for (const [le_us, n] of counts) {
        latency.row(time, `\u0000${String(le_us).padStart(10, '0')}`, () => ({ bucket: time.bucket, grain: 'minute', le_us, decisions: 0 })).decisions += n;
      }
    }
    return { routes: routes.sorted(), branches: branches.sorted(), segments: segments.sorted(), latency: latency.sorted() };
  }
}

export function rollupAttempts(attempts: Iterable<ReportedAttempt>): SegmentRow[] {
  const segments = new Accumulator<SegmentRow>(addCounts);
  const minutes = new Minutes();
  const segmentRows: SegmentRow[] = [];
  for (const a of attempts) {
    const column = OUTCOME_COLUMN[a.outcome];
    for (const row of segmentRowsOf(segments, minutes.of(a.at), a.segments, a.processor, segmentRows)) {
      row.attempts++;
      (row[column] as number)++;
      if (a.outcome === 'approved' && a.attempt > 1) row.rescued++;
    }
  }
  return segments.sorted();
}
