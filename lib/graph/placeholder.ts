import type { SchemeDocument } from '../scheme/schema';
import { hasOwnKey } from './records';
import { NODE_CELL, NODE_GAP, NODE_SIZE } from './sizes';
import type { XYPosition } from './types';

const COLUMNS = 4;

/**
 * Positions for the nodes the layout does not place, in document order: a grid of fixed columns
 * starting one row below everything that is placed, so placeholders never cover a placed node.
 * A pure function of the document, so the same document always gets the same placeholders.
 */
export function placeholderPositions(doc: SchemeDocument): Map<string, XYPosition> {
  const unplaced: string[] = [];
  let left = Infinity;
  let bottom = -Infinity;
  for (const [id, node] of Object.entries(doc.nodes)) {
    const position = hasOwnKey(doc.layout, id) ? doc.layout![id]! : undefined;
    if (position === undefined) {
      unplaced.push(id);
      continue;
    }
    left = Math.min(left, position.x);
    bottom = Math.max(bottom, position.y + NODE_SIZE[node.type].height);
  }
  const originX = Number.isFinite(left) ? left : 0;
  const originY = Number.isFinite(bottom) ? bottom + NODE_GAP.layers : 0;
  const positions = new Map<string, XYPosition>();
  unplaced.forEach((id, index) => {
    positions.set(id, {
      x: originX + (index % COLUMNS) * (NODE_CELL.width + NODE_GAP.between),
      y: originY + Math.floor(index / COLUMNS) * (NODE_CELL.height + NODE_GAP.layers),
    });
  });
  return positions;
}
