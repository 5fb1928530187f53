/**
 * Reading dotted paths out of an untrusted transaction. Only own properties count, so keys such as
 * `__proto__`, `constructor` or `toString` read as absent unless the transaction itself carries them.
 * A reader returns the raw value, or undefined when the path is absent.
 */

export type Reader = (tx: unknown) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

/** The own property `key` of `value`, or undefined. */
export function ownProperty(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && hasOwn.call(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** A reader for a dotted path, specialised for the common one- and two-segment paths. */
export function pathReader(path: string): Reader {
  const segments = path.split('.');
  if (segments.length === 1) {
    const a = segments[0]!;
    return (tx) =>
      typeof tx === 'object' && tx !== null && hasOwn.call(tx, a) ? (tx as Record<string, unknown>)[a] : undefined;
  }
  if (segments.length === 2) {
    const a = segments[0]!;
    const b = segments[1]!;
    return (tx) => {
      if (typeof tx !== 'object' || tx === null || !hasOwn.call(tx, a)) return undefined;
      const inner = (tx as Record<string, unknown>)[a];
      return typeof inner === 'object' && inner !== null && hasOwn.call(inner, b)
        ? (inner as Record<string, unknown>)[b]
        : undefined;
    };
  }
  return (tx) => {
    let current: unknown = tx;
    for (let i = 0; i < segments.length; i++) {
      const key = segments[i]!;
      if (typeof current !== 'object' || current === null || !hasOwn.call(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current;
  };
}
