import type { SchemeDocument } from '../scheme/schema';
import { ownValue } from './records';

/**
 * `next` with every node and layout position that equals its counterpart in `previous` (same values,
 * same key order) replaced by the previous object. A document read from JSON text is all new objects;
 * sharing the unchanged ones keeps their identities, so the canvas re-renders only the nodes that
 * changed. Key order counts as a change because the JSON tab keeps the author's order.
 */
export function shareUnchanged(previous: SchemeDocument, next: SchemeDocument): SchemeDocument {
  const nodes = shareEntries(previous.nodes, next.nodes);
  const layout = next.layout === undefined ? undefined : shareEntries(previous.layout, next.layout);
  if (nodes === next.nodes && layout === next.layout) return next;
  return { ...next, nodes, ...(layout !== undefined ? { layout } : {}) };
}

function shareEntries<T>(previous: Readonly<Record<string, T>> | undefined, next: Readonly<Record<string, T>>): Record<string, T> {
  if (previous !== undefined && sameJson(previous, next)) return previous as Record<string, T>;
  let shared = false;
  const entries = Object.entries(next).map(([id, value]): [string, T] => {
    const old = ownValue(previous, id);
    if (old !== undefined && old !== value && sameJson(old, value)) {
      shared = true;
      return [id, old];
    }
    return [id, value];
  });
  return shared ? Object.fromEntries(entries) : (next as Record<string, T>);
}

/** Deep equality of JSON values, key order included. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  for (let i = 0; i < aKeys.length; i++) {
    const key = aKeys[i]!;
    if (key !== bKeys[i] || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
