import { describe, expect, it } from 'vitest';
import { latencyBucket, latencyQuantile, OVERFLOW_BOUND_US } from './latency';

describe('latency histogram', () => {
  it('puts a latency in the first bucket it fits under', () => {
    expect(latencyBucket(0)).toBe(5);
    expect(latencyBucket(5)).toBe(5);
    expect(latencyBucket(6)).toBe(10);
    expect(latencyBucket(999)).toBe(1000);
    expect(latencyBucket(5_000_000)).toBe(OVERFLOW_BOUND_US);
  });

  it('interpolates quantiles inside a bucket', () => {
    // 100 decisions: 50 in (10, 15], 40 in (15, 20], 10 in (50, 75].
    const h = [{ le_us: 15, count: 50 }, { le_us: 20, count: 40 }, { le_us: 75, count: 10 }];
    expect(latencyQuantile(h, 0.5)).toBe(15); // rank 50: the top of the first bucket
    expect(latencyQuantile(h, 0.7)).toBe(17.5); // rank 70: half way through (15, 20]
    expect(latencyQuantile(h, 0.99)).toBe(72.5); // rank 99: 9 of 10 through (50, 75]
    expect(latencyQuantile([], 0.5)).toBeNull();
  });

  it('says "over a second" for the overflow bucket', () => {
    expect(latencyQuantile([{ le_us: OVERFLOW_BOUND_US, count: 3 }], 0.5)).toBe(1_000_000);
  });
});
