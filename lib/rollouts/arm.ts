/**
 * Which arm of a canary answers a payment: a pure function of (transaction id, rollout id), so a retry
 * of the same payment sticks to its arm, another rollout reshuffles, and a dry run can say in advance
 * which arm a payment would take. The id is the transaction's `id` field (text, or a number read as
 * its decimal text); a payment without one is answered by the control arm (nothing to stick to, and
 * the live version is the safe answer).
 */
export type Arm = 'control' | 'canary';

/** Shares are basis points: 10,000 = all traffic. */
export const FULL_SHARE_BP = 10_000;

/** The id a transaction is assigned by, or null when it has none. */
export function transactionIdOf(transaction: Record<string, unknown>): string | null {
  const id = transaction.id;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return null;
}

/**
 * The payment's bucket in [0, 10000): FNV-1a over "rollout id : transaction id", finished with
 * MurmurHash3's 32-bit mixer (FNV-1a alone leaves similar ids in nearby buckets), mapped by multiplying
 * rather than `%` so every bucket is equally likely.
 */
export function bucketOf(transactionId: string, rolloutId: string): number {
  let h = prefixState(rolloutId);
  for (let i = 0; i < transactionId.length; i++) {
    h ^= transactionId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.floor(((h >>> 0) * FULL_SHARE_BP) / 0x1_0000_0000);
}

/** FNV-1a's state after "rollout id :", kept for the last rollout asked (one runs at a time): the hot path hashes only the transaction id. */
let lastRollout = '';
let lastState = 0;
function prefixState(rolloutId: string): number {
  if (rolloutId === lastRollout && lastRollout !== '') return lastState;
  let h = 0x811c9dc5;
  const text = `${rolloutId}:`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  lastRollout = rolloutId;
  lastState = h;
  return h;
}

/** The canary takes the buckets below its share. */
export function armOf(transactionId: string | null, rolloutId: string, shareBp: number): Arm {
  if (transactionId === null || shareBp <= 0) return 'control';
  return bucketOf(transactionId, rolloutId) < shareBp ? 'canary' : 'control';
}
