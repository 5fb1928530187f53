/**
 * The hash behind deterministic weight / random choices: a pure function of
 * (node id, transaction id). FNV-1a over UTF-16 code units, finished with murmur3's fmix32
 * avalanche so that near-identical ids (tx_000001, tx_000002, ...) spread uniformly.
 * The node-id part is hashed once at compile time (hashPrefix) and continued per transaction.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Separates the prefix from the key so ("ab", "c") and ("a", "bc") hash differently. */
const SEPARATOR = 0x1f;

/** The FNV state after `prefix` and a separator; feed it to hashWithPrefix. */
export function hashPrefix(prefix: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < prefix.length; i++) h = Math.imul(h ^ prefix.charCodeAt(i), FNV_PRIME);
  return Math.imul(h ^ SEPARATOR, FNV_PRIME) >>> 0;
}

/** Unsigned 32-bit hash of prefix + key, given hashPrefix(prefix). */
export function hashWithPrefix(prefixState: number, key: string): number {
  let h = prefixState;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return fmix32(h);
}

/** FNV-1a of a whole string (no prefix), finalised with fmix32. */
export function hashString(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return fmix32(h);
}

/** murmur3's 32-bit finaliser: spreads every input bit over the whole output. */
export function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A point in [0, 1) from a 32-bit hash. */
export function unitInterval(hash: number): number {
  return hash / 4294967296;
}

const ObjectPrototype = Object.prototype;
const getPrototypeOf = Object.getPrototypeOf;
const hasOwn = ObjectPrototype.hasOwnProperty;

/**
 * The string a transaction is hashed by: its own `id` when a string or finite number, else "".
 * Reads first and skips the hasOwn call when it cannot matter (see ownPropertySource in plan/codegen.ts).
 */
export function transactionKey(tx: unknown): string {
  if (typeof tx !== 'object' || tx === null) return '';
  const id = (tx as { id?: unknown }).id;
  if (id === undefined) return '';
  if ((getPrototypeOf(tx) !== ObjectPrototype || 'id' in ObjectPrototype) && !hasOwn.call(tx, 'id')) return '';
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return '';
}
