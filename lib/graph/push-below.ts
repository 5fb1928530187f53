/**
 * Room for a node that grew: when a condition gets taller (a rule added) and now covers, or nearly
 * touches, nodes under it, those nodes and what hangs off them move down by just enough, together, so
 * the drawing keeps its shape. Pure: positions in, positions of the moved nodes out.
 */
import type { SchemeDocument } from '../scheme/schema';
import type { LayoutDirection } from './layout';
import { successors } from './order';
import { NODE_GAP } from './sizes';
import type { XYPosition } from './types';

export interface Size {
  width: number;
  height: number;
}

export interface Growth {
  id: string;
  /** The node's height before and after. */
  before: number;
  after: number;
}

/**
 * New positions for the nodes a grown node covers (and their descendants; top to bottom, the grown
 * node's own descendants too), or null when it covers nothing. `positions` are where nodes are drawn
 * (top-left), `sizes` how big.
 */
export function pushBelow(
  doc: SchemeDocument,
  growth: Growth,
  positions: Readonly<Record<string, XYPosition>>,
  sizes: Readonly<Record<string, Size>>,
  direction: LayoutDirection,
  gap = NODE_GAP.between / 2,
): Record<string, XYPosition> | null {
  const at = positions[growth.id];
  const size = sizes[growth.id];
  if (!at || !size || growth.after <= growth.before) return null;
  const oldBottom = at.y + growth.before;
  const newBottom = at.y + growth.after;
  const overlapsColumn = (p: XYPosition, s: Size) => p.x < at.x + size.width && at.x < p.x + s.width;
  const covered = Object.keys(positions).filter((id) => {
    const p = positions[id]!;
    const s = sizes[id];
    return id !== growth.id && s !== undefined && p.y >= oldBottom - 1 && p.y < newBottom + gap && overlapsColumn(p, s);
  });
  if (covered.length === 0) return null;
  const shift = Math.ceil(newBottom + gap - Math.min(...covered.map((id) => positions[id]!.y)));
  if (shift <= 0) return null;

  const ancestors = ancestorsOf(doc, growth.id);
  const moving = new Set<string>();
  const roots = direction === 'down' ? [...covered, ...successors(doc, growth.id)] : covered;
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (moving.has(id) || id === growth.id || ancestors.has(id) || !positions[id]) continue;
    // Only what is below the grown node's old bottom moves; nothing beside or above it.
    if (positions[id]!.y < oldBottom - 1) continue;
    moving.add(id);
    stack.push(...successors(doc, id));
  }
  if (moving.size === 0) return null;
  return Object.fromEntries([...moving].map((id) => [id, { x: positions[id]!.x, y: positions[id]!.y + shift }]));
}

function ancestorsOf(doc: SchemeDocument, id: string): Set<string> {
  const parents = new Map<string, string[]>();
  for (const source of Object.keys(doc.nodes)) for (const target of successors(doc, source)) parents.set(target, [...(parents.get(target) ?? []), source]);
  const seen = new Set<string>();
  const stack = [...(parents.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(parents.get(next) ?? []));
  }
  return seen;
}
