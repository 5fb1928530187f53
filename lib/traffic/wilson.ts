/** z of a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval of x successes in n trials: unlike p ± z·√(p(1−p)/n) it stays inside
 * [0, 1] and is honest for small n and for rates near 0 or 1. Null for n = 0 (nothing observed).
 */
export function wilsonInterval(x: number, n: number, z = Z_95): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
