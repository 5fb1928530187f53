import type { SchemeDocument } from '../scheme/schema';
import { successors } from './order';
import { hasOwnKey, ownValue } from './records';

/** A document read as a forest: what the tree layout places. */
export interface TreeShape {
  /** One root per component: the start first, then every node no branch leads to, in document order. */
  roots: string[];
  /** Each node's children in the forest, yes before no (a node reached by both branches appears once). */
  children: ReadonlyMap<string, readonly string[]>;
  /** Layer of every node: 0 for roots, one more than its parent in the forest. */
  depth: ReadonlyMap<string, number>;
}

/**
 * The document as a forest, or null when it is not one: a condition that two conditions branch to
 * (its whole subtree would belong to both), a start that a branch leads back to, or a cycle.
 *
 * A strategy shared by several conditions is allowed — operators share fallback leaves — and belongs
 * to its deepest parent (the first in document order among equals), so every branch to it still points
 * forward, to a later layer. Branches to ids that are not nodes are ignored.
 */
export function treeShape(doc: SchemeDocument): TreeShape | null {
  const ids = Object.keys(doc.nodes);
  const parents = new Map<string, string[]>();
  for (const id of ids) {
    for (const target of new Set(successors(doc, id))) {
      const list = parents.get(target);
      if (list === undefined) parents.set(target, [id]);
      else list.push(id);
    }
  }
  for (const [id, list] of parents) if (list.length > 1 && ownValue(doc.nodes, id)!.type === 'condition') return null;
  const hasStart = hasOwnKey(doc.nodes, doc.start);
  if (hasStart && parents.has(doc.start)) return null;
  const roots = [...(hasStart ? [doc.start] : []), ...ids.filter((id) => !parents.has(id) && !(hasStart && id === doc.start))];

  // Layers of everything with one parent, from the roots down. A node on a cycle is never reached: each
  // of its ancestors has exactly one parent, so following them never ends at a root.
  const depth = new Map<string, number>();
  const shared: string[] = [];
  const stack = roots.map((id) => ({ id, layer: 0 }));
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    depth.set(top.id, top.layer);
    for (const child of new Set(successors(doc, top.id))) {
      if (parents.get(child)!.length === 1) stack.push({ id: child, layer: top.layer + 1 });
      else if (parents.get(child)![0] === top.id) shared.push(child);
    }
  }
  const owner = new Map<string, string>();
  for (const leaf of shared) {
    const list = parents.get(leaf)!;
    if (list.some((parent) => !depth.has(parent))) return null;
    const deepest = list.reduce((best, parent) => (depth.get(parent)! > depth.get(best)! ? parent : best));
    owner.set(leaf, deepest);
    depth.set(leaf, depth.get(deepest)! + 1);
  }
  if (depth.size !== ids.length) return null;

  const children = new Map<string, string[]>();
  for (const id of ids) {
    const own = [...new Set(successors(doc, id))].filter((child) => parents.get(child)!.length === 1 || owner.get(child) === id);
    if (own.length > 0) children.set(id, own);
  }
  return { roots, children, depth };
}
