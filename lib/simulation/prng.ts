/**
 * Small, fast, platform-independent pseudo-random numbers for simulations. Everything is 32-bit integer
 * arithmetic (Math.imul), so a seed gives the same numbers in Node and in every browser.
 */
import { fmix32, hashString } from '../engine/hash';

/** Folds any finite number (negative, fractional or above 2^32) into a 32-bit seed. */
export function normaliseSeed(seed: number): number {
  if (!Number.isFinite(seed)) return 0;
  if (Number.isInteger(seed) && Math.abs(seed) < 2 ** 32) return seed >>> 0;
  return hashString(String(seed));
}

/**
 * A uniform number in [0, 1) that depends only on (seed, key, index): the draw for attempt `index` of
 * the transaction whose id hashes to `keyHash`. No hidden state, so draws do not depend on the order
 * in which transactions are simulated.
 */
export function unitAt(seed: number, keyHash: number, index: number): number {
  const h = fmix32(Math.imul(fmix32(seed ^ keyHash) + Math.imul(index + 1, 0x9e3779b9), 0x27d4eb2d) ^ keyHash);
  return h / 4294967296;
}

/** mulberry32: a sequential generator for synthetic traffic, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
