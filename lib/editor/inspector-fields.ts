/**
 * Setting one field of a document object while keeping the author's key order: an existing key keeps
 * its place, a removed one disappears, and a new one goes where the canonical order puts it among the
 * keys already there (so a label added to a condition lands before its rules, not after `else`).
 */
export const CONDITION_KEY_ORDER = ['type', 'label', 'description', 'match', 'rules', 'then', 'else'] as const;
export const STRATEGY_KEY_ORDER = ['type', 'label', 'description', 'strategy', 'reason', 'processors', 'cascade', 'modifiers'] as const;

export function withField<T extends object, K extends keyof T & string>(
  object: T,
  key: K,
  value: T[K] | undefined,
  order: readonly string[],
): T {
  const entries = Object.entries(object) as [string, unknown][];
  if (value === undefined) return Object.fromEntries(entries.filter(([k]) => k !== key)) as T;
  if (Object.hasOwn(object, key)) return Object.fromEntries(entries.map(([k, v]) => [k, k === key ? value : v])) as T;
  const rank = order.indexOf(key);
  // Insert before the first existing key that the canonical order puts after this one.
  const at = rank < 0 ? -1 : entries.findIndex(([k]) => order.indexOf(k) > rank);
  const next = [...entries];
  next.splice(at < 0 ? next.length : at, 0, [key, value]);
  return Object.fromEntries(next) as T;
}
