import 'server-only';

/**
 * Failed API key checks per client address, as a token bucket: a burst of FAILURE_BURST failures,
 * then one more every FAILURE_REFILL_MS. An address out of tokens gets 429 for keys this instance
 * does not already know, before any hashing or database query, so guessing keys costs the database
 * almost nothing. Callers with a key already verified here are never slowed by their neighbours.
 */
export const FAILURE_BURST = 20;
export const FAILURE_REFILL_MS = 3_000;
const MAX_TRACKED = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class AuthThrottle {
  private readonly buckets = new Map<string, Bucket>();

  /** Seconds until `address` may try an unknown key again, or 0 when it may now. */
  retryAfter(address: string, now = Date.now()): number {
    const bucket = this.buckets.get(address);
    if (!bucket) return 0;
    const tokens = this.refilled(bucket, now);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil(((1 - tokens) * FAILURE_REFILL_MS) / 1000));
  }

  failed(address: string, now = Date.now()): void {
    const bucket = this.buckets.get(address);
    if (bucket) {
      bucket.tokens = Math.max(0, this.refilled(bucket, now) - 1);
      bucket.at = now;
      return;
    }
    if (this.buckets.size >= MAX_TRACKED) this.prune(now);
    this.buckets.set(address, { tokens: FAILURE_BURST - 1, at: now });
  }

  clear(): void {
    this.buckets.clear();
  }

  private refilled(bucket: Bucket, now: number): number {
    return Math.min(FAILURE_BURST, bucket.tokens + (now - bucket.at) / FAILURE_REFILL_MS);
  }

  /** Drops full buckets (nothing to remember); when every one is still draining, the oldest. */
  private prune(now: number): void {
    for (const [address, bucket] of this.buckets) if (this.refilled(bucket, now) >= FAILURE_BURST) this.buckets.delete(address);
    if (this.buckets.size >= MAX_TRACKED) this.buckets.delete(this.buckets.keys().next().value!);
  }
}

export const authThrottle = new AuthThrottle();
