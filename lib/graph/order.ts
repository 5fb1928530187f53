import type { SchemeDocument } from '../scheme/schema';
import { hasOwnKey, ownValue } from './records';

/** The ids a node's branches name, yes first, keeping only ids that are nodes. */
export function successors(doc: SchemeDocument, id: string): string[] {
  const node = ownValue(doc.nodes, id);
  if (node === undefined || node.type !== 'condition') return [];
  return [node.then, node.else].filter((target): target is string => target !== undefined && hasOwnKey(doc.nodes, target));
}

/**
 * Node ids in a reading order for layout: depth-first reverse post-order from the start (then from
 * every node not reached yet, in document order), visiting `no` before `yes` so that a yes branch
 * comes before its sibling no branch. On a DAG every branch points forward in this order; on a draft
 * with cycles, exactly the back edges point backward. Iterative, so deep schemes cannot overflow.
 */
export function layoutOrder(doc: SchemeDocument): string[] {
  const visited = new Set<string>();
  const postOrder: string[] = [];
  const roots = [...(hasOwnKey(doc.nodes, doc.start) ? [doc.start] : []), ...Object.keys(doc.nodes)];
  for (const root of roots) {
    if (visited.has(root)) continue;
    visited.add(root);
    const stack: { id: string; next: string[] }[] = [{ id: root, next: successors(doc, root).reverse() }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const child = top.next.shift();
      if (child === undefined) {
        postOrder.push(top.id);
        stack.pop();
      } else if (!visited.has(child)) {
        visited.add(child);
        stack.push({ id: child, next: successors(doc, child).reverse() });
      }
    }
  }
  return postOrder.reverse();
}
