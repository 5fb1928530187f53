/**
 * Decide latency as a histogram (counts per upper bound, in microseconds), so rollups can add it up
 * per minute and percentiles come from the sums. Bounds are closer together where decisions usually
 * fall (tens of microseconds) and wider beyond.
 */
export const LATENCY_BOUNDS_US: readonly number[] = [
  5, 10, 15, 20, 30, 40, 50, 75, 100, 150, 200, 300, 500, 750, 1_000, 2_000, 5_000, 10_000, 50_000, 100_000, 1_000_000,
];
/** The bound of the last bucket: everything slower than a second. */
export const OVERFLOW_BOUND_US = 2_147_483_647;

/** The upper bound of the bucket `us` falls in. */
export function latencyBucket(us: number): number {
  for (const bound of LATENCY_BOUNDS_US) if (us <= bound) return bound;
  return OVERFLOW_BOUND_US;
}

export interface LatencyCount {
  le_us: number;
  count: number;
}

/**
 * The q-quantile (0 < q ≤ 1) of a histogram, interpolated linearly inside its bucket; null for an
 * empty one. In the overflow bucket it is that bucket's lower bound (all we know: "over a second").
 */
export function latencyQuantile(histogram: readonly LatencyCount[], q: number): number | null {
  const sorted = [...histogram].filter((h) => h.count > 0).sort((a, b) => a.le_us - b.le_us);
  const total = sorted.reduce((sum, h) => sum + h.count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (const { le_us, count } of sorted) {
    if (below + count >= rank) {
      const index = LATENCY_BOUNDS_US.indexOf(le_us);
      const lower = le_us === OVERFLOW_BOUND_US ? LATENCY_BOUNDS_US[LATENCY_BOUNDS_US.length - 1]! : index > 0 ? LATENCY_BOUNDS_US[index - 1]! : 0;
      if (le_us === OVERFLOW_BOUND_US) return lower;
      return lower + ((le_us - lower) * (rank - below)) / count;
    }
    below += count;
  }
  return sorted[sorted.length - 1]!.le_us;
}
